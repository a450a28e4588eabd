from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from praeventionsnetz.sso.signals import END_SESSION_KEY

LOGOUT_VIEWS = {"core:logout", "admin:logout"}


class ProviderLogoutMiddleware:
    """The logout of a session from the provider goes on to the provider's logout.

    Pages of such a session allow the provider's address as a form target (CSP form-action):
    the logout button posts to the platform, which redirects to the provider, and browsers
    check each redirect after a form against the form-action of the page it came from.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        end_session = request.session.get(END_SESSION_KEY) if settings.OIDC_PROVIDER_LOGOUT else ""
        response = self.get_response(request)
        noted = getattr(request, "sso_end_session", None)
        match = request.resolver_match
        if (
            noted
            and match is not None
            and match.view_name in LOGOUT_VIEWS
            and response.status_code in (301, 302, 303)
            and response.has_header("Location")
        ):
            url, id_token = noted
            params = {
                "id_token_hint": id_token,
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "post_logout_redirect_uri": request.build_absolute_uri(response["Location"]),
            }
            response["Location"] = url + ("&" if "?" in url else "?") + urlencode(params)
        elif end_session and not getattr(response, "_csp_update", None):
            parts = urlsplit(end_session)
            response._csp_update = {"form-action": [f"{parts.scheme}://{parts.netloc}"]}
        return response
