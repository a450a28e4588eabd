"""The action budget for residents: apply without an account, confirm by the e-mail link,
follow the status through it, and see per district what was funded — without names."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.funding import services
from praeventionsnetz.funding.models import ActionApplication, ApplicationStatus
from tests.funding.factories import budget_line, paper_application
from tests.language import visible_text

FORM = {
    "title": "Hoffest im Nordraum",
    "what": "Ein Fest für alle im Hof der Kita",
    "why": "Die Nachbarn kennen sich kaum.",
    "for_whom": "Familien im Quartier",
    "participants": "Kita, Hausgemeinschaft",
    "amount": "1.250,50 €",
    "starts_on": "2026-06-13",
    "timing": "",
    "applicant_name": "Anna Anwohnerin",
    "applicant_email": "anna@example.org",
    "no_personal_data": "on",
    "website": "",
}


@pytest.fixture
def english(client):
    """Pages in English: the tests check the source texts, whatever the catalogue holds."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _apply(client, area, **changes):
    return client.post(reverse("funding:action-apply", args=[area.pk]), {**FORM, **changes})


def _link_in(message) -> str:
    return re.search(r"http://testserver(/aktionsbudget/bestaetigen/[^/\s]+/)", message.body)[1]


def test_an_application_is_stored_and_the_link_is_mailed(client, action_line):
    response = _apply(client, action_line.area)
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:action-sent", args=[action_line.area_id])
    application = ActionApplication.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.source == "online"
    assert application.amount_requested_cents == 125_050
    assert application.applicant_email == "anna@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    link = _link_in(message)
    token = link.split("/")[-2]
    # Only the hash is stored, and the link works with it.
    assert application.token_hash == services.token_hash(token)
    assert token not in str(ActionApplication.objects.values().get())
    assert "1.250,50" in message.body


def test_the_link_confirms_once_and_then_shows_the_status(client, action_line):
    _apply(client, action_line.area)
    link = _link_in(mail.outbox[0])
    response = client.get(link)
    status_url = link.replace("/bestaetigen/", "/status/")
    assert response.status_code == 302
    assert response["Location"] == status_url
    application = ActionApplication.objects.get()
    assert application.status == ApplicationStatus.CONFIRMED
    confirmed_at = application.confirmed_at
    assert client.get(link).status_code == 302  # a second click changes nothing
    application.refresh_from_db()
    assert application.confirmed_at == confirmed_at
    page = client.get(status_url)
    assert page.status_code == 200
    assert 'data-status="confirmed"' in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex"
    # The confirmation is in the audit trail.
    assert application.history.filter(status="confirmed").exists()


@pytest.mark.parametrize("token", ["falsch", "A" * 43, "x" * 300])
def test_a_wrong_link_gets_the_same_page_and_404(english, action_line, token):
    for name in ("funding:action-confirm", "funding:action-status"):
        response = english.get(reverse(name, args=[token]))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert not ActionApplication.objects.exists()


def test_a_wrong_link_does_not_tell_whether_an_application_exists(client, action_line):
    paper_application(action_line)  # a paper application has no link at all
    unknown = client.get(reverse("funding:action-status", args=["unbekannt"]))
    near = client.get(reverse("funding:action-status", args=["x" * 43]))
    assert unknown.status_code == near.status_code == 404
    assert visible_text(unknown) == visible_text(near)


