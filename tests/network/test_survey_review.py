"""New partner names of survey answers: a review queue of the wave's owner, within its city."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network import services
from praeventionsnetz.network.models import (
    Organisation,
    PartnerSuggestion,
    SuggestionStatus,
    Tie,
)
from tests.factories import CityFactory, OrganisationFactory


@pytest.fixture
def orgs(city, district):
    found = []
    for name in ["Kita Nord", "Schule Nord", "Praxis Nord"]:
        org = OrganisationFactory(name=name, city=city)
        org.areas_served.add(district)
        found.append(org)
    return found


@pytest.fixture
def wave(district, orgs, coordinator):
    return services.wave_start(
        area=district,
        name="Befragung Nord",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=coordinator,
    )


@pytest.fixture
def invitation(wave, orgs):
    return wave.invitations.get(organisation=orgs[0])


def send(client, invitation, new_names):
    return client.post(
        reverse("network:survey", args=[services.invitation_token(invitation)]),
        {"neu": "\n".join(new_names)},
    )


def test_new_names_wait_for_review_and_create_nothing(client, invitation):
    count = Organisation.objects.count()
    response = send(client, invitation, [f"Neuer Verein {n}" for n in range(20)])
    assert response.status_code == 200
    assert Organisation.objects.count() == count
    assert not Tie.objects.exists()
    assert invitation.suggestions.filter(status=SuggestionStatus.PENDING).count() == 20


def test_a_link_names_at_most_20_new_organisations_over_all_its_sends(client, invitation, wave):
    send(client, invitation, [f"Verein {n}" for n in range(15)])
    suggestions = list(invitation.suggestions.all())[:10]
    for suggestion in suggestions:
        services.suggestion_decide(suggestion=suggestion, by=wave.created_by, accept=False)
    # 10 rejected stay counted; 11 new names are too many for this link.
    response = send(client, invitation, [f"Anderer Verein {n}" for n in range(11)])
    assert response.status_code == 400
    assert "höchstens 20" in response.content.decode()
    assert invitation.suggestions.count() == 15
    assert "Anderer Verein 10" in response.content.decode()  # the text typed is kept


def test_a_name_of_an_organisation_of_another_city_is_no_cross_city_tie(client, invitation):
    OrganisationFactory(name="Jugendamt", city=CityFactory())
    send(client, invitation, ["Jugendamt"])
    assert not Tie.objects.exists()
    assert [s.name for s in invitation.suggestions.all()] == ["Jugendamt"]


def test_a_name_of_an_organisation_of_the_city_counts_as_that_organisation(
    client, invitation, orgs
):
    send(client, invitation, ["SCHULE NORD"])
    assert [(t.partner, t.kind) for t in Tie.objects.all()] == [(orgs[1], "information")]
    assert not invitation.suggestions.exists()


def test_the_owner_accepts_rejects_or_matches_names_in_the_city(
    client, invitation, wave, coordinator, city, orgs
):
    send(client, invitation, ["Hebammenpraxis Mitte", "Spam GmbH", "Praxis Nord e.V."])
    new, spam, match = invitation.suggestions.order_by("pk")
    client.force_login(coordinator)
    page_url = reverse("network:suggestion-list", args=[wave.pk])
    page = client.get(page_url).content.decode()
    assert "Hebammenpraxis Mitte" in page
    assert f'id="match-{match.pk}-{orgs[2].pk}"' in page  # "Praxis Nord" offered as a match
    client.post(page_url, {"vorschlag": new.pk, "entscheidung": "neu"})
    client.post(page_url, {"vorschlag": spam.pk, "entscheidung": "ablehnen"})
    client.post(page_url, {"vorschlag": match.pk, "entscheidung": str(orgs[2].pk)})
    created = Organisation.objects.get(name="Hebammenpraxis Mitte")
    assert (created.city, created.is_public) == (city, False)
    assert not Organisation.objects.filter(name="Spam GmbH").exists()
    assert {t.partner for t in Tie.objects.filter(reporter=orgs[0], wave=wave)} == {
        created,
        orgs[2],
    }
    statuses = dict(PartnerSuggestion.objects.values_list("name", "status"))
    assert statuses == {
        "Hebammenpraxis Mitte": "accepted",
        "Spam GmbH": "rejected",
        "Praxis Nord e.V.": "accepted",
    }


def test_matching_to_an_organisation_of_another_city_is_refused(
    client, invitation, wave, coordinator
):
    send(client, invitation, ["Jugendhaus"])
    elsewhere = OrganisationFactory(name="Jugendhaus", city=CityFactory())
    suggestion = invitation.suggestions.get()
    client.force_login(coordinator)
    response = client.post(
        reverse("network:suggestion-list", args=[wave.pk]),
        {"vorschlag": suggestion.pk, "entscheidung": str(elsewhere.pk)},
    )
    assert response.status_code == 400
    assert not Tie.objects.exists()
    with pytest.raises(DomainError):
        services.suggestion_decide(
            suggestion=suggestion, by=coordinator, accept=True, organisation=elsewhere
        )


def test_only_the_owner_or_planning_reviews(
    client, invitation, wave, other_coordinator, steering, planner
):
    send(client, invitation, ["Hebammenpraxis Mitte"])
    suggestion = invitation.suggestions.get()
    page_url = reverse("network:suggestion-list", args=[wave.pk])
    for user in (other_coordinator, steering):
        client.force_login(user)
        assert client.get(page_url).status_code == 403
        post = client.post(page_url, {"vorschlag": suggestion.pk, "entscheidung": "neu"})
        assert post.status_code == 403
    assert not Organisation.objects.filter(name="Hebammenpraxis Mitte").exists()
    client.force_login(planner)
    assert client.get(page_url).status_code == 200


def test_a_coordinator_cannot_record_a_tie_to_another_city(client, coordinator, district, city):
    reporter = OrganisationFactory(name="Kita Nord", city=city)
    reporter.areas_served.add(district)
    elsewhere = OrganisationFactory(name="Schule Berlin", city=CityFactory())
    client.force_login(coordinator)
    client.post(
        reverse("network:tie-create", args=[reporter.pk]),
        {"partner": str(elsewhere.pk), "art": "case"},
    )
    assert not Tie.objects.exists()
    with pytest.raises(DomainError):
        services.tie_record(reporter=reporter, partner=elsewhere, kind="case", source="coordinator")


def test_the_review_page_reads_the_citys_names_once_however_many_wait(
    client, invitation, wave, coordinator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    page_url = reverse("network:suggestion-list", args=[wave.pk])
    send(client, invitation, ["Praxis Eins"])
    with CaptureQueriesContext(connection) as one:
        client.get(page_url)
    send(client, invitation, [f"Praxis {n}" for n in range(2, 16)])
    with CaptureQueriesContext(connection) as many:
        page = client.get(page_url).content.decode()
    assert len(many.captured_queries) <= len(one.captured_queries)
    # Sending again replaces the earlier answer, so its one name no longer waits.
    assert page.count('class="suggestion form"') == invitation.suggestions.count() == 14
