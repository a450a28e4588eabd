import pytest

from praeventionsnetz.areas.models import Level
from tests.factories import AreaFactory, CityFactory

ORTSCHAFT_QUARTERS = ["35", "36", "45", "46", "47", "90", "99"]


@pytest.fixture
def dresden(db):
    """Dresden's 17 Stadträume and the Stadtteile of its Ortschaften (no geometry needed)."""
    city = CityFactory(code="dresden", name="Dresden")
    for n in range(1, 18):
        AreaFactory(city=city, parent=city, level=Level.STADTRAUM, code=f"{n:02d}")
    for code in ORTSCHAFT_QUARTERS:
        AreaFactory(city=city, parent=city, level=Level.STADTTEIL, code=code)
    return city
