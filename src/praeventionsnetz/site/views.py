"""The start page and the area profile: pages that join the capabilities."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import Area
from praeventionsnetz.core import audit, exports
from praeventionsnetz.core.access import get_for, public
from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.core.models import Role
from praeventionsnetz.core.rules import is_coordinator_of_area
from praeventionsnetz.funding.services import action_line_for
from praeventionsnetz.site.profile import area_profile
from praeventionsnetz.steering.measures import measures_of_area


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The start page: the areas of one city at one level, on a map and in a table."""
    place = selectors.place_from(request.GET, settings.DEFAULT_CITY)
    if place is not None and place.level is None:
        # A city set up without areas below it yet: the page of a new installation.
        place = None
    context: dict = {"place": place}
    if place is not None:
        areas = list(place.areas())
        links = selectors.area_links(a.pk for a in areas)
        context.update(
            cities=place.cities,
            city=place.city,
            levels=place.levels,
            level=place.level,
            level_label=place.level_label,
            areas=areas,
            rows=[(area, links[area.pk]) for area in areas],
            map_data=selectors.feature_collection(areas),
        )
    return render(request, "site/home.html", context)


@public
@require_GET
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_for(request, Area, pk, perm="areas.view_area")
    children = list(selectors.children(area))
    shown = [area, *children] if children else [area]
    context = {
        "area": area,
        "ancestors": selectors.ancestors(area),
        "children": children,
        "memberships": list(selectors.memberships_of(area)),
        "also_in": list(area.also_in.all()),
        "partly_contains": list(area.partly_contains.all()),
        "map_data": selectors.feature_collection(children or shown),
        "outline": selectors.feature_collection([area]) if children else None,
        "is_own_area": is_coordinator_of_area(request.user, area),
        # Residents reach the district's action budget from its page.
        "action_line": action_line_for(area, year=timezone.localdate().year),
        "profile": area_profile(area),
    }
    # Measures are internal planning: only roles that read steering see them (one query).
    if request.user.has_perm("steering.view_steering"):
        context["measures"] = measures_of_area(area)
        context["can_plan_measure"] = request.user.role == Role.PLANNING or context["is_own_area"]
    # Printed, the tables leave out their source column; each source is named once below.
    context["sources"] = sorted(
        {i.citation for d in context["profile"]["dimensions"] for i, _f in d["rows"]}
    )
    fmt = FilterForm(request.GET).export_format
    if fmt:
        profile = context["profile"]
        return exports.table_response(
            header=[
                _("Dimension"),
                _("Indicator"),
                _("Period"),
                _("Value"),
                _("Unit"),
                _("Source"),
                _("Demo data"),
            ],
            rows=[
                [
                    d["label"],
                    indicator.name,
                    f.period,
                    f.label if f.is_suppressed else f.value,
                    indicator.unit,
                    indicator.citation,
                    _("yes") if indicator.is_demo else "",
                ]
                for d in profile["dimensions"]
                for indicator, f in d["rows"]
            ]
            + [
                [
                    r.indicator.get_dimension_display(),
                    _("%(name)s per 1,000 residents under 21") % {"name": r.indicator.name},
                    r.count.period,
                    r.label if r.value is None else round(r.value, 1),
                    _("per 1,000"),
                    r.indicator.citation,
                    _("yes") if r.indicator.is_demo else "",
                ]
                for r in profile["case_rates"]
            ],
            filename=f"profil_{area.code}_{area.name}",
            fmt=fmt,
        )
    if request.user.has_perm("core.view_audit"):
        context["history"] = audit.history_of(area)
    return render(request, "site/area_detail.html", context)
