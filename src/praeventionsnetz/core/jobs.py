"""Background work: tasks that users start in the web, with progress and outcome.

A feature app defines its task with `job_task` and starts it with `job_start`, which records
a `Job` (owner, title) and hands the task to the backend (settings.TASKS, django-tasks). The
user then follows it on the task page (/aufgaben/<id>/, core.views.job_detail), which reads
only the Job row: it survives a reload, and works with every backend.

Inside, a task reports with `job_progress(job, done=…, total=…, message=…)` and returns an
`Outcome` (a message, and a link to the result) or None. A `DomainError` it raises fails the
job with the error's text for the user; any other exception fails it with a general text,
and its traceback goes to the log only.

With the database backend a task waits until a worker (`praeventionsnetz db_worker`) runs
it; `queue_status()` tells how long the queue is and whether a worker was seen lately.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Job

logger = logging.getLogger(__name__)

# Finished jobs are kept this long (their pages stay readable), then deleted by jobs_clean.
KEEP = dt.timedelta(days=30)
# A worker that started or finished a task this recently (seconds) counts as seen.
WORKER_SEEN_WITHIN = 600
# A task waiting longer than this (seconds) while no worker was seen means none runs.
WAITING_TOO_LONG = 60


@dataclass(frozen=True)
class Outcome:
    """What a finished task tells its user: a short message and where the result is."""

    message: str = ""
    url: str = ""
    label: str = ""


def job_task(func: Callable[..., Outcome | None] | None = None, **task_options: Any):
    """Make `func(job, **kwargs)` a task that records its progress and outcome in its Job.

    The task is called with `job_id` and the keyword arguments given to `job_start`; they
    must be JSON (ids and texts, no model instances).
    """
    from django_tasks import task

    def decorate(function: Callable[..., Outcome | None]):
        @functools.wraps(function)
        def run(job_id: str, **kwargs: Any) -> dict:
            return _run(function, job_id, kwargs)

        return task(**task_options)(run)

    return decorate(func) if func is not None else decorate


def job_pending(subject: str) -> Job | None:
    """The waiting or running job that works on `subject`, if any."""
    if not subject:
        return None
    return (
        Job.objects.filter(subject=subject, state__in=[Job.State.WAITING, Job.State.RUNNING])
        .order_by("created_at")
        .first()
    )


def job_start(
    task,
    *,
    user,
    title: str,
    subject: str = "",
    backend: str | None = None,
    **kwargs: Any,
) -> Job:
    """Record a Job for `user` and hand the task to the backend; returns the Job as it is
    after the handing over (already finished with the immediate backend).

    With a `subject`, a job of the same subject that still waits or runs is returned instead
    of starting the work twice.
    """
    pending = job_pending(subject)
    if pending is not None:
        return pending
    jobs_clean()
    job = Job.objects.create(
        task_path=task.module_path,
        title=title[:300],
        subject=subject[:200],
        owner=user if getattr(user, "is_authenticated", False) else None,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    if backend is not None:
        task = task.using(backend=backend)
    result = task.enqueue(job_id=str(job.pk), **kwargs)
    Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def jobs_clean(*, now: dt.datetime | None = None) -> int:
    """Delete jobs that finished more than `KEEP` ago; returns how many."""
    before = (now or timezone.now()) - KEEP
    deleted, _by_model = Job.objects.filter(finished_at__lt=before).delete()
    return deleted


def job_progress(
    job: Job, *, done: int | None = None, total: int | None = None, message: str | None = None
) -> None:
    """Record how far a task is: `done` of `total` steps (rows, areas, …), and what it does.

    Called inside a transaction, the others see it when the transaction commits.
    """
    changes: dict[str, Any] = {}
    if done is not None:
        job.done = changes["done"] = max(0, int(done))
    if total is not None:
        job.total = changes["total"] = max(0, int(total))
    if message is not None:
        job.message = changes["message"] = str(message)[:300]
    if changes:
        Job.objects.filter(pk=job.pk).update(**changes)


def job_finish(job: Job, outcome: Outcome | None = None) -> None:
    outcome = outcome or Outcome()
    job.state = Job.State.DONE
    job.finished_at = timezone.now()
    if job.total is not None:
        job.done = job.total
    job.message = str(outcome.message)[:300] or job.message
    job.result_url = outcome.url[:500]
    job.result_label = str(outcome.label)[:200]
    job.save(
        update_fields=["state", "finished_at", "done", "message", "result_url", "result_label"]
    )


def job_fail(job: Job, error: str, outcome: Outcome | None = None) -> None:
    """Mark the job failed with `error`, the plain text its user reads."""
    job.state = Job.State.FAILED
    job.finished_at = timezone.now()
    job.error = str(error)
    if outcome is not None:
        job.result_url = outcome.url[:500]
        job.result_label = str(outcome.label)[:200]
    job.save(update_fields=["state", "finished_at", "error", "result_url", "result_label"])


class JobFailed(DomainError):
    """Fails the job with this message and, optionally, a link onwards (e.g. back to a form)."""

    def __init__(self, message: str, *, url: str = "", label: str = "") -> None:
        super().__init__(message)
        self.outcome = Outcome(url=url, label=label)


def _run(function: Callable[..., Outcome | None], job_id: str, kwargs: dict) -> dict:
    job = Job.objects.get(pk=job_id)
    job.state, job.started_at = Job.State.RUNNING, timezone.now()
    job.save(update_fields=["state", "started_at"])
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            outcome = function(job, **kwargs)
        except JobFailed as exc:
            job_fail(job, str(exc), exc.outcome)
            return {"state": job.state}
        except DomainError as exc:
            job_fail(job, str(exc))
            return {"state": job.state}
        except Exception:
            logger.exception("Background task %s (job %s) failed", job.task_path, job.pk)
            job_fail(
                job,
                _(
                    "The task stopped because of an unexpected error. The error has been "
                    "logged for the operators; please try again later."
                ),
            )
            raise
        job_finish(job, outcome)
    return {"state": job.state}


def queue_status(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """The task queue at a glance, for /health/ and the operators.

    - ``backend``: "database" (tasks wait for a worker) or "immediate" (run in the request)
    - ``waiting``, ``running``: tasks of the database backend in each state
    - ``oldest_waiting_seconds``: age of the oldest task ready to run (None: none waits)
    - ``worker_last_seen_seconds``: since a worker last started or finished a task (None:
      never); the database backend keeps no heartbeat, so an idle worker is not seen
    - ``worker_seen_recently``: True when that was within WORKER_SEEN_WITHIN
      seconds, False when a task waits longer than WAITING_TOO_LONG seconds and no worker
      was seen lately, None when it cannot be told
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    backend = getattr(settings, "TASKS_BACKEND", "database")
    ready = DBTaskResult.objects.ready()
    waiting = ready.count()
    running = DBTaskResult.objects.running().count()
    oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
    seen = DBTaskResult.objects.aggregate(started=Max("started_at"), finished=Max("finished_at"))
    last_seen = max((t for t in seen.values() if t is not None), default=None)
    last_seen_seconds = (now - last_seen).total_seconds() if last_seen else None
    if last_seen_seconds is not None and last_seen_seconds <= WORKER_SEEN_WITHIN:
        seen_recently: bool | None = True
    elif oldest is not None and (now - oldest).total_seconds() > WAITING_TOO_LONG:
        seen_recently = False
    else:
        seen_recently = None
    return {
        "backend": backend,
        "waiting": waiting,
        "running": running,
        "oldest_waiting_seconds": (now - oldest).total_seconds() if oldest else None,
        "worker_last_seen_seconds": last_seen_seconds,
        "worker_seen_recently": seen_recently,
    }
