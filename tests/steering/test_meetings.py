"""Meetings as the domain sees them: agenda, attendance from the memberships on the day,
minutes and decisions, action items and when they are overdue, invitations (iCalendar and
e-mail), files checked by their content, and the minutes as PDF."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.steering import invitations, meeting_files, minutes_pdf
from praeventionsnetz.steering import meetings as domain
from praeventionsnetz.steering.models import (
    ActionItem,
    ActionItemStatus,
    AttendanceStatus,
    MeetingFile,
    MeetingStatus,
    MembershipRole,
    Person,
)
from tests.steering.factories import (
    ActionItemFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    SeatCategoryFactory,
)

HOSTILE = 'Raum 1, Haus B; 2. OG\nBEGIN:VEVENT <script>alert("x")</script> \\ Ende'
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched by their English text; the PDF and the e-mails stay German."""
    translation.activate("en")


def at(day: dt.date, hour: int = 17) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def team(district_team):
    return district_team


@pytest.fixture
def seat(team):
    return SeatCategoryFactory(committee=team, key="traeger", name="Träger", seats=5)


@pytest.fixture
def members(seat):
    """Anna (chair, all year), Bernd (left at the end of March), Clara (from April), and an
    organisation's seat (no person)."""
    from tests.factories import OrganisationFactory

    anna = PersonFactory(name="Anna Albrecht", email="anna@example.org")
    bernd = PersonFactory(name="Bernd Bauer", email="bernd@example.org")
    clara = PersonFactory(name="Clara Conrad", email="")
    MembershipFactory(
        seat_category=seat, person=anna, starts_on=dt.date(2026, 1, 1), role=MembershipRole.CHAIR
    )
    MembershipFactory(
        seat_category=seat,
        person=bernd,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2026, 3, 31),
    )
    MembershipFactory(seat_category=seat, person=clara, starts_on=dt.date(2026, 4, 1))
    MembershipFactory(
        seat_category=seat,
        person=None,
        organisation=OrganisationFactory(),
        starts_on=dt.date(2025, 1, 1),
    )
    return anna, bernd, clara


# --- meetings and agenda --------------------------------------------------------------------


def test_a_meeting_gets_its_agenda_numbered_in_order(team, planner):
    meeting = domain.meeting_save(
        committee=team,
        by=planner,
        starts_at=at(dt.date(2026, 5, 4)),
        place="Rathaus",
        agenda=["Begrüßung", "  ", "Bericht   der Koordination", "Verschiedenes"],
    )
    items = list(meeting.agenda_items.order_by("order"))
    assert [(i.number, i.title) for i in items] == [
        ("1", "Begrüßung"),
        ("2", "Bericht der Koordination"),
        ("3", "Verschiedenes"),
    ]
    assert meeting.history.first().history_user == planner
    assert meeting.created_by == planner

    # Changing keeps the rows of the items that stay (their decisions stay linked).
    first_pk = items[0].pk
    domain.meeting_save(
        committee=team,
        meeting=meeting,
        by=planner,
        starts_at=at(dt.date(2026, 5, 4)),
        agenda=["Begrüßung", "Haushalt"],
    )
    items = list(meeting.agenda_items.order_by("order"))
    assert [(i.number, i.title) for i in items] == [("1", "Begrüßung"), ("2", "Haushalt")]
    assert items[0].pk == first_pk


def test_a_meeting_ends_after_it_begins(team, planner):
    with pytest.raises(DomainError, match="end after it begins"):
        domain.meeting_save(
            committee=team,
            by=planner,
            starts_at=at(dt.date(2026, 5, 4), 18),
            ends_at=at(dt.date(2026, 5, 4), 17),
        )


def test_a_cancelled_meeting_stays_cancelled(team, planner):
    meeting = MeetingFactory(committee=team)
    domain.meeting_status_set(meeting=meeting, by=planner, status=MeetingStatus.CANCELLED)
    with pytest.raises(DomainError, match="cancelled"):
        domain.meeting_status_set(meeting=meeting, by=planner, status=MeetingStatus.PLANNED)
    with pytest.raises(DomainError, match="cancelled"):
        domain.minutes_save(meeting=meeting, by=planner, minutes="x", minutes_taker="y")


