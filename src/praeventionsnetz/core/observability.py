"""Request ids in logs and responses, one log line per request, and the log record's context.

Every request gets an id: the reverse proxy's X-Request-ID when the platform runs behind one
(BEHIND_PROXY) and it looks like an id, else a new one. The id goes back in the response's
X-Request-ID header and into every log record written while the request runs, together with
the id of the logged-in user (an account id, never anything about families). A user's
message quoting the id lets the IT department find the request in the logs.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

_current: ContextVar[tuple[str, HttpRequest] | None] = ContextVar("request", default=None)

request_log = logging.getLogger("praeventionsnetz.request")


def request_id_from(header: str | None, trust_header: bool) -> str:
    """The proxy's id when it is trusted and well-formed, otherwise a new random one."""
    if trust_header and header and _VALID_ID.match(header):
        return header
    return uuid.uuid4().hex


def user_id_of(request: HttpRequest | None) -> int | None:
    """The logged-in user's id, without loading the user only for the log."""
    user = getattr(request, "user", None) if request is not None else None
    if user is None:
        return None
    if getattr(user, "_wrapped", None) is empty:
        # Nobody looked at the user during the request: loading it now would cost queries.
        return None
    return user.pk if user.is_authenticated else None


def current_request_id() -> str | None:
    current = _current.get()
    return current[0] if current else None


class RequestContextFilter(logging.Filter):
    """Adds request_id and user_id to every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        current = _current.get()
        if current is None:
            record.request_id = getattr(record, "request_id", "-")
            record.user_id = getattr(record, "user_id", "-")
        else:
            request_id, request = current
            record.request_id = request_id
            user_id = user_id_of(request)
            record.user_id = "-" if user_id is None else user_id
        return True


class RequestIdMiddleware:
    """Gives the request its id, answers with it, and logs the request when it is done."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(
            request.headers.get(REQUEST_ID_HEADER), trust_header=settings.BEHIND_PROXY
        )
        request.request_id = request_id
        token = _current.set((request_id, request))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response.headers[REQUEST_ID_HEADER] = request_id
            if request_log.isEnabledFor(logging.INFO):
                duration_ms = round((time.perf_counter() - started) * 1000, 1)
                # The path without its query: a search's words stay out of the logs.
                request_log.info(
                    "%s %s %s %.1f ms",
                    request.method,
                    request.path,
                    response.status_code,
                    duration_ms,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": duration_ms,
                    },
                )
            return response
        finally:
            _current.reset(token)
