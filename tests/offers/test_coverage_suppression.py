"""The coverage matrix and the chain hide the same children's figures as monitoring.

Stadtraum Nord (462 births) = Stadtteil A (2) + B (250) + C (210): A is small, and C is
withheld so that Nord − B − C cannot give A back. The rate per 1,000 children would give
a hidden count back through the number of offers, so it is hidden as well.
"""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from praeventionsnetz.areas.models import Level
from praeventionsnetz.core.suppression import SECONDARY_LABEL
from praeventionsnetz.monitoring.models import Indicator, Observation
from praeventionsnetz.offers.models import Status
from tests.factories import AreaFactory
from tests.offers.factories import ServiceFactory

BIRTHS = {"A": 2, "B": 250, "C": 210}


@pytest.fixture
def nord(city, organisation):
    room = AreaFactory(city=city, parent=city, level=Level.STADTRAUM, code="N", name="Nord")
    quarters = {
        code: AreaFactory(
            city=city, parent=room, level=Level.STADTTEIL, code=code, name=f"Viertel {code}"
        )
        for code in BIRTHS
    }
    births = Indicator.objects.create(
        key="geburten", name_de="Geburten", unit="Kinder", dimension="social", kind="count"
    )
    for code, value in BIRTHS.items():
        Observation.objects.create(
            indicator=births, area=quarters[code], period="2024", value=value
        )
    Observation.objects.create(
        indicator=births, area=room, period="2024", value=462, is_aggregated=True
    )
    Observation.objects.create(
        indicator=births, area=city, period="2024", value=462, is_aggregated=True
    )
    organisation.city = city
    organisation.save()
    service = ServiceFactory(
        organisation=organisation, name="Hebamme", status=Status.PUBLISHED, life_phases=["0-1"]
    )
    service.areas_served.set(quarters.values())
    return {"room": room, **quarters}


def test_matrix_hides_the_small_count_and_its_complement(client, planner, nord):
    client.force_login(planner)
    response = client.get(reverse("offers:coverage"), {"stadt": "teststadt", "ebene": "stadtteil"})
    cells = {
        row["area"].code: cell
        for row in response.context["rows"]
        for cell in row["cells"]
        if cell["phase"] == "0-1"
    }
    assert cells["A"]["children"] == "<3"
    assert cells["C"]["children"] == SECONDARY_LABEL
    assert cells["B"]["children"] == 250
    for code in "AC":
        assert cells[code]["rate"] is None
        assert cells[code]["rate_label"] == "–"
        # One offer: not a gap, and no class that would bound the hidden count.
        assert cells[code]["class"] == "unknown"
    tooltips = {
        f["properties"]["code"]: f["properties"]["label"]
        for f in response.context["map_data"]["features"]
    }
    assert "–" in tooltips["C"]
    assert "„•“: zurückgehalten" in response.content.decode()


def test_export_hides_the_small_count_and_its_complement(client, planner, nord):
    client.force_login(planner)
    response = client.get(
        reverse("offers:coverage"), {"stadt": "teststadt", "ebene": "stadtteil", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_key = {(r[0], r[2]): r for r in rows[1:] if len(r) > 3}
    assert by_key["A", "0–1 Jahre"][5:7] == ["<3", ""]
    assert by_key["C", "0–1 Jahre"][5:7] == [SECONDARY_LABEL, ""]
    assert by_key["B", "0–1 Jahre"][5:7] == ["250", "4"]
    assert "210" not in response.content.decode("utf-8-sig")


def test_chain_of_a_withheld_quarter_shows_no_count(client, planner, nord):
    client.force_login(planner)
    response = client.get(reverse("offers:chain", args=[nord["C"].pk]))
    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert "Hebamme" in text
    # The visible text, not the markup: an area's id in a link may happen to be 210.
    assert not re.search(r"\b210\b", text)
