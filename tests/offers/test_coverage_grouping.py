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


def test_children_are_counted_from_the_latest_complete_year(city, district, other_district):
    from praeventionsnetz.monitoring.models import IndicatorKind
    from tests.monitoring.factories import IndicatorFactory, ObservationFactory

    children = IndicatorFactory(key="kinder_6_10", kind=IndicatorKind.COUNT)
    for area, value in ((district, 100), (other_district, 80)):
        ObservationFactory(indicator=children, area=area, period="2024", value=value)
    ObservationFactory(indicator=children, area=district, period="2025", value=7)
    counts, sources, _min_cell, _hidden = chain.population(
        [district, other_district], ["6-10"], city=city, level=Level.STADTRAUM
    )
    assert counts == {("6-10", district.pk): 100, ("6-10", other_district.pk): 80}
    assert sources[0].period == "2024"
