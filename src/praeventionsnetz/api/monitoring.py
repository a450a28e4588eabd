"""Indicators, observations and composite index results, with small numbers suppressed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from praeventionsnetz.api.areas import NotFoundOut, ValidationErrorOut
from praeventionsnetz.api.fields import Text
from praeventionsnetz.areas.models import Level
from praeventionsnetz.monitoring.models import (
    CompositeIndex,
    Dimension,
    IndexResult,
    Indicator,
    IndicatorKind,
    Observation,
)
from praeventionsnetz.monitoring.selectors.figures import (
    figure_of,
    index_inputs_hidden,
    suppressions,
)

router = Router(tags=["monitoring"])


class IndicatorOut(Schema):
    key: str
    name_de: str
    name_en: str
    unit: str
    dimension: Dimension
    direction: int = Field(description="1: higher = more burden, -1: less burden, 0: neutral")
    kind: IndicatorKind
    min_cell: int = Field(description="Counts below this are suppressed.")
    source: str
    licence: str
    is_demo: bool = Field(description="Invented demo figures, not real data.")


class ObservationFilter(Schema):
    indicator: Text | None = None
    city: Text | None = Field(None, description="Code of a city, e.g. dresden.")
    level: Level | None = None
    period: Text | None = Field(None, max_length=10)
    area: int | None = Field(None, ge=1, le=2**31 - 1)
    limit: int = Field(500, ge=1, le=5000)
    offset: int = Field(0, ge=0, le=1_000_000)


class ObservationOut(Schema):
    area_id: int
    area_code: str
    area_name: str
    indicator: str
    period: str
    value: float | None = Field(description="Empty when suppressed or missing.")
    numerator: float | None
    denominator: float | None
    suppressed: bool = Field(
        description="True when the figure is hidden: a small count, or withheld so that no "
        "small count can be worked out from the others."
    )
    label: str = Field(
        description="The value as shown in pages: '<3' for a small count (1 or 2; zero is "
        "shown), '•' for a figure withheld to protect one."
    )
    aggregated: bool


class ObservationPage(Schema):
    total: int
    items: list[ObservationOut]


class IndexOut(Schema):
    key: str
    name: str
    description: str
    source: str
    is_demo: bool
    definition: dict[str, Any]


class IndexResultFilter(Schema):
    part: Text | None = Field(None, max_length=80)
    period: Text | None = Field(None, max_length=10)
    limit: int = Field(500, ge=1, le=5000)
    offset: int = Field(0, ge=0, le=1_000_000)


class IndexResultOut(Schema):
    area_id: int
    area_code: str
    area_name: str
    part: str
    period: str
    value: float | None = Field(description="Empty when an input figure of the area is hidden.")
    class_label: str
    rank: int | None
    suppressed: bool = Field(
        description="True when an input figure of the area is hidden: the value, class and "
        "rank would let it be worked out."
    )


class IndexResultPage(Schema):
    total: int
    items: list[IndexResultOut]


@router.get("/indicators", response=list[IndicatorOut], summary="The indicator catalogue")
def indicator_list(request: HttpRequest) -> list[Indicator]:
    return list(Indicator.objects.order_by("dimension", "key"))


@router.get(
    "/observations",
    response={200: ObservationPage, 422: ValidationErrorOut},
    summary="Figures per area and period; small counts are suppressed",
)
def observation_list(request: HttpRequest, filters: Query[ObservationFilter]) -> dict:
    qs = Observation.objects.select_related("area", "indicator").order_by(
        "indicator__key", "period", "area__code", "pk"
    )
    if filters.indicator:
        qs = qs.filter(indicator__key=filters.indicator)
    if filters.city:
        qs = qs.filter(area__city__code=filters.city) | qs.filter(
            area__code=filters.city, area__city__isnull=True
        )
    if filters.level:
        qs = qs.filter(area__level=filters.level)
    if filters.period:
        qs = qs.filter(period=filters.period)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    total = qs.count()
    items = []
    page = list(qs[filters.offset : filters.offset + filters.limit])
    wanted: dict[int, dict[tuple[int, str], Indicator]] = {}
    for obs in page:
        city_id = obs.area.city_id or obs.area_id
        wanted.setdefault(city_id, {})[(obs.indicator_id, obs.period)] = obs.indicator
    hidden = {
        (city_id, *key): s
        for city_id, pairs in wanted.items()
        for key, s in suppressions(city_id, [(i, p) for (_pk, p), i in pairs.items()]).items()
    }
    for obs in page:
        city_id = obs.area.city_id or obs.area_id
        figure = figure_of(
            obs, obs.indicator, obs.area, hidden.get((city_id, obs.indicator_id, obs.period))
        )
        items.append(
            {
                "area_id": obs.area_id,
                "area_code": obs.area.code,
                "area_name": obs.area.name,
                "indicator": obs.indicator.key,
                "period": obs.period,
                "value": figure.value,
                "numerator": figure.numerator,
                "denominator": figure.denominator,
                "suppressed": figure.is_suppressed,
                "label": figure.label,
                "aggregated": obs.is_aggregated,
            }
        )
    return {"total": total, "items": items}


@router.get("/indices", response=list[IndexOut], summary="Composite index definitions")
def index_list(request: HttpRequest) -> list[CompositeIndex]:
    return list(CompositeIndex.objects.order_by("key"))


@router.get(
    "/indices/{key}/results",
    response={200: IndexResultPage, 404: NotFoundOut, 422: ValidationErrorOut},
    summary="Values, classes and ranks of an index per area",
)
def index_results(request: HttpRequest, key: str, filters: Query[IndexResultFilter]) -> dict:
    index = get_object_or_404(CompositeIndex, key=key)
    qs = (
        IndexResult.objects.filter(index=index)
        .select_related("area")
        .order_by("part", "period", "rank", "area__code")
    )
    if filters.part:
        qs = qs.filter(part=filters.part)
    if filters.period:
        qs = qs.filter(period=filters.period)
    total = qs.count()
    page = list(qs[filters.offset : filters.offset + filters.limit])
    hidden: dict[tuple[int, str, str], set[int]] = {}
    for r in page:
        key = (r.area.city_id or r.area_id, r.part, r.period)
        if key not in hidden:
            hidden[key] = index_inputs_hidden(index, r.part, key[0], r.period)
    items = []
    for r in page:
        suppressed = r.area_id in hidden[(r.area.city_id or r.area_id, r.part, r.period)]
        items.append(
            {
                "area_id": r.area_id,
                "area_code": r.area.code,
                "area_name": r.area.name,
                "part": r.part,
                "period": r.period,
                "value": None if suppressed else r.value,
                "class_label": "" if suppressed else r.class_label,
                "rank": None if suppressed else r.rank,
                "suppressed": suppressed,
            }
        )
    return {"total": total, "items": items}
