from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ProviderLogoutMiddleware:
    """After a logout of a session from the provider: on to the provider's logout."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        noted = getattr(request, "sso_end_session", None)
        if noted and response.status_code in (301, 302, 303) and response.has_header("Location"):
            end_session, id_token = noted
            params = {
                "id_token_hint": id_token,
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "post_logout_redirect_uri": request.build_absolute_uri(response["Location"]),
            }
            separator = "&" if "?" in end_session else "?"
            response["Location"] = end_session + separator + urlencode(params)
        return response
