"""Secondary suppression follows both groupings of a Dresden Stadtteil: the sums a reader
can subtract are those of its Stadtraum and of its own Stadtbezirk."""

import pytest

from praeventionsnetz.areas import demo
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.suppression import complementary_suppression
from praeventionsnetz.monitoring.selectors.figures import sum_groups


@pytest.fixture
def dresden(db):
    return demo.load_dresden()


def area(city, level, code):
    return Area.objects.current().get(city=city, level=level, code=code)


def test_leipziger_vorstadt_is_summed_into_neustadt_and_its_stadtraum(dresden):
    leipziger = area(dresden, Level.STADTTEIL, "14")
    neustadt = area(dresden, Level.STADTBEZIRK, "1")
    pieschen = area(dresden, Level.STADTBEZIRK, "2")
    parts = stadtteile(dresden)
    groups = {(parent, frozenset(children)) for parent, children in sum_groups(dresden.pk)}
    stadtteil_sums = {
        parent: children
        for parent, children in groups
        if leipziger.pk in children and all(pk in parts for pk in children)
    }
    assert neustadt.pk in stadtteil_sums
    assert pieschen.pk not in stadtteil_sums
    assert leipziger.parent_id in stadtteil_sums  # its Stadtraum


def stadtteile(city):
    return set(
        Area.objects.current().filter(city=city, level=Level.STADTTEIL).values_list("pk", flat=True)
    )


def test_a_small_count_in_leipziger_vorstadt_hides_a_partner_in_each_grouping(dresden):
    leipziger = area(dresden, Level.STADTTEIL, "14")
    neustadt = area(dresden, Level.STADTBEZIRK, "1")
    groups = sum_groups(dresden.pk)
    parts = stadtteile(dresden)
    values = dict.fromkeys(parts, 100.0)
    values[leipziger.pk] = 2.0
    # Every total is shown as the sum of its Stadtteile.
    for parent, children in groups:
        if all(c in parts for c in children):
            values.setdefault(parent, sum(values[c] for c in children))
    hidden = complementary_suppression(values, groups, min_cell=3).hidden
    assert leipziger.pk in hidden
    neustadt_members = next(
        children
        for parent, children in groups
        if parent == neustadt.pk and all(c in parts for c in children)
    )
    assert len(hidden & (set(neustadt_members) | {neustadt.pk})) >= 2
    stadtraum_members = next(
        children
        for parent, children in groups
        if parent == leipziger.parent_id and all(c in parts for c in children)
    )
    assert len(hidden & (set(stadtraum_members) | {leipziger.parent_id})) >= 2
