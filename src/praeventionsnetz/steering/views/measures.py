"""Pages: measures (Maßnahmen/Projekte) from need to evaluation.

Planning, coordinators and steering read every measure (`steering.view_steering`); planning
and the coordinators of a measure's area change it (`steering.manage_measure`, object rule).
Each POST calls one function of steering.measures; a DomainError comes back as a form error
with what was typed, and nothing is changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core import audit, exports
from praeventionsnetz.core.access import get_for, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding.models import ActionApplication
from praeventionsnetz.offers.models import LifePhase
from praeventionsnetz.steering import measures
from praeventionsnetz.steering.measure_forms import (
    AreaChoiceForm,
    IndicatorFormSet,
    LinkForm,
    MeasureFilterForm,
    MeasureForm,
)
from praeventionsnetz.steering.models import Measure, MeasureStatus

VIEW = "steering.view_steering"
MANAGE = "steering.manage_measure"


def _phase_labels(values: list[str]) -> list[str]:
    labels = dict(LifePhase.choices)
    return [str(labels.get(v, v)) for v in values]


# --------------------------------------------------------------------------------------------
# List and export
# --------------------------------------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[MeasureFilterForm, list[Measure], list[Area]]:
    areas = list(
        Area.objects.filter(pk__in=Measure.objects.values("area_id"))
        .only("name", "code")
        .order_by("name", "code")
    )
    form = MeasureFilterForm(request.GET, areas=areas)
    area_pk = form.value("gebiet")
    area = next((a for a in areas if a.pk == area_pk), None)
    rows = list(
        measures.measures_list(
            area=area, status=form.value("status"), life_phase=form.value("phase")
        )
    )
    return form, rows, areas


@requires(VIEW)
@require_GET
def measure_list(request: HttpRequest) -> HttpResponse:
    form, rows, areas = _filtered(request)
    editable = measures.editable_area_ids(request.user)
    items = [
        {
            "measure": m,
            "can_edit": editable is None or m.area_id in editable,
            "phases": _phase_labels(m.life_phases or []),
        }
        for m in rows
    ]
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "steering/measure_list.html",
        {
            "items": items,
            "areas": areas,
            "statuses": MeasureStatus.choices,
            "phases": LifePhase.choices,
            "area_pk": form.value("gebiet"),
            "status": form.value("status"),
            "phase": form.value("phase"),
            "export_query": query.urlencode(),
            "can_create": request.user.has_perm(MANAGE),
        },
    )


@requires(VIEW)
@require_GET
def measure_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV or XLSX, one row per indicator (a measure without any: one
    row with the indicator columns empty)."""
    form, rows, _areas = _filtered(request)
    header = [
        pgettext("steering", "Measure"),
        _("Area"),
        _("Status"),
        _("From"),
        _("Until"),
        _("Need"),
        _("Goals"),
        _("Target group"),
        _("Life phases"),
        _("Activities"),
        _("Evaluation result"),
        _("Evaluated on"),
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
        _("Latest value"),
        _("Demo data"),
    ]
    table = []
    for m in rows:
        head = [
            m.title,
            m.area.name,
            m.get_status_display(),
            m.starts_on,
            m.ends_on,
            m.need,
            m.goals,
            m.target_group,
            ", ".join(_phase_labels(m.life_phases or [])),
            m.activities,
            m.evaluation,
            m.evaluated_on,
        ]
        demo = _("yes") if m.is_demo else ""
        indicators = list(m.indicators.all())
        if not indicators:
            table.append([*head, "", "", None, None, None, demo])
        for i in indicators:
            table.append([*head, i.name, i.unit, i.baseline, i.target, i.current, demo])
    return exports.table_response(
        header=header,
        rows=table,
        filename=f"massnahmen_{timezone.localdate():%Y-%m-%d}",
        fmt=form.export_format or "csv",
    )


# --------------------------------------------------------------------------------------------
# Detail
# --------------------------------------------------------------------------------------------


@requires(VIEW)
@require_GET
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_for(
        request, Measure.objects.select_related("area", "committee", "created_by"), pk, perm=VIEW
    )
    return _detail(request, measure, link_error=None)


def _detail(request: HttpRequest, measure: Measure, *, link_error: str | None) -> HttpResponse:
    can_manage = request.user.has_perm(MANAGE, measure)
    indicators = [
        {"row": i, "progress": measures.progress(i)}
        for i in measure.indicators.select_related("indicator")
    ]
    projects = list(
        measure.action_applications.select_related("budget_line__module").order_by(
            "-decided_at", "pk"
        )
    )
    context = {
        "measure": measure,
        "can_manage": can_manage,
        "indicators": indicators,
        "need_indicators": list(measure.need_indicators.order_by("name_de")),
        "gap_phases": _phase_labels(measure.gap_life_phases or []),
        "life_phases": _phase_labels(measure.life_phases or []),
        "partners": list(measure.partners.order_by("name")),
        "projects": projects,
        "projects_total": sum(p.decided_amount_cents or 0 for p in projects),
        "linkable": list(measures.linkable_applications(measure)) if can_manage else [],
        "link_error": link_error,
        "steps": [s for s, _label in MeasureStatus.choices if s != MeasureStatus.STOPPED],
    }
    if request.user.has_perm("core.view_audit"):
        context["history"] = audit.history_of(measure)
    return render(
        request, "steering/measure_detail.html", context, status=400 if link_error else 200
    )


