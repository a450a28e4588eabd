"""Analyses of the monitoring: composite indices, spatial clusters, district types and the
criteria-based choice of model areas."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from praeventionsnetz.areas import geo, selectors
from praeventionsnetz.areas.models import LEVEL_PLURALS, Level
from praeventionsnetz.core import charts, exports
from praeventionsnetz.core.access import get_for, public, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring import indices, spatial, typology
from praeventionsnetz.monitoring.forms import SelectionForm, TypeAssignmentForm
from praeventionsnetz.monitoring.models import (
    AreaType,
    AreaTypeAssignment,
    CompositeIndex,
    IndexResult,
    SelectionRun,
)
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.services import analysis as analysis_services
from praeventionsnetz.monitoring.services import indices as index_services
from praeventionsnetz.monitoring.services.messages import error_text, translate_all
from praeventionsnetz.monitoring.views.monitoring import MISSING_COLOUR, _indicator, _place

QUADRANT_COLOURS = {
    "HH": "#d7191c",
    "LL": "#2c7bb6",
    "HL": "#fdae61",
    "LH": "#abd9e9",
    "ns": "#eeeeee",
}


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
    part = request.GET.get("teil") if request.GET.get("teil") in parts else parts[0]
    spec = next(i for i in definitions.indices if i.key == part)
    periods = sorted(
        IndexResult.objects.filter(index=index, part=part)
        .values_list("period", flat=True)
        .distinct(),
        reverse=True,
    )
    context = {
        "index": index,
        "definitions": definitions,
        "parts": definitions.indices,
        "part": spec,
        "periods": periods,
    }
    if not periods:
        return render(request, "monitoring/index_detail.html", context)
    period = request.GET.get("periode") if request.GET.get("periode") in periods else periods[0]
    results = list(
        IndexResult.objects.filter(index=index, part=part, period=period)
        .select_related("area")
        .order_by("rank")
    )
    area_ids = [r.area_id for r in results]
    areas = selectors.areas_of_level(city=results[0].area.city, level=results[0].area.level)
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
        feature["properties"]["label"] = (
            _("%(class)s, rank %(rank)s")
            % {
                "class": result.class_label or charts.format_number(result.value, 2),
                "rank": result.rank,
            }
            if result
            else _("not computed")
        )
    sensitivity = None
    if request.GET.get("sensitivitaet"):
        definitions_set, frame = index_services.index_input(
            index, [r.area for r in results], period
        )
        selected = indices.select_areas(frame, definitions_set.exclusion)
        table = indices.sensitivity(spec, selected)
        names = {r.area.code: r.area.name for r in results}
        sensitivity = [
            {"code": code, "name": names.get(code, code), **row}
            for code, row in table.sort_values("rank").to_dict("index").items()
        ]
    fmt = request.GET.get("format")
    if fmt in exports.FORMATS:
        return exports.table_response(
            header=[_("Code"), _("Area"), _("Value"), _("Class"), _("Rank")],
            rows=[
                [r.area.code, r.area.name, round(r.value, 6), r.class_label, r.rank]
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
        map_data=features,
        legend=legend,
        missing=len(areas) - len(area_ids),
        missing_colour=MISSING_COLOUR,
        sensitivity=sensitivity,
        export_query=request.GET.urlencode(),
    )
    return render(request, "monitoring/index_detail.html", context)


@public
@require_GET
def clusters(request: HttpRequest) -> HttpResponse:
    """Global Moran's I and local hot and cold spots of an indicator."""
    place = _place(request)
    context: dict = {"place": place}
    if place is None:
        return render(request, "monitoring/clusters.html", context)
    indicators = list(monitoring.indicators_of(place.city, place.level))
    if not indicators:
        return render(request, "monitoring/clusters.html", context)
    indicator = _indicator(request, indicators)
    periods = monitoring.periods_of(indicator, place.city, place.level)
    period = request.GET.get("periode") if request.GET.get("periode") in periods else periods[-1]
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
    fmt = request.GET.get("format")
    if fmt in exports.FORMATS:
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
        moran_summary=translate_all(global_result.summary),
        rows=rows,
        map_data=features,
        legend=legend,
        missing_colour=MISSING_COLOUR,
        export_query=request.GET.urlencode(),
    )
    return render(request, "monitoring/clusters.html", context)


