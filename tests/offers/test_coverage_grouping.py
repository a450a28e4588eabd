"""The coverage matrix groups offers by the same memberships as the children it counts."""

from praeventionsnetz.areas.models import Level
from praeventionsnetz.areas.services import area_membership_set
from praeventionsnetz.offers import chain
from praeventionsnetz.offers.models import Status
from tests.factories import AreaFactory
from tests.offers.factories import ServiceFactory


def test_an_offer_in_a_stadtteil_reaches_its_own_stadtbezirk_not_its_stadtraums(city, organisation):
    north = AreaFactory(city=city, parent=city, level=Level.STADTBEZIRK, code="1", name="Nord")
    west = AreaFactory(city=city, parent=city, level=Level.STADTBEZIRK, code="2", name="West")
    raum = AreaFactory(city=city, parent=west, level=Level.STADTRAUM, code="04", name="Raum 4")
    # Like Leipziger Vorstadt: in a Stadtraum filed under West, but itself in Nord.
    teil = AreaFactory(city=city, parent=raum, level=Level.STADTTEIL, code="14", name="Vorstadt")
    area_membership_set(area=teil, container=north)
    service = ServiceFactory(
        organisation=organisation, status=Status.PUBLISHED, life_phases=["6-10"]
    )
    service.areas_served.add(teil)
    (record,) = chain.offer_records(city, Level.STADTBEZIRK)
    assert record.areas == (north.pk,)
    (record,) = chain.offer_records(city, Level.STADTRAUM)
    assert record.areas == (raum.pk,)
