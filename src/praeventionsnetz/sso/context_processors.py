from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from praeventionsnetz.sso import provider


def sso(request) -> dict:
    """The login page's button for the provider, when single sign-on is configured."""
    if not provider.enabled():
        return {}
    return {
        "sso_login_url": reverse("sso:login"),
        "sso_login_label": settings.OIDC_LOGIN_LABEL or _("Log in with the city's account"),
    }
