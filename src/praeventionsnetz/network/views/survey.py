"""Network survey waves: start, follow progress, remind, close; answering by personal link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.access import get_for, public, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network import selectors, services
from praeventionsnetz.network.forms import (
    FREQUENCY_CHOICES,
    KIND_CHOICES,
    SCORE_CHOICES,
    CityFilterForm,
    SurveyAnswerForm,
    WaveForm,
)
from praeventionsnetz.network.models import Organisation, Sector, SurveyWave


def _startable_areas(user) -> list[Area]:
    if user.has_perm("areas.change_area"):  # planning: every city and Stadtraum
        return list(
            Area.objects.current()
            .filter(level__in=[Level.CITY, Level.STADTRAUM, Level.BEZIRKSREGION])
            .order_by("level", "code")
        )
    return list(user.areas.all())


@requires("network.view_network")
@require_GET
def wave_list(request: HttpRequest) -> HttpResponse:
    cities = list(area_selectors.cities())
    city = CityFilterForm(request.GET, cities=cities).city(settings.DEFAULT_CITY)
    waves = selectors.waves_of(city) if city else []
    return render(
        request, "network/wave_list.html", {"waves": waves, "city": city, "cities": cities}
    )


@requires("network.start_wave")
@require_http_methods(["GET", "POST"])
def wave_create(request: HttpRequest) -> HttpResponse:
    areas = _startable_areas(request.user)
    form = WaveForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        area = next(a for a in areas if str(a.pk) == form.cleaned_data["gebiet"])
        try:
            wave = services.wave_start(
                area=area,
                name=form.cleaned_data["name"],
                closes_on=form.cleaned_data["ende"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Survey “%(name)s” started.") % {"name": wave.name})
            return redirect("network:wave-detail", pk=wave.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/wave_form.html", {"form": form}, status=status)


@requires("network.view_network")
@require_GET
def wave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_for(request, SurveyWave, pk, perm="network.view_network")
    invitations = list(
        wave.invitations.select_related("organisation").order_by(
            "answered_at", "organisation__name"
        )
    )
    can_manage = request.user.has_perm("network.manage_wave", wave)
    # Personal links are shown only to those who run the wave, and only while it is open.
    links = can_manage and wave.is_open
    for invitation in invitations:
        invitation.link = (
            request.build_absolute_uri(
                reverse("network:survey", args=[services.invitation_token(invitation)])
            )
            if links
            else ""
        )
    answered = sum(1 for i in invitations if i.answered_at)
    return render(
        request,
        "network/wave_detail.html",
        {
            "wave": wave,
            "invitations": invitations,
            "links": links,
            "can_manage": can_manage,
            "answered": answered,
            "total": len(invitations),
            "percent": round(100 * answered / len(invitations)) if invitations else 0,
        },
    )


@requires("network.start_wave")
@require_POST
def wave_remind(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_for(request, SurveyWave, pk, perm="network.manage_wave")
    pending = services.wave_remind(wave=wave, by=request.user)
    messages.success(
        request,
        ngettext(
            "Reminder noted for %(count)s organisation; the links are in the list.",
            "Reminder noted for %(count)s organisations; the links are in the list.",
            len(pending),
        )
        % {"count": len(pending)},
    )
    return redirect("network:wave-detail", pk=wave.pk)


@requires("network.start_wave")
@require_POST
def wave_close(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_for(request, SurveyWave, pk, perm="network.manage_wave")
    try:
        services.wave_close(wave=wave, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Survey closed; the links no longer work."))
    return redirect("network:wave-detail", pk=wave.pk)


def _partners_for(invitation) -> list[Organisation]:
    area = invitation.wave.area
    return list(
        selectors.organisations_in(area)
        .exclude(pk=invitation.organisation_id)
        .only("name", "sector", "kind")
        .order_by("sector", "name")
    )


@public
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The personal survey form; no login, the signed link identifies the organisation."""
    try:
        invitation = services.invitation_from_token(token)
    except services.InvalidLink as exc:
        return render(request, "network/survey_invalid.html", {"message": str(exc)}, status=403)
    partners = _partners_for(invitation)
    errors: list[str] = []
    # What the organisation answered before, so that the form shows it and a second send
    # keeps what was not changed.
    answered = {}
    for tie in invitation.organisation.ties_reported.filter(wave=invitation.wave).order_by("pk"):
        answered.setdefault(
            str(tie.partner_id),
            {
                "art": tie.kind,
                "haeufigkeit": tie.frequency,
                "vertrauen": "" if tie.trust is None else str(tie.trust),
                "nutzen": "" if tie.value is None else str(tie.value),
            },
        )
    chosen = set(answered)
    if request.method == "POST":
        form = SurveyAnswerForm(request.POST, partners=partners)
        chosen = form.chosen
        if form.is_valid():
            try:
                count = services.survey_answer_submit(
                    invitation=invitation,
                    answers=[services.Answer(*answer) for answer in form.cleaned_data["answers"]],
                    new_partners=form.cleaned_data["new_partners"],
                )
            except DomainError as exc:
                errors.append(str(exc))
            else:
                return render(
                    request,
                    "network/survey_thanks.html",
                    {"invitation": invitation, "count": count},
                )
        else:
            errors = form.error_list()
    if request.method == "POST":
        # After an error the form shows what was just typed, not the earlier answer.
        answered = {
            str(p.pk): {
                field: request.POST.get(f"{field}_{p.pk}", "")
                for field in ("art", "haeufigkeit", "vertrauen", "nutzen")
            }
            for p in partners
        }
    for partner in partners:
        partner.answer = answered.get(str(partner.pk), {})
    return render(
        request,
        "network/survey_form.html",
        {
            "invitation": invitation,
            "partners": partners,
            "chosen": chosen,
            "errors": errors,
            "kinds": KIND_CHOICES,
            "frequencies": FREQUENCY_CHOICES,
            "scores": SCORE_CHOICES,
            "sectors": dict(Sector.choices),
            "values": request.POST,
        },
        status=400 if errors else 200,
    )
