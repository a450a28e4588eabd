"""The meeting pages through the test client: who may do what, forms that keep what was
typed, hostile text escaped, uploads refused, the overview's query budget and its files."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.steering import meetings as domain
from praeventionsnetz.steering.models import (
    ActionItem,
    ActionItemStatus,
    CommitteeKind,
    Meeting,
    MeetingFile,
)
from tests.steering.factories import (
    ActionItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    SeatCategoryFactory,
)

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def meeting(district_team):
    return domain.meeting_save(
        committee=district_team,
        by=None,
        starts_at=timezone.now() + dt.timedelta(days=2),
        place="Rathaus",
        agenda=["Begrüßung"],
    )


@pytest.fixture
def member(district_team):
    seat = SeatCategoryFactory(committee=district_team)
    person = PersonFactory(name="Anna Albrecht", email="anna@example.org")
    MembershipFactory(seat_category=seat, person=person, starts_on=dt.date(2020, 1, 1))
    return person


def test_the_coordinator_records_a_meeting_of_their_district_team(
    client, coordinator, district_team
):
    client.force_login(coordinator)
    url = reverse("steering:meeting-new", args=[district_team.pk])
    response = client.post(
        url,
        {
            "day": "2026-05-04",
            "begins": "17:00",
            "ends": "19:00",
            "place": "Rathaus",
            "agenda": "Begrüßung\nBericht",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("steering:meeting-detail", args=[meeting.pk])
    assert [i.title for i in meeting.agenda_items.all()] == ["Begrüßung", "Bericht"]
    assert meeting.history.first().history_user == coordinator
    assert timezone.localtime(meeting.starts_at).hour == 17


def test_a_coordinator_of_another_area_may_read_but_not_change_the_team(
    client, other_coordinator, district_team, meeting
):
    client.force_login(other_coordinator)
    assert client.get(reverse("steering:meeting-detail", args=[meeting.pk])).status_code == 200
    for name, pk in [
        ("steering:meeting-new", district_team.pk),
        ("steering:meeting-edit", meeting.pk),
        ("steering:meeting-attendance", meeting.pk),
        ("steering:meeting-minutes", meeting.pk),
        ("steering:action-item-new", meeting.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 403, name
        assert client.post(reverse(name, args=[pk]), {"title": "x"}).status_code == 403, name
    for name in ("steering:meeting-invite", "steering:meeting-file-upload"):
        assert client.post(reverse(name, args=[meeting.pk])).status_code == 403, name
    item = ActionItemFactory(meeting=meeting)
    response = client.post(
        reverse("steering:action-item-update", args=[item.pk]), {"status": "done"}
    )
    assert response.status_code == 403
    assert Meeting.objects.count() == 1
    assert ActionItem.objects.get(pk=item.pk).status == ActionItemStatus.OPEN


def test_a_refused_meeting_form_keeps_what_was_typed(client, coordinator, district_team):
    client.force_login(coordinator)
    response = client.post(
        reverse("steering:meeting-new", args=[district_team.pk]),
        {
            "day": "2026-05-04",
            "begins": "19:00",
            "ends": "18:00",
            "place": HOSTILE,
            "agenda": "Punkt A",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Die Sitzung muss nach ihrem Beginn enden." in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert HOSTILE not in html
    assert "Punkt A" in html
    assert Meeting.objects.count() == 0


def test_hostile_text_is_escaped_on_the_meeting_page(client, steering, meeting, member):
    domain.meeting_save(
        committee=meeting.committee,
        meeting=meeting,
        by=None,
        starts_at=meeting.starts_at,
        place=HOSTILE,
        name=HOSTILE,
        agenda=[HOSTILE],
    )
    domain.decision_add(meeting=meeting, by=None, text=HOSTILE)
    domain.action_item_add(committee=meeting.committee, meeting=meeting, by=None, title=HOSTILE)
    client.force_login(steering)
    for name in ("steering:meeting-detail", "steering:meeting-minutes"):
        html = client.get(reverse(name, args=[meeting.pk])).content.decode()
        assert HOSTILE not in html, name
        assert "&lt;script&gt;" in html, name
    html = client.get(reverse("steering:action-items")).content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;" in html


def test_attendance_minutes_decision_and_action_item_through_the_pages(
    client, coordinator, meeting, member
):
    client.force_login(coordinator)
    response = client.post(
        reverse("steering:meeting-attendance", args=[meeting.pk]),
        {f"person_{member.pk}": "present", "guests": "Gast Gustav"},
    )
    assert response.status_code == 302
    assert meeting.attendances.count() == 2
    response = client.post(
        reverse("steering:meeting-minutes", args=[meeting.pk]),
        {"form": "minutes", "minutes": "Beraten.", "minutes_taker": "Eva"},
    )
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    response = client.post(
        reverse("steering:meeting-minutes", args=[meeting.pk]),
        {"form": "decision", "text": "Beschlossen.", "agenda_item": item.pk, "votes_for": "5"},
    )
    assert response.status_code == 302
    assert meeting.decisions.get().votes_for == 5
    # A negative vote is refused with what was typed.
    response = client.post(
        reverse("steering:meeting-minutes", args=[meeting.pk]),
        {"form": "decision", "text": "Noch einer.", "votes_for": "-1"},
    )
    assert response.status_code == 400
    assert "Noch einer." in response.content.decode()
    response = client.post(
        reverse("steering:action-item-new", args=[meeting.pk]),
        {"title": "Flyer drucken", "owner": member.pk, "due_on": "2026-06-01"},
    )
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert (action.owner, action.due_on, action.committee) == (
        member,
        dt.date(2026, 6, 1),
        meeting.committee,
    )
    response = client.post(
        reverse("steering:action-item-update", args=[action.pk]),
        {"status": "done", "owner": member.pk, "due_on": "2026-06-01"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionItemStatus.DONE
    assert action.done_on == timezone.localdate()
    # An empty title comes back on the meeting page with the error.
    response = client.post(
        reverse("steering:action-item-new", args=[meeting.pk]),
        {"title": "", "due_on": "2026-06-01"},
    )
    assert response.status_code == 400
    assert 'id="action_due_on"' in response.content.decode()
    assert 'value="2026-06-01"' in response.content.decode()


def test_invitations_are_sent_and_those_without_address_named(client, planner, meeting, member):
    no_address = PersonFactory(name="Bernd ohne Adresse", email="")
    MembershipFactory(
        seat_category=member.memberships.first().seat_category,
        person=no_address,
        starts_on=dt.date(2020, 1, 1),
    )
    client.force_login(planner)
    response = client.post(reverse("steering:meeting-invite", args=[meeting.pk]), follow=True)
    html = response.content.decode()
    assert "Die Einladung wurde an 1 Mitglied versandt." in html
    assert "Bernd ohne Adresse" in html
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][2] == "text/calendar"


def test_the_calendar_file_downloads(client, coordinator, meeting):
    client.force_login(coordinator)
    response = client.get(reverse("steering:meeting-ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert f"UID:sitzung-{meeting.pk}@praeventionsnetz" in text
    assert f"/steuerung/sitzungen/{meeting.pk}/" in text.replace("\r\n ", "")


def test_files_upload_and_download_only_for_steering_readers(
    client, coordinator, member, meeting, meeting_storage
):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("folien.pdf", b"%PDF-1.4 folien", content_type="application/pdf")
    response = client.post(
        reverse("steering:meeting-file-upload", args=[meeting.pk]),
        {"file": upload, "name": "Folien"},
    )
    assert response.status_code == 302
    stored = MeetingFile.objects.get()
    response = client.get(reverse("steering:meeting-file-download", args=[stored.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 folien"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    client.logout()
    assert (
        client.get(reverse("steering:meeting-file-download", args=[stored.pk])).status_code == 302
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("boese.pdf", b"<html><script>alert(1)</script></html>"), ("bild.png", b"%PDF-1.4 x")],
)
def test_uploads_of_a_wrong_type_are_refused(
    client, coordinator, meeting, meeting_storage, name, content
):
    client.force_login(coordinator)
    response = client.post(
        reverse("steering:meeting-file-upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile(name, content), "name": "Anhang"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="file_file_error"' in html
    assert 'value="Anhang"' in html
    assert MeetingFile.objects.count() == 0


def test_uploads_over_20_mb_are_refused(client, coordinator, meeting, meeting_storage):
    client.force_login(coordinator)
    big = SimpleUploadedFile("gross.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1))
    response = client.post(
        reverse("steering:meeting-file-upload", args=[meeting.pk]), {"file": big}
    )
    assert response.status_code == 400
    assert "größer als 20 MB" in response.content.decode()
    assert MeetingFile.objects.count() == 0


def test_the_minutes_pdf_is_served(client, steering, meeting):
    pytest.importorskip("weasyprint")
    client.force_login(steering)
    response = client.get(reverse("steering:meeting-minutes-pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.fixture
def many_items(city, district, other_district):
    """Three committees with twelve action items of six people, four of them overdue."""
    today = timezone.localdate()
    people = [PersonFactory(name=f"Person {n}") for n in range(6)]
    for n, area in enumerate([city, district, other_district]):
        committee = CommitteeFactory(
            name=f"Gremium {n}", kind=CommitteeKind.DISTRICT_TEAM, area=area
        )
        meeting = MeetingFactory(committee=committee)
        for k in range(4):
            ActionItemFactory(
                meeting=meeting,
                owner=people[(n + k) % 6],
                due_on=today + dt.timedelta(days=-3 if k == 0 else 10),
                title=f"Aufgabe {n}-{k}",
            )
    ActionItemFactory(meeting=meeting, owner=people[0], status=ActionItemStatus.DONE)
    return people


def test_the_overview_counts_open_and_overdue_with_a_fixed_number_of_queries(
    client, steering, many_items, django_assert_max_num_queries
):
    client.force_login(steering)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("steering:action-items"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="is-overdue"') == 3
    assert html.count("überfällig</strong>") == 3  # said in words, not only by colour
    response = client.get(reverse("steering:action-items"), {"status": "overdue"})
    assert [i.title for i, _o in response.context["rows"]] == [
        "Aufgabe 0-0",
        "Aufgabe 1-0",
        "Aufgabe 2-0",
    ]
    response = client.get(
        reverse("steering:action-items"), {"person": many_items[0].pk, "status": "all"}
    )
    assert len(response.context["rows"]) == 2  # one open, one done


def test_the_overview_exports_csv_and_xlsx(client, planner, many_items):
    client.force_login(planner)
    response = client.get(reverse("steering:action-items"), {"status": "overdue", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Gremium", "Aufgabe", "Verantwortlich"]
    assert len(rows) == 4
    assert all(row[5] == "ja" for row in rows[1:])
    response = client.get(reverse("steering:action-items"), {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert len(list(book.active.iter_rows(values_only=True))) == 13


def test_the_committee_meeting_list_has_a_fixed_number_of_queries(
    client, coordinator, district_team, django_assert_max_num_queries
):
    for n in range(5):
        meeting = MeetingFactory(committee=district_team, name=f"Sitzung {n}")
        ActionItemFactory(meeting=meeting, due_on=dt.date(2020, 1, 1))
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("steering:meeting-list", args=[district_team.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Sitzung ") >= 5
    assert response.context["n_overdue"] == 5