# --- attendance -----------------------------------------------------------------------------


def test_attendance_lists_the_members_holding_a_seat_on_the_meeting_day(team, members):
    anna, bernd, clara = members
    march = MeetingFactory(committee=team, starts_at=at(dt.date(2026, 3, 31)))
    april = MeetingFactory(committee=team, starts_at=at(dt.date(2026, 4, 1)))
    assert [r.person for r in domain.attendance_of(march).members] == [anna, bernd]
    assert [r.person for r in domain.attendance_of(april).members] == [anna, clara]
    # The chair's role is named; an ordinary member's is not.
    assert [bool(r.role) for r in domain.attendance_of(april).members] == [True, False]


def test_attendance_is_recorded_for_members_and_guests(team, members, coordinator):
    anna, bernd, clara = members
    meeting = MeetingFactory(committee=team, starts_at=at(dt.date(2026, 4, 20)))
    domain.attendance_record(
        meeting=meeting,
        by=coordinator,
        statuses={anna.pk: AttendanceStatus.PRESENT, clara.pk: AttendanceStatus.EXCUSED},
        guests=["Dora Dietrich", "", "Dora Dietrich"],
    )
    result = domain.attendance_of(meeting)
    assert [(r.person.name, r.status) for r in result.members] == [
        ("Anna Albrecht", "present"),
        ("Clara Conrad", "excused"),
    ]
    assert [(r.person.name, r.status) for r in result.guests] == [("Dora Dietrich", "guest")]
    assert meeting.attendances.get(person=anna).history.first().history_user == coordinator
    # Bernd had left by then: he cannot be listed as a member.
    with pytest.raises(DomainError, match="Only members"):
        domain.attendance_record(
            meeting=meeting, by=coordinator, statuses={bernd.pk: AttendanceStatus.PRESENT}
        )
    with pytest.raises(DomainError):
        domain.attendance_record(
            meeting=meeting, by=coordinator, statuses={anna.pk: AttendanceStatus.GUEST}
        )


# --- minutes and decisions ------------------------------------------------------------------


