"""Meetings of a committee: date, place, agenda, attendance, minutes, decisions and the
action items agreed (owner, due date, status).

Rules kept here:
- The members expected at a meeting are the people holding a seat of the committee on the
  meeting's day (a membership from `starts_on` until `ends_on`, both included). Seats held
  by an organisation have no person and are not on the attendance list.
- Guests are people who are not members that day; they are recorded as persons by name.
- An action item is overdue on a date when it is still open or in progress and its due
  date lies before that date (due today is not overdue yet).
- Setting an action item to done records the day it was done; reopening forgets it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.steering.models import (
    OPEN_ACTION_ITEM_STATUSES,
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Committee,
    CommitteeMembership,
    Decision,
    Meeting,
    MeetingStatus,
    MembershipRole,
    Person,
)

MEMBER_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)
MAX_AGENDA_ITEMS = 60


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _save(obj: Any, by: Any) -> None:
    obj._history_user = _user(by)
    obj.save()


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localdate(meeting.starts_at)


# --------------------------------------------------------------------------------------------
# Meetings and their agenda
# --------------------------------------------------------------------------------------------


def _clean_agenda(agenda: Iterable[str]) -> list[str]:
    titles = [" ".join(str(t).split())[:300] for t in agenda]
    titles = [t for t in titles if t]
    if len(titles) > MAX_AGENDA_ITEMS:
        raise DomainError(
            _("An agenda has at most %(n)s items.") % {"n": MAX_AGENDA_ITEMS},
        )
    return titles


@transaction.atomic
def meeting_save(
    *,
    committee: Committee,
    by: Any,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    place: str = "",
    name: str = "",
    agenda: Sequence[str] = (),
    meeting: Meeting | None = None,
) -> Meeting:
    """Create a meeting (without `meeting`) or change one; the agenda is numbered 1, 2, …
    in the order given. Changed items keep their decisions and action items."""
    if ends_at is not None and ends_at <= starts_at:
        raise DomainError(_("The meeting must end after it begins."))
    titles = _clean_agenda(agenda)
    if meeting is None:
        meeting = Meeting(committee=committee, created_by=_user(by), is_demo=committee.is_demo)
    else:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == MeetingStatus.CANCELLED:
            raise DomainError(_("This meeting was cancelled; it cannot be changed any more."))
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place, meeting.name = place.strip(), name.strip()
    _save(meeting, by)
    _agenda_set(meeting, titles, by)
    return meeting


def _agenda_set(meeting: Meeting, titles: list[str], by: Any) -> None:
    existing = list(meeting.agenda_items.order_by("order", "pk"))
    for position, title in enumerate(titles, start=1):
        item = existing[position - 1] if position <= len(existing) else AgendaItem(meeting=meeting)
        if item.pk and (item.title, item.order, item.number) == (title, position, str(position)):
            continue
        item.title, item.order, item.number = title, position, str(position)
        _save(item, by)
    for item in existing[len(titles) :]:
        item._history_user = _user(by)
        item.delete()


@transaction.atomic
def meeting_status_set(*, meeting: Meeting, by: Any, status: str) -> Meeting:
    """Planned → invited → held, or cancelled; a cancelled or held meeting stays so."""
    if status not in MeetingStatus.values:
        raise DomainError(_("Unknown status."))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == status:
        return meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("This meeting was cancelled; it cannot be changed any more."))
    if meeting.status == MeetingStatus.HELD and status != MeetingStatus.HELD:
        raise DomainError(_("This meeting has been held; its status cannot go back."))
    meeting.status = status
    _save(meeting, by)
    return meeting


# --------------------------------------------------------------------------------------------
# Attendance
# --------------------------------------------------------------------------------------------


def members_on(committee: Committee, day: dt.date) -> QuerySet[CommitteeMembership]:
    """The committee's seats held by a person on `day`."""
    return (
        CommitteeMembership.objects.filter(
            committee=committee, person__isnull=False, starts_on__lte=day
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("person", "seat_category")
        .order_by("person__name", "pk")
    )


@dataclass
class AttendanceRow:
    person: Person
    role: str  # chair, deputy or advisory member; "" for members and guests
    status: str  # "" while not recorded
    note: str = ""


@dataclass
class AttendanceList:
    members: list[AttendanceRow] = field(default_factory=list)
    guests: list[AttendanceRow] = field(default_factory=list)

    def of(self, status: str) -> list[AttendanceRow]:
        return [r for r in [*self.members, *self.guests] if r.status == status]


def attendance_of(meeting: Meeting) -> AttendanceList:
    """The members on the meeting's day with what was recorded for them, and the guests."""
    recorded = {a.person_id: a for a in meeting.attendances.select_related("person")}
    result = AttendanceList()
    seen: set[int] = set()
    for membership in members_on(meeting.committee, meeting_day(meeting)):
        person = membership.person
        if person.pk in seen:  # two seats of one person: listed once
            continue
        seen.add(person.pk)
        attendance = recorded.get(person.pk)
        result.members.append(
            AttendanceRow(
                person=person,
                role=""
                if membership.role == MembershipRole.MEMBER
                else str(membership.get_role_display()),
                status=attendance.status if attendance else "",
                note=attendance.note if attendance else "",
            )
        )
    for person_pk, attendance in recorded.items():
        if person_pk not in seen:
            result.guests.append(
                AttendanceRow(
                    person=attendance.person,
                    role="",
                    status=attendance.status,
                    note=attendance.note,
                )
            )
    result.guests.sort(key=lambda r: r.person.name)
    return result


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    by: Any,
    statuses: dict[int, str],
    guests: Iterable[str] = (),
) -> list[Attendance]:
    """Record who of the members was present, excused or absent, and add guests by name.

    `statuses` maps a member's person id to a status; members not named keep what they
    had. Guests who are already on the list are not added twice."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("This meeting was cancelled; it has no attendance."))
    members = {m.person_id: m.person for m in members_on(meeting.committee, meeting_day(meeting))}
    unknown = set(statuses) - set(members)
    if unknown:
        raise DomainError(_("Only members of the committee on the meeting's day can be listed."))
    if any(s not in MEMBER_STATUSES for s in statuses.values()):
        raise DomainError(_("A member is present, excused or absent."))
    existing = {a.person_id: a for a in meeting.attendances.all()}
    saved = []
    for person_pk, status in statuses.items():
        attendance = existing.get(person_pk) or Attendance(meeting=meeting, person_id=person_pk)
        if attendance.pk and attendance.status == status:
            continue
        attendance.status = status
        _save(attendance, by)
        saved.append(attendance)
    present_names = {a.person.name.casefold() for a in meeting.attendances.select_related("person")}
    for raw in guests:
        name = " ".join(str(raw).split())[:200]
        if not name or name.casefold() in present_names:
            continue
        present_names.add(name.casefold())
        person = Person(name=name, is_demo=meeting.is_demo)
        _save(person, by)
        attendance = Attendance(meeting=meeting, person=person, status=AttendanceStatus.GUEST)
        _save(attendance, by)
        saved.append(attendance)
    return saved


# --------------------------------------------------------------------------------------------
# Minutes and decisions
# --------------------------------------------------------------------------------------------


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    by: Any,
    minutes: str,
    minutes_taker: str,
    approved_on: dt.date | None = None,
) -> Meeting:
    """The minutes of a meeting; a meeting with minutes has been held."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("This meeting was cancelled; it has no minutes."))
    if approved_on is not None and approved_on < meeting_day(meeting):
        raise DomainError(_("Minutes cannot be approved before the meeting took place."))
    meeting.minutes = minutes.strip()
    meeting.minutes_taker = " ".join(minutes_taker.split())[:200]
    meeting.minutes_approved_on = approved_on
    if meeting.minutes:
        meeting.status = MeetingStatus.HELD
    _save(meeting, by)
    return meeting


