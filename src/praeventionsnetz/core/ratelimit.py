"""Rate limits for anonymous use of expensive public pages (the API, the family search).

A fixed window per client address and scope, counted in Django's cache
(`settings.RATELIMIT_CACHE`). A scope is a URL namespace ("api") or a view name
("offers:search") with its number of requests per window (`settings.RATELIMIT_SCOPES`);
logged-in users are not limited. Over the limit the answer is 429 with Retry-After and a
short message: JSON for the API, text for pages.

With several server processes the cache must be shared (e.g. database or Redis cache) for
the limit to count across them; with the local-memory cache each process counts alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from praeventionsnetz.core.middleware import client_ip


def client_address(request: HttpRequest) -> str:
    """The client's address, found as for the login lock (behind PROXY_COUNT proxies)."""
    return client_ip(request) or ""


def hit(scope: str, client: str, *, limit: int, window: int) -> int:
    """Count one request; returns 0 when allowed, else the seconds until the next window."""
    now = time.time()
    start = int(now // window) * window
    key = f"ratelimit:{scope}:{client}:{start}"
    cache = caches[settings.RATELIMIT_CACHE]
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, int(start + window - now + 0.999))


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not settings.RATELIMIT_ENABLED or request.user.is_authenticated:
            return None
        match = request.resolver_match
        scopes = settings.RATELIMIT_SCOPES
        scope = next(
            (s for s in (match.view_name, *match.namespaces) if s in scopes),
            None,
        )
        if scope is None or scopes[scope] <= 0:
            return None
        wait = hit(
            scope,
            client_address(request),
            limit=scopes[scope],
            window=settings.RATELIMIT_WINDOW,
        )
        if not wait:
            return None
        message = _("Too many requests. Please wait %(seconds)s seconds.") % {"seconds": wait}
        if "api" in match.namespaces:
            response: HttpResponse = JsonResponse({"detail": message}, status=429)
        else:
            response = HttpResponse(message, content_type="text/plain; charset=utf-8", status=429)
        response["Retry-After"] = str(wait)
        return response
