"""Reads for the monitoring pages, exports and API: observations with suppression applied.

Suppression looks at all figures of an indicator and period in a city at once: a figure is
hidden when it is a small count, and withheld when it would let a reader work a small count
out by subtraction (see `core.suppression`). Every page, export and API answer reads its
figures through `figure_of` with the city's `Suppression`, so all show the same cells.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd
from django.db.models import Count, Q, QuerySet

from praeventionsnetz.areas.models import LEVEL_ORDER, Area, Level
from praeventionsnetz.areas.selectors import hierarchy_of
from praeventionsnetz.core.suppression import (
    Suppression,
    complementary_suppression,
    is_suppressed,
    suppressed_label,
)
from praeventionsnetz.monitoring.models import (
    CompositeIndex,
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


def figure_of(
    obs: Observation,
    indicator: Indicator,
    area: Area | None = None,
    suppression: Suppression[int] | None = None,
) -> Figure:
    """The figure as it may be shown; `suppression` is the city's for this indicator and period."""
    small = is_suppressed(
        kind=indicator.kind, value=obs.value, numerator=obs.numerator, min_cell=indicator.min_cell
    )
    label = suppression.label(obs.area_id, indicator.min_cell) if suppression else None
    if label is None and small:
        label = suppressed_label(indicator.min_cell)
    hidden = label is not None
    return Figure(
        area=area or obs.area,
        period=obs.period,
        value=None if hidden else obs.value,
        numerator=None if hidden else obs.numerator,
        denominator=None if hidden else obs.denominator,
        is_suppressed=hidden,
        is_aggregated=obs.is_aggregated,
        label=label if label is not None else _label(obs.value, indicator),
        is_estimated=obs.is_estimated,
    )


def _city_id(area: Area) -> int:
    return area.city_id or area.pk


# Within `one_reading()`: the sum groups of each city, read once (see there).
_sum_groups_memo: ContextVar[dict[int, list[tuple[int, list[int]]]] | None] = ContextVar(
    "sum_groups_memo", default=None
)


@contextmanager
def one_reading() -> Iterator[None]:
    """Inside the block, each city's area hierarchy is read once.

    A page that asks for the suppression of many indicators (the area profile: its latest
    figures and three time series) would otherwise read the whole hierarchy for each; the
    hierarchy does not change while one page is made.
    """
    token = _sum_groups_memo.set({})
    try:
        yield
    finally:
        _sum_groups_memo.reset(token)


def _sum_groups_read(city_id: int) -> list[tuple[int, list[int]]]:
    memo = _sum_groups_memo.get()
    if memo is None:
        return sum_groups(city_id)
    if city_id not in memo:
        memo[city_id] = sum_groups(city_id)
    return memo[city_id]


def sum_groups(city_id: int) -> list[tuple[int, list[int]]]:
    """The sums a reader knows: an area's figure is the sum of the figures of the areas of each
    finer level that belong to it, along its own grouping (a Stadtbezirk sums its Stadtteile,
    not the Stadträume, which may cross its border). Areas that lie only partly in another
    are counted as members too: an estimated sum only hides more, never less.
    """
    hierarchy = hierarchy_of(city_id)
    levels = set(hierarchy.levels.values())
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for pk, level in sorted(hierarchy.levels.items()):
        for coarser in sorted(lvl for lvl in levels if LEVEL_ORDER[lvl] < LEVEL_ORDER[level]):
            for container in hierarchy.toward(pk, coarser):
                groups[(container, level)].append(pk)
    return [(parent, members) for (parent, _level), members in sorted(groups.items())]


def _counted(indicator: Indicator, value: float | None, numerator: float | None) -> float | None:
    """The count behind a figure: the value of a count, the numerator of a rate."""
    return value if indicator.kind == IndicatorKind.COUNT else numerator


def suppressions(
    city_id: int, wanted: Iterable[tuple[Indicator, str]]
) -> dict[tuple[int, str], Suppression[int]]:
    """The suppression of each (indicator, period) over all figures of the city.

    Two queries at most, whatever the number of pairs: the figures, and the areas when a
    small count is among them.
    """
    pairs = {(i.pk, p): i for i, p in wanted if i.kind != IndicatorKind.VALUE}
    result: dict[tuple[int, str], Suppression[int]] = {}
    if not pairs:
        return result
    # Every asked indicator in every asked period, the unasked pairs skipped below: one
    # condition instead of one per pair, whose building cost more than the query.
    in_city = Area.objects.filter(Q(city_id=city_id) | Q(pk=city_id)).values("pk")
    values: dict[tuple[int, str], dict[int, float | None]] = defaultdict(dict)
    for indicator_id, period, area_id, value, numerator in (
        Observation.objects.filter(
            indicator_id__in=sorted({i for i, _p in pairs}),
            period__in=sorted({p for _i, p in pairs}),
            area_id__in=in_city,
        )
        .order_by("area_id")
        .values_list("indicator_id", "period", "area_id", "value", "numerator")
    ):
        indicator = pairs.get((indicator_id, period))
        if indicator is not None:
            values[(indicator_id, period)][area_id] = _counted(indicator, value, numerator)
    groups: list[tuple[int, list[int]]] | None = None
    for key, indicator in pairs.items():
        cells = values.get(key, {})
        if not any(0 < (v or 0) < indicator.min_cell for v in cells.values()):
            result[key] = Suppression()
            continue
        if groups is None:
            groups = _sum_groups_read(city_id)
        result[key] = _suppression(
            tuple(cells.items()),
            tuple((parent, tuple(children)) for parent, children in groups),
            indicator.min_cell,
        )
    return result


