"""The checks behind /health/: the database answers, and the task queue is worked off."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection

log = logging.getLogger(__name__)


def database_check() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log.exception("Health check: the database does not answer")
        return {"status": "error"}
    return {"status": "ok", "engine": connection.vendor}


def tasks_check() -> dict:
    """The queue is worked off: no task waits long while no worker has been seen."""
    from praeventionsnetz.core.jobs import queue_status

    try:
        queue = queue_status()
    except DatabaseError:
        log.exception("Health check: the task queue cannot be read")
        return {"status": "error"}
    status = "error" if queue["worker_seen_recently"] is False else "ok"
    return {"status": status, **queue}


def health_checks() -> dict:
    checks = {"database": database_check()}
    # Without a database the queue (a table in it) cannot be asked either.
    checks["tasks"] = tasks_check() if checks["database"]["status"] == "ok" else {"status": "error"}
    status = "ok" if all(c["status"] == "ok" for c in checks.values()) else "error"
    return {"status": status, **checks}
