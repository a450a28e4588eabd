"""Background tasks (core.jobs): progress and outcome recorded, the task page, the queue,
and a real worker of the database backend."""

import datetime as dt
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.jobs import (
    JobFailed,
    Outcome,
    job_progress,
    job_start,
    job_task,
    queue_status,
)
from praeventionsnetz.core.models import Job
from tests.factories import UserFactory


@job_task
def count_to(job, *, n: int) -> Outcome:
    for i in range(1, n + 1):
        job_progress(job, done=i, total=n, message=f"Schritt {i}")
    return Outcome(message="Alles gezählt.", url="/monitoring/", label="Zu den Zahlen")


@job_task
def refuse(job, *, why: str):
    job_progress(job, done=1, total=4)
    if why == "domain":
        raise DomainError("Die Datei enthält keine Werte.")
    raise JobFailed("Zeile 3: unbekanntes Gebiet.", url="/monitoring/import/", label="Zurück")


@job_task
def crash(job):
    raise ValueError("geheimes Detail aus der Datenbank")


def _job_page(client, job, **headers):
    return client.get(reverse("core:job-detail", args=[job.pk]), **headers)


# --- recording -----------------------------------------------------------------------------


def test_progress_and_outcome_are_recorded(planner):
    job = job_start(count_to, user=planner, title="Zählen", n=3)
    assert job.state == Job.State.DONE
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.message == "Alles gezählt."
    assert (job.result_url, job.result_label) == ("/monitoring/", "Zu den Zahlen")
    assert job.owner == planner
    assert job.task_path == "tests.core.test_jobs.count_to"
    assert job.started_at is not None
    assert job.finished_at is not None
    assert job.task_result_id


def test_progress_is_kept_while_the_task_runs(planner):
    job = Job.objects.create(task_path="x", title="Zählen", owner=planner)
    job_progress(job, done=2, total=8, message="Zeilen prüfen")
    job.refresh_from_db()
    assert (job.done, job.total, job.message, job.percent) == (2, 8, "Zeilen prüfen", 25)
    assert job.state == Job.State.WAITING


@pytest.mark.parametrize(
    ("why", "error", "url"),
    [
        ("domain", "Die Datei enthält keine Werte.", ""),
        ("rows", "Zeile 3: unbekanntes Gebiet.", "/monitoring/import/"),
    ],
)
def test_a_refused_task_fails_with_the_text_for_its_user(planner, why, error, url):
    job = job_start(refuse, user=planner, title="Prüfen", why=why)
    assert job.state == Job.State.FAILED
    assert job.error == error
    assert job.result_url == url
    assert job.done == 1


def test_an_unexpected_error_fails_in_plain_words_and_logs_the_traceback(planner, caplog):
    with caplog.at_level(logging.ERROR, logger="praeventionsnetz.core.jobs"):
        job = job_start(crash, user=planner, title="Absturz")
    assert job.state == Job.State.FAILED
    assert "geheimes Detail" not in job.error
    assert "Traceback" not in job.error
    assert job.error
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert str(job.pk) in logged
    assert any(r.exc_info and "geheimes Detail" in str(r.exc_info[1]) for r in caplog.records)


def test_jobs_finished_long_ago_are_deleted_when_the_next_one_starts(planner):
    old = job_start(count_to, user=planner, title="Alt", n=1)
    recent = job_start(count_to, user=planner, title="Neu", n=1)
    waiting = Job.objects.create(task_path="x", title="Wartet", owner=planner)
    Job.objects.filter(pk__in=[old.pk, waiting.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=40)
    )
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - dt.timedelta(days=31))
    job_start(count_to, user=planner, title="Jetzt", n=1)
    assert set(Job.objects.values_list("title", flat=True)) == {"Neu", "Wartet", "Jetzt"}
    assert recent.pk in set(Job.objects.values_list("pk", flat=True))


# --- the task page -------------------------------------------------------------------------


def test_the_owner_sees_the_finished_task_with_its_result_link(client, coordinator):
    job = job_start(count_to, user=coordinator, title="Zählen <b>", n=2)
    client.force_login(coordinator)
    page = _job_page(client, job).content.decode()
    assert 'data-state="done"' in page
    assert '<progress id="job-progress-' in page
    assert 'max="2" value="2"' in page
    assert '<a class="job__result" href="/monitoring/">Zu den Zahlen</a>' in page
    assert "Alles gezählt." in page
    assert "Zählen &lt;b&gt;" in page
    # Finished: the page no longer asks again.
    assert "hx-trigger" not in page


