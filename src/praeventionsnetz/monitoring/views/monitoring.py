"""Monitoring pages: indicator catalogue, choropleth map, time series, comparison table."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from praeventionsnetz.areas import selectors
from praeventionsnetz.core import charts, exports
from praeventionsnetz.core.access import get_for, public, requires
from praeventionsnetz.core.i18n import translate
from praeventionsnetz.monitoring import choropleth
from praeventionsnetz.monitoring.forms import IndicatorForm, MapFilter, PeriodFilter, SeriesFilter
from praeventionsnetz.monitoring.models import ImportBatch, Indicator, IndicatorKind
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.views import tables
from praeventionsnetz.monitoring.views.common import (
    MISSING_COLOUR,
    indicator_from,
    place_from_request,
)

MAX_SERIES = 6


def _decimals(indicator: Indicator) -> int:
    return 0 if indicator.kind == IndicatorKind.COUNT else 1


@public
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The indicator catalogue with source, licence and whether the figures are real."""
    indicators = list(monitoring.indicators_with_counts())
    batches = (
        ImportBatch.objects.select_related("imported_by")[:20]
        if request.user.has_perm("monitoring.import_observations")
        else []
    )
    return render(
        request, "monitoring/indicator_list.html", {"indicators": indicators, "batches": batches}
    )


@public
@require_GET
def indicator_map(request: HttpRequest) -> HttpResponse:
    """A choropleth of one indicator, with legend, table and export."""
    place = place_from_request(request)
    context: dict = {"place": place}
    if place is None:
        return render(request, "monitoring/indicator_map.html", context)
    indicators = list(monitoring.indicators_of(place.city, place.level))
    context["indicators"] = indicators
    if not indicators:
        return render(request, "monitoring/indicator_map.html", context)
    indicator = indicator_from(request, indicators)
    periods = monitoring.periods_of(indicator, place.city, place.level)
    form = MapFilter(
        request.GET,
        periods=periods,
        default=monitoring.default_period(indicator, place.city, place.level, periods),
    )
    period, scheme, k = form.value("periode"), form.value("klassen"), form.value("anzahl")
    areas = list(place.areas())
    figures = monitoring.figures_at(indicator, areas, period)
    classification = choropleth.classify([f.shown_value for f in figures], scheme=scheme, k=k)
    colours = charts.ramp(len(classification.bins))
    links = selectors.area_links(a.pk for a in areas)
    rows = [
        {
            "figure": f,
            "class": c,
            "colour": MISSING_COLOUR if c is None else colours[c],
            "url": links[f.area.pk],
        }
        for f, c in zip(figures, classification.classes, strict=True)
    ]
    fmt = form.export_format
    title = f"{indicator.name} {period} – {place.level_label} in {place.city.name}"
    if fmt:
        return exports.table_response(
            header=[
                _("Code"),
                _("Area"),
                _("Period"),
                f"{indicator.name} ({indicator.unit})",
                _("Numerator"),
                _("Denominator"),
                _("Class"),
            ],
            rows=[
                [
                    r["figure"].area.code,
                    r["figure"].area.name,
                    period,
                    r["figure"].label if r["figure"].is_suppressed else r["figure"].value,
                    r["figure"].numerator,
                    r["figure"].denominator,
                    "" if r["class"] is None else r["class"] + 1,
                ]
                for r in rows
            ],
            filename=f"{indicator.key}_{place.city.code}_{place.level}_{period}",
            fmt=fmt,
            source=indicator.citation,
        )
    by_area = {r["figure"].area.pk: r for r in rows}
    features = selectors.feature_collection(areas)
    for feature in features["features"]:
        row = by_area.get(feature["id"])
        feature["properties"]["fill"] = row["colour"] if row else MISSING_COLOUR
        feature["properties"]["label"] = row["figure"].label if row else _("no data")
    legend = [
        {"colour": colours[i], "label": translate(label), "count": classification.counts[i]}
        for i, label in enumerate(classification.labels(_decimals(indicator)))
    ]
    missing = len(areas) - sum(1 for r in rows if r["class"] is not None)
    context.update(
        indicator=indicator,
        period=period,
        periods=periods,
        scheme=scheme,
        k=k,
        rows=rows,
        rows_html=tables.figure_rows(rows),
        legend=legend,
        missing=missing,
        missing_colour=MISSING_COLOUR,
        map_data=features,
        title=title,
        schemes={key: _(label) for key, label in choropleth.SCHEMES.items()},
        export_query=request.GET.urlencode(),
    )
    return render(request, "monitoring/indicator_map.html", context)


