"""The stewardship selectors: the SQL for who may review an offer matches the rule."""

import pytest
from django.contrib.auth.models import AnonymousUser

from praeventionsnetz.offers.models import Service, Status
from praeventionsnetz.offers.selectors import offers_reviewable_by, offers_to_review_by
from tests.factories import OrganisationFactory
from tests.offers.factories import ServiceFactory


@pytest.fixture
def offers(city, district, other_district, quarter):
    """Offers tied to areas in every way the rule knows, above, below and beside the
    coordinator's district, and one tied to no area."""
    elsewhere = OrganisationFactory(name="Träger ohne Gebiet")
    in_quarter = OrganisationFactory(name="Träger im Nordviertel")
    in_quarter.located_in.add(quarter)
    serving_district = OrganisationFactory(name="Träger für den Nordraum")
    serving_district.areas_served.add(district)
    in_south = OrganisationFactory(name="Träger im Südraum")
    in_south.located_in.add(other_district)
    serving_city = OrganisationFactory(name="Träger für die Stadt")
    serving_city.areas_served.add(city)

    def offer(name, organisation, *served, status=Status.REVIEW):
        service = ServiceFactory(organisation=organisation, name=name, status=status)
        service.areas_served.add(*served)
        return service

    return [
        offer("serves the quarter", elsewhere, quarter),
        offer("serves the district", elsewhere, district),
        offer("serves the city", elsewhere, city),
        offer("serves north and south", elsewhere, quarter, other_district),
        offer("organisation in the quarter", in_quarter),
        offer("tied three ways", in_quarter, district, quarter),
        offer("organisation serves the district", serving_district, status=Status.PUBLISHED),
        offer("organisation in the south", in_south),
        offer("organisation serves the city", serving_city),
        offer("no area at all", elsewhere, status=Status.DRAFT),
    ]


@pytest.mark.parametrize(
    "persona", ["anonymous", "planner", "coordinator", "other_coordinator", "steering", "member"]
)
def test_reviewable_offers_are_exactly_those_the_rule_allows(request, persona, offers):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    allowed = {s.name for s in offers if user.has_perm("offers.review_service", s)}
    found = [s.name for s in offers_reviewable_by(user)]
    assert sorted(found) == sorted(allowed)  # each offer once, however many ways it is tied
    subset = Service.objects.filter(status=Status.REVIEW)
    assert {s.name for s in offers_reviewable_by(user, subset)} == {
        s.name for s in offers if s.status == Status.REVIEW and s.name in allowed
    }


def test_the_coordinator_reviews_below_not_above_or_beside_the_district(coordinator, offers):
    assert [s.name for s in offers_to_review_by(coordinator)] == [
        "organisation in the quarter",
        "serves north and south",
        "serves the district",
        "serves the quarter",
        "tied three ways",
    ]
