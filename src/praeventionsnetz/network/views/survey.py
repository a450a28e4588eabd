"""Network survey waves: start, follow progress, remind, close; answering by personal link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core import exports
from praeventionsnetz.core.access import get_for, public, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.jobs import job_start
from praeventionsnetz.network import selectors, services, tasks
from praeventionsnetz.network.forms import (
    FREQUENCY_CHOICES,
    KIND_CHOICES,
    SCORE_CHOICES,
    CityFilterForm,
    SuggestionDecisionForm,
    SurveyAnswerForm,
    WaveForm,
)
from praeventionsnetz.network.models import (
    Organisation,
    PartnerSuggestion,
    SuggestionStatus,
    SurveyDraft,
    SurveyWave,
)


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
    can_manage = request.user.has_perm("network.manage_wave", wave)
    # A coordinator of an area below the wave's area sees, reminds and follows only the
    # organisations of their areas; the others see every organisation (links only those
    # who run the wave, and only while it is open).
    scope = selectors.wave_invitations_for(request.user, wave) if can_manage else None
    is_part = can_manage and not request.user.has_perm("network.manage_whole_wave", wave)
    invitations = list(
        (scope if scope is not None else wave.invitations.all())
        .select_related("organisation")
        .order_by("answered_at", "organisation__name")
    )
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
    can_review = request.user.has_perm("network.review_suggestions", wave)
    return render(
        request,
        "network/wave_detail.html",
        {
            "wave": wave,
            "invitations": invitations,
            "links": links,
            "can_manage": can_manage,
            "is_part": is_part,
            "can_close": request.user.has_perm("network.close_wave", wave),
            "can_review": can_review,
            "pending_suggestions": (
                selectors.suggestions_of(wave).filter(status=SuggestionStatus.PENDING).count()
                if can_review
                else 0
            ),
            "answered": answered,
            "total": len(invitations),
            "percent": round(100 * answered / len(invitations)) if invitations else 0,
        },
    )


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@requires("network.start_wave")
@require_POST
def wave_remind(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_for(request, SurveyWave, pk, perm="network.manage_wave")
    try:
        reminded = services.wave_remind(
            wave=wave,
            base_url=_site_url(request),
            by=request.user,
            invitations=selectors.wave_invitations_for(request.user, wave),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("network:wave-detail", pk=wave.pk)
    except OSError:  # the mail server refused or could not be reached (smtplib, socket)
        messages.error(request, _("The reminders could not be sent; nothing was recorded."))
        return redirect("network:wave-detail", pk=wave.pk)
    messages.success(
        request,
        ngettext(
            "Reminder e-mailed to %(count)s organisation.",
            "Reminder e-mailed to %(count)s organisations.",
            reminded.sent,
        )
        % {"count": reminded.sent},
    )
    if reminded.without_address:
        messages.warning(
            request,
            ngettext(
                "%(count)s organisation has no e-mail address: its link is in the list and "
                "in the export.",
                "%(count)s organisations have no e-mail address: their links are in the list "
                "and in the export.",
                reminded.without_address,
            )
            % {"count": reminded.without_address},
        )
    if reminded.recently_reminded:
        messages.info(
            request,
            ngettext(
                "%(count)s organisation was reminded less than a day ago and was left out.",
                "%(count)s organisations were reminded less than a day ago and were left out.",
                reminded.recently_reminded,
            )
            % {"count": reminded.recently_reminded},
        )
    return redirect("network:wave-detail", pk=wave.pk)


@requires("network.start_wave")
@require_GET
def wave_links_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The personal links of the organisations the user manages, for a mail merge: CSV, or
    XLSX with ?format=xlsx."""
    wave = get_for(request, SurveyWave, pk, perm="network.manage_wave")
    try:
        rows = services.wave_links(
            wave=wave,
            invitations=selectors.wave_invitations_for(request.user, wave),
            base_url=_site_url(request),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("network:wave-detail", pk=wave.pk)
    fmt = request.GET.get("format", "csv")
    return exports.table_response(
        header=[
            _("Organisation"),
            _("E-mail"),
            _("Personal link"),
            _("Valid until"),
            _("Answered"),
        ],
        rows=[
            [
                invitation.organisation.name,
                invitation.organisation.email,
                link,
                wave.closes_on,
                invitation.answered_at and timezone.localdate(invitation.answered_at),
            ]
            for invitation, link in rows
        ],
        filename=_("links-%(survey)s") % {"survey": wave.name},
        fmt=fmt if fmt in exports.FORMATS else "csv",
    )


@requires("network.start_wave")
@require_POST
def wave_close(request: HttpRequest, pk: int) -> HttpResponse:
    wave = get_for(request, SurveyWave, pk, perm="network.close_wave")
    try:
        services.wave_close(wave=wave, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Survey closed; the links no longer work."))
        city = Area.objects.get(pk=selectors.wave_city_id(wave))
        job_start(
            tasks.layouts_refresh,
            user=request.user,
            title=_("Network maps of “%(wave)s”") % {"wave": wave},
            subject=tasks.layouts_subject(city, wave),
            city_id=city.pk,
            wave_id=wave.pk,
        )
    return redirect("network:wave-detail", pk=wave.pk)


@requires("network.view_network")
@require_http_methods(["GET", "POST"])
def suggestion_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner names of the answers that are not in the register; POST decides one."""
    wave = get_for(request, SurveyWave, pk, perm="network.review_suggestions")
    if request.method == "GET":
        return _suggestion_page(request, wave)
    form = SuggestionDecisionForm(request.POST)
    suggestion = form.is_valid() and (
        PartnerSuggestion.objects.filter(
            pk=form.cleaned_data["vorschlag"], invitation__wave=wave
        ).first()
    )
    if not suggestion:
        messages.error(request, SuggestionDecisionForm.CHOOSE)
        return redirect("network:suggestion-list", pk=wave.pk)
    decision, organisation, error = form.cleaned_data["entscheidung"], None, None
    if isinstance(decision, int):
        organisation = Organisation.objects.filter(
            pk=decision, city_id=selectors.wave_city_id(wave)
        ).first()
        if organisation is None:
            error = _("Choose an organisation of the survey's city.")
    if error is None:
        try:
            services.suggestion_decide(
                suggestion=suggestion,
                by=request.user,
                accept=decision != "ablehnen",
                organisation=organisation,
            )
        except DomainError as exc:
            error = str(exc)
    if error is not None:
        return _suggestion_page(request, wave, errors={suggestion.pk: error}, status=400)
    messages.success(request, _("“%(name)s” reviewed.") % {"name": suggestion.name})
    return redirect("network:suggestion-list", pk=wave.pk)


def _suggestion_page(request: HttpRequest, wave: SurveyWave, *, errors=None, status=200):
    suggestions = list(selectors.suggestions_of(wave))
    pending = [s for s in suggestions if s.status == SuggestionStatus.PENDING]
    matches = selectors.suggestion_matches(wave, pending)
    for suggestion in suggestions:
        suggestion.matches = matches.get(suggestion.pk, [])
    return render(
        request,
        "network/suggestion_list.html",
        {"wave": wave, "suggestions": suggestions, "errors": errors or {}},
        status=status,
    )


# --- Answering by personal link (no login; the signed token identifies the organisation) ---


def _invitation_or_error(request: HttpRequest, token: str):
    try:
        return services.invitation_from_token(token), None
    except services.InvalidLink as exc:
        page = render(request, "network/survey_invalid.html", {"message": str(exc)}, status=403)
        return None, page


def _known_partners(invitation, ids) -> dict[str, Organisation]:
    """The organisations among `ids` that an answer to this wave may name, with district."""
    ids = [int(pk) for pk in ids][: services.MAX_PARTNERS + 1]
    allowed = (
        selectors.survey_partners(invitation.wave)
        .exclude(pk=invitation.organisation_id)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    found = selectors.organisations_with_district(list(allowed))
    return {str(pk): organisation for pk, organisation in found.items()}


def _saved_rows(invitation) -> tuple[list[dict], str]:
    """The draft if there is one, else the answer sent before (and its pending names)."""
    draft = SurveyDraft.objects.filter(invitation=invitation).first()
    if draft is not None:
        return list(draft.rows), draft.new_names
    rows: dict[str, dict] = {}
    for tie in invitation.organisation.ties_reported.filter(wave=invitation.wave).order_by("pk"):
        rows.setdefault(
            str(tie.partner_id),
            {
                "partner": str(tie.partner_id),
                "gewaehlt": True,
                "art": tie.kind,
                "haeufigkeit": tie.frequency,
                "vertrauen": "" if tie.trust is None else str(tie.trust),
                "nutzen": "" if tie.value is None else str(tie.value),
            },
        )
    pending = invitation.suggestions.filter(status=SuggestionStatus.PENDING)
    return list(rows.values()), "\n".join(pending.values_list("name", flat=True))


def _survey_page(request, invitation, *, rows, new_names, query="", errors=(), status=200):
    partners = _known_partners(invitation, [row["partner"] for row in rows])
    shown = []
    for row in rows:
        partner = partners.get(str(row["partner"]))
        if partner is not None:
            shown.append({**row, "organisation": partner})
    results = selectors.survey_partner_search(invitation=invitation, query=query) if query else None
    token = request.resolver_match.kwargs["token"]
    context = {
        "invitation": invitation,
        "token": token,
        "rows": shown,
        "added": {row["partner"] for row in shown},
        "new_names": new_names,
        "query": query,
        "results": results,
        "errors": list(errors),
        "kinds": KIND_CHOICES,
        "frequencies": FREQUENCY_CHOICES,
        "scores": SCORE_CHOICES,
        "max_partners": services.MAX_PARTNERS,
    }
    return render(request, "network/survey_form.html", context, status=status)


@public
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The personal survey form: partners are searched and added, the draft is kept as the
    organisation goes, and sending validates only the rows ticked."""
    invitation, refused = _invitation_or_error(request, token)
    if refused is not None:
        return refused
    if request.method == "GET":
        rows, new_names = _saved_rows(invitation)
        return _survey_page(request, invitation, rows=rows, new_names=new_names)
    form = SurveyAnswerForm(
        request.POST,
        partners=_known_partners(invitation, SurveyAnswerForm.posted_ids(request.POST)).values(),
    )
    valid = form.is_valid()
    rows, new_names = form.rows(), form.new_names_text()
    errors: list[str] = []
    if form.action == form.SEND:
        if valid:
            try:
                sent = services.survey_answer_submit(
                    invitation=invitation,
                    answers=[services.Answer(*answer) for answer in form.cleaned_data["answers"]],
                    new_partners=form.cleaned_data["new_partners"],
                )
            except DomainError as exc:
                errors.append(str(exc))
            else:
                return render(
                    request, "network/survey_thanks.html", {"invitation": invitation, "sent": sent}
                )
        else:
            errors = form.error_list()
    elif form.action == form.ADD and len([r for r in rows if r["gewaehlt"]]) > (
        services.MAX_PARTNERS
    ):
        errors.append(
            _("An answer can name at most %(count)s partners.") % {"count": services.MAX_PARTNERS}
        )
        rows = [r for r in rows if r["partner"] != form.added]
    # Whatever happened, what was entered is kept as the draft and shown again.
    services.survey_draft_save(invitation=invitation, rows=rows, new_names=new_names)
    if request.htmx and form.action == form.ADD:
        partners = _known_partners(invitation, [row["partner"] for row in rows])
        return render(
            request,
            "network/_survey_rows.html",
            {
                "rows": [{**r, "organisation": partners[r["partner"]]} for r in rows],
                "errors": errors,
                "kinds": KIND_CHOICES,
                "frequencies": FREQUENCY_CHOICES,
                "scores": SCORE_CHOICES,
                "max_partners": services.MAX_PARTNERS,
                # The search hit just added shows as added (an out-of-band swap).
                "added_now": "" if errors else form.added,
            },
            # htmx swaps only successful answers; the error is part of the fragment.
            status=200,
        )
    if form.action == form.SAVE and not errors:
        messages.success(request, _("Draft saved; the link shows it when you come back."))
    return _survey_page(
        request,
        invitation,
        rows=rows,
        new_names=new_names,
        query=form.search_text() if form.action == form.SEARCH else "",
        errors=errors,
        status=400 if errors else 200,
    )


@public
@require_GET
def survey_search(request: HttpRequest, token: str) -> HttpResponse:
    """Organisations of the wave's city matching ?q= (at most 20), as a fragment for htmx;
    without htmx the whole form with the results."""
    invitation, refused = _invitation_or_error(request, token)
    if refused is not None:
        return refused
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    if not request.htmx:
        rows, new_names = _saved_rows(invitation)
        return _survey_page(request, invitation, rows=rows, new_names=new_names, query=query)
    draft_rows, _names = _saved_rows(invitation)
    return render(
        request,
        "network/_survey_results.html",
        {
            "token": token,
            "query": query,
            "results": selectors.survey_partner_search(invitation=invitation, query=query)
            if query
            else None,
            "added": {row["partner"] for row in draft_rows},
        },
    )


@public
@require_POST
def survey_draft(request: HttpRequest, token: str) -> HttpResponse:
    """Save the form as a draft (htmx, on every change); answers with a short status."""
    invitation, refused = _invitation_or_error(request, token)
    if refused is not None:
        return refused
    form = SurveyAnswerForm(
        request.POST,
        partners=_known_partners(invitation, SurveyAnswerForm.posted_ids(request.POST)).values(),
    )
    draft = services.survey_draft_save(
        invitation=invitation, rows=form.rows(), new_names=form.new_names_text()
    )
    if not request.htmx:
        return redirect("network:survey", token=token)
    return render(request, "network/_survey_draft_status.html", {"draft": draft})