def _agenda_item_of(meeting: Meeting, agenda_item: AgendaItem | None) -> AgendaItem | None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise DomainError(_("The agenda item belongs to another meeting."))
    return agenda_item


@transaction.atomic
def decision_add(
    *,
    meeting: Meeting,
    by: Any,
    text: str,
    agenda_item: AgendaItem | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
) -> Decision:
    """A decision taken in the meeting, numbered in the order recorded."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("This meeting was cancelled; it took no decisions."))
    if not text.strip():
        raise DomainError(_("Please write down what was decided."))
    votes = [v for v in (votes_for, votes_against, abstentions) if v is not None]
    if any(v < 0 for v in votes):
        raise DomainError(_("Votes cannot be negative."))
    order = meeting.decisions.count() + 1
    decision = Decision(
        meeting=meeting,
        agenda_item=_agenda_item_of(meeting, agenda_item),
        number=str(order),
        order=order,
        text=text.strip(),
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
    )
    _save(decision, by)
    return decision


# --------------------------------------------------------------------------------------------
# Action items
# --------------------------------------------------------------------------------------------


@transaction.atomic
def action_item_add(
    *,
    committee: Committee,
    by: Any,
    title: str,
    owner: Person | None = None,
    due_on: dt.date | None = None,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    description: str = "",
) -> ActionItem:
    """A task agreed by the committee, in a meeting or between meetings."""
    if meeting is not None and meeting.committee_id != committee.pk:
        raise DomainError(_("The meeting belongs to another committee."))
    if agenda_item is not None:
        if meeting is None:
            raise DomainError(_("An agenda item needs its meeting."))
        _agenda_item_of(meeting, agenda_item)
    title = " ".join(title.split())[:300]
    if not title:
        raise DomainError(_("Please say what is to be done."))
    item = ActionItem(
        committee=committee,
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        is_demo=committee.is_demo,
    )
    _save(item, by)
    return item


@transaction.atomic
def action_item_update(
    *,
    item: ActionItem,
    by: Any,
    status: str,
    owner: Person | None = None,
    due_on: dt.date | None = None,
    on: dt.date | None = None,
) -> ActionItem:
    """Change an action item's status, owner or due date; done on `on` (default today)."""
    if status not in ActionItemStatus.values:
        raise DomainError(_("Unknown status."))
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if status == ActionItemStatus.DONE:
        if item.status != ActionItemStatus.DONE:
            item.done_on = on or timezone.localdate()
    else:
        item.done_on = None
    item.status, item.owner, item.due_on = status, owner, due_on
    _save(item, by)
    return item


