"""Reminders by e-mail and the personal links as CSV for a mail merge."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import services
from praeventionsnetz.network.models import SurveyInvitation
from tests.concurrency import needs_row_locks, together
from tests.factories import OrganisationFactory

BASE = "https://praeventionsnetz.example"


@pytest.fixture
def orgs(city, district, other_district):
    """In the coordinator's Stadtraum: two with an e-mail address, one without, one that has
    answered; one with an address in the other Stadtraum."""
    found = {}
    for name, email, area in [
        ("Kita Nord", "kita-nord@example.org", district),
        ('=HYPERLINK("http://evil.example","Schule")', "schule@example.org", district),
        ("Praxis Nord", "", district),
        ("Verein Nord", "verein@example.org", district),
        ("Kita Süd", "kita-sued@example.org", other_district),
    ]:
        org = OrganisationFactory(name=name, email=email, city=city)
        org.areas_served.add(area)
        found[name] = org
    return found


@pytest.fixture
def wave(city, orgs, planner):
    wave = services.wave_start(
        area=city,
        name="Befragung 2026",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=planner,
        organisations=list(orgs.values()),
    )
    wave.invitations.filter(organisation=orgs["Verein Nord"]).update(answered_at=timezone.now())
    return wave


def reminded_names():
    return set(
        SurveyInvitation.objects.filter(reminded_at__isnull=False).values_list(
            "organisation__name", flat=True
        )
    )


def test_a_reminder_emails_each_pending_organisation_with_an_address(wave, orgs, planner):
    result = services.wave_remind(wave=wave, base_url=BASE, by=planner)
    assert result == services.Reminded(sent=3, without_address=1, recently_reminded=0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kita-nord@example.org",
        "kita-sued@example.org",
        "schule@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["kita-nord@example.org"])
    invitation = wave.invitations.get(organisation=orgs["Kita Nord"])
    assert message.subject == "Erinnerung: Netzwerkbefragung „Befragung 2026“"
    assert BASE + reverse("network:survey", args=[services.invitation_token(invitation)]) in (
        message.body
    )
    assert "Kita Nord" in message.body
    assert wave.closes_on.strftime("%d.%m.%Y") in message.body
    assert reminded_names() == {
        "Kita Nord",
        "Kita Süd",
        '=HYPERLINK("http://evil.example","Schule")',
    }
    # The audit trail says who was reminded, when and at which address.
    record = invitation.history.order_by("-history_date", "-pk").first()
    assert record.history_user == planner
    assert record.history_change_reason == "Erinnerung per E-Mail an kita-nord@example.org"


def test_reminding_again_the_same_day_sends_nothing_twice(wave, planner):
    services.wave_remind(wave=wave, base_url=BASE, by=planner)
    again = services.wave_remind(wave=wave, base_url=BASE, by=planner)
    assert again == services.Reminded(sent=0, without_address=1, recently_reminded=3)
    assert len(mail.outbox) == 3


def test_a_day_later_the_reminder_goes_out_again(wave, planner):
    services.wave_remind(wave=wave, base_url=BASE, by=planner)
    wave.invitations.update(reminded_at=timezone.now() - dt.timedelta(days=1))
    assert services.wave_remind(wave=wave, base_url=BASE, by=planner).sent == 3
    assert len(mail.outbox) == 6


def test_the_page_says_how_many_were_sent_and_how_many_had_no_address(client, wave, planner):
    client.force_login(planner)
    response = client.post(reverse("network:wave-remind", args=[wave.pk]), follow=True)
    page = response.content.decode()
    assert "Erinnerung an 3 Organisationen per E-Mail gesendet." in page
    assert "1 Organisation hat keine E-Mail-Adresse" in page
    response = client.post(reverse("network:wave-remind", args=[wave.pk]), follow=True)
    assert "3 Organisationen wurden vor weniger als einem Tag erinnert" in response.content.decode()


def test_a_coordinator_reminds_only_their_part(client, wave, coordinator):
    client.force_login(coordinator)
    client.post(reverse("network:wave-remind", args=[wave.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == ["kita-nord@example.org", "schule@example.org"]


def test_a_mail_server_that_refuses_records_nothing(client, wave, planner, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    client.force_login(planner)
    response = client.post(reverse("network:wave-remind", args=[wave.pk]), follow=True)
    assert "konnten nicht gesendet werden" in response.content.decode()
    assert reminded_names() == set()


def test_a_closed_wave_sends_no_reminder(wave, planner):
    services.wave_close(wave=wave, by=planner)
    with pytest.raises(services.DomainError):
        services.wave_remind(wave=wave, base_url=BASE, by=planner)
    assert mail.outbox == []


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_two_reminders_at_the_same_moment_send_each_email_once(wave, planner):
    results = together(
        lambda: services.wave_remind(wave=wave, base_url=BASE, by=planner),
        lambda: services.wave_remind(wave=wave, base_url=BASE, by=planner),
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(r.sent for r in results) == [0, 3]
    assert len(mail.outbox) == 3
    assert len({m.to[0] for m in mail.outbox}) == 3


def rows_of(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_links_export_for_a_mail_merge(client, wave, orgs, planner):
    client.force_login(planner)
    response = client.get(reverse("network:wave-links", args=[wave.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="links-Befragung_2026.csv"' in response["Content-Disposition"]
    header, *rows = rows_of(response)
    assert header == ["Organisation", "E-Mail", "Persönlicher Link", "Gültig bis", "Geantwortet"]
    by_name = {row[0]: row for row in rows}
    assert len(rows) == 5
    invitation = wave.invitations.get(organisation=orgs["Kita Nord"])
    token = services.invitation_token(invitation)
    kita = by_name["Kita Nord"]
    assert kita[1] == "kita-nord@example.org"
    assert kita[2] == "http://testserver" + reverse("network:survey", args=[token])
    assert kita[3] == wave.closes_on.isoformat()
    assert kita[4] == ""
    assert by_name["Praxis Nord"][1] == ""
    assert by_name["Verein Nord"][4] == timezone.localdate().isoformat()
    # A name that a spreadsheet would run as a formula is written as text.
    assert '\'=HYPERLINK("http://evil.example","Schule")' in by_name


def test_a_coordinator_exports_only_the_links_of_their_areas(client, wave, coordinator):
    client.force_login(coordinator)
    _header, *rows = rows_of(client.get(reverse("network:wave-links", args=[wave.pk])))
    assert len(rows) == 4
    assert {row[0] for row in rows} >= {"Kita Nord", "Praxis Nord", "Verein Nord"}
    assert "Kita Süd" not in {row[0] for row in rows}


def test_a_foreign_coordinator_and_steering_get_no_links(
    client, district, orgs, other_coordinator, steering, coordinator
):
    wave = services.wave_start(
        area=district,
        name="Befragung Nordraum",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=coordinator,
    )
    for user in (other_coordinator, steering):
        client.force_login(user)
        assert client.get(reverse("network:wave-links", args=[wave.pk])).status_code == 403


def test_a_closed_wave_has_no_links_to_export(client, wave, planner):
    services.wave_close(wave=wave, by=planner)
    client.force_login(planner)
    response = client.get(reverse("network:wave-links", args=[wave.pk]), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "die Links funktionieren nicht mehr" in response.content.decode()


def test_demo_organisations_have_invented_contacts():
    from praeventionsnetz.network.demo import _demo_contact

    contact = _demo_contact("Kita 2 Neustadt ohne Leipziger Vorstadt (Demodaten)", 17)
    assert contact == {
        "email": "kita-2-neustadt-ohne-leipziger-vorstadt@example.org",
        "phone": "0351 5550017",
    }
