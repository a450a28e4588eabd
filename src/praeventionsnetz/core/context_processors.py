from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.core.models import Role

# Capabilities appear in the navigation once they have pages (M1–M6 in DESIGN.md).
SECTIONS = [
    {"key": "home", "label": _("Areas"), "url_name": "site:home", "perm": "areas.view_area"},
    {
        "key": "areas",
        "label": _("Monitoring"),
        "url_name": "monitoring:indicator-map",
        "perm": "monitoring.view_monitoring",
    },
    {
        "key": "offers",
        "label": _("Find offers"),
        "url_name": "offers:search",
        "perm": "offers.view_service",
    },
    {
        "key": "chain",
        "label": _("Prevention chain"),
        "url_name": "offers:coverage",
        "perm": "offers.view_coverage",
    },
    {
        "key": "network",
        "label": _("Network"),
        "url_name": "network:organisation-list",
        "perm": "network.view_organisation",
    },
    {
        "key": "funding",
        "label": _("Funding"),
        "url_name": "funding:overview",
        "perm": "funding.view_funding",
    },
    {
        "key": "steering",
        "label": _("Steering"),
        "url_name": "steering:committee-list",
        "perm": "steering.view_steering",
    },
    # A role, not a permission: asking the permission of everyone else would fall through to
    # Django's model permissions, two more queries on every page.
    {
        "key": "funding",
        "label": _("Calls"),
        "url_name": "funding:call-open",
        "role": Role.ORGANISATION,
    },
]


CHAIN_PAGES = {"coverage", "chain", "coverage-thresholds"}


def current_section(match) -> str | None:
    """The navigation entry a page belongs to, for aria-current."""
    if match is None:
        return None
    if match.url_name in {"home", "area-detail"}:
        return "home"
    if match.app_name == "offers":
        return "chain" if match.url_name in CHAIN_PAGES else "offers"
    return match.app_name if match.app_name in {"areas", "network", "funding", "steering"} else None


def navigation(request: HttpRequest) -> dict:
    user = request.user
    sections = [
        {**s, "url": reverse(s["url_name"])}
        for s in SECTIONS
        if (getattr(user, "role", None) == s["role"] if "role" in s else user.has_perm(s["perm"]))
    ]
    return {
        "nav_sections": sections,
        "current_section": current_section(getattr(request, "resolver_match", None)),
        "can_view_audit": user.has_perm("core.view_audit"),
        "perms_import": user.has_perm("monitoring.import_observations"),
        "perms_view_selection": user.has_perm("monitoring.view_selection"),
        "perms_view_network": user.has_perm("network.view_network"),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