@public
@require_GET
def typology_view(request: HttpRequest) -> HttpResponse:
    """District types as assigned by experts, and a suggestion by clustering."""
    place = selectors.place_from(request.GET, settings.DEFAULT_CITY, level=Level.STADTRAUM)
    return _typology_page(request, place, request.GET, form=None)


def _typology_page(request, place, params, *, form, status=200) -> HttpResponse:
    context: dict = {"place": place}
    if place is None:
        return render(request, "monitoring/typology.html", context)
    areas = list(place.areas())
    assignments = {
        a.area_id: a
        for a in AreaTypeAssignment.objects.filter(area__in=areas).select_related("area_type")
    }
    context["assigned"] = [{"area": a, "assignment": assignments.get(a.pk)} for a in areas]
    if request.user.has_perm("monitoring.change_area_type"):
        context["assign_form"] = form or TypeAssignmentForm(areas=areas)
    indicators = list(monitoring.indicators_of(place.city, place.level))
    context["indicators"] = indicators
    keys = params.getlist("indikator")
    period = params.get("periode", "")
    context["period"] = period
    context["chosen"] = keys
    if keys and period:
        try:
            k = int(params.get("k", 3))
        except ValueError:
            k = 3
        method = "ward" if params.get("methode") == "ward" else "kmeans"
        frame = monitoring.observations_frame(areas, period, keys)
        context.update(k=k, method=method)
        try:
            result = typology.suggest_types(frame.dropna(), k, method=method, seed=0)
        except ValueError as exc:
            context["problem"] = error_text(exc)
        else:
            names = {a.code: a for a in areas}
            context["suggestion"] = result
            context["suggested"] = [
                {"area": names[code], "type": label} for code, label in result.labels.items()
            ]
            context["silhouette"] = charts.format_number(result.silhouette, 2)
            context["profiles"] = {k: translate_all(v) for k, v in result.describe().items()}
    return render(request, "monitoring/typology.html", context, status=status)


@requires("monitoring.view_selection")
@require_GET
def selection_list(request: HttpRequest) -> HttpResponse:
    runs = SelectionRun.objects.select_related("city", "created_by").order_by("-created_at")
    return render(request, "monitoring/selection_list.html", {"runs": runs})


