"""Pages: committees (Gremien) with their composition on a day, members over time; planning
sets up committees and their seat categories, adds members and ends memberships."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from praeventionsnetz.core import exports
from praeventionsnetz.core.access import requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.steering import meetings as meetings_domain
from praeventionsnetz.steering import services
from praeventionsnetz.steering.committee_forms import (
    CommitteeForm,
    DayForm,
    EndForm,
    MembershipForm,
    SeatFormSet,
)
from praeventionsnetz.steering.models import (
    OPEN_ACTION_ITEM_STATUSES,
    Committee,
    CommitteeMembership,
    MeetingStatus,
)


def _members():
    return Prefetch(
        "memberships",
        queryset=CommitteeMembership.objects.select_related(
            "person", "person__organisation", "organisation", "seat_category"
        ),
    )


@requires("steering.view_steering")
@require_GET
def committee_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    committees = list(
        Committee.objects.select_related("area")
        .prefetch_related("seat_categories", "memberships")
        .order_by("kind", "area__name", "name")
    )
    rows = []
    for committee in committees:
        members = sum(
            1
            for m in committee.memberships.all()
            if m.starts_on <= today and (m.ends_on is None or today <= m.ends_on)
        )
        rows.append((committee, members, services.committee_composition(committee, today)))
    return render(request, "steering/committee_list.html", {"rows": rows, "today": today})


def _day(request: HttpRequest) -> tuple[dt.date, DayForm]:
    today = timezone.localdate()
    form = DayForm(request.GET)
    if "datum" in request.GET and not form.is_valid():
        messages.warning(
            request, _("The date was not understood; the composition is shown for today.")
        )
        return today, DayForm(initial={"datum": today})
    day = (form.is_valid() and form.cleaned_data.get("datum")) or today
    return day, DayForm(initial={"datum": day})


@requires("steering.view_steering")
@require_GET
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_object_or_404(
        Committee.objects.select_related("area").prefetch_related("seat_categories", _members()),
        pk=pk,
    )
    day, day_form = _day(request)
    status = services.committee_composition(committee, day)
    memberships = list(committee.memberships.all())
    current = [
        m for m in memberships if m.starts_on <= day and (m.ends_on is None or day <= m.ends_on)
    ]
    by_category = {c.rule.key: c for c in status.categories}
    seats = [
        (
            category,
            by_category[str(category.pk)],
            [m for m in current if m.seat_category_id == category.pk],
        )
        for category in committee.seat_categories.all()
    ]
    return render(
        request,
        "steering/committee_detail.html",
        {
            "committee": committee,
            "day": day,
            "is_today": day == timezone.localdate(),
            "day_form": day_form,
            "status": status,
            "seats": seats,
            "without_seat": [m for m in current if m.seat_category_id is None],
            "past": sorted(
                (m for m in memberships if m.ends_on is not None and m.ends_on < day),
                key=lambda m: m.ends_on,
                reverse=True,
            ),
            "future": [m for m in memberships if m.starts_on > day],
            "end_form": EndForm(),
            **_meetings_summary(committee),
        },
    )


def _meetings_summary(committee: Committee) -> dict:
    """The last and the next meeting and the open and overdue action items."""
    now = timezone.now()
    meetings = committee.meetings.exclude(status=MeetingStatus.CANCELLED).only(
        "pk", "name", "starts_at", "committee_id"
    )
    counts = committee.action_items.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_ACTION_ITEM_STATUSES)),
        overdue=Count("pk", filter=meetings_domain.overdue_q(timezone.localdate())),
    )
    return {
        "last_meeting": meetings.filter(starts_at__lt=now).order_by("-starts_at").first(),
        "next_meeting": meetings.filter(starts_at__gte=now).order_by("starts_at").first(),
        "open_items": counts["open"],
        "overdue_items": counts["overdue"],
    }


@requires("steering.view_steering")
@require_GET
def committee_members_export(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.prefetch_related(_members()), pk=pk)
    fmt = FilterForm(request.GET).export_format or "csv"
    rows = [
        (
            m.person.name if m.person else "",
            m.person.role_title if m.person else "",
            (m.organisation or (m.person.organisation if m.person else None) or ""),
            m.seat_category.name if m.seat_category else _("no seat"),
            m.get_role_display(),
            m.starts_on,
            m.ends_on,
            m.note,
        )
        for m in committee.memberships.all()
    ]
    return exports.table_response(
        header=[
            _("Name"),
            _("Function"),
            _("Organisation"),
            _("Seat category"),
            _("Role"),
            _("From"),
            _("Until"),
            _("Note"),
        ],
        rows=rows,
        filename=f"{_('members')}_{committee.short_name or committee.name}",
        fmt=fmt,
        source=committee.name,
    )


# --------------------------------------------------------------------------------------------
# Planning: committees and their seat categories, members joining and leaving
# --------------------------------------------------------------------------------------------


def _seat_rows(formset) -> list[services.SeatRow]:
    return [
        services.SeatRow(
            name=f.cleaned_data["name"].strip(),
            seats=f.cleaned_data["seats"],
            is_minimum=f.cleaned_data.get("is_minimum", False),
            pk=f.cleaned_data.get("pk"),
        )
        for f in formset.forms
        if (f.cleaned_data.get("name") or "").strip() and not f.cleaned_data.get("DELETE")
    ]


def _committee_form(request: HttpRequest, committee: Committee | None) -> HttpResponse:
    error = None
    if request.method == "POST":
        form = CommitteeForm(request.POST)
        seat_set = SeatFormSet(request.POST, prefix="sitz")
        if form.is_valid() and seat_set.is_valid():
            try:
                committee = services.committee_save(
                    committee=committee,
                    fields=form.cleaned_data,
                    seats=_seat_rows(seat_set),
                    by=request.user,
                )
                messages.success(request, _("The committee has been saved."))
                return redirect("steering:committee-detail", pk=committee.pk)
            except DomainError as exc:
                error = str(exc)
        else:
            error = _("Please correct the marked fields.")
    elif committee is None:
        form = CommitteeForm(initial={"is_public": True})
        seat_set = SeatFormSet(prefix="sitz")
    else:
        form = CommitteeForm(
            initial={name: getattr(committee, name) for name in services.COMMITTEE_FIELDS}
        )
        seat_set = SeatFormSet(
            initial=[
                {"pk": c.pk, "name": c.name, "seats": c.seats, "is_minimum": c.is_minimum}
                for c in committee.seat_categories.all()
            ],
            prefix="sitz",
        )
    return render(
        request,
        "steering/committee_form.html",
        {
            "committee": committee if committee is not None and committee.pk else None,
            "form": form,
            "seats": seat_set,
            "error": error,
        },
        status=400 if error else 200,
    )


@requires("steering.manage_committee")
@require_http_methods(["GET", "POST"])
def committee_new(request: HttpRequest) -> HttpResponse:
    return _committee_form(request, None)


@requires("steering.manage_committee")
@require_http_methods(["GET", "POST"])
def committee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _committee_form(request, get_object_or_404(Committee, pk=pk))


@requires("steering.manage_committee")
@require_http_methods(["GET", "POST"])
def membership_new(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.select_related("area__city"), pk=pk)
    error = None
    if request.method == "POST":
        form = MembershipForm(request.POST, committee=committee)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.membership_add(
                    committee=committee,
                    person=data["person"],
                    new_person_name=data["new_name"],
                    new_person_role_title=data["new_role_title"],
                    organisation=data["organisation"],
                    seat_category=data["seat_category"],
                    role=data["role"],
                    starts_on=data["starts_on"],
                    note=data["note"],
                    by=request.user,
                )
                messages.success(request, _("The member has been added."))
                return redirect("steering:committee-detail", pk=committee.pk)
            except DomainError as exc:
                error = str(exc)
        else:
            error = _("Please correct the marked fields.")
    else:
        initial = {}
        category = request.GET.get("sitz", "")
        if category.isdigit():
            initial["seat_category"] = committee.seat_categories.filter(pk=category).first()
        form = MembershipForm(initial=initial, committee=committee)
    return render(
        request,
        "steering/committee_member_form.html",
        {"committee": committee, "form": form, "error": error},
        status=400 if error else 200,
    )


@requires("steering.manage_committee")
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        CommitteeMembership.objects.select_related(
            "committee", "person", "organisation", "seat_category"
        ),
        pk=pk,
    )
    error = None
    if request.method == "POST":
        form = EndForm(request.POST)
        if form.is_valid():
            try:
                services.membership_end(
                    membership=membership, left_on=form.cleaned_data["left_on"], by=request.user
                )
                messages.success(request, _("The membership has been ended."))
                left_on = form.cleaned_data["left_on"].isoformat()
                detail = reverse(
                    "steering:committee-detail", kwargs={"pk": membership.committee_id}
                )
                return redirect(f"{detail}?datum={left_on}")
            except DomainError as exc:
                error = str(exc)
        else:
            error = _("Please correct the marked fields.")
    else:
        form = EndForm()
    return render(
        request,
        "steering/committee_member_end.html",
        {"membership": membership, "committee": membership.committee, "form": form, "error": error},
        status=400 if error else 200,
    )


urlpatterns = [
    path("steuerung/gremien/", committee_list, name="committee-list"),
    path("steuerung/gremien/neu/", committee_new, name="committee-new"),
    path("steuerung/gremien/<int:pk>/", committee_detail, name="committee-detail"),
    path("steuerung/gremien/<int:pk>/bearbeiten/", committee_edit, name="committee-edit"),
    path("steuerung/gremien/<int:pk>/mitglied/", membership_new, name="membership-new"),
    path(
        "steuerung/gremien/<int:pk>/mitglieder/",
        committee_members_export,
        name="committee-members-export",
    ),
    path("steuerung/mitgliedschaften/<int:pk>/beenden/", membership_end, name="membership-end"),
]
