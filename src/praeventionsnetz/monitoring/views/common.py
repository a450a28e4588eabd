"""What the monitoring pages share: the chosen place and indicator, the colour of no data."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest

from praeventionsnetz.areas import selectors
from praeventionsnetz.monitoring.forms import IndicatorFilter
from praeventionsnetz.monitoring.models import Indicator
from praeventionsnetz.monitoring.selectors import figures as monitoring

MISSING_COLOUR = "#d9d9d9"


def place_from_request(request: HttpRequest) -> selectors.Place | None:
    """The city and level a monitoring page shows; by default the level with most indicators."""
    place = selectors.place_from(request.GET, settings.DEFAULT_CITY)
    if place is None:
        return None
    if not request.GET.get("ebene"):
        best = monitoring.level_with_most_indicators(
            place.city, [lvl for lvl, _l, _n in place.levels]
        )
        if best:
            place = selectors.Place(place.cities, place.city, place.levels, best)
    return place


def indicator_from(request: HttpRequest, indicators: list[Indicator]) -> Indicator:
    """The indicator asked for (404 if unknown), else the first."""
    form = IndicatorFilter(request.GET, indicators=indicators)
    if form.has_error("indikator"):
        raise Http404
    key = form.value("indikator")
    return next(i for i in indicators if i.key == key)
