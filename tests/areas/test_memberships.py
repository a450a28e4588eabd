"""An area's two groupings: its parent and its further memberships (wholly or in part)."""

import pytest

from praeventionsnetz.areas import demo, geo, selectors
from praeventionsnetz.areas.models import Area, AreaMembership, Level
from praeventionsnetz.areas.selectors import Hierarchy
from praeventionsnetz.areas.services import area_membership_set
from praeventionsnetz.core.errors import DomainError
from tests.factories import AreaFactory

# 1 city; 2, 3 Stadtbezirke; 4, 5 Stadträume (5 crosses the border); 6–9 Stadtteile.
LEVELS = {
    1: Level.CITY,
    2: Level.STADTBEZIRK,
    3: Level.STADTBEZIRK,
    4: Level.STADTRAUM,
    5: Level.STADTRAUM,
    6: Level.STADTTEIL,
    7: Level.STADTTEIL,
    8: Level.STADTTEIL,
    9: Level.STADTTEIL,
}
PARENTS = {1: None, 2: 1, 3: 1, 4: 2, 5: 1, 6: 4, 7: 5, 8: 5, 9: 5}
MEMBERSHIPS = {
    5: [(2, True, None), (3, True, None)],
    7: [(2, False, None)],
    8: [(3, False, None)],
    9: [(4, True, 0.25), (5, True, 0.75), (3, False, None)],
}
TREE = Hierarchy(levels=LEVELS, parents=PARENTS, memberships=MEMBERSHIPS)


def test_a_stadtteil_belongs_to_its_own_stadtbezirk_not_to_its_stadtraums():
    assert TREE.toward(7, Level.STADTBEZIRK) == {2: 1.0}
    assert TREE.toward(8, Level.STADTBEZIRK) == {3: 1.0}
    assert TREE.toward(7, Level.STADTRAUM) == {5: 1.0}
    assert TREE.toward(6, Level.STADTBEZIRK) == {2: 1.0}  # by its parent chain


def test_a_stadtraum_across_a_border_belongs_to_both_stadtbezirke_in_unknown_parts():
    assert TREE.toward(5, Level.STADTBEZIRK) == {2: None, 3: None}
    assert TREE.toward(5, Level.CITY) == {1: 1.0}


def test_a_split_stadtteil_belongs_to_both_stadtraeume_with_its_shares():
    assert TREE.toward(9, Level.STADTRAUM) == {4: 0.25, 5: 0.75}
    assert TREE.toward(9, Level.CITY) == {1: 1.0}
    assert TREE.ancestors(9) == {1, 3, 4, 5}
    assert TREE.members(3, Level.STADTTEIL) == {8: 1.0, 9: 1.0}


@pytest.fixture
def dresden(db):
    return demo.load_dresden()


def area(city, level, code):
    return Area.objects.current().get(city=city, level=level, code=code)


def test_leipziger_vorstadt_is_in_stadtraum_04_and_in_stadtbezirk_neustadt(dresden):
    leipziger = area(dresden, Level.STADTTEIL, "14")
    hierarchy = selectors.hierarchy_of(dresden)
    assert leipziger.parent.code == "04"
    (bezirk,) = hierarchy.toward(leipziger.pk, Level.STADTBEZIRK)
    assert Area.objects.get(pk=bezirk).name == "Neustadt"
    # The same as the point lookup, which goes by the official geometry.
    inside = geo.parse_area_geometry(leipziger.geometry).representative_point()
    found = {a.level: a.name for a in selectors.areas_at(lon=inside.x, lat=inside.y)}
    assert found[Level.STADTBEZIRK] == "Neustadt"
    pieschen = area(dresden, Level.STADTBEZIRK, "2")
    members = hierarchy.members(pieschen.pk, Level.STADTTEIL)
    assert sorted(Area.objects.get(pk=pk).code for pk in members) == ["21", "22", "23", "24", "25"]


def test_every_stadtteil_is_in_the_stadtbezirk_the_tables_give(dresden):
    hierarchy = selectors.hierarchy_of(dresden)
    official = {row["stadtteil"]: row["stadtbezirk"] for row in demo.dresden_mapping()}
    for code, bezirk in official.items():
        (pk,) = hierarchy.toward(area(dresden, Level.STADTTEIL, code).pk, Level.STADTBEZIRK)
        assert Area.objects.get(pk=pk).code == bezirk, code


def test_strehlen_belongs_in_part_to_two_stadtraeume_without_a_share(dresden):
    strehlen = area(dresden, Level.STADTTEIL, "76")
    links = selectors.hierarchy_of(dresden).toward(strehlen.pk, Level.STADTRAUM)
    assert {Area.objects.get(pk=pk).code: share for pk, share in links.items()} == {
        "11": None,
        "12": None,
    }


def test_uninhabited_stadtteile_are_marked(dresden):
    empty = Area.objects.current().filter(city=dresden, has_residents=False)
    assert sorted(empty.values_list("code", flat=True)) == ["33", "34", "44"]


def test_loading_twice_changes_no_membership(dresden):
    before = AreaMembership.history.count()
    demo.load_dresden()
    assert AreaMembership.history.count() == before


def test_a_coordinator_of_a_stadtbezirk_reaches_its_member_stadtteile(dresden):
    neustadt = area(dresden, Level.STADTBEZIRK, "1")
    below = selectors.areas_below([neustadt.pk])
    assert area(dresden, Level.STADTTEIL, "14").pk in below
    assert area(dresden, Level.STADTTEIL, "21").pk not in below


def test_a_share_is_only_for_a_part_and_only_within_the_city(city, district, quarter):
    with pytest.raises(DomainError):
        area_membership_set(area=quarter, container=district, share=0.5)
    with pytest.raises(DomainError):
        area_membership_set(area=quarter, container=AreaFactory(level=Level.STADTBEZIRK))
    membership = area_membership_set(area=quarter, container=district, is_partial=True, share=0.5)
    assert membership.history.count() == 1


def test_a_coordinator_of_a_stadtbezirk_is_coordinator_of_its_member_stadtteil(
    city, coordinator, district
):
    from praeventionsnetz.core.rules import is_coordinator_of_area

    bezirk = AreaFactory(city=city, parent=city, level=Level.STADTBEZIRK, code="9", name="Bezirk")
    elsewhere = AreaFactory(
        city=city, parent=city, level=Level.STADTRAUM, code="05", name="Anderswo"
    )
    teil = AreaFactory(city=city, parent=elsewhere, level=Level.STADTTEIL, code="51", name="Teil")
    coordinator.areas.set([bezirk])
    assert not is_coordinator_of_area(coordinator, teil)
    area_membership_set(area=teil, container=bezirk, is_partial=True)
    assert not is_coordinator_of_area(coordinator, teil)  # a part is not enough
    area_membership_set(area=teil, container=bezirk)
    assert is_coordinator_of_area(coordinator, teil)
    assert selectors.areas_below([bezirk.pk]) == {bezirk.pk, teil.pk}
