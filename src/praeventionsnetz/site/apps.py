from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top floor: pages that join the capabilities (start page, area profile) and the demo."""

    name = "praeventionsnetz.site"
    label = "site"
    verbose_name = _("Site")
