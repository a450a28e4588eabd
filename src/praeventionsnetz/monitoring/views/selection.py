"""Criteria-based selection of model areas: runs, a new run, one run with its reasons."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import LEVEL_PLURALS, Level
from praeventionsnetz.core import exports
from praeventionsnetz.core.access import get_for, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.core.suppression import SECONDARY_LABEL
from praeventionsnetz.monitoring.forms import SelectionForm
from praeventionsnetz.monitoring.models import Dimension, SelectionRun
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.services import analysis as analysis_services

DIMENSIONS = dict(Dimension.choices)


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
    index_choices = analysis_services.index_criteria_of(areas)
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
    complete = monitoring.complete_periods(indicators, place.city, place.level)
    # By default the latest period complete for the most indicators, then with most figures.
    default_period = max(
        periods,
        default="",
        key=lambda p: (
            sum(p in ps for ps in complete.values()),
            sum(p in ps for ps in periods_by_indicator.values()),
            p,
        ),
    )
    context = {
        "place": place,
        "indicators": indicators,
        "index_choices": index_choices,
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
    form = SelectionForm(
        params, indicators=indicators, periods=periods, areas=areas, index_choices=index_choices
    )
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
    names = {a.code: a.name for a in areas} | {r["code"]: r["name"] for r in ranking}
    selected = {r["code"] for r in ranking if r["selected"]}
    features = selectors.feature_collection(areas)
    for feature in features["features"]:
        chosen = feature["properties"]["code"] in selected
        feature["properties"]["fill"] = "#d7191c" if chosen else "#eeeeee"
        feature["properties"]["label"] = _("selected") if chosen else _("not selected")
    fmt = FilterForm(request.GET).export_format
    if fmt:
        return exports.table_response(
            header=[_("Rank"), _("Code"), _("Area"), _("Score"), _("selected"), _("Reason")],
            rows=[
                [
                    r["rank"],
                    r["code"],
                    r["name"],
                    SECONDARY_LABEL if r.get("score_hidden") else round(r["score"], 4),
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
            # The catalogue's name of each criterion's dimension, in the reader's language.
            "criteria": [
                {**c, "dimension_label": DIMENSIONS.get(c.get("dimension"), c.get("dimension"))}
                for c in run.criteria
            ],
            "ranking": ranking,
            "selected_count": len(selected),
            "thresholds": [c for c in run.criteria if c.get("threshold") is not None],
            "excluded": [
                f"{code} {names.get(code, '')}".strip()
                for code in run.constraints.get("exclude", [])
            ],
            "one_per_type": bool(run.constraints.get("one_per_type")),
            "without_type": [
                r["name"] for r in sorted(ranking, key=lambda r: r["code"]) if r["has_no_type"]
            ],
            "notes": analysis_services.selection_notes(run),
            "map_data": features,
            "reproduced": analysis_services.selection_rerun(run)
            == [r["code"] for r in sorted(ranking, key=lambda r: r["rank"]) if r["selected"]],
            "export_query": request.GET.urlencode(),
        },
    )
