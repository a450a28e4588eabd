"""District types: the experts' assignments, a suggested typology, and assigning a type."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import Level
from praeventionsnetz.core import charts
from praeventionsnetz.core.access import public, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.i18n import translate
from praeventionsnetz.monitoring import typology
from praeventionsnetz.monitoring.forms import TypeAssignmentForm, TypologyFilter
from praeventionsnetz.monitoring.models import (
    AreaTypeAssignment,
)
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.services import analysis as analysis_services
from praeventionsnetz.monitoring.services.messages import error_text


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
    form_filter = TypologyFilter(params)
    period = form_filter.value("periode")
    context["period"] = period
    context["chosen"] = keys
    if keys and period:
        k, method = form_filter.value("k"), form_filter.value("methode")
        # Only figures that may be shown: a type of one area would show its figure.
        frame = monitoring.shown_frame(areas, period, keys)
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
            context["profiles"] = {k: translate(v) for k, v in result.describe().items()}
    return render(request, "monitoring/typology.html", context, status=status)


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
        try:
            with transaction.atomic():
                area_type = analysis_services.area_type_of(
                    city=place.city, code=data["typ_code"], name=data["typ_name"], by=request.user
                )
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
