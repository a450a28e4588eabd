"""Secondary suppression: no hidden figure can be worked out from the figures shown.

The property tests play a reader who knows every sum (parent = sum of children, over
several hierarchies and up to the city total) and every bound the labels give away.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from praeventionsnetz.core.suppression import (
    SECONDARY_LABEL,
    Suppression,
    complementary_suppression,
    disclosed_cells,
)

MIN_CELL = 3


def _issue_example():
    # City = two Stadträume; the first has the Stadtteile 2, 250 and 210.
    values = {"city": 1000, "sr1": 462, "sr2": 538, "a": 2, "b": 250, "c": 210, "d": 538}
    groups = [("city", ["sr1", "sr2"]), ("sr1", ["a", "b", "c"]), ("sr2", ["d"])]
    return values, groups


def test_a_lone_small_count_takes_its_smallest_sibling_with_it():
    values, groups = _issue_example()
    result = complementary_suppression(values, groups, min_cell=MIN_CELL)
    assert result.primary == {"a"}
    assert result.secondary == {"c"}
    assert result.label("a", MIN_CELL) == "<3"
    assert result.label("c", MIN_CELL) == SECONDARY_LABEL
    assert result.label("b", MIN_CELL) is None


def test_a_hidden_only_child_hides_its_parent_and_a_sibling_of_the_parent():
    values = {"city": 500, "sr1": 2, "sr2": 300, "sr3": 198, "a": 2, "b": 300, "c": 198}
    groups = [("city", ["sr1", "sr2", "sr3"]), ("sr1", ["a"]), ("sr2", ["b"]), ("sr3", ["c"])]
    result = complementary_suppression(values, groups, min_cell=MIN_CELL)
    # sr1 is small itself; its group with the city needs a complement, and so does the
    # complement's own one-child group.
    assert {"a", "sr1"} <= result.primary
    assert result.secondary == {"sr3", "c"}
    assert not disclosed_cells(groups, result.hidden, result.hidden)


def test_zeros_are_shown_and_never_chosen_as_complement():
    values = {"p": 253, "a": 1, "b": 0, "c": 0, "d": 252}
    result = complementary_suppression(values, [("p", ["a", "b", "c", "d"])], min_cell=MIN_CELL)
    assert result.primary == {"a"}
    assert "b" not in result
    assert "c" not in result
    assert result.secondary == {"d"}


def test_no_small_count_means_nothing_is_hidden():
    values = {"p": 10, "a": 0, "b": 10}
    assert complementary_suppression(values, [("p", ["a", "b"])]) == Suppression()


def test_two_small_counts_alone_are_not_pinned_by_their_sum():
    # a + b = 4 with both "<3" would say 2 and 2: a third cell is withheld.
    values = {"p": 104, "a": 2, "b": 2, "c": 100}
    result = complementary_suppression(values, [("p", ["a", "b", "c"])], min_cell=MIN_CELL)
    assert result.secondary == {"c"}


def test_a_small_parent_of_small_children_is_shown_as_withheld():
    # "<3" = "<3" + "<3" could only be 2 = 1 + 1.
    values = {"p": 2, "a": 1, "b": 1}
    result = complementary_suppression(values, [("p", ["a", "b"])], min_cell=MIN_CELL)
    assert result.primary == {"p", "a", "b"}
    assert result.label("p", MIN_CELL) == SECONDARY_LABEL
    assert result.label("a", MIN_CELL) == "<3"


def test_groups_of_two_hierarchies_protect_each_other():
    # a, b, c are Stadtteile; hierarchy one: x = a + b, y = c; hierarchy two: u = a + c, v = b.
    values = {"t": 306, "x": 103, "y": 203, "u": 204, "v": 102, "a": 1, "b": 102, "c": 203}
    groups = [("t", ["x", "y"]), ("x", ["a", "b"]), ("y", ["c"]), ("t", ["u", "v"])]
    groups += [("u", ["a", "c"]), ("v", ["b"])]
    result = complementary_suppression(values, groups, min_cell=MIN_CELL)
    assert "a" in result.primary
    assert not disclosed_cells(groups, result.hidden, result.hidden)
    assert _pinned(values, groups, result) == []


def test_a_missing_parent_is_an_unknown_the_reader_can_still_work_out():
    # m has no figure, but t - y gives it, and then m - b gives a.
    values = {"t": 400, "y": 200, "a": 2, "b": 198}
    groups = [("t", ["m", "y"]), ("m", ["a", "b"])]
    result = complementary_suppression(values, groups, min_cell=MIN_CELL)
    assert result.secondary
    assert not disclosed_cells(groups, result.hidden | {"m"}, result.hidden)


def test_the_result_does_not_depend_on_how_often_it_is_computed():
    values, groups = _issue_example()
    first = complementary_suppression(values, groups)
    assert all(complementary_suppression(values, groups) == first for _ in range(3))


# -- the reader ------------------------------------------------------------------------------


def _solve_one_unknown(values, groups, hidden):
    """The reader's first move: any group with one unknown cell gives that cell."""
    known = {c: v for c, v in values.items() if c not in hidden}
    changed = True
    while changed:
        changed = False
        for parent, children in groups:
            members = [parent, *[c for c in children if c in values or c in hidden]]
            missing = [c for c in members if c not in known]
            if len(missing) != 1:
                continue
            cell = missing[0]
            rest = sum(known[c] for c in children if c in known)
            known[cell] = known[parent] - rest if cell != parent else rest
            changed = True
    return {c for c in hidden if c in known}


