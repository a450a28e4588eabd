"""Areas with their geometry as GeoJSON.

Geometry is large (a page of 100 full Stadtteile is about 0.6 MB), so pages are capped at
`MAX_PAGE` areas and every answer carries an ETag and Last-Modified: a client that sends
them back gets 304 without a body, and the server keeps each answer in the cache under its
ETag for `settings.API_CACHE_SECONDS`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from ninja import Field, Path, Query, Router, Schema

from praeventionsnetz.api.fields import Text
from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import Area, Level

router = Router(tags=["areas"])

MAX_PAGE = 100


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
    limit: int = Field(
        MAX_PAGE, ge=1, le=MAX_PAGE, description=f"Areas per page, at most {MAX_PAGE}."
    )
    offset: int = Field(0, ge=0, le=1_000_000)


class LocateQuery(Schema):
    lon: float = Field(..., ge=-180, le=180, description="Longitude (WGS84).")
    lat: float = Field(..., ge=-90, le=90, description="Latitude (WGS84).")
    city: Text | None = None


def _areas(*, simplified: bool):
    """Areas with their city's code, loading only the geometry that is shown.

    A city's own geometry is large (Berlin's outline is megabytes); joined to each of 100
    areas it made a page take seconds.
    """
    unused = "geometry" if simplified else "display_geometry"
    return Area.objects.select_related("city").defer(
        unused, "city__geometry", "city__display_geometry"
    )


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


def _validators(request: HttpRequest, *parts: Any) -> tuple[str, dt.datetime | None]:
    """The ETag of an answer from what determines it, and its Last-Modified."""
    last = max((p for p in parts if isinstance(p, dt.datetime)), default=None)
    key = "|".join([request.get_full_path(), *map(str, parts)])
    return f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"', last


def _cached(request: HttpRequest, parts: tuple, build) -> HttpResponse:
    """304 when the client's copy is current, else the answer (from the cache if it is
    there) as JSON with its validators. The answer has the shape of the endpoint's schema
    (`build` makes it with `_feature`); it is cached as bytes, so a hit costs no rendering.
    """
    etag, last = _validators(request, *parts)
    timestamp = int(last.timestamp()) if last else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if not_modified is not None:
        return not_modified
    key = f"api:areas:{etag}"
    content = cache.get(key)
    if content is None:
        content = json.dumps(build(), cls=DjangoJSONEncoder).encode()
        cache.set(key, content, settings.API_CACHE_SECONDS)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    # Clients may keep the answer but ask again (cheaply, with the validators) before use.
    patch_cache_control(response, public=True, no_cache=True)
    return response


@router.get(
    "",
    response={200: AreaCollection, 304: None, 422: ValidationErrorOut},
    summary="List areas as a GeoJSON FeatureCollection",
    description=(
        f"At most {MAX_PAGE} areas per page (limit/offset). Sends ETag and Last-Modified; "
        "with If-None-Match or If-Modified-Since an unchanged answer is 304 without a body."
    ),
)
def area_list(request: HttpRequest, filters: Query[AreaFilter]) -> HttpResponse:
    qs = _areas(simplified=filters.simplified).current().order_by("level", "code", "pk")
    if filters.city:
        qs = qs.filter(city__code=filters.city) | qs.filter(code=filters.city, city__isnull=True)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.parent is not None:
        qs = qs.filter(parent_id=filters.parent)
    # The whole match, not just the page: a change anywhere may shift the page.
    state = qs.aggregate(total=Count("pk"), last=Max("updated_at"))

    def build() -> dict[str, Any]:
        page = qs[filters.offset : filters.offset + filters.limit]
        return {
            "type": "FeatureCollection",
            "total": state["total"],
            "features": [_feature(a, simplified=filters.simplified) for a in page],
        }

    return _cached(request, (state["total"], state["last"]), build)


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
    response={200: AreaFeature, 304: None, 404: NotFoundOut, 422: ValidationErrorOut},
    summary="One area as a GeoJSON Feature",
    description="Sends ETag and Last-Modified; an unchanged area is 304 on a conditional GET.",
)
def area_detail(
    request: HttpRequest,
    area_id: int = Path(..., ge=1, le=2**31 - 1),
    simplified: bool = False,
) -> HttpResponse:
    area = get_object_or_404(_areas(simplified=simplified), pk=area_id)
    return _cached(
        request,
        (area.pk, area.updated_at),
        lambda: _feature(area, simplified=simplified),
    )