@requires("monitoring.run_selection")
@require_http_methods(["GET", "POST"])
def selection_create(request: HttpRequest) -> HttpResponse:
    """Criteria over the four dimensions, constraints, and the number of model areas."""
    params = request.POST if request.method == "POST" else request.GET
    place = selectors.place_from(params, settings.DEFAULT_CITY, level=Level.STADTRAUM)
    if place is None:
        raise Http404
    indicators = list(monitoring.indicators_of(place.city, place.level))
    areas = list(place.areas())
    periods = sorted(
        {p for i in indicators for p in monitoring.periods_of(i, place.city, place.level)},
        reverse=True,
    )
    rows = [
        {
            "i": i,
            "key": params.get(f"kriterium_{i}", ""),
            "weight": params.get(f"gewicht_{i}", "1"),
            "direction": params.get(f"richtung_{i}", "1"),
            "kind": params.get(f"schwellenart_{i}", "min"),
            "threshold": params.get(f"schwelle_{i}", ""),
        }
        for i in range(6)
    ]
    periods_by_indicator = {
        i.key: set(monitoring.periods_of(i, place.city, place.level)) for i in indicators
    }
    # By default the latest period with figures for the most indicators.
    default_period = max(
        periods,
        default="",
        key=lambda p: (sum(p in ps for ps in periods_by_indicator.values()), p),
    )
    context = {
        "place": place,
        "indicators": indicators,
        "areas": areas,
        "periods": periods,
        "rows": rows,
        "values": params,
        "period": params.get("periode") or default_period,
        "excluded": params.getlist("ausschliessen"),
        "level_label": str(LEVEL_PLURALS[Level(place.level)]),
    }
    if request.method == "GET":
        return render(request, "monitoring/selection_form.html", context)
    form = SelectionForm(params, indicators=indicators, periods=periods, areas=areas)
    if form.is_valid():
        data = form.cleaned_data
        period = data["periode"]
        try:
            run = analysis_services.selection_run_create(
                city=place.city,
                level=place.level,
                period=period,
                name=data["name"].strip() or _("Selection %(period)s") % {"period": period},
                criteria=data["criteria"],
                constraints=data["constraints"],
                number=data["anzahl"],
                areas=areas,
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Selection “%(name)s” saved.") % {"name": run.name})
            return redirect("monitoring:selection-detail", pk=run.pk)
    context["errors"] = form.error_list()
    return render(request, "monitoring/selection_form.html", context, status=400)


@requires("monitoring.view_selection")
@require_GET
def selection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_for(request, SelectionRun, pk, perm="monitoring.view_selection")
    ranking = analysis_services.selection_ranking(run)
    areas = list(selectors.areas_of_level(city=run.city, level=run.level))
    selected = {r["code"] for r in ranking if r["selected"]}
    features = selectors.feature_collection(areas)
    for feature in features["features"]:
        chosen = feature["properties"]["code"] in selected
        feature["properties"]["fill"] = "#d7191c" if chosen else "#eeeeee"
        feature["properties"]["label"] = _("selected") if chosen else _("not selected")
    fmt = request.GET.get("format")
    if fmt in exports.FORMATS:
        return exports.table_response(
            header=[_("Rank"), _("Code"), _("Area"), _("Score"), _("selected"), _("Reason")],
            rows=[
                [
                    r["rank"],
                    r["code"],
                    r["name"],
                    round(r["score"], 4),
                    _("yes") if r["selected"] else _("no"),
                    " | ".join(r["explanation"]),
                ]
                for r in ranking
            ],
            filename=f"modellgebiete_{run.pk}",
            fmt=fmt,
        )
    return render(
        request,
        "monitoring/selection_detail.html",
        {
            "run": run,
            "ranking": ranking,
            "map_data": features,
            "reproduced": analysis_services.selection_rerun(run)
            == [r["code"] for r in sorted(ranking, key=lambda r: r["rank"]) if r["selected"]],
            "export_query": request.GET.urlencode(),
        },
    )


@requires("monitoring.change_area_type")
@require_http_methods(["POST"])
def type_assign(request: HttpRequest) -> HttpResponse:
    """Planning assigns an area to a district type with the experts' ratings."""
    place = selectors.place_from(request.POST, settings.DEFAULT_CITY, level=Level.STADTRAUM)
    if place is None:
        raise Http404
    areas = list(place.areas())
    form = TypeAssignmentForm(request.POST, areas=areas)
    if form.is_valid():
        data = form.cleaned_data
        area = next(a for a in areas if a.code == data["gebiet"])
        area_type = AreaType.objects.filter(city=place.city, code=data["typ_code"]).first()
        if area_type is None and not data["typ_name"]:
            form.add_error("typ_name", _("A new type needs a name."))
        else:
            if area_type is None:
                area_type = AreaType(city=place.city, code=data["typ_code"], name=data["typ_name"])
                area_type._history_user = request.user
                area_type.save()
            try:
                analysis_services.area_type_assign(
                    area=area,
                    area_type=area_type,
                    ratings_n=data["bewertungen"],
                    ratings_mean=data["mittelwert"],
                    expert_description=data["beschreibung"],
                    by=request.user,
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("%(area)s: type %(type)s saved.") % {"area": area.name, "type": area_type},
                )
                return redirect(
                    f"{reverse('monitoring:typology')}?stadt={place.city.code}&ebene={place.level}"
                )
    return _typology_page(request, place, request.POST, form=form, status=400)
