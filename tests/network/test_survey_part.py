"""City-wide waves: a coordinator acts only on their areas' part; two sends at once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import services
from praeventionsnetz.network.models import SurveyDraft, SurveyInvitation, Tie
from tests.concurrency import needs_row_locks, together
from tests.factories import OrganisationFactory


@pytest.fixture
def orgs(city, district, other_district):
    """Two organisations in the coordinator's district, two in the other one."""
    found = {}
    for name, area in [
        ("Kita Nord", district),
        ("Schule Nord", district),
        ("Kita Süd", other_district),
        ("Schule Süd", other_district),
    ]:
        email = name.lower().replace(" ", "-").replace("ü", "ue") + "@example.org"
        org = OrganisationFactory(name=name, city=city, email=email)
        org.areas_served.add(area)
        found[name] = org
    return found


@pytest.fixture
def city_wave(city, orgs, planner):
    return services.wave_start(
        area=city,
        name="Stadtweite Befragung",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=planner,
        organisations=list(orgs.values()),
    )


def token(wave, org):
    return services.invitation_token(wave.invitations.get(organisation=org))


def test_a_coordinator_sees_only_the_links_and_progress_of_their_areas(
    client, city_wave, orgs, coordinator
):
    client.force_login(coordinator)
    page = client.get(reverse("network:wave-detail", args=[city_wave.pk])).content.decode()
    assert token(city_wave, orgs["Kita Nord"]) in page
    assert token(city_wave, orgs["Schule Nord"]) in page
    # Before, all links of the city showed: the coordinator could answer as any of them.
    assert token(city_wave, orgs["Kita Süd"]) not in page
    assert "Schule Süd" not in page
    assert "0 von 2 Organisationen haben geantwortet" in page
    assert 'id="close-wave"' not in page


def test_a_coordinator_reminds_only_their_part_and_cannot_close(
    client, city_wave, orgs, coordinator
):
    client.force_login(coordinator)
    client.post(reverse("network:wave-remind", args=[city_wave.pk]))
    reminded = set(
        SurveyInvitation.objects.filter(reminded_at__isnull=False).values_list(
            "organisation__name", flat=True
        )
    )
    assert reminded == {"Kita Nord", "Schule Nord"}
    response = client.post(reverse("network:wave-close", args=[city_wave.pk]))
    assert response.status_code == 403
    city_wave.refresh_from_db()
    assert city_wave.is_open


def test_the_owner_sees_every_link_and_closes(client, city_wave, orgs, planner):
    client.force_login(planner)
    page = client.get(reverse("network:wave-detail", args=[city_wave.pk])).content.decode()
    assert all(token(city_wave, org) in page for org in orgs.values())
    assert "0 von 4 Organisationen" in page
    client.post(reverse("network:wave-close", args=[city_wave.pk]))
    city_wave.refresh_from_db()
    assert not city_wave.is_open


def test_a_coordinator_of_the_area_who_did_not_start_the_wave_cannot_close_it(
    client, district, orgs, coordinator, planner
):
    wave = services.wave_start(
        area=district,
        name="Befragung Nord",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=planner,
    )
    client.force_login(coordinator)
    page = client.get(reverse("network:wave-detail", args=[wave.pk])).content.decode()
    assert token(wave, orgs["Kita Nord"]) in page  # runs the area's wave: links, reminders
    assert client.post(reverse("network:wave-close", args=[wave.pk])).status_code == 403


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_two_sends_of_the_same_link_at_once_do_not_duplicate_ties(city_wave, orgs):
    invitation = city_wave.invitations.get(organisation=orgs["Kita Nord"])
    partners = [orgs["Schule Nord"], orgs["Kita Süd"]]

    def send(kind):
        services.survey_answer_submit(
            invitation=invitation,
            answers=[services.Answer(p, kind, "", None, None) for p in partners],
            new_partners=["Neuer Verein"],
        )
        services.survey_draft_save(invitation=invitation, rows=[], new_names=kind)

    results = together(lambda: send("case"), lambda: send("referral"))
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    ties = list(Tie.objects.filter(reporter=orgs["Kita Nord"]).values_list("partner", "kind"))
    assert len(ties) == 2
    assert len({kind for _partner, kind in ties}) == 1  # one send's answer, not a mix
    assert invitation.suggestions.count() == 1
    assert SurveyDraft.objects.filter(invitation=invitation).count() == 1