def is_overdue(item: ActionItem, on: dt.date) -> bool:
    return bool(item.status in OPEN_ACTION_ITEM_STATUSES and item.due_on and item.due_on < on)


def overdue_q(on: dt.date) -> Q:
    return Q(status__in=OPEN_ACTION_ITEM_STATUSES, due_on__lt=on)


def action_items_overdue(on: dt.date, items: QuerySet[ActionItem] | None = None):
    """The action items overdue on `on`: still open or in progress, due before that day."""
    items = ActionItem.objects.all() if items is None else items
    return items.filter(overdue_q(on))


# --------------------------------------------------------------------------------------------
# Selectors
# --------------------------------------------------------------------------------------------

STATUS_FILTERS = ("open", "overdue", "done", "all")


def action_items_list(
    *,
    on: dt.date,
    committee: Committee | None = None,
    person: Person | None = None,
    status: str = "open",
) -> QuerySet[ActionItem]:
    """Action items for the overview: "open" (open or in progress), "overdue", "done"
    (done or dropped) or "all"; optionally of one committee or one owner."""
    items = ActionItem.objects.select_related("committee", "owner", "meeting", "agenda_item")
    if committee is not None:
        items = items.filter(committee=committee)
    if person is not None:
        items = items.filter(owner=person)
    if status == "open":
        items = items.filter(status__in=OPEN_ACTION_ITEM_STATUSES)
    elif status == "overdue":
        items = items.filter(overdue_q(on))
    elif status == "done":
        items = items.exclude(status__in=OPEN_ACTION_ITEM_STATUSES)
    return items.order_by("due_on", "committee__name", "pk")


@dataclass
class OpenCount:
    key: Any  # the committee or the person (None: no owner)
    open: int = 0
    overdue: int = 0


def open_counts(items: Iterable[ActionItem], *, on: dt.date, by: str) -> list[OpenCount]:
    """Open and overdue counts per committee (`by="committee"`) or per owner ("owner")."""
    counts: dict[Any, OpenCount] = {}
    for item in items:
        if item.status not in OPEN_ACTION_ITEM_STATUSES:
            continue
        key = getattr(item, by)
        row = counts.setdefault(getattr(key, "pk", None), OpenCount(key=key))
        row.open += 1
        row.overdue += is_overdue(item, on)
    return sorted(counts.values(), key=lambda r: (-r.overdue, -r.open, str(r.key or "").casefold()))


def owner_choices(meeting: Meeting) -> list[Person]:
    """Who can take on a task agreed in a meeting: the members that day and the guests."""
    people = {m.person.pk: m.person for m in members_on(meeting.committee, meeting_day(meeting))}
    for attendance in meeting.attendances.select_related("person"):
        people.setdefault(attendance.person_id, attendance.person)
    return sorted(people.values(), key=lambda p: p.name.casefold())


def meetings_of(committee: Committee) -> QuerySet[Meeting]:
    return committee.meetings.order_by("-starts_at", "pk")