@lru_cache(maxsize=512)
def _suppression(
    cells: tuple[tuple[int, float | None], ...],
    groups: tuple[tuple[int, tuple[int, ...]], ...],
    min_cell: int,
) -> Suppression[int]:
    # The same figures give the same result; pages ask for the same ones again and again.
    return complementary_suppression(dict(cells), groups, min_cell=min_cell)


def suppression_at(indicator: Indicator, city_id: int, period: str) -> Suppression[int]:
    return suppressions(city_id, [(indicator, period)]).get((indicator.pk, period), Suppression())


def indicators_of(city: Area, level: str | None = None) -> QuerySet[Indicator]:
    """Indicators with figures for areas of this city (at a level)."""
    obs = Observation.objects.filter(area__city=city)
    if level:
        obs = obs.filter(area__level=level)
    return Indicator.objects.filter(pk__in=obs.values("indicator")).order_by("dimension", "key")


def indicators_with_counts() -> QuerySet[Indicator]:
    return Indicator.objects.annotate(n=Count("observations")).order_by("dimension", "key")


def periods_of(indicator: Indicator, city: Area, level: str) -> list[str]:
    """The distinct periods, oldest first."""
    # An explicit ordering first: the model's default one would put its columns into the
    # DISTINCT and give one period per observation.
    return list(
        Observation.objects.filter(indicator=indicator, area__city=city, area__level=level)
        .order_by("period")
        .values_list("period", flat=True)
        .distinct()
    )


def relative_to(
    series: dict[int, list[Figure]], base_pk: int, *, decimals: int = 1
) -> dict[int, list[Figure]]:
    """Every series as a share of the base's figure of the same period, the base = 100.

    A hidden figure stays hidden (its share with the base would give it back); a period
    in which the base has no figure, or a zero, has no share.
    """
    from praeventionsnetz.core.charts import format_number

    base = {f.period: f.shown_value for f in series.get(base_pk, [])}
    result: dict[int, list[Figure]] = {}
    for pk, figures in series.items():
        shares = []
        for f in figures:
            if f.shown_value is None:
                shares.append(replace(f, value=None, numerator=None, denominator=None))
                continue
            reference = base.get(f.period)
            share = f.shown_value / reference * 100 if reference else None
            shares.append(
                replace(
                    f,
                    value=share,
                    numerator=None,
                    denominator=None,
                    label=format_number(share, decimals),
                )
            )
        result[pk] = shares
    return result


def figures_at(indicator: Indicator, areas: Sequence[Area], period: str) -> list[Figure]:
    """One figure per area (missing areas are left out), in the order of `areas`."""
    by_area = {
        o.area_id: o
        for o in Observation.objects.filter(indicator=indicator, period=period, area__in=areas)
    }
    if not by_area:
        return []
    hidden = suppression_at(indicator, _city_id(areas[0]), period)
    return [figure_of(by_area[a.pk], indicator, a, hidden) for a in areas if a.pk in by_area]


def series_of(indicator: Indicator, areas: Sequence[Area]) -> dict[int, list[Figure]]:
    """Time series per area: {area pk: [figures in period order]}."""
    result: dict[int, list[Figure]] = {a.pk: [] for a in areas}
    by_pk = {a.pk: a for a in areas}
    rows = list(Observation.objects.filter(indicator=indicator, area__in=areas).order_by("period"))
    hidden: dict[tuple[int, str], Suppression[int]] = {}
    cities = {_city_id(a) for a in areas}
    for city_id in cities:
        hidden |= {
            (city_id, p): s
            for (_i, p), s in suppressions(
                city_id, [(indicator, p) for p in {o.period for o in rows}]
            ).items()
        }
    for obs in rows:
        area = by_pk[obs.area_id]
        figure = figure_of(obs, indicator, area, hidden.get((_city_id(area), obs.period)))
        result[obs.area_id].append(figure)
    return result


