"""Reads for the monitoring pages, exports and API: observations with suppression applied."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from django.db.models import Count, QuerySet

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.suppression import is_suppressed, suppressed_label
from praeventionsnetz.monitoring.models import (
    Dimension,
    IndexResult,
    Indicator,
    IndicatorKind,
    Observation,
)


@dataclass(frozen=True)
class Figure:
    """An observation as it may be shown: suppressed ones carry no number."""

    area: Area
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    is_suppressed: bool
    is_aggregated: bool
    label: str  # the value for humans, "<3" when suppressed
    is_estimated: bool = False  # aggregated with a share of a split area

    @property
    def shown_value(self) -> float | None:
        return None if self.is_suppressed else self.value


def _label(value: float | None, indicator: Indicator) -> str:
    from praeventionsnetz.core.charts import format_number

    if value is None:
        return "–"
    decimals = 0 if indicator.kind == IndicatorKind.COUNT else 1
    return format_number(value, decimals)


def figure_of(obs: Observation, indicator: Indicator, area: Area | None = None) -> Figure:
    hidden = is_suppressed(
        kind=indicator.kind, value=obs.value, numerator=obs.numerator, min_cell=indicator.min_cell
    )
    return Figure(
        area=area or obs.area,
        period=obs.period,
        value=None if hidden else obs.value,
        numerator=None if hidden else obs.numerator,
        denominator=None if hidden else obs.denominator,
        is_suppressed=hidden,
        is_aggregated=obs.is_aggregated,
        label=suppressed_label(indicator.min_cell) if hidden else _label(obs.value, indicator),
        is_estimated=obs.is_estimated,
    )


def indicators_of(city: Area, level: str | None = None) -> QuerySet[Indicator]:
    """Indicators with figures for areas of this city (at a level)."""
    obs = Observation.objects.filter(area__city=city)
    if level:
        obs = obs.filter(area__level=level)
    return Indicator.objects.filter(pk__in=obs.values("indicator")).order_by("dimension", "key")


def indicators_with_counts() -> QuerySet[Indicator]:
    return Indicator.objects.annotate(n=Count("observations")).order_by("dimension", "key")


def periods_of(indicator: Indicator, city: Area, level: str) -> list[str]:
    return sorted(
        Observation.objects.filter(indicator=indicator, area__city=city, area__level=level)
        .values_list("period", flat=True)
        .distinct()
    )


def figures_at(indicator: Indicator, areas: Sequence[Area], period: str) -> list[Figure]:
    """One figure per area (missing areas are left out), in the order of `areas`."""
    by_area = {
        o.area_id: o
        for o in Observation.objects.filter(indicator=indicator, period=period, area__in=areas)
    }
    return [figure_of(by_area[a.pk], indicator, a) for a in areas if a.pk in by_area]


def series_of(indicator: Indicator, areas: Sequence[Area]) -> dict[int, list[Figure]]:
    """Time series per area: {area pk: [figures in period order]}."""
    result: dict[int, list[Figure]] = {a.pk: [] for a in areas}
    by_pk = {a.pk: a for a in areas}
    for obs in Observation.objects.filter(indicator=indicator, area__in=areas).order_by("period"):
        result[obs.area_id].append(figure_of(obs, indicator, by_pk[obs.area_id]))
    return result


def complete_periods(indicators: Iterable[Indicator], city: Area, level: str) -> dict[int, set]:
    """Per indicator pk, the periods in which every inhabited area of the level has a figure.

    A period with figures for only some areas (e.g. a partial import) is incomplete: it is
    not the default anywhere, and no total is computed from it.
    """
    required = Area.objects.current().filter(city=city, level=level, has_residents=True)
    if level == Level.CITY:
        required = Area.objects.filter(pk=city.pk)
    needed = required.count()
    counts = (
        Observation.objects.filter(indicator__in=list(indicators), area__in=required)
        .values_list("indicator_id", "period")
        .annotate(n=Count("area", distinct=True))
    )
    result: dict[int, set] = {}
    for indicator_id, period, n in counts:
        if n >= needed:
            result.setdefault(indicator_id, set()).add(period)
    return result


def default_period(indicator: Indicator, city: Area, level: str, periods: Sequence[str]) -> str:
    """The latest complete period of the level, else the latest period at all."""
    complete = complete_periods([indicator], city, level).get(indicator.pk, set())
    return max((p for p in periods if p in complete), default=periods[-1])


def latest_figures(area: Area, indicators: Iterable[Indicator]) -> dict[str, Figure]:
    """The latest figure of each indicator for one area, by indicator key.

    The latest period that is complete for the area's level, so that one profile does not
    mix this year's partial import with last year's figures; else the area's newest.
    """
    indicators = list(indicators)
    by_pk = {i.pk: i for i in indicators}
    city = area.city if area.city_id else area
    complete = complete_periods(indicators, city, area.level)
    chosen: dict[int, Observation] = {}
    rows = (
        Observation.objects.filter(area=area, indicator__in=indicators)
        .only(
            "indicator_id",
            "period",
            "value",
            "numerator",
            "denominator",
            "is_aggregated",
            "is_estimated",
        )
        .order_by("indicator_id", "-period")
    )
    for obs in rows:
        best = chosen.get(obs.indicator_id)
        is_complete = obs.period in complete.get(obs.indicator_id, ())
        if best is None or (is_complete and best.period not in complete.get(obs.indicator_id, ())):
            chosen[obs.indicator_id] = obs
    return {by_pk[pk].key: figure_of(obs, by_pk[pk], area) for pk, obs in chosen.items()}


def observations_frame(areas: Sequence[Area], period: str, keys: Sequence[str]) -> pd.DataFrame:
    """Indicator values as columns, areas (by code) as rows; unsuppressed, for analytics.

    Analytics work on true values; only their results are shown, never a suppressed input.
    """
    codes = {a.pk: a.code for a in areas}
    rows = Observation.objects.filter(
        area__in=areas, period=period, indicator__key__in=keys
    ).values_list("area_id", "indicator__key", "value")
    frame = pd.DataFrame.from_records(list(rows), columns=["area", "key", "value"])
    if frame.empty:
        return pd.DataFrame(index=pd.Index([], name="id"), columns=list(keys), dtype=float)
    frame["area"] = frame["area"].map(codes)
    wide = frame.pivot_table(index="area", columns="key", values="value", aggfunc="first")
    wide.index.name = "id"
    return wide.reindex(columns=list(keys)).astype(float)


def dimension_label(key: str) -> str:
    return str(Dimension(key).label)


def index_results(area: Area) -> QuerySet[IndexResult]:
    return (
        IndexResult.objects.filter(area=area)
        .select_related("index")
        .order_by("index__key", "part", "-period")
    )


def level_with_most_indicators(city: Area, levels: Sequence[str]) -> str | None:
    """The level with figures for most indicators (the finer one on a tie)."""
    counts = dict(
        Observation.objects.filter(area__city=city)
        .values_list("area__level")
        .annotate(n=Count("indicator", distinct=True))
    )
    best = None
    for level in levels:
        if counts.get(level, 0) and (best is None or counts[level] >= counts[best]):
            best = level
    return best


PROFILE_KEYS = {
    "index": "dresden_prekarisierung_demo",
    "forecast": "prognose_0_21",
    "ambulant": "hze_ambulant",
    "residential": "hze_stationaer",
}