def test_planning_sees_another_users_task_and_others_get_403(
    client, coordinator, other_coordinator, planner, steering
):
    job = job_start(count_to, user=coordinator, title="Zählen", n=1)
    client.force_login(planner)
    assert _job_page(client, job).status_code == 200
    for user in (other_coordinator, steering):
        client.force_login(user)
        assert _job_page(client, job).status_code == 403
    client.logout()
    response = _job_page(client, job)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_an_unknown_task_is_404(client, planner):
    client.force_login(planner)
    response = client.get(reverse("core:job-detail", args=["00000000-0000-4000-8000-000000000000"]))
    assert response.status_code == 404


def test_a_failed_task_shows_its_error_and_the_way_back(client, planner):
    job = job_start(refuse, user=planner, title="Prüfen", why="rows")
    client.force_login(planner)
    page = _job_page(client, job).content.decode()
    assert 'data-state="failed"' in page
    assert "Zeile 3: unbekanntes Gebiet." in page
    assert '<a class="job__result" href="/monitoring/import/">Zurück</a>' in page
    assert "Traceback" not in page


def test_a_waiting_task_asks_again_and_htmx_gets_only_the_state(client, planner):
    job = Job.objects.create(task_path="x", title="Zählen", owner=planner)
    job_progress(job, done=3, total=10)
    client.force_login(planner)
    page = _job_page(client, job)
    html = page.content.decode()
    assert 'data-state="waiting"' in html
    assert 'hx-trigger="every 1s"' in html
    assert f'hx-get="{reverse("core:job-detail", args=[job.pk])}"' in html
    assert 'max="10" value="3"' in html
    assert "<h1>" in html
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    # The part htmx swaps in: the state alone, without the page around it.
    part = _job_page(client, job, HTTP_HX_REQUEST="true").content.decode()
    assert part.lstrip().startswith('<div id="job-state"')
    assert "<h1>" not in part
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)
    assert "hx-trigger" not in _job_page(client, job, HTTP_HX_REQUEST="true").content.decode()


def test_an_unknown_total_shows_a_progress_bar_without_value(client, planner):
    job = Job.objects.create(task_path="x", title="Zählen", owner=planner, state=Job.State.RUNNING)
    client.force_login(planner)
    html = _job_page(client, job).content.decode()
    assert f'<progress id="job-progress-{job.pk}">' in html


# --- the database backend and its worker ---------------------------------------------------


def _worker() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="database",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_waiting_task_to_its_end():
    user = UserFactory(username="planerin", role="planning")
    job = job_start(count_to, user=user, title="Zählen", backend="database", n=5)
    assert job.state == Job.State.WAITING
    assert DBTaskResult.objects.get(pk=job.task_result_id).status == "READY"
    status = queue_status()
    assert (status["waiting"], status["running"]) == (1, 0)
    assert status["oldest_waiting_seconds"] is not None
    _worker().run()
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert (job.done, job.total) == (5, 5)
    assert DBTaskResult.objects.get(pk=job.task_result_id).status == "SUCCESSFUL"
    status = queue_status()
    assert (status["waiting"], status["running"], status["oldest_waiting_seconds"]) == (0, 0, None)
    assert status["worker_seen_recently"] is True
    assert status["worker_last_seen_seconds"] < 60


@pytest.mark.django_db(transaction=True)
def test_a_worker_records_a_crash_in_the_job_and_the_queue():
    user = UserFactory(username="planerin", role="planning")
    job = job_start(crash, user=user, title="Absturz", backend="database")
    _worker().run()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "geheimes Detail" not in job.error
    result = DBTaskResult.objects.get(pk=job.task_result_id)
    assert result.status == "FAILED"
    assert "geheimes Detail" in result.traceback


def test_the_queue_status_tells_a_missing_worker(db):
    assert queue_status() == {
        "backend": "immediate",
        "waiting": 0,
        "running": 0,
        "oldest_waiting_seconds": None,
        "worker_last_seen_seconds": None,
        "worker_seen_recently": None,
    }
    job = job_start(count_to, user=None, title="Zählen", backend="database", n=1)
    later = timezone.now() + dt.timedelta(minutes=5)
    status = queue_status(now=later)
    assert status["waiting"] == 1
    assert status["oldest_waiting_seconds"] >= 299
    assert status["worker_seen_recently"] is False
    assert Job.objects.get(pk=job.pk).owner is None
