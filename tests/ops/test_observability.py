"""Request ids, the request log line and its context, the JSON log format, /health/."""

from __future__ import annotations

import io
import json
import logging
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from praeventionsnetz.core.observability import RequestContextFilter, request_id_from


@pytest.fixture
def request_records():
    """The records of the request logger while a test runs, with the context filter applied."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep()
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("praeventionsnetz.request")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield records
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_a_proxy_id_is_taken_only_when_trusted_and_well_formed():
    assert request_id_from("abcd-1234-efgh", trust_header=True) == "abcd-1234-efgh"
    assert request_id_from("abcd-1234-efgh", trust_header=False) != "abcd-1234-efgh"
    hostile = '<script>alert(1)</script>"\n'
    assert request_id_from(hostile, trust_header=True) != hostile
    assert len(request_id_from(None, trust_header=True)) == 32


def test_every_answer_carries_its_request_id(client, db):
    first = client.get(reverse("core:health-live"))
    second = client.get(reverse("core:health-live"))
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


@override_settings(BEHIND_PROXY=True)
def test_behind_a_proxy_its_request_id_is_kept(client, db):
    response = client.get(reverse("core:health-live"), headers={"X-Request-ID": "proxy-id-42-abc"})
    assert response["X-Request-ID"] == "proxy-id-42-abc"


def test_the_request_line_names_id_and_user_but_not_the_query(client, planner, request_records):
    client.force_login(planner)
    response = client.get(reverse("core:account") + "?suche=Schuldnerberatung")

    [record] = [r for r in request_records if r.path == reverse("core:account")]
    assert record.status == 200
    assert record.method == "GET"
    assert record.request_id == response["X-Request-ID"]
    assert record.user_id == planner.pk
    assert "Schuldnerberatung" not in record.getMessage()
    assert record.duration_ms >= 0


def test_anonymous_requests_log_no_user_and_load_none(client, db, request_records):
    client.get(reverse("core:health-live"))
    [record] = request_records
    assert record.user_id == "-"


def test_a_record_outside_requests_has_placeholders():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "Nachricht", None, None)
    assert RequestContextFilter().filter(record)
    assert (record.request_id, record.user_id) == ("-", "-")


def test_the_json_format_writes_one_object_per_line_with_the_context():
    from django.conf import settings

    config = settings.LOGGING["formatters"]["json"]
    formatter = JsonFormatter(config["fmt"], rename_fields=config["rename_fields"])
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("praeventionsnetz.test.json")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning('Import „Öl“ fehlgeschlagen: <b>"x"</b>')
    finally:
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert line["message"] == 'Import „Öl“ fehlgeschlagen: <b>"x"</b>'
    assert line["level"] == "WARNING"
    assert line["logger"] == "praeventionsnetz.test.json"
    assert {"time", "request_id", "user_id"} <= line.keys()


def test_health_reports_the_database(client, db):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_health_fails_with_503_when_the_database_does_not_answer(client, db):
    with mock.patch("praeventionsnetz.core.health.connection") as broken:
        broken.cursor.side_effect = DatabaseError("connection refused")
        response = client.get(reverse("core:health"))
    assert response.status_code == 503
    assert response.json()["database"] == {"status": "error"}
    assert "connection refused" not in response.content.decode()


def test_liveness_needs_no_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("core:health-live"))
    assert response.content == b"ok"


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "locmem.LocMemCache"),
        ("db", "db.DatabaseCache"),
        ("redis://cache:6379/0", "redis.RedisCache"),
    ],
)
def test_the_cache_is_chosen_by_its_url(url, backend):
    from praeventionsnetz.config.settings import cache_from_url

    assert cache_from_url(url)["BACKEND"].endswith(backend)


def test_an_unknown_cache_url_is_refused_plainly():
    from django.core.exceptions import ImproperlyConfigured

    from praeventionsnetz.config.settings import cache_from_url

    with pytest.raises(ImproperlyConfigured, match="neither"):
        cache_from_url("memcached://x")


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_table_of_a_database_cache():
    from django.core.cache import caches
    from django.core.management import call_command

    cache_settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "praeventionsnetz_cache",
        }
    }
    with override_settings(CACHES=cache_settings):
        call_command("migrate", "core", verbosity=0)
        cache = caches.create_connection("default")
        cache.set("zaehler", 1)
        assert cache.incr("zaehler") == 2


def test_health_reports_the_task_queue(client, db):
    body = client.get(reverse("core:health")).json()
    assert body["tasks"]["status"] == "ok"
    assert body["tasks"]["waiting"] == 0


def test_health_fails_when_tasks_wait_and_no_worker_works_them_off(client, db):
    stuck = {
        "backend": "database",
        "waiting": 3,
        "running": 0,
        "oldest_waiting_seconds": 900.0,
        "worker_last_seen_seconds": None,
        "worker_seen_recently": False,
    }
    with mock.patch("praeventionsnetz.core.jobs.queue_status", return_value=stuck):
        response = client.get(reverse("core:health"))
    assert response.status_code == 503
    assert response.json()["tasks"]["waiting"] == 3
