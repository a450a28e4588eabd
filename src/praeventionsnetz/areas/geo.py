"""Geometry of areas as plain functions over GeoJSON mappings and shapely objects.

No Django here: the same functions serve imports, the demo loader, the API and benchmarks.
Coordinates are WGS84 longitude/latitude, as GeoJSON requires. A GeometryError carries a
`core.text.Message` (English msgid, named parameters) that the caller translates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from praeventionsnetz.core.text import Message, gettext_noop

AREA_TYPES = {"Polygon", "MultiPolygon"}

# About 10 m at Central European latitudes: plenty for an overview map.
DISPLAY_TOLERANCE = 0.0001


class GeometryError(ValueError):
    """A geometry that cannot be used as an area boundary; `message` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def parse_area_geometry(geojson: Mapping[str, Any] | None, *, repair: bool = False) -> BaseGeometry:
    """A valid (multi)polygon in lon/lat from a GeoJSON geometry, or GeometryError.

    With `repair`, small defects such as self-intersections from rounded coordinates are
    mended (shapely's make_valid, keeping the polygonal parts) instead of refused.
    """
    if not geojson or not isinstance(geojson, Mapping):
        raise GeometryError(Message(gettext_noop("The geometry is missing.")))
    kind = geojson.get("type")
    if kind not in AREA_TYPES:
        raise GeometryError(
            Message(
                gettext_noop(
                    "Geometry type “%(kind)s” is not supported; Polygon or MultiPolygon is "
                    "expected."
                ),
                {"kind": str(kind)},
            )
        )
    try:
        geom = shape(geojson)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        raise GeometryError(
            Message(gettext_noop("The geometry cannot be read: %(error)s"), {"error": str(exc)})
        ) from exc
    if geom.is_empty:
        raise GeometryError(Message(gettext_noop("The geometry is empty.")))
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise GeometryError(
            Message(
                gettext_noop(
                    "The coordinates lie outside longitudes and latitudes (WGS84); is the "
                    "file in another coordinate system?"
                )
            )
        )
    if not geom.is_valid:
        if not repair:
            raise GeometryError(
                Message(
                    gettext_noop(
                        "The geometry is invalid: %(reason)s. The option “repair” mends such "
                        "defects."
                    ),
                    {"reason": explain_validity(geom)},
                )
            )
        geom = polygonal_part(shapely.make_valid(geom))
        if geom.is_empty:
            raise GeometryError(
                Message(gettext_noop("The geometry is invalid and cannot be repaired."))
            )
    return geom


def polygonal_part(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygons of a geometry (make_valid may add stray lines or points)."""
    if geom.geom_type in AREA_TYPES:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in AREA_TYPES]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def to_geojson(geom: BaseGeometry, precision: int = 6) -> dict[str, Any]:
    """A GeoJSON mapping with coordinates rounded to `precision` decimals."""
    rounded = shapely.set_precision(geom, 10**-precision) if precision else geom
    # Through JSON text, so the result equals what a JSON field gives back (lists, not
    # tuples) and an unchanged re-import is recognised as unchanged.
    return json.loads(shapely.to_geojson(rounded))


def dissolve(geoms: Iterable[BaseGeometry]) -> BaseGeometry:
    """The union of several areas, as used to build a parent from its children."""
    return shapely.union_all(list(geoms))


def display_version(geom: BaseGeometry, tolerance: float = DISPLAY_TOLERANCE) -> dict[str, Any]:
    """A lighter copy for maps: simplified without breaking the topology, 5 decimals."""
    simplified = geom.simplify(tolerance, preserve_topology=True)
    return to_geojson(simplified, precision=5)


@dataclass(frozen=True)
class LocatedArea:
    key: Any
    level: str


class AreaLocator:
    """Point-in-polygon lookup: which area of each level contains a coordinate.

    Built once from (key, level, geometry) triples; one STRtree per level, so a lookup
    costs a tree query and a few exact tests instead of a scan over all areas.
    """

    def __init__(self, areas: Iterable[tuple[Any, str, BaseGeometry]]) -> None:
        by_level: dict[str, list[tuple[Any, BaseGeometry]]] = {}
        for key, level, geom in areas:
            by_level.setdefault(level, []).append((key, geom))
        self._trees: dict[str, tuple[list[Any], shapely.STRtree]] = {}
        for level, items in by_level.items():
            keys = [k for k, _ in items]
            geoms = [g for _, g in items]
            for g in geoms:
                shapely.prepare(g)
            self._trees[level] = (keys, shapely.STRtree(geoms))

    @property
    def levels(self) -> list[str]:
        return list(self._trees)

    def locate(self, lon: float, lat: float) -> dict[str, Any]:
        """{level: key} for every level with an area that covers the point."""
        point = shapely.Point(lon, lat)
        found: dict[str, Any] = {}
        for level, (keys, tree) in self._trees.items():
            hits = tree.query(point, predicate="covered_by")
            if len(hits):
                # On a shared border both neighbours cover the point; take the first in
                # input order so the answer is stable.
                found[level] = keys[int(np.min(hits))]
        return found

    def locate_many(self, points: Sequence[tuple[float, float]], level: str) -> list[Any]:
        """The key at `level` for each (lon, lat), or None where no area covers it."""
        keys, tree = self._trees[level]
        pts = shapely.points(np.asarray(points, dtype=float).reshape(-1, 2))
        point_idx, area_idx = tree.query(pts, predicate="covered_by")
        result: list[Any] = [None] * len(pts)
        for p, a in sorted(zip(point_idx.tolist(), area_idx.tolist(), strict=True)):
            if result[p] is None:
                result[p] = keys[a]
        return result
