"""Coverage of the prevention chain for planners: life phase × area, and one area's chain."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from praeventionsnetz.areas.models import Area
from praeventionsnetz.areas.selectors import feature_collection, place_from
from praeventionsnetz.core import exports
from praeventionsnetz.core.access import requires
from praeventionsnetz.core.charts import format_number
from praeventionsnetz.core.suppression import is_small, suppressed_label
from praeventionsnetz.offers import chain, coverage, planning
from praeventionsnetz.offers.forms import CoverageFilterForm, ThresholdForm
from praeventionsnetz.offers.models import LifePhase, Transition

# Cell classes relative to the planner's threshold; text colours keep AA contrast.
CLASSES = [
    # key, label, background, text
    ("gap", pgettext_lazy("coverage", "Gap"), "#f6c6b4", "#1d1d1b"),
    ("low", gettext_lazy("up to 2 × threshold"), "#edf8b1", "#1d1d1b"),
    ("mid", gettext_lazy("2 to 4 × threshold"), "#7fcdbb", "#1d1d1b"),
    ("high", gettext_lazy("over 4 × threshold"), "#1f6392", "#ffffff"),
    ("unknown", gettext_lazy("Offers, but no number of children"), "#e4e7ea", "#1d1d1b"),
    ("uninhabited", gettext_lazy("Uninhabited: no gap"), "#ffffff", "#1d1d1b"),
]
CLASS_STYLE = {key: (bg, fg) for key, _label, bg, fg in CLASSES}


def cell_class(*, state: str, rate: float, threshold: float | None) -> str:
    """The colour class of a cell whose state coverage.cell_state decided."""
    if state == coverage.UNINHABITED:
        return "uninhabited"
    if state == coverage.GAP:
        return "gap"
    if math.isnan(rate) or threshold is None:
        return "unknown"
    if rate < 2 * threshold:
        return "low"
    return "mid" if rate < 4 * threshold else "high"


def _cells(result: chain.Coverage):
    """Per area, one cell per life phase, in display order."""
    by_key = {(row.phase, row.area): row for row in result.frame.itertuples(index=False)}
    rows = []
    for area in result.areas:
        cells = []
        for phase in LifePhase.values:
            row = by_key[(phase, area.pk)]
            min_cell = result.min_cell.get(phase, 3)
            children = row.children if row.children == row.children else None
            label = result.hidden.get(phase, {}).get(area.pk)
            if label is None and is_small(children, min_cell=min_cell):
                label = suppressed_label(min_cell)
            hidden = label is not None
            # A hidden count must not leak through the gap flag either: with a rate that
            # cannot be shown, only "no offer at all" is a gap.
            rate = math.nan if hidden else row.per_1000
            threshold = result.thresholds.get(phase)
            state = coverage.cell_state(
                places=row.places,
                rate=rate,
                threshold=threshold,
                inhabited=area.pk not in result.uninhabited,
            )
            key = cell_class(state=state, rate=rate, threshold=threshold)
            cells.append(
                {
                    "phase": phase,
                    "offers": row.offers,
                    "places": row.places,
                    "threshold_label": format_number(threshold, 1)
                    if threshold is not None
                    else "–",
                    "children": label if hidden else children,
                    "rate": None if hidden or math.isnan(row.per_1000) else row.per_1000,
                    "rate_label": "–"
                    if hidden or math.isnan(row.per_1000)
                    else format_number(row.per_1000, 1),
                    "class": key,
                    "bg": CLASS_STYLE[key][0],
                    "fg": CLASS_STYLE[key][1],
                }
            )
        rows.append(
            {
                "area": area,
                "cells": cells,
                "gaps": sum(c["class"] == "gap" for c in cells),
                "uninhabited": area.pk in result.uninhabited,
            }
        )
    return rows


@requires("offers.view_coverage")
@require_GET
def coverage_page(request: HttpRequest) -> HttpResponse:
    place = place_from(request.GET, settings.DEFAULT_CITY)
    if place is None:
        raise Http404
    thresholds = chain.thresholds_for(place.city)
    result = chain.coverage_for(city=place.city, level=place.level, thresholds=thresholds)
    rows = _cells(result)
    phase_labels = dict(LifePhase.choices)
    form = CoverageFilterForm(request.GET)
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[
                _("Area code"),
                _("Area"),
                _("Life phase"),
                _("Offers"),
                _("Places where offers are held"),
                _("Children of the age band"),
                _("Places per 1,000 children"),
                _("Threshold per 1,000"),
                pgettext("coverage", "Gap"),
            ],
            rows=[
                [
                    row["area"].code,
                    row["area"].name,
                    str(phase_labels[cell["phase"]]),
                    cell["offers"],
                    cell["places"],
                    cell["children"],
                    round(cell["rate"], 2) if cell["rate"] is not None else None,
                    result.thresholds.get(cell["phase"]),
                    _("uninhabited")
                    if cell["class"] == "uninhabited"
                    else (_("yes") if cell["class"] == "gap" else _("no")),
                ]
                for row in rows
                for cell in row["cells"]
            ],
            filename=f"abdeckung_{place.city.code}_{place.level}",
            fmt=fmt,
            source=_source_text(result),
        )
    phase = form.value("phase")
    column = LifePhase.values.index(phase)
    features = feature_collection(place.areas())
    style = {row["area"].pk: row["cells"][column] for row in rows}
    for feature in features["features"]:
        cell = style.get(feature["id"])
        if cell:
            feature["properties"]["fill"] = cell["bg"]
            feature["properties"]["label"] = _map_label(cell)
            feature["properties"]["url"] = reverse("offers:chain", args=[feature["id"]])
    transition_labels = dict(Transition.choices)
    missing = [
        {
            "area": area,
            "missing": [transition_labels[t] for t in result.missing_transitions[area.pk]],
        }
        for area in result.areas
        if result.missing_transitions[area.pk]
    ]
    return render(
        request,
        "offers/coverage.html",
        {
            "place": place,
            "rows": rows,
            "phases": LifePhase.choices,
            "columns": [
                (value, label, format_number(result.thresholds.get(value), 1))
                for value, label in LifePhase.choices
            ],
            "phase": phase,
            "phase_label": phase_labels[phase],
            "sources": [
                {
                    "label": phase_labels[s.phase],
                    "indicator": s.indicator,
                    "period": s.period,
                    "is_demo": s.is_demo,
                    "threshold": result.thresholds.get(s.phase),
                }
                for s in result.sources
            ],
            "demo_population": result.uses_demo_population,
            "classes": CLASSES,
            "map_data": features,
            "missing": missing,
            "export_query": request.GET.urlencode(),
            "gap_total": sum(r["gaps"] for r in rows),
            "may_set_thresholds": request.user.has_perm("offers.set_coverage_threshold"),
        },
    )


def _map_label(cell: dict) -> str:
    """The tooltip of an area on the map: places, rate and whether it is a gap."""
    if cell["class"] == "uninhabited":
        return _("uninhabited: no gap")
    if cell["class"] == "gap":
        text = ngettext(
            "%(count)s place, %(rate)s per 1,000 children – gap",
            "%(count)s places, %(rate)s per 1,000 children – gap",
            cell["places"],
        )
    else:
        text = ngettext(
            "%(count)s place, %(rate)s per 1,000 children",
            "%(count)s places, %(rate)s per 1,000 children",
            cell["places"],
        )
    return text % {"count": cell["places"], "rate": cell["rate_label"]}


def _source_text(result: chain.Coverage) -> str:
    parts = []
    for source in result.sources:
        if source.indicator is None:
            continue
        if source.is_demo:
            parts.append(
                _("%(indicator)s %(period)s (demo data)")
                % {"indicator": source.indicator.name, "period": source.period}
            )
        else:
            parts.append(f"{source.indicator.name} {source.period}")
    return _("Offers: offer directory; children: %(sources)s") % {
        "sources": "; ".join(dict.fromkeys(parts))
    }


@requires("offers.view_coverage")
@require_GET
def chain_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One area's life course from pregnancy to 27, with its offers and its holes."""
    area = get_object_or_404(Area.objects.current().select_related("city"), pk=pk)
    result = chain.chain_for(area)
    # The same cells as the coverage page: one definition of a gap for both.
    row = next((r for r in _cells(result.coverage) if r["area"].pk == area.pk), None)
    if row is None:  # an area outside the city's levels (the city itself): offers only
        row = {"cells": [], "uninhabited": False}
    cells = {c["phase"]: c for c in row["cells"]}
    phase_labels = dict(LifePhase.choices)
    transitions_at = {between[0]: t for t, between in chain.TRANSITION_BETWEEN.items()}
    steps = []
    for phase in LifePhase.values:
        step = {
            "phase": phase,
            "label": phase_labels[phase],
            "offers": result.phases[phase],
            "cell": cells.get(phase) or {"class": "unknown" if result.phases[phase] else "gap"},
        }
        transition = transitions_at.get(phase)
        if transition:
            step["transition"] = {
                "label": dict(Transition.choices)[transition],
                "offers": result.transitions[transition],
                "open": not row["uninhabited"] and not result.transitions[transition],
            }
        steps.append(step)
    return render(
        request,
        "offers/chain.html",
        {
            "area": area,
            "steps": steps,
            "uninhabited": row["uninhabited"],
            "holes": [s for s in steps if s["cell"]["class"] == "gap"],
            "open_transitions": [
                s["transition"]["label"]
                for s in steps
                if "transition" in s and s["transition"]["open"]
            ],
        },
    )


@requires("offers.set_coverage_threshold")
@require_http_methods(["GET", "POST"])
def thresholds_page(request: HttpRequest) -> HttpResponse:
    place = place_from(request.GET, settings.DEFAULT_CITY)
    if place is None:
        raise Http404
    form = ThresholdForm(request.POST or None, initial_values=chain.thresholds_for(place.city))
    back = f"{reverse('offers:coverage')}?stadt={place.city.code}"
    if request.method == "POST" and form.is_valid():
        changed = planning.thresholds_set(
            city=place.city, values=form.cleaned_data, by=request.user
        )
        messages.success(
            request,
            ngettext("%(count)s threshold changed.", "%(count)s thresholds changed.", changed)
            % {"count": changed},
        )
        return redirect(back)
    return render(
        request,
        "offers/thresholds.html",
        {"form": form, "place": place, "back": back},
        status=400 if request.method == "POST" else 200,
    )
