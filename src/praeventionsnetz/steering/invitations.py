"""Invitations to a meeting: an iCalendar file (RFC 5545) and e-mails with it attached.

The event's UID is the meeting's own and never changes, so calendars update the entry they
have; SEQUENCE counts the meeting's saved versions, so every change is newer than the last
invitation. Times are written in UTC. A meeting without an end is given two hours.
E-mail addresses are not part of the file: it can be downloaded by everyone who sees the
meeting, and each member gets their own message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.steering.meetings import _save, meeting_day, members_on
from praeventionsnetz.steering.models import Meeting, MeetingStatus, Person

DEFAULT_DURATION = dt.timedelta(hours=2)
UID_DOMAIN = "praeventionsnetz"


def meeting_uid(meeting: Meeting) -> str:
    return f"sitzung-{meeting.pk}@{UID_DOMAIN}"


def meeting_sequence(meeting: Meeting) -> int:
    """0 for a new meeting, one more for every change saved since."""
    return max(meeting.history.count() - 1, 0)


def meeting_title(meeting: Meeting) -> str:
    return meeting.name or _("Meeting of %(committee)s") % {"committee": meeting.committee.name}


def _description(meeting: Meeting, url: str) -> str:
    lines = [meeting_title(meeting), ""]
    items = list(meeting.agenda_items.order_by("order", "pk"))
    if items:
        lines.append(_("Agenda"))
        lines += [f"{item.number}. {item.title}" for item in items]
        lines.append("")
    if url:
        lines.append(url)
    return "\n".join(lines).strip()


def ics_bytes(meeting: Meeting, *, url: str = "", method: str = "PUBLISH") -> bytes:
    """The meeting as an iCalendar file (text/calendar)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Praeventionsnetz//Sitzungen//DE")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting_sequence(meeting))
    event.add("dtstamp", timezone.now().astimezone(dt.UTC).replace(microsecond=0))
    starts = meeting.starts_at.astimezone(dt.UTC)
    ends = (meeting.ends_at or meeting.starts_at + DEFAULT_DURATION).astimezone(dt.UTC)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", meeting_title(meeting))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", _description(meeting, url))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    if url:
        event.add("url", url)
    organiser = settings.DEFAULT_FROM_EMAIL
    event.add("organizer", f"mailto:{organiser}")
    calendar.add_component(event)
    return calendar.to_ical()


def ics_filename(meeting: Meeting) -> str:
    return f"sitzung-{meeting.pk}-{meeting_day(meeting):%Y-%m-%d}.ics"


@dataclass
class InvitationResult:
    sent: list[Person]
    without_address: list[Person]


def invitees(meeting: Meeting) -> tuple[list[Person], list[Person]]:
    """The members on the meeting's day with an e-mail address, and those without one."""
    people: dict[int, Person] = {}
    for membership in members_on(meeting.committee, meeting_day(meeting)):
        people.setdefault(membership.person.pk, membership.person)
    with_address = [p for p in people.values() if p.email.strip()]
    without = [p for p in people.values() if not p.email.strip()]
    return with_address, without


def _body(meeting: Meeting, url: str) -> str:
    starts = timezone.localtime(meeting.starts_at)
    lines = [
        _("You are invited to the meeting of %(committee)s.") % {"committee": meeting.committee},
        "",
        _("When: %(day)s at %(time)s")
        % {"day": starts.strftime("%d.%m.%Y"), "time": starts.strftime("%H:%M")},
    ]
    if meeting.place:
        lines.append(_("Where: %(place)s") % {"place": meeting.place})
    lines += [
        "",
        _description(meeting, url),
        "",
        _("The invitation is attached as a calendar file."),
    ]
    return "\n".join(lines)


@transaction.atomic
def meeting_invite(*, meeting: Meeting, by: Any, url: str = "") -> InvitationResult:
    """Send the invitation with the calendar file to every member with an e-mail address;
    the meeting is then “invited”. Nothing is sent when no member has an address."""
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.HELD):
        raise DomainError(_("Invitations are sent for planned meetings only."))
    recipients, without = invitees(meeting)
    if not recipients:
        raise DomainError(
            _("No member of the committee has an e-mail address; no invitation was sent.")
        )
    meeting.invitations_sent_at = timezone.now()
    meeting.status = MeetingStatus.INVITED
    _save(meeting, by)
    with translation.override(settings.LANGUAGE_CODE):
        ics = ics_bytes(meeting, url=url, method="REQUEST")
        subject = _("Invitation: %(title)s on %(day)s") % {
            "title": meeting_title(meeting),
            "day": meeting_day(meeting).strftime("%d.%m.%Y"),
        }
        body = _body(meeting, url)
    messages = []
    for person in recipients:
        message = EmailMessage(subject=subject, body=body, to=[person.email])
        message.attach(ics_filename(meeting), ics, "text/calendar")
        messages.append(message)
    get_connection().send_messages(messages)
    return InvitationResult(sent=recipients, without_address=without)
