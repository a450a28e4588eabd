"""Spatial clusters of one indicator: Moran's I and LISA on a map, with a table."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from praeventionsnetz.areas import geo, selectors
from praeventionsnetz.core import exports
from praeventionsnetz.core.access import public
from praeventionsnetz.core.i18n import translate
from praeventionsnetz.monitoring import spatial
from praeventionsnetz.monitoring.forms import PeriodFilter
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.views.common import (
    MISSING_COLOUR,
    indicator_from,
    place_from_request,
)

QUADRANT_COLOURS = {
    "HH": "#d7191c",
    "LL": "#2c7bb6",
    "HL": "#fdae61",
    "LH": "#abd9e9",
    "ns": "#eeeeee",
}


@public
@require_GET
def clusters(request: HttpRequest) -> HttpResponse:
    """Global Moran's I and local hot and cold spots of an indicator."""
    place = place_from_request(request)
    context: dict = {"place": place}
    if place is None:
        return render(request, "monitoring/clusters.html", context)
    indicators = list(monitoring.indicators_of(place.city, place.level))
    if not indicators:
        return render(request, "monitoring/clusters.html", context)
    indicator = indicator_from(request, indicators)
    periods = monitoring.periods_of(indicator, place.city, place.level)
    form = PeriodFilter(
        request.GET,
        periods=periods,
        default=monitoring.default_period(indicator, place.city, place.level, periods),
    )
    period = form.value("periode")
    areas = list(place.areas())
    figures = {f.area.pk: f for f in monitoring.figures_at(indicator, areas, period)}
    # Clusters only over areas with a figure that may be shown.
    usable = [a for a in areas if a.pk in figures and figures[a.pk].shown_value is not None]
    context.update(indicators=indicators, indicator=indicator, periods=periods, period=period)
    if len(usable) < 4:
        context["problem"] = _("A cluster analysis needs figures for at least 4 areas.")
        return render(request, "monitoring/clusters.html", context)
    full = {a.pk: a for a in selectors.areas_with_geometry([a.pk for a in usable])}
    weights = spatial.contiguity_weights(
        [geo.parse_area_geometry(full[a.pk].geometry) for a in usable], kind="queen"
    )
    values = [figures[a.pk].shown_value for a in usable]
    global_result = spatial.morans_i(values, weights, permutations=999, seed=0)
    local = spatial.local_morans(values, weights, permutations=999, seed=0)
    table = local.table.reset_index(drop=True)
    rows = []
    for area, (_i, row) in zip(usable, table.iterrows(), strict=True):
        rows.append(
            {
                "area": area,
                "figure": figures[area.pk],
                "quadrant": row["quadrant"],
                "label": _(spatial.QUADRANT_LABELS[row["quadrant"]]),
                "p": row["p"],
                "colour": QUADRANT_COLOURS[row["quadrant"]],
            }
        )
    by_area = {r["area"].pk: r for r in rows}
    features = selectors.feature_collection(areas)
    for feature in features["features"]:
        row = by_area.get(feature["id"])
        feature["properties"]["fill"] = row["colour"] if row else MISSING_COLOUR
        feature["properties"]["label"] = row["label"] if row else _("no data")
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[_("Code"), _("Area"), indicator.name, _("Cluster"), _("p-value")],
            rows=[
                [
                    r["area"].code,
                    r["area"].name,
                    r["figure"].value,
                    r["label"],
                    round(float(r["p"]), 4) if r["p"] == r["p"] else None,
                ]
                for r in rows
            ],
            filename=f"cluster_{indicator.key}_{period}",
            fmt=fmt,
            source=indicator.citation,
        )
    legend = [
        {"colour": QUADRANT_COLOURS[q], "label": _(spatial.QUADRANT_LABELS[q]), "count": n}
        for q, n in local.counts().items()
    ]
    context.update(
        global_result=global_result,
        moran_summary=translate(global_result.summary),
        rows=rows,
        map_data=features,
        legend=legend,
        missing_colour=MISSING_COLOUR,
        export_query=request.GET.urlencode(),
    )
    return render(request, "monitoring/clusters.html", context)
