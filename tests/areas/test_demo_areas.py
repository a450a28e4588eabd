"""The real areas of Dresden and Berlin, loaded from data/."""

import pytest
from django.urls import reverse

from praeventionsnetz.areas import demo, selectors
from praeventionsnetz.areas.models import Area, Level


@pytest.fixture
def dresden(db):
    return demo.load_dresden()


def count(city, level):
    return Area.objects.current().filter(city=city, level=level).count()


def test_dresden_has_its_real_areas(dresden):
    assert count(dresden, Level.STADTTEIL) == 64
    assert count(dresden, Level.STADTRAUM) == 17
    assert count(dresden, Level.STADTBEZIRK) == 10
    pieschen = Area.objects.get(city=dresden, level=Level.STADTRAUM, code="04")
    assert sorted(pieschen.children.values_list("code", flat=True)) == ["14", "21", "25"]
    # Stadtraum 04 crosses the border of Stadtbezirk Neustadt and Pieschen: the city is
    # its parent, and it belongs in part to both.
    assert pieschen.parent == dresden
    assert sorted(
        (m.container.name, m.is_partial) for m in pieschen.memberships.select_related("container")
    ) == [("Neustadt", True), ("Pieschen", True)]
    mickten = Area.objects.get(city=dresden, level=Level.STADTRAUM, code="05")
    assert mickten.parent.name == "Pieschen"


def test_strehlen_straddles_two_stadtraeume_and_says_so(dresden, client):
    strehlen = Area.objects.get(city=dresden, level=Level.STADTTEIL, code="76")
    assert strehlen.parent.code == "12"
    assert list(strehlen.also_in.values_list("code", flat=True)) == ["11"]
    page = client.get(reverse("site:area-detail", args=[strehlen.pk])).content.decode()
    assert "Strehlen liegt in zwei Stadträumen" in page
    assert "Teilweise auch in" in page


def test_point_in_polygon_finds_the_area_at_each_level(dresden):
    # Frauenkirche, Neumarkt: Innere Altstadt.
    found = {a.level: a for a in selectors.areas_at(lon=13.7417, lat=51.0519)}
    assert found[Level.CITY].code == "dresden"
    assert found[Level.STADTTEIL].name == "Innere Altstadt"
    assert found[Level.STADTRAUM].code == "01"
    assert found[Level.STADTBEZIRK].code == "0"
    assert selectors.areas_at(lon=12.0, lat=50.0) == []


@pytest.mark.slow
def test_berlin_has_its_planning_areas_with_parents(db):
    berlin = demo.load_berlin()
    assert count(berlin, Level.PLANUNGSRAUM) == 448
    assert Area.objects.get(city=berlin, code="04030417").parent.code == "040304"
    assert count(berlin, Level.BEZIRKSREGION) == 138
    assert count(berlin, Level.BEZIRK) == 12
    plr = Area.objects.get(city=berlin, level=Level.PLANUNGSRAUM, code="01011101")
    chain = selectors.ancestors(plr)
    assert [a.level for a in chain] == ["city", "bezirk", "prognoseraum", "bezirksregion"]
    assert chain[1].name == "Mitte"
    # Brandenburger Tor lies in Bezirk Mitte.
    found = {a.level: a for a in selectors.areas_at(lon=13.3777, lat=52.5163, city=berlin)}
    assert found[Level.BEZIRK].name == "Mitte"
    assert found[Level.PLANUNGSRAUM].code.startswith("01")
