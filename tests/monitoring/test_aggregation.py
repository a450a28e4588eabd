"""Aggregation up the hierarchy: pure, no database."""

import pandas as pd
import pytest

from praeventionsnetz.core.suppression import is_suppressed, suppress
from praeventionsnetz.monitoring.aggregation import aggregate

PARENT_OF = {"a": "P", "b": "P", "c": "Q"}


def frame(rows):
    return pd.DataFrame(rows, columns=["area", "period", "value", "numerator", "denominator"])


def test_counts_are_summed():
    result = aggregate(
        frame(
            [
                ("a", "2024", 2, None, None),
                ("b", "2024", 5, None, None),
                ("c", "2024", 1, None, None),
            ]
        ),
        PARENT_OF,
        kind="count",
    )
    assert dict(zip(result["area"], result["value"], strict=True)) == {"P": 7, "Q": 1}


def test_rates_are_recomputed_from_numerators_and_denominators_not_averaged():
    # a: 1 of 10 (10 %), b: 90 of 100 (90 %): the mean of shares would be 50 %.
    result = aggregate(
        frame([("a", "2024", 10.0, 1, 10), ("b", "2024", 90.0, 90, 100)]),
        PARENT_OF,
        kind="rate",
        scale=100,
    )
    row = result.iloc[0]
    assert (row["numerator"], row["denominator"]) == (91, 110)
    assert row["value"] == pytest.approx(91 / 110 * 100)


def test_values_are_not_aggregated():
    assert aggregate(frame([("a", "2024", 5.0, None, None)]), PARENT_OF, kind="value").empty


def test_suppression_applies_after_aggregation():
    result = aggregate(
        frame([("a", "2024", 1, None, None), ("b", "2024", 2, None, None)]), PARENT_OF, kind="count"
    )
    # Each child is suppressed, the parent's sum is not.
    assert is_suppressed(kind="count", value=1, numerator=None, min_cell=3)
    assert is_suppressed(kind="count", value=2, numerator=None, min_cell=3)
    assert not is_suppressed(kind="count", value=result["value"][0], numerator=None, min_cell=3)


def test_rate_over_a_small_count_is_suppressed():
    assert is_suppressed(kind="rate", value=1.0, numerator=2, min_cell=3)
    assert not is_suppressed(kind="rate", value=0.0, numerator=0, min_cell=3)
    assert suppress(2) == "<3"
    assert suppress(0) == 0
