"""Survey waves through services and views: links, answers, closing."""

import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import services
from praeventionsnetz.network.models import Organisation, Sector, SurveyInvitation, Tie
from tests.factories import OrganisationFactory


@pytest.fixture
def orgs(district):
    found = []
    for name, sector in [
        ("Kita Nord", Sector.YOUTH_WELFARE),
        ("Schule Nord", Sector.SCHOOL),
        ("Praxis Nord", Sector.HEALTH),
    ]:
        org = OrganisationFactory(name=name, sector=sector, email=f"{sector}@example.org")
        org.areas_served.add(district)
        found.append(org)
    return found


@pytest.fixture
def wave(district, orgs, coordinator):
    return services.wave_start(
        area=district,
        name="Befragung 2026",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=coordinator,
    )


def link(client, invitation):
    return reverse("network:survey", args=[services.invitation_token(invitation)])


def test_starting_a_wave_issues_one_link_per_organisation(wave, orgs):
    assert wave.invitations.count() == 3
    tokens = {services.invitation_token(i) for i in wave.invitations.all()}
    assert len(tokens) == 3


def test_an_organisation_answers_through_its_link(client, wave, orgs):
    kita, school, practice = orgs
    invitation = wave.invitations.get(organisation=kita)
    page = client.get(link(client, invitation)).content.decode()
    assert "Kita Nord" in page
    # The form lists only the partners added, found by search, never the whole register.
    assert "Schule Nord" not in page
    found = client.get(link(client, invitation) + "suche/", {"q": "schule"}, HTTP_HX_REQUEST="true")
    assert "Schule Nord" in found.content.decode()
    response = client.post(
        link(client, invitation),
        {
            "partner": [str(school.pk), str(practice.pk)],
            f"art_{school.pk}": "case",
            f"haeufigkeit_{school.pk}": "monthly",
            f"vertrauen_{school.pk}": "4",
            f"nutzen_{school.pk}": "3",
            f"art_{practice.pk}": "referral",
            "neu": "Hebammenpraxis Mitte",
        },
    )
    assert "2 Kooperationen gespeichert" in response.content.decode()
    assert "1 neuer Name wird" in response.content.decode()
    ties = {(t.partner.name, t.kind, t.trust) for t in Tie.objects.filter(reporter=kita)}
    assert ties == {("Schule Nord", "case", 4), ("Praxis Nord", "referral", None)}
    assert SurveyInvitation.objects.get(pk=invitation.pk).answered_at is not None
    # A new name waits for review; no organisation is created by the answer.
    assert not Organisation.objects.filter(name="Hebammenpraxis Mitte").exists()
    assert [s.name for s in invitation.suggestions.all()] == ["Hebammenpraxis Mitte"]


def test_answering_again_replaces_the_answer(client, wave, orgs):
    kita, school, practice = orgs
    invitation = wave.invitations.get(organisation=kita)
    client.post(link(client, invitation), {"partner": [str(school.pk)]})
    client.post(link(client, invitation), {"partner": [str(practice.pk)]})
    assert [t.partner for t in Tie.objects.filter(reporter=kita)] == [practice]


def test_a_forged_link_is_refused(client, wave):
    response = client.get(reverse("network:survey", args=["nicht-echt"]))
    assert response.status_code == 403
    assert "ungültig" in response.content.decode()


def test_a_link_with_a_changed_organisation_is_refused(client, wave, orgs):
    invitation = wave.invitations.get(organisation=orgs[0])
    forged = signing.dumps(
        {"w": wave.pk, "o": orgs[1].pk, "n": invitation.nonce},
        salt=services.SURVEY_SALT,
        compress=True,
    )
    assert client.get(reverse("network:survey", args=[forged])).status_code == 403


def test_a_link_stops_working_when_the_wave_is_closed(client, wave, orgs, coordinator):
    invitation = wave.invitations.get(organisation=orgs[0])
    url = link(client, invitation)
    services.wave_close(wave=wave, by=coordinator)
    response = client.get(url)
    assert response.status_code == 403
    assert "abgeschlossen" in response.content.decode()


def test_a_link_expires_after_the_end_date(wave, orgs):
    invitation = wave.invitations.get(organisation=orgs[0])
    later = timezone.now() + dt.timedelta(days=11)
    with pytest.raises(services.InvalidLink):
        services.invitation_from_token(services.invitation_token(invitation), now=later)


def test_coordinator_sees_progress_and_links_and_closes(client, wave, orgs, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("network:wave-detail", args=[wave.pk])).content.decode()
    assert "0 von 3 Organisationen haben geantwortet" in page
    assert "/befragung/" in page
    client.post(reverse("network:wave-remind", args=[wave.pk]))
    assert SurveyInvitation.objects.filter(reminded_at__isnull=False).count() == 3
    client.post(reverse("network:wave-close", args=[wave.pk]))
    wave.refresh_from_db()
    assert not wave.is_open


def test_other_coordinator_cannot_manage_the_wave(client, wave, other_coordinator):
    client.force_login(other_coordinator)
    response = client.post(reverse("network:wave-close", args=[wave.pk]))
    assert response.status_code == 403
    wave.refresh_from_db()
    assert wave.is_open


def test_a_null_character_in_a_missing_organisation_is_refused_and_nothing_written(
    client, wave, orgs
):
    kita, school, _practice = orgs
    invitation = wave.invitations.get(organisation=kita)
    response = client.post(
        link(client, invitation),
        {"partner": [str(school.pk)], f"art_{school.pk}": "case", "neu": "Praxis\x00 Süd"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nullzeichen" in page
    assert not Tie.objects.filter(reporter=kita).exists()
    assert SurveyInvitation.objects.get(pk=invitation.pk).answered_at is None


def test_reopening_the_link_shows_the_earlier_answer_with_its_ratings(client, wave, orgs):
    kita, school, _practice = orgs
    invitation = wave.invitations.get(organisation=kita)
    url = link(client, invitation)
    answer = {
        "partner": [str(school.pk)],
        f"art_{school.pk}": "case",
        f"haeufigkeit_{school.pk}": "monthly",
        f"vertrauen_{school.pk}": "4",
        f"nutzen_{school.pk}": "3",
    }
    client.post(url, answer)
    page = client.get(url).content.decode()
    row = page[
        page.index(f'name="art_{school.pk}"') : page.index(f'name="nutzen_{school.pk}"') + 400
    ]
    assert '<option value="case" selected>' in row
    assert '<option value="monthly" selected>' in row
    assert '<option value="4" selected>' in row
    assert '<option value="3" selected>' in row
    # Sending the form as shown again keeps the ratings.
    client.post(url, answer)
    tie = Tie.objects.get(reporter=kita, partner=school)
    assert (tie.kind, tie.frequency, tie.trust, tie.value) == ("case", "monthly", 4, 3)


def test_after_an_error_the_form_keeps_the_ratings_just_typed(client, wave, orgs):
    kita, school, _practice = orgs
    invitation = wave.invitations.get(organisation=kita)
    response = client.post(
        link(client, invitation),
        {
            "partner": [str(school.pk), "999999"],
            f"art_{school.pk}": "case",
            f"vertrauen_{school.pk}": "2",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    row = page[page.index(f'name="art_{school.pk}"') : page.index(f'name="nutzen_{school.pk}"')]
    assert '<option value="case" selected>' in row
    assert '<option value="2" selected>' in row
