"""Reads for an offer's places: the areas around them, which frame the offer page's map."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.areas.selectors import locator_for
from praeventionsnetz.offers.models import Location

# Fine levels first: the frame should show the neighbourhood, not the whole district.
FRAME_LEVELS = (
    Level.PLANUNGSRAUM,
    Level.STADTTEIL,
    Level.BEZIRKSREGION,
    Level.PROGNOSERAUM,
    Level.STADTRAUM,
    Level.BEZIRK,
    Level.STADTBEZIRK,
)


def areas_around(locations: Iterable[Location], city: Area | None) -> list[Area]:
    """The areas of the finest level of the city (else the site's default city) that contain
    these places."""
    points = [(p.lon, p.lat) for p in locations if p.lon is not None and p.lat is not None]
    if not points:
        return []
    if city is None:
        city = Area.objects.current().cities().filter(code=settings.DEFAULT_CITY).first()
    if city is None or city.geometry is None:
        return []
    locator = locator_for(city)
    for level in FRAME_LEVELS:
        try:
            hits = locator.locate_many(points, level)
        except KeyError:  # the city has no areas of this level
            continue
        found = {pk for pk in hits if pk is not None}
        if found:
            return list(Area.objects.filter(pk__in=found).order_by("code"))
    return []
