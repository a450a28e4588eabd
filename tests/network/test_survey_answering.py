"""Answering a large wave: search-to-add, drafts, only ticked rows sent, no lost input."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import names, services
from praeventionsnetz.network.models import Organisation, SurveyDraft, Tie
from tests.factories import CityFactory, OrganisationFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def city_wide_wave(city, planner, count):
    Organisation.objects.bulk_create(
        Organisation(name=f"Kita Nummer {n:04d}", city=city) for n in range(count)
    )
    return services.wave_start(
        area=city,
        name="Stadtweite Befragung",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=planner,
        organisations=Organisation.objects.filter(city=city),
    )


@pytest.fixture
def big_wave(city, planner):
    """A city-wide wave of 5,000 organisations."""
    return city_wide_wave(city, planner, 5000)


@pytest.fixture
def wave(city, planner):
    """A city-wide wave of 400 organisations (already too many for the old form)."""
    return city_wide_wave(city, planner, 400)


def url(invitation, suffix=""):
    return reverse("network:survey", args=[services.invitation_token(invitation)]) + suffix


def form_fields(page: str) -> int:
    return len(re.findall(r"<(?:input|select|textarea)\b", page))


def test_fold_ignores_case_umlauts_accents_and_transcriptions():
    assert names.fold("Kinderhaus LÖBTAU") == names.fold("kinderhaus loebtau")
    assert names.fold("Straße") == names.fold("STRASSE")
    assert names.fold("Café  Müller") == "cafe muller"
    hits = names.best_matches(
        "löbtau", [(1, "Schule Loebtau"), (2, "Löbtau Kita"), (3, "Gorbitz")], limit=5
    )
    assert hits == [(2, "Löbtau Kita"), (1, "Schule Loebtau")]


def test_a_wave_of_5000_organisations_shows_a_small_form_and_answers(client, big_wave):
    invitation = big_wave.invitations.order_by("pk").first()
    page = client.get(url(invitation)).content.decode()
    # Before, every organisation was a row of 5 fields: 25,000 fields, refused by Django.
    assert form_fields(page) < 20
    found = client.get(url(invitation, "suche/"), {"q": "nummer 4711"}, **HTMX)
    assert "Kita Nummer 4711" in found.content.decode()
    partner = Organisation.objects.get(name="Kita Nummer 4711")
    added = client.post(url(invitation), {"hinzufuegen": str(partner.pk)}, **HTMX)
    assert f'name="art_{partner.pk}"' in added.content.decode()
    sent = client.post(
        url(invitation),
        {
            "zeile": [str(partner.pk)],
            "partner": [str(partner.pk)],
            f"art_{partner.pk}": "case",
            f"vertrauen_{partner.pk}": "3",
            "aktion": "senden",
        },
    )
    assert "1 Kooperation gespeichert" in sent.content.decode()
    tie = Tie.objects.get(reporter=invitation.organisation)
    assert (tie.partner, tie.kind, tie.trust) == (partner, "case", 3)


def test_search_is_limited_case_and_umlaut_insensitive_and_within_the_city(client, wave, city):
    invitation = wave.invitations.order_by("pk").first()
    OrganisationFactory(name="Kinderhaus Löbtau", city=city)
    OrganisationFactory(name="Kinderhaus Löbtau Berlin", city=CityFactory())
    for query in ["LOEBTAU", "löbtau", "lobtau"]:
        page = client.get(url(invitation, "suche/"), {"q": query}, **HTMX).content.decode()
        assert "Kinderhaus Löbtau" in page, query
        assert "Berlin" not in page
    many = client.get(url(invitation, "suche/"), {"q": "kita"}, **HTMX).content.decode()
    assert many.count('name="hinzufuegen"') == 20


def test_without_javascript_search_and_add_keep_the_rows_typed(client, wave):
    invitation = wave.invitations.order_by("pk").first()
    first, second = Organisation.objects.filter(name__in=["Kita Nummer 0100", "Kita Nummer 0200"])
    typed = {
        "zeile": [str(first.pk)],
        "partner": [str(first.pk)],
        f"art_{first.pk}": "joint_offer",
        f"haeufigkeit_{first.pk}": "weekly",
        f"nutzen_{first.pk}": "4",
        "q": "0200",
        "aktion": "suchen",
    }
    page = client.post(url(invitation), typed).content.decode()
    assert '<option value="joint_offer" selected>' in page
    assert "Kita Nummer 0200" in page
    page = client.post(url(invitation), {**typed, "hinzufuegen": str(second.pk)}).content.decode()
    assert f'id="row-{first.pk}"' in page
    assert f'id="row-{second.pk}"' in page
    assert '<option value="weekly" selected>' in page
    # Nothing is sent yet, but the draft keeps both rows for the next visit.
    assert not Tie.objects.exists()
    again = client.get(url(invitation)).content.decode()
    assert f'id="row-{second.pk}"' in again
    assert '<option value="joint_offer" selected>' in again


def test_a_draft_is_saved_as_one_goes_and_shown_on_reload(client, wave):
    invitation = wave.invitations.order_by("pk").first()
    partner = Organisation.objects.get(name="Kita Nummer 0007")
    status = client.post(
        url(invitation, "entwurf/"),
        {
            "zeile": [str(partner.pk)],
            "partner": [str(partner.pk)],
            f"vertrauen_{partner.pk}": "2",
            "neu": "Jugendclub Eule",
        },
        **HTMX,
    )
    assert status.status_code == 200
    assert "Entwurf um" in status.content.decode()
    draft = SurveyDraft.objects.get(invitation=invitation)
    assert draft.rows[0]["vertrauen"] == "2"
    page = client.get(url(invitation)).content.decode()
    assert '<option value="2" selected>' in page
    assert "Jugendclub Eule" in page
    assert invitation.organisation.ties_reported.count() == 0
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_an_error_on_sending_loses_nothing(client, wave):
    invitation = wave.invitations.order_by("pk").first()
    partner = Organisation.objects.get(name="Kita Nummer 0042")
    response = client.post(
        url(invitation),
        {
            "zeile": [str(partner.pk)],
            "partner": [str(partner.pk), "99999999"],
            f"art_{partner.pk}": "referral",
            f"haeufigkeit_{partner.pk}": "monthly",
            "neu": "Praxis\x00 Süd",
        },
    )
    assert response.status_code == 400
    assert '<option value="referral" selected>' in response.content.decode()
    assert not Tie.objects.exists()
    # The rows typed are the draft now: a reload shows them.
    page = client.get(url(invitation)).content.decode()
    assert '<option value="monthly" selected>' in page
    assert "Praxis Süd" in page


def test_only_ticked_rows_are_validated_and_sent(client, wave):
    invitation = wave.invitations.order_by("pk").first()
    kept, left = Organisation.objects.filter(name__in=["Kita Nummer 0001", "Kita Nummer 0002"])
    response = client.post(
        url(invitation),
        {
            "zeile": [str(kept.pk), str(left.pk)],
            "partner": [str(kept.pk)],
            f"art_{kept.pk}": "case",
            f"art_{left.pk}": "gossip",  # not ticked: not checked, not sent
        },
    )
    assert "1 Kooperation gespeichert" in response.content.decode()
    assert [t.partner for t in Tie.objects.all()] == [kept]


def test_a_partner_of_another_city_cannot_be_sent(client, wave):
    invitation = wave.invitations.order_by("pk").first()
    elsewhere = OrganisationFactory(name="Kita Berlin", city=CityFactory())
    response = client.post(url(invitation), {"partner": [str(elsewhere.pk)]})
    assert response.status_code == 400
    assert not Tie.objects.exists()
    with pytest.raises(services.DomainError):
        services.survey_answer_submit(
            invitation=invitation,
            answers=[services.Answer(elsewhere, "case", "", None, None)],
        )


def test_search_shows_internal_organisations_only_of_the_waves_area(client, city, district):
    inside = OrganisationFactory(name="Jugendhaus Intern Nord", city=city, is_public=False)
    inside.areas_served.add(district)
    OrganisationFactory(name="Jugendhaus Intern Süd", city=city, is_public=False)
    OrganisationFactory(name="Jugendhaus Offen Süd", city=city)
    reporter = OrganisationFactory(name="Kita Nord", city=city)
    wave = services.wave_start(
        area=district,
        name="Befragung Nord",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        organisations=[reporter],
    )
    invitation = wave.invitations.get()
    page = client.get(url(invitation, "suche/"), {"q": "jugendhaus"}, **HTMX).content.decode()
    assert "Jugendhaus Intern Nord" in page
    assert "Jugendhaus Offen Süd" in page
    assert "Jugendhaus Intern Süd" not in page
