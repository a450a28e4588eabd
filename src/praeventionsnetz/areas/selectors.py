"""Reads of areas for pages, the API and the point-in-polygon lookup."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet
from django.urls import reverse

from praeventionsnetz.areas import geo
from praeventionsnetz.areas.models import LEVEL_ORDER, LEVEL_PLURALS, Area, Level

# The start page shows the finest level that still makes a readable table.
MAX_DEFAULT_LEVEL_SIZE = 150


def cities() -> QuerySet[Area]:
    return Area.objects.current().cities().order_by("name")


def city_get(cities: Sequence[Area], code: str) -> Area | None:
    """The city with this code, or None."""
    for city in cities:
        if city.code == code:
            return city
    return None


def levels_of(city: Area) -> list[tuple[str, str, int]]:
    """(level, plural label, number of areas) for the levels of a city, coarse to fine."""
    counts: dict[str, int] = {}
    for level in Area.objects.current().filter(city=city).values_list("level", flat=True):
        counts[level] = counts.get(level, 0) + 1
    ordered = sorted(counts, key=LEVEL_ORDER.__getitem__)
    return [(lvl, str(LEVEL_PLURALS[Level(lvl)]), counts[lvl]) for lvl in ordered]


def default_level(levels: list[tuple[str, str, int]]) -> str | None:
    """The finest level that still makes a readable table."""
    fitting = [lvl for lvl, _label, n in levels if n <= MAX_DEFAULT_LEVEL_SIZE]
    if fitting:
        return fitting[-1]
    return levels[0][0] if levels else None


def areas_of_level(*, city: Area, level: str) -> QuerySet[Area]:
    return (
        Area.objects.current()
        .filter(city=city, level=level)
        .select_related("parent")
        # Full geometries are large; the map needs only the simplified one.
        .only("code", "name", "level", "display_geometry", "parent__name", "parent__code")
        .order_by("code")
    )


def feature_collection(areas: Sequence[Area] | QuerySet[Area]) -> dict[str, Any]:
    """The map's GeoJSON: simplified shapes with name, code and link to each area's page."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": a.pk,
                "geometry": a.display_geometry,
                "properties": {
                    "name": a.name,
                    "code": a.code,
                    "url": reverse("site:area-detail", args=[a.pk]),
                },
            }
            for a in areas
            if a.display_geometry
        ],
    }


def ancestors(area: Area) -> list[Area]:
    """From the city down to the parent of `area`."""
    chain = []
    parent_id = area.parent_id
    while parent_id is not None:
        node = Area.objects.only("code", "name", "level", "parent_id").get(pk=parent_id)
        chain.append(node)
        parent_id = node.parent_id
    return list(reversed(chain))


def areas_below(pks: Sequence[int]) -> set[int]:
    """These areas and every area under them (one query per level of the hierarchy)."""
    found, frontier = set(pks), set(pks)
    while frontier:
        frontier = set(Area.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        frontier -= found
        found |= frontier
    return found


def children(area: Area) -> QuerySet[Area]:
    return (
        Area.objects.current()
        .filter(parent=area)
        .only("code", "name", "level", "display_geometry")
        .order_by("code")
    )


_locator_lock = threading.Lock()
_locator_cache: dict[str, tuple[Any, geo.AreaLocator]] = {}


def locator_for(city: Area) -> geo.AreaLocator:
    """A point-in-polygon index of a city's current areas, rebuilt when areas change."""
    stamp = Area.objects.filter(city=city).aggregate(m=Max("updated_at"), n=Max("pk"))
    key = (stamp["m"], stamp["n"])
    with _locator_lock:
        cached = _locator_cache.get(city.code)
        if cached and cached[0] == key:
            return cached[1]
    rows = (
        Area.objects.current()
        .filter(city=city, geometry__isnull=False)
        .values_list("pk", "level", "geometry")
    )
    locator = geo.AreaLocator((pk, lvl, geo.parse_area_geometry(g)) for pk, lvl, g in rows)
    with _locator_lock:
        _locator_cache[city.code] = (key, locator)
    return locator


def areas_at(*, lon: float, lat: float, city: Area | None = None) -> list[Area]:
    """The current areas that contain a coordinate, coarse to fine, across cities."""
    targets = [city] if city else list(cities())
    found: list[int] = []
    for target in targets:
        if target.geometry is None:
            continue
        hits = locator_for(target).locate(lon, lat)
        if hits:
            found.append(target.pk)
            found.extend(hits.values())
    areas = Area.objects.filter(pk__in=found).select_related("parent")
    return sorted(areas, key=lambda a: (a.city_id or a.pk, LEVEL_ORDER[a.level]))


@dataclass(frozen=True)
class Place:
    """The city and level a monitoring page is about, chosen by query parameters."""

    cities: list[Area]
    city: Area
    levels: list[tuple[str, str, int]]
    level: str

    @property
    def level_label(self) -> str:
        return next(label for lvl, label, _n in self.levels if lvl == self.level)

    def areas(self) -> QuerySet[Area]:
        return areas_of_level(city=self.city, level=self.level)


def city_from(all_cities: Sequence[Area], asked: str | None, default: str) -> Area | None:
    """The city asked for (Http404 if unknown), else the default city, else the first one."""
    from django.http import Http404

    city = city_get(all_cities, asked or default)
    if city is None and asked:
        raise Http404
    return city or (all_cities[0] if all_cities else None)


def place_from(
    params: Mapping[str, str], default_city: str, level: str | None = None
) -> Place | None:
    """City and level from ?stadt= and ?ebene=; None when nothing is loaded; Http404 if wrong."""
    from django.http import Http404

    all_cities = list(cities().only("code", "name", "source", "level"))
    city = city_from(all_cities, params.get("stadt"), default_city)
    if city is None:
        return None
    levels = levels_of(city)
    chosen = params.get("ebene") or level or default_level(levels)
    if chosen not in {lvl for lvl, _l, _n in levels}:
        if params.get("ebene"):
            raise Http404
        chosen = default_level(levels)
    return Place(all_cities, city, levels, chosen)


def areas_with_geometry(pks: Sequence[int]) -> QuerySet[Area]:
    return Area.objects.filter(pk__in=pks).only("code", "geometry")