def complete_periods(indicators: Iterable[Indicator], city: Area, level: str) -> dict[int, set]:
    """Per indicator pk, the periods in which every inhabited area of the level has a figure.

    A period with figures for only some areas (e.g. a partial import) is incomplete: it is
    not the default anywhere, and no total is computed from it.
    """
    required = Area.objects.current().filter(city=city, level=level, has_residents=True)
    if level == Level.CITY:
        required = Area.objects.filter(pk=city.pk)
    required_ids = list(required.values_list("pk", flat=True))
    needed = len(required_ids)
    # An area has one figure per indicator and period (a unique constraint), so the rows
    # are counted plainly: a DISTINCT count and the joins for it cost twice as much.
    counts = (
        Observation.objects.filter(
            indicator_id__in=[i.pk for i in indicators], area_id__in=required_ids
        )
        .order_by()
        .values_list("indicator_id", "period")
        .annotate(n=Count("*"))
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
            "area_id",
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
    hidden = suppressions(_city_id(area), [(by_pk[pk], o.period) for pk, o in chosen.items()])
    return {
        by_pk[pk].key: figure_of(obs, by_pk[pk], area, hidden.get((pk, obs.period)))
        for pk, obs in chosen.items()
    }


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


def index_inputs_hidden(index: CompositeIndex, part: str, city_id: int, period: str) -> set[int]:
    """Areas whose result of an index part must not be shown: an input figure is hidden.

    An index is a weighted sum of standardised inputs; with the other inputs visible, the
    value (and even the rank among known values) gives the hidden one back.
    """
    from praeventionsnetz.monitoring import indices

    try:
        definitions = indices.parse_definitions(index.definition)
    except indices.DefinitionError:
        return set()
    keys = [k for spec in definitions.indices if spec.key == part for k in spec.keys]
    inputs = Indicator.objects.filter(key__in=keys).exclude(kind=IndicatorKind.VALUE)
    hidden: set[int] = set()
    for suppression in suppressions(city_id, [(i, period) for i in inputs]).values():
        hidden |= suppression.hidden
    return hidden


def index_periods(index: CompositeIndex, part: str) -> list[str]:
    """The distinct periods an index part was computed for, latest first."""
    return list(
        IndexResult.objects.filter(index=index, part=part)
        .order_by("-period")  # replaces the default ordering, see periods_of
        .values_list("period", flat=True)
        .distinct()
    )


def index_indicator_names(index_keys: Iterable[str]) -> dict[str, str]:
    """The catalogue's names of the indicators an index is built from, by key."""
    return {i.key: i.name for i in Indicator.objects.filter(key__in=list(index_keys))}


def index_results_masked(results: Iterable[IndexResult]) -> list[IndexResult]:
    """The results with value, class and rank blanked where an input figure is hidden.

    Ranks of the others count only the areas shown, so that a gap in the ranks does not
    place a hidden area between two known ones. Blanked results are marked
    `is_suppressed`, follow the shown ones and are never saved.
    """
    results = list(results)
    hidden: dict[tuple[int, str, int, str], set[int]] = {}
    ranks: dict[tuple[int, str, int, str], dict[int, int]] = {}
    for r in results:
        city_id = _city_id(r.area)
        key = (r.index_id, r.part, city_id, r.period)
        if key in hidden:
            continue
        hidden[key] = index_inputs_hidden(r.index, r.part, city_id, r.period)
        if hidden[key]:
            stored = list(
                IndexResult.objects.filter(index_id=r.index_id, part=r.part, period=r.period)
                .filter(Q(area__city_id=city_id) | Q(area_id=city_id))
                .exclude(area_id__in=hidden[key])
                .values_list("area_id", "rank")
            )
            ranks[key] = {
                area: 1 + sum(other < rank for _a, other in stored) for area, rank in stored
            }
    shown, masked = [], []
    for r in results:
        key = (r.index_id, r.part, _city_id(r.area), r.period)
        r.is_suppressed = r.area_id in hidden[key]
        if r.is_suppressed:
            r.value, r.class_label, r.rank = None, "", None
            masked.append(r)
        else:
            r.rank = ranks.get(key, {}).get(r.area_id, r.rank)
            shown.append(r)
    return shown + sorted(masked, key=lambda r: (r.index_id, r.part, r.area.code))


def shown_frame(areas: Sequence[Area], period: str, keys: Sequence[str]) -> pd.DataFrame:
    """Like `observations_frame`, with every hidden figure (small or withheld) missing.

    For analyses whose results are shown per area or per small group of areas (district
    types): a type of one area would otherwise show that area's hidden figure as its centre.
    """
    frame = observations_frame(areas, period, keys)
    if frame.empty or not areas:
        return frame
    inputs = Indicator.objects.filter(key__in=keys).exclude(kind=IndicatorKind.VALUE)
    codes = {a.pk: a.code for a in areas}
    by_pk = {i.pk: i for i in inputs}
    for (indicator_id, _period), suppression in suppressions(
        _city_id(areas[0]), [(i, period) for i in inputs]
    ).items():
        hidden = [codes[pk] for pk in suppression.hidden if pk in codes]
        frame.loc[frame.index.intersection(hidden), by_pk[indicator_id].key] = np.nan
    return frame


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
