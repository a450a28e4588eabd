"""Reads of areas for pages, the API and the point-in-polygon lookup."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from praeventionsnetz.areas import geo
from praeventionsnetz.areas.models import LEVEL_ORDER, LEVEL_PLURALS, Area, AreaMembership, Level
from praeventionsnetz.core.geojson import EncodedGeometry

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


def areas_of_level(*, city: Area | int, level: str) -> QuerySet[Area]:
    return (
        Area.objects.current()
        .filter(city=city, level=level)
        .select_related("parent")
        # Geometries are large: the map takes the simplified ones from `display_geometries`.
        .only("code", "name", "level", "updated_at", "parent__name", "parent__code")
        .order_by("code")
    )


def feature_collection(areas: Sequence[Area] | QuerySet[Area]) -> dict[str, Any]:
    """The map's GeoJSON: simplified shapes with name, code and link to each area's page.

    The shapes come from `display_geometries` (at most two queries, whatever the number of
    areas); the caller may change each feature's properties, never its geometry.
    """
    areas = list(areas)
    shapes = display_geometries(areas)
    links = area_links(a.pk for a in areas)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": a.pk,
                "geometry": shapes[a.pk],
                "properties": {"name": a.name, "code": a.code, "url": links[a.pk]},
            }
            for a in areas
            if shapes.get(a.pk)
        ],
    }


def area_links(pks: Iterable[int]) -> dict[int, str]:
    """The address of each area's page, by pk, with one reverse() for all of them."""
    head, tail = reverse("site:area-detail", args=[0]).rsplit("/0/", 1)
    return {pk: f"{head}/{pk}/{tail}" for pk in pks}


# pk -> (updated_at, simplified geometry) of every area a map of this process has shown.
_display_lock = threading.Lock()
_display_cache: dict[int, tuple[Any, dict[str, Any] | None]] = {}


def display_geometries(areas: Sequence[Area]) -> dict[int, dict[str, Any] | None]:
    """The simplified geometry (`display_geometry`) of each area, by pk, from a cache.

    An entry holds while the area's `updated_at` is unchanged: every import of a geometry
    saves the area (services.area_create / area_update), which moves it. Areas loaded
    with `updated_at` cost no query when their entries are current; the others cost one
    query for their stamps; the stale or missing entries one query for their geometries.
    A geometry that was loaded with the area is taken as it is.
    """
    shapes: dict[int, dict[str, Any] | None] = {}
    stamps: dict[int, Any] = {}
    unknown = []
    for area in areas:
        deferred = area.get_deferred_fields()
        if "display_geometry" not in deferred:
            shapes[area.pk] = area.display_geometry
        elif "updated_at" in deferred:
            unknown.append(area.pk)
        else:
            stamps[area.pk] = area.updated_at
    if unknown:
        stamps.update(Area.objects.filter(pk__in=unknown).values_list("pk", "updated_at"))
    with _display_lock:
        for pk, stamp in stamps.items():
            cached = _display_cache.get(pk)
            if cached is not None and cached[0] == stamp:
                shapes[pk] = cached[1]
    stale = [pk for pk in stamps if pk not in shapes]
    if stale:
        rows = Area.objects.filter(pk__in=stale).values_list("pk", "updated_at", "display_geometry")
        with _display_lock:
            for pk, stamp, shape in rows:
                # Kept with its JSON text: maps write it into pages unchanged (core.geojson).
                encoded = EncodedGeometry(shape) if shape else shape
                _display_cache[pk] = (stamp, encoded)
                shapes[pk] = encoded
    return shapes


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
    """These areas and every area under them or wholly belonging to them (a query per level).

    A partial membership does not count: a Stadtraum that lies partly in a Stadtbezirk is
    not the Stadtbezirk's, and neither are its Stadtteile.
    """
    found, frontier = set(pks), set(pks)
    while frontier:
        frontier = set(
            Area.objects.filter(
                Q(parent__in=frontier)
                | Q(memberships__container__in=frontier, memberships__is_partial=False)
            )
            .values_list("pk", flat=True)
            .distinct()
        )
        frontier -= found
        found |= frontier
    return found


# A membership's share: a number for a documented part, None for a part of unknown size.
Share = float | None


@dataclass(frozen=True)
class Hierarchy:
    """A city's current areas with both kinds of belonging: parents and memberships.

    Toward a level, an area belongs to the containers of its explicit memberships at that
    level; without any, to the area of that level up its parent chain (where the first
    area on the way with memberships at that level decides, each share multiplied).
    """

    levels: Mapping[int, str]
    parents: Mapping[int, int | None]
    memberships: Mapping[int, Sequence[tuple[int, bool, float | None]]]

    def toward(self, pk: int, level: str) -> dict[int, Share]:
        """The areas of `level` that `pk` belongs to, with the share of `pk` in each."""
        factor: Share = 1.0
        node: int | None = pk
        while node is not None:
            explicit = [
                (c, partial, share)
                for c, partial, share in self.memberships.get(node, ())
                if self.levels.get(c) == level
            ]
            if explicit:
                return {
                    c: (
                        factor
                        if not partial
                        else (None if share is None or factor is None else factor * share)
                    )
                    for c, partial, share in explicit
                }
            parent = self.parents.get(node)
            if parent is not None and self.levels.get(parent) == level:
                return {parent: factor}
            node = parent if parent in self.levels else None
        return {}

    def ancestors(self, pk: int) -> set[int]:
        """Every area `pk` belongs to, wholly or in part, at any coarser level."""
        own = LEVEL_ORDER[self.levels[pk]]
        found: set[int] = set()
        for level in {lvl for lvl in self.levels.values() if LEVEL_ORDER[lvl] < own}:
            found |= set(self.toward(pk, level))
        return found

    def members(self, container: int, level: str) -> dict[int, Share]:
        """The areas of `level` that belong to `container`, with their shares in it."""
        result = {}
        for pk, lvl in self.levels.items():
            if lvl == level:
                links = self.toward(pk, self.levels[container])
                if container in links:
                    result[pk] = links[container]
        return result


def hierarchy_of(city: Area | int) -> Hierarchy:
    """The current areas of a city (the city or its pk; the city included) with parents and
    memberships."""
    city_id = city if isinstance(city, int) else city.pk
    rows = Area.objects.current().filter(Q(city_id=city_id) | Q(pk=city_id))
    levels, parents = {}, {}
    for pk, level, parent in rows.values_list("pk", "level", "parent_id"):
        levels[pk], parents[pk] = level, parent
    memberships: dict[int, list[tuple[int, bool, float | None]]] = {}
    for area, container, partial, share in AreaMembership.objects.filter(
        area__in=list(levels), container__in=list(levels)
    ).values_list("area_id", "container_id", "is_partial", "share"):
        memberships.setdefault(area, []).append((container, partial, share))
    return Hierarchy(levels=levels, parents=parents, memberships=memberships)


def memberships_of(area: Area) -> QuerySet[AreaMembership]:
    """The further areas an area belongs to (besides its parent), coarse to fine."""
    return (
        AreaMembership.objects.filter(area=area, container__valid_to__isnull=True)
        .select_related("container")
        .order_by("container__level", "container__code")
    )


def children(area: Area) -> QuerySet[Area]:
    return (
        Area.objects.current()
        .filter(parent=area)
        .only("code", "name", "level", "updated_at")
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
