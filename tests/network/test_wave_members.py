"""A Stadtraum's network includes the organisations that serve it from a higher level:
invitations, the survey's partner search and the network map follow one rule."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.areas.models import AreaMembership, Level
from praeventionsnetz.network import analysis, selectors, services
from praeventionsnetz.network.models import OrgLevel, Tie, TieKind, TieSource
from tests.factories import AreaFactory, CityFactory, OrganisationFactory


@pytest.fixture
def bezirk(city, district):
    """A Stadtbezirk that holds the Stadtraum `district` (as a membership, like Dresden)."""
    area = AreaFactory(city=city, parent=city, level=Level.STADTBEZIRK, code="B1", name="Bezirk")
    AreaMembership.objects.create(area=district, container=area)
    return area


@pytest.fixture
def orgs(city, district, other_district, quarter, bezirk):
    found = {}

    def make(name, *, level=OrgLevel.FACILITY, served=(), located=(), org_city=city, **extra):
        org = OrganisationFactory(name=name, level=level, city=org_city, **extra)
        org.areas_served.add(*served)
        org.located_in.add(*located)
        found[name] = org

    make("Kita Nord", served=[district])
    make("Schule im Nordviertel", located=[quarter, district, city])
    make("Hort im Nordviertel", served=[quarter])
    make("Kita Süd", served=[other_district])
    # Serving the Stadtraum from above.
    make("Jugendamt", level=OrgLevel.CITY, is_public=False)
    make("Jobcenter", level=OrgLevel.CITY, served=[city])
    make("ASD Bezirk", level=OrgLevel.DISTRICT, located=[bezirk, city])
    make("Landesjugendamt", level=OrgLevel.STATE)
    # Not the Stadtraum's (and internal: not a partner as a public organisation of the city).
    make("Gesundheitsamt Südraum", level=OrgLevel.CITY, served=[other_district], is_public=False)
    make("ASD anderswo", level=OrgLevel.DISTRICT, located=[city], is_public=False)
    make("Jugendamt Nachbarstadt", level=OrgLevel.CITY, org_city=CityFactory())
    make("Träger ohne Gebiet", level=OrgLevel.PROVIDER)
    return found


MEMBERS = {
    "Kita Nord",
    "Schule im Nordviertel",
    "Hort im Nordviertel",
    "Jugendamt",
    "Jobcenter",
    "ASD Bezirk",
    "Landesjugendamt",
}


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_a_stadtraum_includes_who_serves_it_from_a_higher_level(district, orgs):
    assert names(selectors.organisations_in(district)) == MEMBERS


def test_the_city_includes_its_own_and_its_higher_level_organisations(city, orgs):
    found = names(selectors.organisations_in(city))
    assert {"Jugendamt", "Jobcenter", "Landesjugendamt", "Schule im Nordviertel"} <= found
    assert "Jugendamt Nachbarstadt" not in found


def test_a_stadtraum_wave_invites_the_city_level_actors(district, orgs, coordinator):
    wave = services.wave_start(
        area=district,
        name="Befragung Nordraum",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=coordinator,
    )
    invited = set(wave.invitations.values_list("organisation__name", flat=True))
    assert invited == MEMBERS


@pytest.fixture
def wave(district, orgs, coordinator):
    return services.wave_start(
        area=district,
        name="Befragung Nordraum",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        by=coordinator,
        organisations=[orgs["Kita Nord"]],
    )


def test_the_survey_search_finds_the_internal_jugendamt_and_it_can_be_named(client, wave, orgs):
    invitation = wave.invitations.get()
    found = selectors.survey_partner_search(invitation=invitation, query="jugendamt")
    assert [o.name for o in found] == ["Jugendamt", "Landesjugendamt"]
    services.survey_answer_submit(
        invitation=invitation,
        answers=[services.Answer(orgs["Jugendamt"], TieKind.CASE, "", None, None)],
    )
    assert Tie.objects.filter(reporter=orgs["Kita Nord"], partner=orgs["Jugendamt"]).exists()
    token = services.invitation_token(invitation)
    page = client.get(reverse("network:survey-search", args=[token]), {"q": "ASD"})
    assert "ASD Bezirk" in page.content.decode()
    assert "ASD anderswo" not in page.content.decode()


def test_the_area_network_map_keeps_the_ties_to_higher_level_actors(city, district, wave, orgs):
    for partner in ("Jugendamt", "ASD Bezirk", "Kita Süd"):
        Tie.objects.create(
            reporter=orgs["Kita Nord"],
            partner=orgs[partner],
            kind=TieKind.INFORMATION,
            wave=wave,
            source=TieSource.SURVEY,
        )
    view = analysis.network_of(city=city, wave=wave, area=district)
    labels = set(view.nodes["label"])
    assert {"Kita Nord", "Jugendamt", "ASD Bezirk"} <= labels
    assert "Kita Süd" not in labels
    assert len(view.ties) == 2
