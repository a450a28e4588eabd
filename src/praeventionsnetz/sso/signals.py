"""Logging out of the platform also ends the session at the provider, where it can.

On logout, a session that began at the provider (it holds the ID token) notes the provider's
end_session_endpoint on the request; ProviderLogoutMiddleware then sends the browser there
instead of the usual page after logout, and the provider sends it back to that page
(post_logout_redirect_uri, which must be registered at the provider).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from praeventionsnetz.sso import provider

ID_TOKEN_KEY = "oidc_id_token"
END_SESSION_KEY = "oidc_end_session_endpoint"


@receiver(user_logged_out, dispatch_uid="sso-provider-logout")
def note_provider_logout(sender, request, user, **kwargs) -> None:
    if request is None or not provider.enabled() or not settings.OIDC_PROVIDER_LOGOUT:
        return
    id_token = request.session.get(ID_TOKEN_KEY)
    end_session = request.session.get(END_SESSION_KEY)
    if id_token and end_session:  # not for a local login
        request.sso_end_session = (end_session, id_token)
