"""Composite indices: the list, and one index with ranks, classes, map and sensitivity."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from praeventionsnetz.areas import selectors
from praeventionsnetz.core import charts, exports
from praeventionsnetz.core.access import get_for, public
from praeventionsnetz.core.suppression import SECONDARY_LABEL
from praeventionsnetz.monitoring import indices
from praeventionsnetz.monitoring.forms import IndexFilter, IndexPartFilter
from praeventionsnetz.monitoring.models import (
    CompositeIndex,
)
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.services import indices as index_services
from praeventionsnetz.monitoring.views import tables
from praeventionsnetz.monitoring.views.common import (
    MISSING_COLOUR,
)


@public
@require_GET
def index_list(request: HttpRequest) -> HttpResponse:
    indexes = CompositeIndex.objects.order_by("key")
    return render(request, "monitoring/index_list.html", {"indexes": indexes})


@public
@require_GET
def index_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Results of an index: map by class, table with ranks, sensitivity of the ranks."""
    index = get_for(request, CompositeIndex, pk, perm="monitoring.view_monitoring")
    definitions = index_services.definitions_of(index)
    parts = [i.key for i in definitions.indices]
    part = IndexPartFilter(request.GET, parts=parts).value("teil")
    spec = next(i for i in definitions.indices if i.key == part)
    periods = monitoring.index_periods(index, part)
    names = monitoring.index_indicator_names(c.key for c in spec.components)
    context = {
        "index": index,
        "definitions": definitions,
        "parts": definitions.indices,
        "part": spec,
        "components": [{"component": c, "name": names.get(c.key, c.key)} for c in spec.components],
        "periods": periods,
    }
    if not periods:
        return render(request, "monitoring/index_detail.html", context)
    form = IndexFilter(request.GET, periods=periods, default=periods[0])
    period = form.value("periode")
    # A result over a hidden input figure would give it back: blanked, and kept out of the
    # map classes, the export and the sensitivity of the ranks.
    results = monitoring.index_results_masked(
        index.results.filter(part=part, period=period)
        .select_related("area")
        .defer("area__geometry", "area__display_geometry")
        .order_by("rank")
    )
    area_ids = [r.area_id for r in results]
    links = selectors.area_links(area_ids)
    for r in results:
        r.link = links[r.area_id]
    areas = selectors.areas_of_level(city=results[0].area.city_id, level=results[0].area.level)
    class_names = [c.name for c in spec.classes]
    # Classes are ordered from least to most burden; blue to red says so at a glance.
    colour_of = dict(zip(class_names, charts.diverging(len(class_names)), strict=False))
    by_area = {r.area_id: r for r in results}
    features = selectors.feature_collection(areas)
    for feature in features["features"]:
        result = by_area.get(feature["id"])
        feature["properties"]["fill"] = (
            colour_of.get(result.class_label, MISSING_COLOUR) if (result) else MISSING_COLOUR
        )
        if result is None:
            feature["properties"]["label"] = _("not computed")
        elif result.is_suppressed:
            feature["properties"]["label"] = SECONDARY_LABEL
        else:
            feature["properties"]["label"] = _("%(class)s, rank %(rank)s") % {
                "class": result.class_label or charts.format_number(result.value, 2),
                "rank": result.rank,
            }
    sensitivity = None
    if form.value("sensitivitaet"):
        definitions_set, frame = index_services.index_input(
            index, [r.area for r in results], period
        )
        selected = indices.select_areas(frame, definitions_set.exclusion)
        table = indices.sensitivity(spec, selected)
        names = {r.area.code: r.area.name for r in results if not r.is_suppressed}
        sensitivity = [
            {"code": code, "name": names[code], **row}
            for code, row in table.sort_values("rank").to_dict("index").items()
            if code in names
        ]
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[_("Code"), _("Area"), _("Value"), _("Class"), _("Rank")],
            rows=[
                [r.area.code, r.area.name, SECONDARY_LABEL, "", ""]
                if r.is_suppressed
                else [r.area.code, r.area.name, round(r.value, 6), r.class_label, r.rank]
                for r in results
            ],
            filename=f"{index.key}_{part}_{period}",
            fmt=fmt,
            source=index.source,
        )
    legend = [
        {"colour": colour_of[n], "label": n, "count": sum(1 for r in results if r.class_label == n)}
        for n in class_names
    ]
    context.update(
        period=period,
        results=results,
        rows_html=tables.index_rows(results),
        map_data=features,
        legend=legend,
        missing=len(areas) - len(area_ids),
        missing_colour=MISSING_COLOUR,
        sensitivity=sensitivity,
        export_query=request.GET.urlencode(),
    )
    return render(request, "monitoring/index_detail.html", context)
