"""Calls for expressions of interest: organisation members apply (open calls, their
application); planning runs the call (list, detail, summary, decision); planning and the
steering group review. Anonymous users go to the login, other roles get 403.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.core.access import requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Role
from praeventionsnetz.funding import calls
from praeventionsnetz.funding.forms import CallForm, CriterionFormSet, QuestionFormSet
from praeventionsnetz.funding.models import (
    Call,
    CallApplication,
    CallApplicationStatus,
    CallStatus,
    Programme,
    Review,
)

# --------------------------------------------------------------------------------------------
# Organisation members
# --------------------------------------------------------------------------------------------


@requires("funding.apply_to_call")
@require_GET
def open_calls(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        c
        for c in Call.objects.filter(status=CallStatus.OPEN).order_by("deadline_at")
        if calls.is_open(c, now)
    ]
    own = {
        a.call_id: a
        for a in CallApplication.objects.filter(
            organisation_id=request.user.organisation_id, call__in=rows
        )
    }
    return render(
        request,
        "funding/call_open.html",
        {"rows": [(c, own.get(c.pk)) for c in rows]},
    )


@requires("funding.apply_to_call")
@require_http_methods(["GET", "POST"])
def call_apply(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.exclude(status=CallStatus.DRAFT), pk=pk)
    organisation = request.user.organisation
    application = CallApplication.objects.filter(call=call, organisation=organisation).first()
    questions = list(call.questions.all())
    stored = {a.question_id: a.text for a in application.answers.all()} if application else {}
    error = None
    if request.method == "POST":
        typed = {q.pk: request.POST.get(f"frage-{q.pk}", "")[:20_000] for q in questions}
        try:
            application = calls.call_application_save(
                call=call, organisation=organisation, answers=typed, by=request.user
            )
            if "einreichen" in request.POST:
                calls.call_application_submit(application=application, by=request.user)
                messages.success(request, _("Your application has been submitted."))
            else:
                messages.success(request, _("Your draft has been saved."))
            return redirect("funding:call-apply", pk=call.pk)
        except DomainError as exc:
            error = str(exc)
            stored = typed
            if application is not None:
                application.refresh_from_db()
    return render(
        request,
        "funding/call_apply.html",
        {
            "call": call,
            "application": application,
            "fields": [(q, stored.get(q.pk, "")) for q in questions],
            "error": error,
            "is_open": calls.is_open(call),
            "deadline": calls.deadline_text(call),
        },
        status=400 if error else 200,
    )


# --------------------------------------------------------------------------------------------
# Planning and reviewers
# --------------------------------------------------------------------------------------------


@requires("funding.review_call")
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "funding/call_list.html",
        {"calls": Call.objects.select_related("programme", "planned_position")},
    )


@requires("funding.review_call")
@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.select_related("programme", "planned_position"), pk=pk)
    applications = (
        call.applications.exclude(status=CallApplicationStatus.DRAFT)
        .select_related("organisation")
        .prefetch_related("answers__question")
    )
    own = {
        r.application_id: r
        for r in Review.objects.filter(application__call=call, reviewer=request.user)
    }
    return render(
        request,
        "funding/call_detail.html",
        {
            "call": call,
            "rows": [(a, own.get(a.pk)) for a in applications],
            "drafts": call.applications.filter(status=CallApplicationStatus.DRAFT).count(),
            "deadline": calls.deadline_text(call),
        },
    )


@requires("funding.review_call")
@require_GET
def call_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The summary with its spread. A reviewer with an unsubmitted review of an application
    does not see that application's figures yet (each scores alone first)."""
    call = get_object_or_404(Call, pk=pk)
    pending = set(
        Review.objects.filter(
            application__call=call, reviewer=request.user, submitted_at__isnull=True
        ).values_list("application_id", flat=True)
    )
    if request.user.role == Role.STEERING:
        # Steering members see only what they reviewed and submitted themselves.
        submitted = set(
            Review.objects.filter(
                application__call=call, reviewer=request.user, submitted_at__isnull=False
            ).values_list("application_id", flat=True)
        )
    else:
        submitted = None
    rows = []
    for row in calls.review_summary(call):
        pk_ = row.application.pk
        hidden = pk_ in pending or (submitted is not None and pk_ not in submitted)
        rows.append((row, hidden))
    return render(
        request,
        "funding/call_summary.html",
        {"call": call, "rows": rows, "criteria": list(call.criteria.all())},
    )


