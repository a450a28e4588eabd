"""The area profile: one area described from monitoring, the network registry and offers.

It joins several capabilities, so it lives here, above them.

Case rates
----------
Hilfen zur Erziehung are shown per 1,000 residents under 21 beside the counts: the count of
the latest period over the residents under 21 of the same period. A rate gives its count back
to anyone who knows the base, so it is hidden exactly when the count is (`rate_of`), with the
count's own label ("<3" or "•"); without residents under 21 for that period it is "–".
"""

from dataclasses import dataclass

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core import charts
from praeventionsnetz.core.suppression import rate_of
from praeventionsnetz.monitoring import indices
from praeventionsnetz.monitoring.demo.catalogue import UNDER_21
from praeventionsnetz.monitoring.models import (
    AreaTypeAssignment,
    Dimension,
    IndexResult,
    Indicator,
    IndicatorKind,
    Observation,
)
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.network.selectors import infrastructure_counts

# Case counts shown with a rate per 1,000 residents under 21.
CASE_KEYS = ("hze_ambulant", "hze_stationaer")
RATE_SCALE = 1000


@dataclass(frozen=True)
class CaseRate:
    """A case count with its rate per 1,000 residents under 21 of the same period."""

    indicator: Indicator
    count: monitoring.Figure
    base: monitoring.Figure | None
    value: float | None
    label: str


def case_rates(
    area: Area, latest: dict[str, monitoring.Figure], by_key: dict[str, Indicator]
) -> list[CaseRate]:
    """The profile's case counts with their rates; hidden counts hide their rates."""
    # Among the area's indicators when it has residents under 21; no query otherwise.
    base_indicator = by_key.get(UNDER_21)
    rates = []
    for key in CASE_KEYS:
        count = latest.get(key)
        if count is None:
            continue
        base = None
        if base_indicator is not None:
            base = next(iter(monitoring.figures_at(base_indicator, [area], count.period)), None)
        value = rate_of(
            count.value,
            base.value if base else None,
            scale=RATE_SCALE,
            count_hidden=count.is_suppressed,
            base_hidden=bool(base and base.is_suppressed),
            min_cell=by_key[key].min_cell,
        )
        label = count.label if count.is_suppressed else charts.format_number(value, 1)
        rates.append(CaseRate(by_key[key], count, base, value, label))
    return rates


def part_label(result: IndexResult) -> str:
    """The name of an index part from its definition (e.g. "Prekarisierungsindex")."""
    try:
        definitions = indices.parse_definitions(result.index.definition)
    except indices.DefinitionError:
        return result.index.name
    return next(
        (spec.label for spec in definitions.indices if spec.key == result.part and spec.label),
        result.index.name,
    )


# Time series shown on the profile when the area has them.
PROFILE_SERIES = (
    "geburten",
    "alleinerziehende_anteil",
    "hze_ambulant",
    "arbeitslose",
    "s1_percentage_unemployed",
    "s4_percentage_transfer_payments_recipients_below_15_years",
)


def area_profile(area: Area) -> dict:
    """The quantitative description of an area in the four dimensions."""
    with monitoring.one_reading():
        return _area_profile(area)


def _area_profile(area: Area) -> dict:
    indicators = list(
        Indicator.objects.filter(pk__in=Observation.objects.filter(area=area).values("indicator"))
    )
    latest = monitoring.latest_figures(area, indicators)
    by_dimension = []
    for value, label in Dimension.choices:
        rows = [(i, latest[i.key]) for i in indicators if i.dimension == value and i.key in latest]
        by_dimension.append({"key": value, "label": label, "rows": rows})
    results = monitoring.index_results_masked(monitoring.index_results(area))
    latest_results = []
    seen = set()
    for r in results:
        if (r.index_id, r.part) not in seen:
            seen.add((r.index_id, r.part))
            r.part_label = part_label(r)
            latest_results.append(r)
    type_assignment = (
        AreaTypeAssignment.objects.filter(area=area).select_related("area_type").first()
    )
    key = {
        name: latest.get(ind_key)
        for name, ind_key in monitoring.PROFILE_KEYS.items()
        if ind_key in latest
    }
    key_index = next(
        (r for r in latest_results if r.index.key == monitoring.PROFILE_KEYS["index"]), None
    )
    by_key = {i.key: i for i in indicators}
    series_keys = [k for k in PROFILE_SERIES if k in by_key][:3]
    charts_svg = []
    for n, ind_key in enumerate(series_keys):
        indicator = by_key[ind_key]
        figures = monitoring.series_of(indicator, [area])[area.pk]
        if len(figures) < 2:
            continue
        charts_svg.append(
            {
                "indicator": indicator,
                "svg": charts.line_chart(
                    [charts.Series(area.name, [(f.period, f.shown_value) for f in figures])],
                    title=f"{indicator.name} ({indicator.unit})",
                    unit=indicator.unit,
                    decimals=0 if indicator.kind == IndicatorKind.COUNT else 1,
                    chart_id=f"profile-{n}",
                    height=220,
                ),
                "figures": figures,
            }
        )
    education = [
        (i, latest[i.key])
        for i in indicators
        if i.dimension == Dimension.EDUCATION and i.key in latest
    ]
    return {
        "infrastructure": infrastructure_counts(area),
        "case_rates": case_rates(area, latest, by_key),
        "education": education,
        "dimensions": by_dimension,
        "index_results": latest_results,
        "type_assignment": type_assignment,
        "key": key,
        "key_index": key_index,
        "by_key": by_key,
        "charts": charts_svg,
        "has_figures": bool(latest),
    }