def test_minutes_mark_the_meeting_as_held_and_decisions_are_numbered(team, planner):
    meeting = domain.meeting_save(
        committee=team, by=planner, starts_at=at(dt.date(2026, 4, 20)), agenda=["Haushalt"]
    )
    item = meeting.agenda_items.get()
    domain.minutes_save(
        meeting=meeting, by=planner, minutes="Es wurde beraten.", minutes_taker="Eva Ernst"
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    first = domain.decision_add(
        meeting=meeting,
        by=planner,
        text="Das Budget wird beschlossen.",
        agenda_item=item,
        votes_for=5,
        votes_against=1,
        abstentions=0,
    )
    second = domain.decision_add(meeting=meeting, by=planner, text="Nächste Sitzung im Juni.")
    assert (first.number, second.number) == ("1", "2")
    assert first.history.first().history_user == planner
    other = MeetingFactory(committee=team)
    with pytest.raises(DomainError, match="another meeting"):
        domain.decision_add(meeting=other, by=planner, text="x", agenda_item=item)
    with pytest.raises(DomainError, match="approved before"):
        domain.minutes_save(
            meeting=meeting,
            by=planner,
            minutes="x",
            minutes_taker="y",
            approved_on=dt.date(2026, 4, 19),
        )


# --- action items ---------------------------------------------------------------------------


def test_action_items_overdue_on_a_given_date(team):
    day = dt.date(2026, 6, 10)
    meeting = MeetingFactory(committee=team)
    due_before = ActionItemFactory(meeting=meeting, due_on=day - dt.timedelta(days=1))
    in_progress = ActionItemFactory(
        meeting=meeting, due_on=dt.date(2026, 1, 1), status=ActionItemStatus.IN_PROGRESS
    )
    ActionItemFactory(meeting=meeting, due_on=day)  # due that very day: not yet overdue
    ActionItemFactory(meeting=meeting, due_on=day + dt.timedelta(days=1))
    ActionItemFactory(meeting=meeting, due_on=None)  # no due date: never overdue
    ActionItemFactory(meeting=meeting, due_on=dt.date(2026, 1, 1), status=ActionItemStatus.DONE)
    ActionItemFactory(meeting=meeting, due_on=dt.date(2026, 1, 1), status=ActionItemStatus.DROPPED)
    overdue = set(domain.action_items_overdue(day))
    assert overdue == {due_before, in_progress}
    assert {i for i in ActionItem.objects.all() if domain.is_overdue(i, day)} == overdue
    # A day later the item due on the 10th is overdue too; a month earlier only the old one.
    assert len(domain.action_items_overdue(day + dt.timedelta(days=1))) == 3
    assert set(domain.action_items_overdue(dt.date(2026, 5, 10))) == {in_progress}


def test_done_records_the_day_and_reopening_forgets_it(team, coordinator, steering_group):
    meeting = MeetingFactory(committee=team)
    owner = PersonFactory(name="Anna")
    item = domain.action_item_add(
        committee=team,
        meeting=meeting,
        by=coordinator,
        title="  Flyer   drucken ",
        owner=owner,
        due_on=dt.date(2026, 6, 1),
    )
    assert item.title == "Flyer drucken"
    item = domain.action_item_update(
        item=item,
        by=coordinator,
        status=ActionItemStatus.DONE,
        owner=owner,
        due_on=item.due_on,
        on=dt.date(2026, 6, 3),
    )
    assert item.done_on == dt.date(2026, 6, 3)
    assert not domain.is_overdue(item, dt.date(2026, 7, 1))
    assert item.history.first().history_user == coordinator
    item = domain.action_item_update(
        item=item, by=coordinator, status=ActionItemStatus.OPEN, owner=owner, due_on=item.due_on
    )
    assert item.done_on is None
    assert domain.is_overdue(item, dt.date(2026, 7, 1))
    other_meeting = MeetingFactory(committee=steering_group)
    with pytest.raises(DomainError, match="another committee"):
        domain.action_item_add(committee=team, meeting=other_meeting, by=coordinator, title="x")
    with pytest.raises(DomainError, match="to be done"):
        domain.action_item_add(committee=team, by=coordinator, title="   ")


def test_open_counts_per_committee_and_per_person(team, steering_group):
    day = dt.date(2026, 6, 10)
    anna, bernd = PersonFactory(name="Anna"), PersonFactory(name="Bernd")
    in_team, in_group = MeetingFactory(committee=team), MeetingFactory(committee=steering_group)
    ActionItemFactory(meeting=in_team, owner=anna, due_on=dt.date(2026, 6, 1))
    ActionItemFactory(meeting=in_team, owner=bernd, due_on=dt.date(2026, 7, 1))
    ActionItemFactory(meeting=in_group, owner=anna, due_on=dt.date(2026, 6, 2))
    ActionItemFactory(meeting=in_group, owner=None)
    ActionItemFactory(meeting=in_group, owner=anna, status=ActionItemStatus.DONE)
    items = list(domain.action_items_list(on=day))
    assert len(items) == 4
    by_committee = {
        r.key.name: (r.open, r.overdue) for r in domain.open_counts(items, on=day, by="committee")
    }
    assert by_committee == {team.name: (2, 1), steering_group.name: (2, 1)}
    by_person = {
        (r.key.name if r.key else None): (r.open, r.overdue)
        for r in domain.open_counts(items, on=day, by="owner")
    }
    assert by_person == {"Anna": (2, 2), "Bernd": (1, 0), None: (1, 0)}
    assert len(domain.action_items_list(on=day, person=anna, status="all")) == 3
    assert len(domain.action_items_list(on=day, committee=team, status="overdue")) == 1


# --- invitations ----------------------------------------------------------------------------


def _unfold(ics: str) -> str:
    return ics.replace("\r\n ", "")


def test_the_calendar_file_escapes_hostile_text_and_keeps_its_uid(team, planner):
    meeting = domain.meeting_save(
        committee=team,
        by=planner,
        starts_at=at(dt.date(2026, 7, 1), 17),
        ends_at=at(dt.date(2026, 7, 1), 19),
        place=HOSTILE,
        name="Sitzung; mit, Zeichen",
        agenda=["Punkt, eins; zwei"],
    )
    ics = _unfold(invitations.ics_bytes(meeting).decode())
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    # Europe/Berlin is UTC+2 in July.
    assert "DTSTART:20260701T150000Z" in ics
    assert "DTEND:20260701T170000Z" in ics
    assert "SUMMARY:Sitzung\\; mit\\, Zeichen" in ics
    assert (
        'LOCATION:Raum 1\\, Haus B\\; 2. OG\\nBEGIN:VEVENT <script>alert("x")</script> \\\\ Ende'
        in ics
    )
    # The hostile newline did not start a second event.
    assert ics.count("BEGIN:VEVENT") - ics.count("\\nBEGIN:VEVENT") == 1
    assert "1. Punkt\\, eins\\; zwei" in ics
    uid = f"UID:sitzung-{meeting.pk}@praeventionsnetz"
    assert uid in ics
    assert "SEQUENCE:0" in ics
    from icalendar import Calendar

    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == HOSTILE

    meeting = domain.meeting_save(
        committee=team, meeting=meeting, by=planner, starts_at=at(dt.date(2026, 7, 2), 17)
    )
    again = _unfold(invitations.ics_bytes(meeting).decode())
    assert uid in again
    assert "SEQUENCE:1" in again
    assert "DTSTART:20260702T150000Z" in again
    assert "DTEND:20260702T170000Z" in again  # two hours without an end


def test_invitations_are_mailed_with_the_calendar_file(team, members, planner):
    anna, _bernd, clara = members
    meeting = domain.meeting_save(
        committee=team,
        by=planner,
        starts_at=at(dt.date(2026, 4, 20)),
        place="Rathaus",
        agenda=["Begrüßung"],
    )
    result = invitations.meeting_invite(meeting=meeting, by=planner, url="http://testserver/x")
    assert result.sent == [anna]  # Bernd had left; Clara has no address
    assert result.without_address == [clara]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "Einladung" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype == "text/calendar"
    text = content if isinstance(content, str) else content.decode()
    assert "METHOD:REQUEST" in text
    assert f"UID:sitzung-{meeting.pk}@praeventionsnetz" in text
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.INVITED
    assert meeting.invitations_sent_at is not None
    assert meeting.history.first().history_user == planner


def test_no_invitation_without_any_address(team, planner):
    meeting = MeetingFactory(committee=team)
    with pytest.raises(DomainError, match="e-mail address"):
        invitations.meeting_invite(meeting=meeting, by=planner)
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


# --- files ----------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("protokoll.pdf", b"%PDF-1.7\n", "application/pdf"),
        ("foto.JPG", b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        ("plan.png", b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (
            "vorlage.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("zahlen.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("text.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_files_are_accepted_by_their_content(team, planner, meeting_storage, name, content, kind):
    meeting = MeetingFactory(committee=team)
    stored = meeting_files.meeting_file_add(
        meeting=meeting, by=planner, upload=SimpleUploadedFile(name, content)
    )
    assert stored.content_type == kind
    assert stored.original_name == name
    assert stored.size == len(content)
    assert Path(stored.file.name).suffix in {".pdf", ".jpg", ".png", ".docx", ".xlsx", ".odt"}
    assert name not in stored.file.name  # a random stored name
    assert stored.history.first().history_user == planner


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("boese.pdf", b"<html><script>alert(1)</script>", "none of them"),
        ("programm.exe", b"MZ\x90\x00", "none of them"),
        ("archiv.docx", _zip({"evil.sh": b"rm -rf /"}), "none of them"),
        ("kaputt.docx", b"PK\x03\x04 not really a zip", "none of them"),
        ("foto.pdf", b"\xff\xd8\xff\xe0rest", "says otherwise"),
        ("tabelle.docx", XLSX, "says otherwise"),
        ("leer.pdf", b"", "empty"),
    ],
)
def test_files_of_another_type_are_refused_and_nothing_is_stored(
    team, planner, meeting_storage, name, content, message
):
    meeting = MeetingFactory(committee=team)
    with pytest.raises(DomainError, match=message):
        meeting_files.meeting_file_add(
            meeting=meeting, by=planner, upload=SimpleUploadedFile(name, content)
        )
    assert MeetingFile.objects.count() == 0
    assert not list(Path(meeting_storage.location).rglob("*.*"))


def test_files_over_20_mb_are_refused(team, planner, meeting_storage):
    meeting = MeetingFactory(committee=team)
    big = SimpleUploadedFile("gross.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(DomainError, match="larger than 20 MB"):
        meeting_files.meeting_file_add(meeting=meeting, by=planner, upload=big)
    assert MeetingFile.objects.count() == 0


# --- minutes as PDF -------------------------------------------------------------------------


@pytest.fixture
def held_meeting(team, members, planner):
    """A meeting with attendance, minutes, two decisions and two action items."""
    anna, _bernd, clara = members
    meeting = domain.meeting_save(
        committee=team,
        by=planner,
        starts_at=at(dt.date(2026, 4, 20), 16),
        ends_at=at(dt.date(2026, 4, 20), 18),
        place="Stadtteilhaus Nord, Raum 2",
        agenda=[
            "Begrüßung und Protokollkontrolle",
            "Bericht der Koordination",
            "Aktionsbudget 2026",
            "Verschiedenes",
        ],
    )
    items = list(meeting.agenda_items.order_by("order"))
    domain.attendance_record(
        meeting=meeting,
        by=planner,
        statuses={anna.pk: AttendanceStatus.PRESENT, clara.pk: AttendanceStatus.EXCUSED},
        guests=["Dora Dietrich"],
    )
    domain.minutes_save(
        meeting=meeting,
        by=planner,
        minutes=(
            "TOP 1: Frau Albrecht begrüßt die Anwesenden. Das Protokoll der letzten Sitzung "
            "wird ohne Änderungen bestätigt.\n\nTOP 2: Die Koordination berichtet über die "
            "Befragung der Einrichtungen im Stadtraum.\n\nTOP 3: Drei Anträge auf das "
            "Aktionsbudget werden beraten."
        ),
        minutes_taker="Eva Ernst",
    )
    domain.decision_add(
        meeting=meeting,
        by=planner,
        agenda_item=items[2],
        text="Das Stadtraumteam empfiehlt, das Hoffest mit 1.200 € zu fördern.",
        votes_for=6,
        votes_against=0,
        abstentions=1,
    )
    domain.decision_add(
        meeting=meeting,
        by=planner,
        agenda_item=items[3],
        text=HOSTILE,
    )
    domain.action_item_add(
        committee=team,
        meeting=meeting,
        by=planner,
        title="Einladung zum Fachtag versenden",
        owner=anna,
        due_on=dt.date(2026, 5, 15),
    )
    meeting.refresh_from_db()
    return meeting


def test_the_minutes_html_has_attendance_decisions_and_signature_lines(held_meeting):
    html = minutes_pdf.minutes_html(held_meeting)
    assert "Stadtraumteam Nordraum" in html
    assert "Anwesend (1)" in html
    assert "Entschuldigt (1)" in html
    assert "Gäste (1)" in html
    assert "Anna Albrecht" in html
    assert "Dora Dietrich" in html
    assert "Das Stadtraumteam empfiehlt" in html
    assert "dafür 6" in html
    assert "Protokoll: Eva Ernst" in html or "Protokoll</th><td>Eva Ernst" in html
    assert "Vorsitz: Anna Albrecht" in html
    # Hostile text is escaped, never markup.
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_minutes_pdf_is_a_pdf_with_the_committee_and_the_decisions(held_meeting):
    pytest.importorskip("weasyprint")
    pdf = minutes_pdf.minutes_pdf(held_meeting)
    assert pdf.startswith(b"%PDF")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "minutes.pdf").write_bytes(pdf)  # for humans to look at
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    assert "Stadtraumteam Nordraum" in text
    assert "Hoffest mit 1.200 € zu fördern" in " ".join(text.split())
    assert "Seite 1 von" in text
    assert Person.objects.filter(name="Dora Dietrich").exists()