@requires("funding.review_call")
@require_http_methods(["GET", "POST"])
def review_form(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        CallApplication.objects.select_related("call", "organisation").exclude(
            status=CallApplicationStatus.DRAFT
        ),
        pk=pk,
    )
    criteria = list(application.call.criteria.all())
    review = Review.objects.filter(application=application, reviewer=request.user).first()
    stored = {s.criterion_id: s.score for s in review.scores.all()} if review else {}
    comment = review.comment if review else ""
    error = None
    if request.method == "POST":
        typed: dict[int, int | None] = {}
        raw = {}
        try:
            for c in criteria:
                value = request.POST.get(f"kriterium-{c.pk}", "").strip()
                raw[c.pk] = value
                if not value:
                    typed[c.pk] = None
                elif value.isdigit():
                    typed[c.pk] = int(value)
                else:
                    raise DomainError(
                        _("The score for “%(criterion)s” must be a whole number.")
                        % {"criterion": c.name}
                    )
            comment = request.POST.get("kommentar", "")[:5_000]
            calls.review_save(
                application=application,
                reviewer=request.user,
                scores=typed,
                comment=comment,
                submit="abschliessen" in request.POST,
            )
            messages.success(request, _("Your review has been saved."))
            return redirect("funding:call-review", pk=application.pk)
        except DomainError as exc:
            error = str(exc)
            stored = raw
    others = []
    if calls.others_visible(application, request.user):
        others = (
            application.reviews.filter(submitted_at__isnull=False)
            .exclude(reviewer=request.user)
            .select_related("reviewer")
            .prefetch_related("scores__criterion")
        )
    return render(
        request,
        "funding/call_review.html",
        {
            "application": application,
            "answers": application.answers.select_related("question"),
            "review": review,
            "fields": [(c, stored.get(c.pk, "")) for c in criteria],
            "comment": comment,
            "others": others,
            "error": error,
        },
        status=400 if error else 200,
    )


@requires("funding.decide_call")
@require_http_methods(["GET", "POST"])
def call_decide(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    candidates = list(
        call.applications.filter(status=CallApplicationStatus.SUBMITTED).select_related(
            "organisation"
        )
    )
    values = {
        "bewerbung": "",
        "gremium": call.deciding_body,
        "datum": timezone.localdate().isoformat(),
        "notiz": "",
    }
    error = None
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip()[:2_000] for k in values}
        try:
            chosen = next((a for a in candidates if str(a.pk) == values["bewerbung"]), None)
            if chosen is None:
                raise DomainError(_("Please choose a submitted application."))
            try:
                decided_on = dt.date.fromisoformat(values["datum"])
            except ValueError:
                raise DomainError(_("Please enter the decision date as YYYY-MM-DD.")) from None
            position = calls.call_decide(
                call=call,
                application=chosen,
                body=values["gremium"],
                decided_on=decided_on,
                note=values["notiz"],
                by=request.user,
            )
            messages.success(
                request,
                _("The decision has been recorded.")
                + (" " + _("The position has been created.") if position else ""),
            )
            return redirect("funding:call-detail", pk=call.pk)
        except DomainError as exc:
            error = str(exc)
    return render(
        request,
        "funding/call_decide.html",
        {"call": call, "candidates": candidates, "values": values, "error": error},
        status=400 if error else 200,
    )