# --------------------------------------------------------------------------------------------
# New and edit
# --------------------------------------------------------------------------------------------


def _initial(measure: Measure) -> tuple[dict, list[dict]]:
    fields = {
        name: getattr(measure, name)
        for name in (
            "title",
            "committee",
            "need",
            "gap_life_phases",
            "goals",
            "target_group",
            "life_phases",
            "activities",
            "status",
            "starts_on",
            "ends_on",
            "evaluation",
            "evaluated_on",
        )
    }
    fields["need_indicators"] = list(measure.need_indicators.all())
    fields["partners"] = list(measure.partners.all())
    rows = [
        {
            "pk": i.pk,
            "name": i.name,
            "unit": i.unit,
            "indicator": i.indicator_id,
            "baseline": i.baseline,
            "target": i.target,
            "current": i.current,
        }
        for i in measure.indicators.all()
    ]
    return fields, rows


def _rows(formset) -> list[measures.IndicatorRow]:
    """The indicator rows to keep, in order: neither ticked “remove” nor left without a name."""
    return [
        measures.IndicatorRow(
            pk=f.cleaned_data.get("pk"),
            name=f.cleaned_data.get("name") or "",
            unit=f.cleaned_data.get("unit") or "",
            indicator=f.cleaned_data.get("indicator"),
            baseline=f.cleaned_data.get("baseline"),
            target=f.cleaned_data.get("target"),
            current=f.cleaned_data.get("current"),
        )
        for f in formset.forms
        if (f.cleaned_data.get("name") or "").strip() and not f.cleaned_data.get("DELETE")
    ]


def _measure_form(request: HttpRequest, measure: Measure | None, area: Area) -> HttpResponse:
    gaps = measures.gap_phases(area)
    error = None
    if request.method == "POST":
        form = MeasureForm(request.POST, area=area, gaps=gaps)
        indicator_set = IndicatorFormSet(
            request.POST, prefix="kennzahl", form_kwargs={"area": area}
        )
        if form.is_valid() and indicator_set.is_valid():
            try:
                measure = measures.measure_save(
                    measure=measure,
                    area=area,
                    fields=form.cleaned_data,
                    indicators=_rows(indicator_set),
                    by=request.user,
                )
                messages.success(request, _("The measure has been saved."))
                return redirect("steering:measure-detail", pk=measure.pk)
            except DomainError as exc:
                error = str(exc)
        else:
            error = _("Please correct the marked fields.")
    else:
        if measure is not None:
            fields, rows = _initial(measure)
        else:
            fields, rows = {"status": MeasureStatus.PLANNED}, []
        form = MeasureForm(initial=fields, area=area, gaps=gaps)
        indicator_set = IndicatorFormSet(
            initial=rows, prefix="kennzahl", form_kwargs={"area": area}
        )
    return render(
        request,
        "steering/measure_form.html",
        {
            "measure": measure,
            "area": area,
            "form": form,
            "indicators": indicator_set,
            "gaps": _phase_labels([p for p in LifePhase.values if p in gaps]),
            "error": error,
        },
        status=400 if error else 200,
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest) -> HttpResponse:
    """First the area (?gebiet=<pk>, preselected from an area's page), then the measure."""
    chooser = AreaChoiceForm(request.GET or None, user=request.user)
    if not (request.GET.get("gebiet") and chooser.is_valid()):
        status = 400 if request.GET.get("gebiet") else 200
        return render(request, "steering/measure_area.html", {"form": chooser}, status=status)
    return _measure_form(request, None, chooser.cleaned_data["gebiet"])


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_for(request, Measure.objects.select_related("area"), pk, perm=MANAGE)
    return _measure_form(request, measure, measure.area)


@requires(MANAGE)
@require_POST
def measure_link_project(request: HttpRequest, pk: int) -> HttpResponse:
    """Link (aktion=verknuepfen) or unlink (aktion=loesen) a funded action-budget project."""
    measure = get_for(
        request, Measure.objects.select_related("area", "committee", "created_by"), pk, perm=MANAGE
    )
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _detail(request, measure, link_error=_("Please choose a project."))
    application = ActionApplication.objects.filter(pk=form.cleaned_data["antrag"]).first()
    if application is None:
        raise Http404
    try:
        if form.cleaned_data["aktion"] == "verknuepfen":
            measures.measure_link_application(
                measure=measure, application=application, by=request.user
            )
            messages.success(request, _("The project is now linked to the measure."))
        else:
            measures.measure_unlink_application(
                measure=measure, application=application, by=request.user
            )
            messages.success(request, _("The project is no longer linked to the measure."))
    except DomainError as exc:
        return _detail(request, measure, link_error=str(exc))
    return redirect("steering:measure-detail", pk=measure.pk)


urlpatterns = [
    path("steuerung/massnahmen/", measure_list, name="measure-list"),
    path("steuerung/massnahmen/export/", measure_export, name="measure-export"),
    path("steuerung/massnahmen/neu/", measure_new, name="measure-new"),
    path("steuerung/massnahmen/<int:pk>/", measure_detail, name="measure-detail"),
    path("steuerung/massnahmen/<int:pk>/bearbeiten/", measure_edit, name="measure-edit"),
    path(
        "steuerung/massnahmen/<int:pk>/projekte/",
        measure_link_project,
        name="measure-link-project",
    ),
]
