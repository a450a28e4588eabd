"""Pages: meetings of a committee (agenda, attendance, minutes, decisions, action items,
files, the invitation as a calendar file and by e-mail, the minutes as PDF) and the
overview of open and overdue action items.

Reading: `steering.view_steering` (planning, coordinators, steering). Changing:
`steering.manage_meeting` on the meeting's committee (planning, steering, or a coordinator
of the committee's area). Each POST calls one function of steering.meetings; a DomainError
comes back as a form error with what was typed, and nothing is changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.core import exports
from praeventionsnetz.core.access import LoginRequired, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.uploads import private_download
from praeventionsnetz.steering import invitations, meeting_files, minutes_pdf
from praeventionsnetz.steering import meetings as domain
from praeventionsnetz.steering.meeting_forms import (
    ActionItemFilterForm,
    ActionItemForm,
    ActionItemUpdateForm,
    AttendanceForm,
    DecisionForm,
    MeetingFileForm,
    MeetingForm,
    MinutesForm,
)
from praeventionsnetz.steering.models import (
    ActionItem,
    Committee,
    Meeting,
    MeetingFile,
    Person,
)

VIEW = "steering.view_steering"
MANAGE = "steering.manage_meeting"


def _check(request: HttpRequest, committee: Committee) -> None:
    if not request.user.has_perm(MANAGE, committee):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied


def _meeting(request: HttpRequest, pk: int, *, manage: bool = False) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("committee__area"), pk=pk)
    if manage:
        _check(request, meeting.committee)
    return meeting


def _committee(request: HttpRequest, pk: int, *, manage: bool = False) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("area"), pk=pk)
    if manage:
        _check(request, committee)
    return committee


# --------------------------------------------------------------------------------------------
# Meetings
# --------------------------------------------------------------------------------------------


@requires(VIEW)
@require_GET
def meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee(request, pk)
    today = timezone.localdate()
    meetings = domain.meetings_of(committee).annotate(
        n_items=Count("agenda_items", distinct=True),
        n_decisions=Count("decisions", distinct=True),
    )
    open_items = list(domain.action_items_list(on=today, committee=committee))
    return render(
        request,
        "steering/meeting_list.html",
        {
            "committee": committee,
            "meetings": meetings,
            "open_items": [(i, domain.is_overdue(i, today)) for i in open_items],
            "n_overdue": sum(domain.is_overdue(i, today) for i in open_items),
            "can_manage": request.user.has_perm(MANAGE, committee),
        },
    )


def _meeting_form(request: HttpRequest, committee, meeting=None) -> HttpResponse:
    """The form of a new meeting or of a meeting's date, place and agenda."""
    initial = MeetingForm.initial_for(meeting) if meeting is not None else None
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = domain.meeting_save(
                committee=committee,
                meeting=meeting,
                by=request.user,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                place=form.cleaned_data["place"],
                name=form.cleaned_data["name"],
                agenda=form.agenda_titles(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("steering:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "steering/meeting_form.html",
        {"committee": committee, "form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )


@requires(VIEW)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(request, _committee(request, pk, manage=True))


@requires(VIEW)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    return _meeting_form(request, meeting.committee, meeting)


def _detail(request: HttpRequest, meeting: Meeting, status: int = 200, **forms_) -> HttpResponse:
    today = timezone.localdate()
    agenda = list(meeting.agenda_items.order_by("order", "pk"))
    people = domain.owner_choices(meeting)
    can_manage = request.user.has_perm(MANAGE, meeting.committee)
    items = list(
        meeting.action_items.select_related("owner", "agenda_item").order_by("due_on", "pk")
    )
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "agenda": agenda,
        "attendance": domain.attendance_of(meeting),
        "decisions": list(meeting.decisions.select_related("agenda_item")),
        "action_items": [(i, domain.is_overdue(i, today)) for i in items],
        "files": list(meeting.files.select_related("agenda_item")),
        "can_manage": can_manage,
        "action_form": forms_.get("action_form")
        or ActionItemForm(people=people, agenda=agenda, auto_id="action_%s"),
        "file_form": forms_.get("file_form") or MeetingFileForm(auto_id="file_%s"),
        "invite_error": forms_.get("invite_error"),
        "ics_url": reverse("steering:meeting-ics", args=[meeting.pk]),
    }
    return render(request, "steering/meeting_detail.html", context, status=status)


@requires(VIEW)
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _meeting(request, pk))


@requires(VIEW)
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    attendance = domain.attendance_of(meeting)
    form = AttendanceForm(request.POST or None, rows=attendance.members)
    if request.method == "POST" and form.is_valid():
        try:
            domain.attendance_record(
                meeting=meeting,
                by=request.user,
                statuses=form.statuses(),
                guests=form.guest_names(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("steering:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "steering/meeting_attendance.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "form": form,
            "attendance": attendance,
        },
        status=400 if form.errors else 200,
    )


@requires(VIEW)
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes text and the decisions: two forms on one page, told apart by `form`."""
    meeting = _meeting(request, pk, manage=True)
    agenda = list(meeting.agenda_items.order_by("order", "pk"))
    which = request.POST.get("form") if request.method == "POST" else None
    minutes_form = MinutesForm(
        request.POST if which == "minutes" else None,
        initial={
            "minutes": meeting.minutes,
            "minutes_taker": meeting.minutes_taker,
            "approved_on": meeting.minutes_approved_on,
        },
        auto_id="minutes_%s",
    )
    decision_form = DecisionForm(
        request.POST if which == "decision" else None, agenda=agenda, auto_id="decision_%s"
    )
    if which == "minutes" and minutes_form.is_valid():
        data = minutes_form.cleaned_data
        try:
            domain.minutes_save(
                meeting=meeting,
                by=request.user,
                minutes=data["minutes"],
                minutes_taker=data["minutes_taker"],
                approved_on=data["approved_on"],
            )
        except DomainError as exc:
            minutes_form.add_error(None, str(exc))
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("steering:meeting-minutes", pk=meeting.pk)
    if which == "decision" and decision_form.is_valid():
        data = decision_form.cleaned_data
        by_pk = {item.pk: item for item in agenda}
        try:
            domain.decision_add(
                meeting=meeting,
                by=request.user,
                text=data["text"],
                agenda_item=by_pk.get(data["agenda_item"]),
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                abstentions=data["abstentions"],
            )
        except DomainError as exc:
            decision_form.add_error(None, str(exc))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("steering:meeting-minutes", pk=meeting.pk)
    has_errors = bool(minutes_form.errors or decision_form.errors)
    return render(
        request,
        "steering/meeting_minutes.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "minutes_form": minutes_form,
            "decision_form": decision_form,
            "decisions": list(meeting.decisions.select_related("agenda_item")),
        },
        status=400 if has_errors else 200,
    )


# --------------------------------------------------------------------------------------------
# Action items
# --------------------------------------------------------------------------------------------


@requires(VIEW)
@require_http_methods(["GET", "POST"])
def action_item_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    agenda = list(meeting.agenda_items.order_by("order", "pk"))
    people = domain.owner_choices(meeting)
    form = ActionItemForm(request.POST or None, people=people, agenda=agenda, auto_id="action_%s")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.action_item_add(
                committee=meeting.committee,
                meeting=meeting,
                by=request.user,
                title=data["title"],
                owner={p.pk: p for p in people}.get(data["owner"]),
                due_on=data["due_on"],
                agenda_item={i.pk: i for i in agenda}.get(data["agenda_item"]),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Action item saved."))
            return redirect(f"{reverse('steering:meeting-detail', args=[meeting.pk])}#action-items")
    if request.method == "POST":
        return _detail(request, meeting, status=400, action_form=form)
    return render(
        request,
        "steering/action_item_form.html",
        {"meeting": meeting, "committee": meeting.committee, "form": form, "item": None},
    )


def _people_for(item: ActionItem) -> list[Person]:
    people = domain.owner_choices(item.meeting) if item.meeting else []
    if item.owner and item.owner not in people:
        people = [item.owner, *people]
    return people


@requires(VIEW)
@require_http_methods(["GET", "POST"])
def action_item_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ActionItem.objects.select_related("committee__area", "meeting__committee", "owner"),
        pk=pk,
    )
    _check(request, item.committee)
    people = _people_for(item)
    form = ActionItemUpdateForm(
        request.POST or None,
        people=people,
        initial={"status": item.status, "owner": item.owner_id, "due_on": item.due_on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.action_item_update(
                item=item,
                by=request.user,
                status=data["status"],
                owner={p.pk: p for p in people}.get(data["owner"]),
                due_on=data["due_on"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Action item saved."))
            back = request.POST.get("next", "")
            if back == "overview":
                return redirect("steering:action-items")
            if item.meeting_id:
                return redirect(
                    f"{reverse('steering:meeting-detail', args=[item.meeting_id])}#action-items"
                )
            return redirect("steering:action-items")
    return render(
        request,
        "steering/action_item_form.html",
        {
            "meeting": item.meeting,
            "committee": item.committee,
            "form": form,
            "item": item,
            "is_overdue": domain.is_overdue(item, timezone.localdate()),
            "next": request.GET.get("next") or request.POST.get("next", ""),
        },
        status=400 if form.errors else 200,
    )


@requires(VIEW)
@require_GET
def action_items(request: HttpRequest) -> HttpResponse:
    """Open and overdue action items by committee and by person, filtered, as a table or file."""
    today = timezone.localdate()
    committees = list(Committee.objects.order_by("name"))
    people = list(Person.objects.filter(action_items__isnull=False).distinct().order_by("name"))
    form = ActionItemFilterForm(request.GET, committees=committees, people=people)
    committee = {c.pk: c for c in committees}.get(form.value("gremium"))
    person = {p.pk: p for p in people}.get(form.value("person"))
    status = form.value("status")
    items = list(
        domain.action_items_list(on=today, committee=committee, person=person, status=status)
    )
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[
                _("Committee"),
                _("Task"),
                _("Responsible"),
                _("Due on"),
                _("Status"),
                _("Overdue"),
                _("Meeting"),
                _("Done on"),
                _("Demo data"),
            ],
            rows=[
                [
                    i.committee.name,
                    i.title,
                    i.owner.name if i.owner else "",
                    i.due_on,
                    i.get_status_display(),
                    _("yes") if domain.is_overdue(i, today) else "",
                    timezone.localdate(i.meeting.starts_at) if i.meeting else "",
                    i.done_on,
                    _("yes") if i.is_demo else "",
                ]
                for i in items
            ],
            filename=_("action-items"),
            fmt=fmt,
        )
    # The counts per committee and per person cover every open item of the filter's scope.
    open_items = (
        items
        if status == "open"
        else list(domain.action_items_list(on=today, committee=committee, person=person))
    )
    return render(
        request,
        "steering/action_items.html",
        {
            "form": form,
            "rows": [(i, domain.is_overdue(i, today)) for i in items],
            "by_committee": domain.open_counts(open_items, on=today, by="committee"),
            "by_person": domain.open_counts(open_items, on=today, by="owner"),
            "today": today,
            "export_query": request.GET.urlencode(),
        },
    )


# --------------------------------------------------------------------------------------------
# Invitations, files, the minutes as PDF
# --------------------------------------------------------------------------------------------


@requires(VIEW)
@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    url = request.build_absolute_uri(reverse("steering:meeting-detail", args=[meeting.pk]))
    response = HttpResponse(
        invitations.ics_bytes(meeting, url=url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{invitations.ics_filename(meeting)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@requires(VIEW)
@require_POST
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    url = request.build_absolute_uri(reverse("steering:meeting-detail", args=[meeting.pk]))
    try:
        result = invitations.meeting_invite(meeting=meeting, by=request.user, url=url)
    except DomainError as exc:
        return _detail(request, meeting, status=400, invite_error=str(exc))
    n = len(result.sent)
    messages.success(
        request,
        ngettext(
            "The invitation was sent to %(n)s member.",
            "The invitation was sent to %(n)s members.",
            n,
        )
        % {"n": n},
    )
    if result.without_address:
        messages.warning(
            request,
            _("Without an e-mail address, not invited: %(names)s.")
            % {"names": ", ".join(p.name for p in result.without_address)},
        )
    return redirect("steering:meeting-detail", pk=meeting.pk)


@requires(VIEW)
@require_POST
def meeting_file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    form = MeetingFileForm(request.POST, request.FILES, auto_id="file_%s")
    if form.is_valid():
        try:
            meeting_files.meeting_file_add(
                meeting=meeting,
                by=request.user,
                upload=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("File saved."))
            return redirect(f"{reverse('steering:meeting-detail', args=[meeting.pk])}#files")
    return _detail(request, meeting, status=400, file_form=form)


@requires(VIEW)
@require_GET
def meeting_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file as a download, never shown inline, so that a crafted file cannot run in the
    site's origin."""
    meeting_file = get_object_or_404(MeetingFile, pk=pk)
    return private_download(
        meeting_file.file,
        filename=meeting_file.original_name,
        content_type=meeting_file.content_type,
    )


@requires(VIEW)
@require_GET
def meeting_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    response = HttpResponse(minutes_pdf.minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{minutes_pdf.minutes_filename(meeting)}"'
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("steuerung/gremien/<int:pk>/sitzungen/", meeting_list, name="meeting-list"),
    path("steuerung/gremien/<int:pk>/sitzungen/neu/", meeting_new, name="meeting-new"),
    path("steuerung/sitzungen/<int:pk>/", meeting_detail, name="meeting-detail"),
    path("steuerung/sitzungen/<int:pk>/bearbeiten/", meeting_edit, name="meeting-edit"),
    path(
        "steuerung/sitzungen/<int:pk>/anwesenheit/", meeting_attendance, name="meeting-attendance"
    ),
    path("steuerung/sitzungen/<int:pk>/protokoll/", meeting_minutes, name="meeting-minutes"),
    path(
        "steuerung/sitzungen/<int:pk>/protokoll.pdf",
        meeting_minutes_pdf,
        name="meeting-minutes-pdf",
    ),
    path("steuerung/sitzungen/<int:pk>/einladung.ics", meeting_ics, name="meeting-ics"),
    path("steuerung/sitzungen/<int:pk>/einladen/", meeting_invite, name="meeting-invite"),
    path("steuerung/sitzungen/<int:pk>/dateien/", meeting_file_upload, name="meeting-file-upload"),
    path("steuerung/dateien/<int:pk>/", meeting_file_download, name="meeting-file-download"),
    path("steuerung/sitzungen/<int:pk>/aufgaben/neu/", action_item_new, name="action-item-new"),
    path("steuerung/aufgaben/", action_items, name="action-items"),
    path("steuerung/aufgaben/<int:pk>/", action_item_update, name="action-item-update"),
]