@public
@require_GET
def indicator_series(request: HttpRequest) -> HttpResponse:
    """Time series of one indicator for the city and chosen areas: chart, table, export."""
    place = place_from_request(request)
    if place is None:
        return render(request, "monitoring/indicator_series.html", {"place": None})
    indicators = list(monitoring.indicators_of(place.city, place.level))
    if not indicators:
        return render(request, "monitoring/indicator_series.html", {"place": place})
    indicator = indicator_from(request, indicators)
    areas = list(place.areas())
    chosen_codes = request.GET.getlist("gebiet")
    chosen = [a for a in areas if a.code in chosen_codes][:MAX_SERIES]
    if not chosen:
        periods = monitoring.periods_of(indicator, place.city, place.level)
        latest = (
            [monitoring.default_period(indicator, place.city, place.level, periods)]
            if periods
            else []
        )
        figures = monitoring.figures_at(indicator, areas, latest[0]) if latest else []
        top = sorted(
            (f for f in figures if f.shown_value is not None), key=lambda f: -f.shown_value
        )[:3]
        chosen = [f.area for f in top]
    shown = [place.city, *chosen]
    series = monitoring.series_of(indicator, shown)
    form = SeriesFilter(request.GET)
    relative = form.value("relativ")
    decimals = _decimals(indicator)
    unit = indicator.unit
    if relative:
        # The city's total would flatten the areas' lines; as shares of it they keep their shape.
        series = monitoring.relative_to(series, place.city.pk, decimals=1)
        decimals = 1
        unit = _("city = 100")
    periods = sorted({f.period for figs in series.values() for f in figs})
    table = [
        {
            "period": p,
            "cells": [next((f for f in series[a.pk] if f.period == p), None) for a in shown],
        }
        for p in periods
    ]
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[_("Period"), *[f"{a.name} ({unit})" if relative else a.name for a in shown]],
            rows=[
                [
                    row["period"],
                    *[
                        (c.label if c and c.is_suppressed else (c.value if c else None))
                        for c in row["cells"]
                    ],
                ]
                for row in table
            ],
            filename=f"{indicator.key}_zeitreihe{'_relativ' if relative else ''}",
            fmt=fmt,
            source=indicator.citation,
        )
    svg = charts.line_chart(
        [charts.Series(a.name, [(f.period, f.shown_value) for f in series[a.pk]]) for a in shown],
        title=f"{indicator.name} ({unit})",
        unit=unit,
        decimals=decimals,
        chart_id="series",
        zero_based=not relative,
    )
    return render(
        request,
        "monitoring/indicator_series.html",
        {
            "place": place,
            "indicators": indicators,
            "indicator": indicator,
            "areas": areas,
            "chosen": chosen,
            "shown": shown,
            "table": table,
            "chart": svg,
            "export_query": request.GET.urlencode(),
            "max_series": MAX_SERIES,
            "relative": relative,
            "unit": unit,
            # The chart's key again as text, for phones, where the drawn one is too small.
            "keys": [
                (a.name, charts.SERIES_COLOURS[i % len(charts.SERIES_COLOURS)])
                for i, a in enumerate(shown)
            ],
        },
    )


@public
@require_GET
def indicator_compare(request: HttpRequest) -> HttpResponse:
    """A comparison table: areas × indicators for one period, with export."""
    place = place_from_request(request)
    if place is None:
        return render(request, "monitoring/indicator_compare.html", {"place": None})
    indicators = list(monitoring.indicators_of(place.city, place.level))
    periods = sorted(
        {p for i in indicators for p in monitoring.periods_of(i, place.city, place.level)},
        reverse=True,
    )
    if not periods:
        return render(request, "monitoring/indicator_compare.html", {"place": place})
    periods_by_indicator = {
        i.key: set(monitoring.periods_of(i, place.city, place.level)) for i in indicators
    }
    complete = monitoring.complete_periods(indicators, place.city, place.level)
    form = PeriodFilter(
        request.GET,
        periods=periods,
        # By default the latest period with the most indicators complete, then with most.
        default=lambda: max(
            periods,
            key=lambda p: (
                sum(p in ps for ps in complete.values()),
                sum(p in ps for ps in periods_by_indicator.values()),
                p,
            ),
        ),
    )
    period = form.value("periode")
    available = [i for i in indicators if period in periods_by_indicator[i.key]]
    keys = request.GET.getlist("indikator")
    chosen = [i for i in available if i.key in keys] or available[:6]
    areas = list(place.areas())
    columns = []
    for indicator in chosen:
        figures = {f.area.pk: f for f in monitoring.figures_at(indicator, areas, period)}
        columns.append(figures)
    rows = [{"area": a, "cells": [col.get(a.pk) for col in columns]} for a in areas]
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[_("Code"), _("Area"), *[f"{i.name} ({i.unit})" for i in chosen]],
            rows=[
                [
                    r["area"].code,
                    r["area"].name,
                    *[
                        (c.label if c and c.is_suppressed else (c.value if c else None))
                        for c in r["cells"]
                    ],
                ]
                for r in rows
            ],
            filename=f"vergleich_{place.city.code}_{place.level}_{period}",
            fmt=fmt,
            source="; ".join(sorted({i.citation for i in chosen})),
        )
    return render(
        request,
        "monitoring/indicator_compare.html",
        {
            "place": place,
            "periods": periods,
            "period": period,
            "available": available,
            "chosen": chosen,
            "rows": rows,
            "export_query": request.GET.urlencode(),
            "map_url": reverse("monitoring:indicator-map"),
        },
    )


@requires("monitoring.change_indicator")
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Planning creates and edits indicators; every change lands in the audit trail."""
    indicator = get_for(request, Indicator, pk, perm="monitoring.change_indicator") if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved._history_user = request.user
        saved.save()
        messages.success(request, _("Indicator “%(name)s” saved.") % {"name": saved.name_de})
        return redirect("monitoring:indicator-list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "monitoring/indicator_form.html",
        {"form": form, "indicator": indicator},
        status=status,
    )
