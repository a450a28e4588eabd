from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    """Single sign-on with the city's identity provider (OpenID Connect)."""

    name = "praeventionsnetz.sso"
    label = "sso"
    verbose_name = _("Single sign-on")

    def ready(self) -> None:
        from praeventionsnetz.sso import checks, signals  # noqa: F401