def _rank_disclosed(values, groups, hidden):
    """The reader's second move: a hidden cell is determined when dropping its column from
    the equations over the unknown cells lowers their rank."""
    unknown = sorted(hidden, key=str)
    if not unknown:
        return set()
    index = {c: i for i, c in enumerate(unknown)}
    rows = []
    for parent, children in groups:
        row = np.zeros(len(unknown))
        for cell, sign in ((parent, 1), *((c, -1) for c in children)):
            if cell in index:
                row[index[cell]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    return {c for c in unknown if np.linalg.matrix_rank(np.delete(matrix, index[c], axis=1)) < rank}


def _pinned(values, groups, result):
    """The reader's third move: with the bounds the labels give ("<3" is 1 or 2, a withheld
    figure is at least 3), which small count has only one possible value?"""
    unknown = sorted(result.hidden, key=str)
    index = {c: i for i, c in enumerate(unknown)}
    a_eq, b_eq = [], []
    for parent, children in groups:
        row = np.zeros(len(unknown))
        rhs = 0.0
        for cell, sign in ((parent, 1), *((c, -1) for c in children)):
            if cell in index:
                row[index[cell]] += sign
            elif cell in values:
                rhs -= sign * values[cell]
        if row.any():
            a_eq.append(row)
            b_eq.append(rhs)
    bounds = [
        (1, MIN_CELL - 1) if result.label(c, MIN_CELL) == "<3" else (1, None) for c in unknown
    ]
    pinned = []
    for cell in result.primary:
        if cell not in index or not a_eq:
            continue
        objective = np.zeros(len(unknown))
        objective[index[cell]] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0, "the true values must be feasible"
        assert high.status == 0
        if math.floor(-high.fun + 1e-6) - math.ceil(low.fun - 1e-6) < 1:
            pinned.append(cell)
    return pinned


# -- random hierarchies ----------------------------------------------------------------------

counts = st.one_of(st.integers(0, 4), st.integers(0, 40), st.integers(0, 400))


@st.composite
def hierarchies(draw):
    """A city with 2 or 3 levels below it, leaf counts, sums above them, and possibly a
    second hierarchy that groups the same leaves differently."""
    depth = draw(st.integers(2, 3))
    groups = []
    level = ["city"]
    for d in range(depth):
        below = []
        for parent in level:
            n = draw(st.integers(1, 4))
            children = [f"{parent}.{d}{i}" for i in range(n)]
            groups.append((parent, children))
            below.extend(children)
        level = below
    values = {leaf: draw(counts) for leaf in level}
    if draw(st.booleans()):
        # A second hierarchy: the leaves in other groups, each summing to the city.
        k = draw(st.integers(1, 3))
        assignment = [draw(st.integers(0, k - 1)) for _ in level]
        second = [f"second{j}" for j in range(k)]
        groups.append(("city", second))
        for j, parent in enumerate(second):
            members = [leaf for leaf, a in zip(level, assignment, strict=True) if a == j]
            groups.append((parent, members))
    # Sums from the bottom up (groups are listed top-down).
    for parent, children in reversed(groups):
        if parent not in values:
            values[parent] = sum(values[c] for c in children)
    ordered = {c: values[c] for c in sorted(values, key=lambda c: (c.count("."), c))}
    return ordered, groups


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchies())
def test_no_reader_recovers_a_hidden_figure(case):
    values, groups = case
    result = complementary_suppression(values, groups, min_cell=MIN_CELL)
    # Every small count is hidden, and nothing shown is small.
    assert {c for c, v in values.items() if 0 < v < MIN_CELL} == set(result.primary)
    assert all(values[c] >= MIN_CELL for c in result.secondary)
    assert _solve_one_unknown(values, groups, result.hidden) == set()
    assert _rank_disclosed(values, groups, result.hidden) == set()
    assert _pinned(values, groups, result) == []


@settings(max_examples=100, deadline=None)
@given(hierarchies())
def test_the_rank_test_agrees_with_an_independent_one(case):
    values, groups = case
    hidden = {c for c, v in values.items() if 0 < v < MIN_CELL}
    assert set(disclosed_cells(groups, hidden, hidden)) == _rank_disclosed(values, groups, hidden)


@pytest.mark.parametrize("min_cell", [3, 5])
def test_the_minimum_cell_size_is_respected(min_cell):
    values = {"p": 110, "a": 4, "b": 6, "c": 100}
    result = complementary_suppression(values, [("p", ["a", "b", "c"])], min_cell=min_cell)
    assert ("a" in result.primary) == (min_cell == 5)
