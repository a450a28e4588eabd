"""Areas with their geometry as GeoJSON."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from praeventionsnetz.api.fields import Text
from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import Area, Level

router = Router(tags=["areas"])


class AreaProperties(Schema):
    code: str
    name: str
    level: str
    parent_id: int | None
    city: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str


class AreaFeature(Schema):
    type: Literal["Feature"] = "Feature"
    id: int
    geometry: dict[str, Any] | None
    properties: AreaProperties


class AreaCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    total: int = Field(description="Number of areas that match, before limit/offset.")
    features: list[AreaFeature]


class AreaRef(Schema):
    id: int
    code: str
    name: str
    level: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(description="What is wrong with which parameter.")


class NotFoundOut(Schema):
    detail: str


class AreaFilter(Schema):
    city: Text | None = Field(None, description="Code of a city, e.g. dresden or berlin.")
    level: Level | None = None
    # Bounded like a database id, so an absurd number is a 422 and not an overflow.
    parent: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Only the direct children of this area."
    )
    simplified: bool = Field(False, description="Simplified geometry for overview maps.")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=1_000_000)


class LocateQuery(Schema):
    lon: float = Field(..., ge=-180, le=180, description="Longitude (WGS84).")
    lat: float = Field(..., ge=-90, le=90, description="Latitude (WGS84).")
    city: Text | None = None


def _feature(area: Area, *, simplified: bool) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": area.pk,
        "geometry": area.display_geometry if simplified else area.geometry,
        "properties": {
            "code": area.code,
            "name": area.name,
            "level": area.level,
            "parent_id": area.parent_id,
            "city": area.city.code if area.city_id else area.code,
            "valid_from": area.valid_from,
            "valid_to": area.valid_to,
            "source": area.source,
        },
    }


@router.get(
    "",
    response={200: AreaCollection, 422: ValidationErrorOut},
    summary="List areas as a GeoJSON FeatureCollection",
)
def area_list(request: HttpRequest, filters: Query[AreaFilter]) -> dict[str, Any]:
    qs = Area.objects.current().select_related("city").order_by("level", "code", "pk")
    if filters.city:
        qs = qs.filter(city__code=filters.city) | qs.filter(code=filters.city, city__isnull=True)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.parent is not None:
        qs = qs.filter(parent_id=filters.parent)
    total = qs.count()
    page = qs[filters.offset : filters.offset + filters.limit]
    return {
        "type": "FeatureCollection",
        "total": total,
        "features": [_feature(a, simplified=filters.simplified) for a in page],
    }


@router.get(
    "/locate",
    response={200: list[AreaRef], 422: ValidationErrorOut},
    summary="Areas that contain a coordinate",
)
def area_locate(request: HttpRequest, query: Query[LocateQuery]) -> list[Area]:
    city = None
    if query.city:
        city = selectors.city_get(list(selectors.cities()), query.city)
        if city is None:
            return []
    return selectors.areas_at(lon=query.lon, lat=query.lat, city=city)


@router.get(
    "/{area_id}",
    response={200: AreaFeature, 404: NotFoundOut, 422: ValidationErrorOut},
    summary="One area as a GeoJSON Feature",
)
def area_detail(
    request: HttpRequest,
    area_id: int = Path(..., ge=1, le=2**31 - 1),
    simplified: bool = False,
) -> dict[str, Any]:
    area = get_object_or_404(Area.objects.select_related("city"), pk=area_id)
    return _feature(area, simplified=simplified)
