"""The demo measures: three in the demo coordinator's Stadträume, loaded once."""

import pytest

from praeventionsnetz.areas.models import Level
from praeventionsnetz.funding.demo import load_funding_demo
from praeventionsnetz.steering.demo_measures import load_measures_demo
from praeventionsnetz.steering.models import Measure, MeasureStatus
from tests.factories import AreaFactory, CityFactory, OrganisationFactory
from tests.funding.conftest import ORTSCHAFT_QUARTERS


@pytest.fixture
def dresden(db):
    city = CityFactory(code="dresden", name="Dresden")
    for n in range(1, 18):
        AreaFactory(city=city, parent=city, level=Level.STADTRAUM, code=f"{n:02d}")
    for code in ORTSCHAFT_QUARTERS:
        AreaFactory(city=city, parent=city, level=Level.STADTTEIL, code=code)
    return city


def test_the_demo_measures_load_once_marked_and_linked(dresden):
    for code in ("16", "04"):
        area = dresden.children.get(code=code)
        for n in range(3):
            OrganisationFactory(
                name=f"Kita {n} {code} (Demodaten)", city=dresden, is_demo=True
            ).areas_served.add(area)
    load_funding_demo()
    assert load_measures_demo() == 3
    measures = list(Measure.objects.select_related("area").order_by("pk"))
    assert {m.area.code for m in measures} == {"16", "04"}
    assert all(m.is_demo and m.title.endswith("(Demodaten)") for m in measures)
    assert {m.status for m in measures} == {
        MeasureStatus.PLANNED,
        MeasureStatus.RUNNING,
        MeasureStatus.EVALUATED,
    }
    assert all(m.indicators.exists() and m.partners.exists() for m in measures)
    assert all(p.city == dresden for m in measures for p in m.partners.all())
    linked = [m for m in measures if m.action_applications.exists()]
    assert len(linked) == 1
    project = linked[0].action_applications.get()
    assert project.budget_line.area == linked[0].area
    assert project.status in {"approved", "partially_approved", "started", "done"}
    evaluated = next(m for m in measures if m.status == MeasureStatus.EVALUATED)
    assert evaluated.evaluation
    assert load_measures_demo() == 0
    assert Measure.objects.count() == 3
