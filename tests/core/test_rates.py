"""Rates per 1,000 follow the small-number suppression of their counts."""

import pytest

from praeventionsnetz.core.suppression import rate_of


def test_a_rate_is_the_count_per_thousand_of_the_base():
    assert rate_of(120, 12_000) == pytest.approx(10.0)
    assert rate_of(26, 11_517, scale=1000) == pytest.approx(26 / 11_517 * 1000)
    assert rate_of(0, 500) == 0.0  # "nobody" is shown, as the count is


@pytest.mark.parametrize("count", [1, 2])
def test_a_small_count_hides_its_rate(count):
    assert rate_of(count, 10_000) is None


def test_a_rate_follows_the_minimum_cell_of_its_indicator():
    assert rate_of(4, 1000, min_cell=5) is None
    assert rate_of(5, 1000, min_cell=5) == pytest.approx(5.0)


def test_a_withheld_count_hides_its_rate_though_it_is_large():
    # Withheld to protect a neighbour's small count: the rate would give it back.
    assert rate_of(40, 10_000, count_hidden=True) is None


@pytest.mark.parametrize(
    ("count", "base", "base_hidden"),
    [(None, 1000, False), (40, None, False), (40, 0, False), (40, 1000, True)],
)
def test_no_rate_without_a_count_or_a_known_base(count, base, base_hidden):
    assert rate_of(count, base, base_hidden=base_hidden) is None
