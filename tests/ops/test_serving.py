"""The production server: gunicorn with the project's configuration, WhiteNoise's hashed and
compressed static files, gzip for pages, and the headers on every answer."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import override_settings

# Leaflet.draw's source points at a map file it does not ship; the admin and the API's
# documentation bundles are large. Neither is needed to check how files are served.
IGNORED = ["-i", "ninja", "-i", "admin", "-i", "draw"]
HASHED_CSS = re.compile(r"/static/core/app\.[0-9a-f]{12}\.css")


def _environment(static_root: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "STATIC_ROOT": str(static_root),
        "STATIC_MANIFEST": "1",
        **extra,
    }


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    static_root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "-m", "praeventionsnetz", "collectstatic", "--no-input", "-v0", *IGNORED],
        env=_environment(static_root),
        check=True,
    )
    return static_root


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "localhost", **headers})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def gunicorn(collected, tmp_path_factory):
    """gunicorn as `make serve` starts it, with two workers, on an empty SQLite file."""
    port = _free_port()
    database = tmp_path_factory.mktemp("db") / "leer.sqlite3"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:praeventionsnetz.config.gunicorn",
            "praeventionsnetz.config.wsgi",
        ],
        env=_environment(
            collected,
            BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="2",
            DATABASE_URL=f"sqlite:///{database}",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(port, "/health/live/")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    yield port
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def test_collectstatic_writes_hashed_and_compressed_files(collected):
    [css] = [
        p
        for p in (collected / "core").glob("app.*.css")
        if HASHED_CSS.search(f"/static/core/{p.name}")
    ]
    assert (css.parent / (css.name + ".gz")).exists()
    assert (css.parent / (css.name + ".br")).exists()
    assert (collected / "staticfiles.json").exists()
    assert list((collected / "leaflet").glob("leaflet.*.js"))


def test_hashed_static_files_are_served_compressed_for_a_year(gunicorn, collected):
    [css] = [p.name for p in (collected / "core").glob("app.*.css") if p.name.count(".") == 2]
    brotli = _get(gunicorn, f"/static/core/{css}", **{"Accept-Encoding": "gzip, br"})
    assert brotli.status == 200
    assert brotli.getheader("Content-Encoding") == "br"
    assert "immutable" in brotli.getheader("Cache-Control")
    zipped = _get(gunicorn, f"/static/core/{css}", **{"Accept-Encoding": "gzip"})
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(zipped.body) == (collected / "core" / css).read_bytes()
    assert _get(gunicorn, "/static/core/gibt-es-nicht.css").status == 404


def test_answers_carry_the_security_headers_and_a_request_id(gunicorn):
    response = _get(gunicorn, "/health/live/")
    assert response.status == 200
    assert response.getheader("Server").startswith("gunicorn")
    assert "script-src 'self'" in response.getheader("Content-Security-Policy")
    assert response.getheader("X-Frame-Options") == "DENY"
    assert len(response.getheader("X-Request-ID")) == 32


def test_health_checks_the_database_of_the_served_process(gunicorn):
    # The served database is an empty file, never migrated: it answers, but the queue's
    # table is missing, so the process is not ready.
    response = _get(gunicorn, "/health/")
    assert response.status == 503
    body = json.loads(response.body)
    assert body["database"] == {"status": "ok", "engine": "sqlite"}
    assert body["tasks"] == {"status": "error"}


def test_pages_name_the_hashed_files_when_collected(client, db, collected):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=collected):
        page = client.get("/anmelden/").content.decode()
    assert HASHED_CSS.search(page)


def test_pages_are_gzipped_for_clients_that_ask(client, db):
    response = client.get("/anmelden/", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Anmelden" in gzip.decompress(response.content).decode()
    assert "Accept-Encoding" in response["Vary"]
