"""The Dresden demo offers on the real Stadtteile: contact data, places and the chain."""

import pytest

from praeventionsnetz.areas import demo as demo_areas
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.areas.selectors import locator_for
from praeventionsnetz.monitoring.demo import dresden as demo_dresden
from praeventionsnetz.network.demo import load_dresden_network
from praeventionsnetz.offers import chain, demo_contacts
from praeventionsnetz.offers.demo import load_offers_demo
from praeventionsnetz.offers.models import Service, Transition
from praeventionsnetz.site.demo import DEMO_ORGANISATION, load_demo_users


@pytest.fixture(scope="module")
def dresden(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        city = demo_areas.load_dresden()
        demo_dresden.load_dresden_statistics(city)
        load_demo_users()  # as load_demo: the demo login's organisation exists first
        load_dresden_network()
        load_offers_demo()
        yield city
        from django.core.management import call_command

        call_command("flush", "--no-input")


@pytest.mark.django_db
def test_every_demo_offer_has_an_address_in_its_stadtteil_and_invented_contacts(dresden):
    offers = list(
        Service.objects.filter(is_demo=True, organisation__city=dresden)
        .select_related("organisation")
        .prefetch_related("at_locations__location")
    )
    assert len(offers) > 300
    # The demo login's own organisation too: its offers are the ones a provider edits.
    assert sum(o.organisation.name == DEMO_ORGANISATION for o in offers) == 2
    locator = locator_for(dresden)
    codes = dict(Area.objects.filter(city=dresden, level=Level.STADTTEIL).values_list("pk", "code"))
    for offer in offers:
        assert offer.contact_phone.startswith("0351 0"), offer
        assert offer.contact_email.endswith("@example.org"), offer
        assert offer.url.startswith("https://example.org/"), offer
        (at,) = offer.at_locations.all()
        place = at.location
        stadtteil = codes[locator.locate_many([(place.lon, place.lat)], Level.STADTTEIL)[0]]
        postcode, street = demo_contacts.STREETS[stadtteil]
        assert place.street.startswith(street + " "), (offer, stadtteil, place.street)
        assert (place.postcode, place.town) == (postcode, "Dresden")


@pytest.mark.django_db
def test_secondary_schools_accompany_the_step_to_secondary_school(dresden):
    open_days = Service.objects.filter(
        organisation__city=dresden, name__startswith="Schnuppertag", is_demo=True
    ).select_related("organisation")
    for offer in open_days:
        secondary = offer.organisation.name.startswith("Oberschule")
        expected = Transition.PRIMARY_SECONDARY if secondary else Transition.DAYCARE_PRIMARY
        assert offer.transitions == [expected], offer


@pytest.mark.django_db
def test_the_uninhabited_stadtteile_are_no_gaps(dresden):
    result = chain.coverage_for(
        city=dresden, level=Level.STADTTEIL, thresholds=chain.thresholds_for(dresden)
    )
    empty = {a.code for a in result.areas if a.pk in result.uninhabited}
    assert empty == {"33", "34", "44"}
    frame = result.frame
    assert not frame[frame.area.isin(result.uninhabited)].gap.any()