# --------------------------------------------------------------------------------------------
# Setting up a call (planning)
# --------------------------------------------------------------------------------------------


def _call_initial(call: Call | None, programme: Programme | None) -> tuple[dict, list, list]:
    if call is None:
        texts = programme.call_questions if programme else []
        questions = [{"text": t, "is_required": True} for t in texts]
        return (
            {
                "programme": programme,
                "deciding_body": programme.deciding_body if programme else "",
                "opens_at": timezone.localtime().replace(second=0, microsecond=0),
                "deadline_at": timezone.localtime().replace(hour=23, minute=59, second=0)
                + dt.timedelta(days=28),
            },
            questions,
            [],
        )
    fields = {
        name: getattr(call, name)
        for name in (
            "title",
            "description",
            "programme",
            "planned_position",
            "module",
            "opens_at",
            "deadline_at",
            "deciding_body",
        )
    }
    for name in ("opens_at", "deadline_at"):
        fields[name] = fields[name] and timezone.localtime(fields[name])
    questions = [
        {"pk": q.pk, "text": q.text, "is_required": q.is_required} for q in call.questions.all()
    ]
    criteria = [
        {"pk": c.pk, "name": c.name, "weight": c.weight, "max_score": c.max_score}
        for c in call.criteria.all()
    ]
    return fields, questions, criteria


def _rows(formset, kind, text: str):
    """The rows to keep, in order: neither ticked “remove” nor left without text."""
    return [
        kind(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"})
        for f in formset.forms
        if (f.cleaned_data.get(text) or "").strip() and not f.cleaned_data.get("DELETE")
    ]


def _call_form(request: HttpRequest, call: Call | None) -> HttpResponse:
    programme = (
        Programme.objects.filter(key=request.GET.get("programm", "")).first()
        or Programme.objects.first()
    )
    fields, questions, criteria = _call_initial(call, programme)
    error = None
    if request.method == "POST":
        form = CallForm(request.POST)
        question_set = QuestionFormSet(request.POST, prefix="frage")
        criterion_set = CriterionFormSet(request.POST, prefix="kriterium")
        if form.is_valid() and question_set.is_valid() and criterion_set.is_valid():
            try:
                call = calls.call_save(
                    call=call,
                    fields=form.cleaned_data,
                    questions=_rows(question_set, calls.QuestionRow, "text"),
                    criteria=_rows(criterion_set, calls.CriterionRow, "name"),
                    by=request.user,
                )
                messages.success(request, _("The call has been saved."))
                return redirect("funding:call-detail", pk=call.pk)
            except DomainError as exc:
                error = str(exc)
        else:
            error = _("Please correct the marked fields.")
    else:
        form = CallForm(initial=fields)
        question_set = QuestionFormSet(initial=questions, prefix="frage")
        criterion_set = CriterionFormSet(initial=criteria, prefix="kriterium")
    return render(
        request,
        "funding/call_form.html",
        {
            "call": call if call is not None and call.pk else None,
            "form": form,
            "questions": question_set,
            "criteria": criterion_set,
            "error": error,
        },
        status=400 if error else 200,
    )


@requires("funding.manage_call")
@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest) -> HttpResponse:
    return _call_form(request, None)


@requires("funding.manage_call")
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.exclude(status=CallStatus.DECIDED), pk=pk)
    return _call_form(request, call)


@requires("funding.manage_call")
@require_POST
def call_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a draft (“veroeffentlichen”) or close an open call early (“schliessen”)."""
    call = get_object_or_404(Call, pk=pk)
    try:
        if request.POST.get("aktion") == "veroeffentlichen":
            calls.call_publish(call=call, by=request.user)
            messages.success(request, _("The call is open for applications."))
        elif request.POST.get("aktion") == "schliessen":
            calls.call_close(call=call, by=request.user)
            messages.success(request, _("The call is closed; no more applications."))
        else:
            raise DomainError(_("Unknown action."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("funding:call-detail", pk=call.pk)
