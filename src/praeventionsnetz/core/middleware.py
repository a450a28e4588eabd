import ipaddress
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext

# Session key: when (epoch seconds) the session last saw a request.
LAST_ACTIVITY_KEY = "last_activity"


class LanguageMiddleware:
    """German unless the user chose another language with the switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a German city's
    platform speaks German to everyone until they ask otherwise.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header of settings.PERMISSIONS_POLICY with every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}={allow}" for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class IdleTimeoutMiddleware:
    """Logs out a session that saw no request for settings.SESSION_IDLE_TIMEOUT seconds.

    The user lands on the login page with a message and returns to the page asked for.
    """

    # The time of the last request is written at most once a minute, not on every request.
    RESOLUTION = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if isinstance(last, int) and now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request, gettext("You were logged out after a while without activity.")
                )
                response = redirect_to_login(request.get_full_path())
                if request.headers.get("HX-Request") == "true":
                    response["HX-Redirect"] = response["Location"]
                return response
            if not isinstance(last, int) or now - last >= self.RESOLUTION:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address, for the login lock (django-axes).

    Behind settings.PROXY_COUNT reverse proxies each of them appends the address it saw to
    X-Forwarded-For, so the client is the PROXY_COUNT-th entry from the right; whatever
    stands further left the client wrote itself and is not trusted. Without a proxy, or
    with a header shorter than expected, the connection's own address counts.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