def test_mistakes_are_explained_and_what_was_typed_stays(english, action_line):
    response = _apply(
        english,
        action_line.area,
        amount="zwölfhundert",
        no_personal_data="",
        starts_on="",
        applicant_email="keine-adresse",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please enter an amount in euros, e.g. 1.250,50 €." in page
    assert "Please confirm that no personal data of families are in it." in page
    assert "Please say when the action takes place." in page
    assert 'value="zwölfhundert"' in page
    assert 'value="Hoffest im Nordraum"' in page
    assert "Ein Fest für alle im Hof der Kita" in page
    assert not ActionApplication.objects.exists()
    assert mail.outbox == []


def test_too_many_cents_and_an_end_before_the_start_are_refused(english, action_line):
    response = _apply(english, action_line.area, amount="12,345", ends_on="2026-06-01")
    page = response.content.decode()
    assert "An amount has at most two places after the comma (cents)." in page
    assert "The end cannot be before the start." in page
    assert not ActionApplication.objects.exists()


def test_a_robot_filling_the_hidden_field_stores_and_sends_nothing(client, action_line):
    response = _apply(client, action_line.area, website="http://spam.example")
    assert response.status_code == 302  # looks like success to the robot
    assert not ActionApplication.objects.exists()
    assert mail.outbox == []


def test_submissions_are_limited_per_address(english, action_line, settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_ACTION_APPLICATIONS = 2
    caches[settings.RATELIMIT_CACHE].clear()
    assert _apply(english, action_line.area).status_code == 302
    assert _apply(english, action_line.area, title="Zweites").status_code == 302
    response = _apply(english, action_line.area, title="Drittes")
    assert response.status_code == 429
    assert "Too many applications from your connection" in response.content.decode()
    assert ActionApplication.objects.count() == 2
    caches[settings.RATELIMIT_CACHE].clear()


def test_only_districts_with_an_action_budget_this_year_take_applications(
    client, district, other_district
):
    budget_line(area=other_district, year=timezone.localdate().year - 1)
    for area in (district, other_district):
        assert client.get(reverse("funding:action-apply", args=[area.pk])).status_code == 404
        assert _apply(client, area).status_code == 404
    assert client.get(reverse("funding:action-apply", args=[999_999])).status_code == 404
    # Last year's line still shows what it funded.
    assert (
        client.get(reverse("funding:action-district", args=[other_district.pk])).status_code == 200
    )
    assert client.get(reverse("funding:action-district", args=[district.pk])).status_code == 404


def _decided(line, outcome, *, cents=100_000, amount=None, reason="", title="Sommerfest"):
    application = paper_application(line, cents=cents, title=title)
    return services.application_decide(
        application=application, outcome=outcome, amount_cents=amount, reason=reason, by=None
    )


def test_a_partial_approval_is_shown_to_the_applicant_with_its_reason(client, action_line):
    _apply(client, action_line.area)
    link = _link_in(mail.outbox[0])
    client.get(link)
    application = ActionApplication.objects.get()
    services.application_decide(
        application=application,
        outcome="partially_approved",
        amount_cents=80_000,
        reason="Die Hüpfburg zahlt der Förderverein.",
        by=None,
    )
    page = client.get(link.replace("/bestaetigen/", "/status/")).content.decode()
    assert 'data-status="partially_approved"' in page
    assert "800,00" in page
    assert "1.250,50" in page
    assert "Die Hüpfburg zahlt der Förderverein." in page


def test_a_rejection_shows_its_reason(english, action_line):
    _apply(english, action_line.area)
    link = _link_in(mail.outbox[0])
    english.get(link)
    services.application_decide(
        application=ActionApplication.objects.get(),
        outcome="rejected",
        reason="Das ist Regelförderung.",
        by=None,
    )
    page = english.get(link.replace("/bestaetigen/", "/status/")).content.decode()
    assert 'data-status="rejected"' in page
    assert "Your application was not approved." in page
    assert "Das ist Regelförderung." in page


def test_the_district_page_lists_what_was_funded_without_personal_data(client, action_line):
    approved = _decided(action_line, "approved", title="Spielplatzfest")
    _decided(action_line, "rejected", reason="Nein", title="Abgelehnte Idee")
    paper_application(action_line, title="Noch offen")
    services.application_start(application=approved, by=None, started_on=timezone.localdate())
    page = client.get(reverse("funding:action-district", args=[action_line.area_id]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Spielplatzfest" in text
    assert "1.000,00" in text
    assert "Abgelehnte Idee" not in text
    assert "Noch offen" not in text
    assert "Erika Muster" not in text  # the applicant of the factory
    assert "erika@example.org" not in text
    assert reverse("funding:action-apply", args=[action_line.area_id]) in text


def test_demo_records_carry_the_badge_on_the_district_page(client, action_line):
    application = _decided(action_line, "approved", title="Demofest")
    ActionApplication.objects.filter(pk=application.pk).update(is_demo=True)
    text = client.get(reverse("funding:action-district", args=[action_line.area_id])).content
    assert b"badge--demo" in text


HOSTILE = '<script>alert("x")</script>'


def test_hostile_input_is_escaped_on_the_district_and_status_pages(client, action_line):
    _apply(client, action_line.area, title=f"Fest {HOSTILE}", what=HOSTILE)
    link = _link_in(mail.outbox[0])
    client.get(link)
    application = ActionApplication.objects.get()
    services.application_decide(application=application, outcome="approved", by=None)
    for url in (
        link.replace("/bestaetigen/", "/status/"),
        reverse("funding:action-district", args=[action_line.area_id]),
    ):
        page = client.get(url).content.decode()
        assert HOSTILE not in page
        assert "&lt;script&gt;" in page


def test_a_failing_mail_server_stores_nothing(english, action_line, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = _apply(english, action_line.area)
    assert response.status_code == 400
    assert "could not be sent" in response.content.decode()
    assert not ActionApplication.objects.exists()


def test_the_district_page_has_a_fixed_number_of_queries(
    client, action_line, django_assert_max_num_queries
):
    for n in range(12):
        _decided(action_line, "approved", cents=10_000, title=f"Aktion {n}")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("funding:action-district", args=[action_line.area_id]))
    assert response.content.decode().count('id="funded-') == 12


def test_the_area_page_leads_to_its_action_budget(client, district):
    from django.urls import reverse
    from django.utils import timezone

    from tests.funding.factories import budget_line

    page = client.get(reverse("site:area-detail", args=[district.pk])).content.decode()
    assert 'id="action-budget-links"' not in page  # no line this year: no link
    budget_line(area=district, year=timezone.localdate().year)
    page = client.get(reverse("site:area-detail", args=[district.pk])).content.decode()
    assert f'href="/aktionsbudget/{district.pk}/">Was gefördert wird</a>' in page
    assert f'href="/aktionsbudget/{district.pk}/antrag/">Aktion beantragen</a>' in page
