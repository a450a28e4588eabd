"""The area profile: one area described from monitoring, the network registry and offers.

It joins several capabilities, so it lives here, above them.
"""

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core import charts
from praeventionsnetz.monitoring.models import (
    AreaTypeAssignment,
    Dimension,
    Indicator,
    IndicatorKind,
    Observation,
)
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.network.selectors import infrastructure_counts

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
    return {
        "infrastructure": infrastructure_counts(area),
        "dimensions": by_dimension,
        "index_results": latest_results,
        "type_assignment": type_assignment,
        "key": key,
        "key_index": key_index,
        "by_key": by_key,
        "charts": charts_svg,
        "has_figures": bool(latest),
    }
