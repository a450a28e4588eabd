"""Small-number suppression: counts below a minimum cell size can neither be seen nor worked out.

One place, used by the pages, the exports and the API alike.

The rule
--------
*Primary suppression*: a count of 1 to ``min_cell - 1`` (default 1 or 2) is shown as "<3".
A rate is suppressed when its numerator is such a count, since the share would reveal it.
Zero is shown as "0": "nobody" names no person, and hiding zeros would not protect anyone
but would hide most of the empty cells a planner needs to see.

*Secondary (complementary) suppression*: figures are linked. A parent area's count is the
sum of its children's counts (Stadtteil → Stadtraum → Stadtbezirk → city, and further
hierarchies over the same cells), so a single hidden child could be recovered as
"parent minus the visible children". Whenever a cell is hidden, further cells of the same
group are withheld too (the smallest non-zero sibling first, the parent when no sibling can
help), until

- no group ``parent = sum(children)`` has exactly one unknown cell,
- no hidden cell is determined by all groups together (a hidden cell is disclosed when its
  unit vector lies in the row space of the equations over the unknown cells), and
- within each group, the bounds the labels give ("<3" is 1 or 2, a withheld "•" is at
  least 1) leave every small count at least two possible values.

Withheld cells are shown as "•", never as "<3", which would be untrue for them. When a
group holds nothing but small counts (e.g. a Stadtraum of 2 from two Stadtteile of 1),
"<3" everywhere would give the ones away; then a small count is shown as "•" as well.
Zeros are never withheld: a withheld zero protects nothing.

The algorithm is pure and deterministic: cells are visited in the order the caller gives
them, ties between equal values go to the earlier cell. Several hierarchies are simply
more groups.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import numpy as np

DEFAULT_MIN_CELL = 3
SECONDARY_LABEL = "•"

Cell = TypeVar("Cell", bound=Hashable)


def suppress(
    value: int | float | None, *, min_cell: int = DEFAULT_MIN_CELL
) -> str | int | float | None:
    """The value itself, or "<min_cell" when it is a count below the minimum cell size.

    Zero is shown: an empty cell reveals nothing about a person.
    """
    if value is None:
        return None
    if is_small(value, min_cell=min_cell):
        return suppressed_label(min_cell)
    return value


def is_small(value: float | None, *, min_cell: int = DEFAULT_MIN_CELL) -> bool:
    """A count that must not be shown: 1 to min_cell - 1 (zero is shown)."""
    return value is not None and 0 < value < min_cell


def is_suppressed(
    *, kind: str, value: float | None, numerator: float | None, min_cell: int
) -> bool:
    """Whether an observation is hidden on its own: a small count, or a rate over one."""
    if kind == "count":
        return is_small(value, min_cell=min_cell)
    if kind == "rate":
        return is_small(numerator, min_cell=min_cell)
    return False


def suppressed_label(min_cell: int) -> str:
    return f"<{min_cell}"


def rate_of(
    count: float | None,
    base: float | None,
    *,
    scale: float = 1000,
    count_hidden: bool = False,
    base_hidden: bool = False,
    min_cell: int = DEFAULT_MIN_CELL,
) -> float | None:
    """A rate such as cases per 1,000 residents, or None when it must not be shown.

    A rate gives its count back to anyone who knows the base, so it is hidden whenever the
    count is: a small count, or one withheld to protect another (`count_hidden`). It is
    also hidden when the base is hidden, missing or zero.
    """
    if count is None or base is None or count_hidden or base_hidden or base <= 0:
        return None
    if is_small(count, min_cell=min_cell):
        return None
    return count / base * scale


@dataclass(frozen=True)
class Suppression(Generic[Cell]):
    """The cells to hide: small ones (primary) and those hidden to protect them (secondary)."""

    primary: frozenset[Cell] = field(default_factory=frozenset)
    secondary: frozenset[Cell] = field(default_factory=frozenset)
    # Small counts shown as "•" rather than "<3", since "<3" would pin their value.
    withheld: frozenset[Cell] = field(default_factory=frozenset)

    @property
    def hidden(self) -> frozenset[Cell]:
        return self.primary | self.secondary

    def __contains__(self, cell: object) -> bool:
        return cell in self.primary or cell in self.secondary

    def label(self, cell: Cell, min_cell: int) -> str | None:
        """The label that replaces the figure, or None when it is shown."""
        if cell in self.primary and cell not in self.withheld:
            return suppressed_label(min_cell)
        if cell in self:
            return SECONDARY_LABEL
        return None


@dataclass(frozen=True)
class _Group(Generic[Cell]):
    parent: Cell
    children: tuple[Cell, ...]

    @property
    def members(self) -> tuple[Cell, ...]:
        return (self.parent, *self.children)

    def sign(self, cell: Cell) -> int:
        return 1 if cell == self.parent else -1


def complementary_suppression(
    values: Mapping[Cell, float | None],
    groups: Iterable[tuple[Cell, Sequence[Cell]]],
    *,
    min_cell: int = DEFAULT_MIN_CELL,
) -> Suppression[Cell]:
    """Primary and secondary suppression for linked cells.

    `values` holds every cell with a figure (None where the figure exists but its count is
    unknown); the order of `values` breaks ties. `groups` are linear constraints
    ``parent = sum(children)``. A leaf without a figure is left out of its group (it adds
    nothing to the parent's sum); a parent without a figure is an unknown the reader may
    still work out from the levels around it.
    """
    order = {cell: n for n, cell in enumerate(values)}
    primary = frozenset(c for c, v in values.items() if is_small(v, min_cell=min_cell))
    unknown = {c for c, v in values.items() if v is None}
    groups = [(parent, list(children)) for parent, children in groups]
    # An area without a figure that has children of its own is an unknown sum, not nothing.
    parents = {parent for parent, _ in groups}
    normal: list[_Group[Cell]] = []
    seen: set[tuple[Cell, frozenset[Cell]]] = set()
    for parent, children in groups:
        kept = tuple(
            dict.fromkeys(c for c in children if (c in values or c in parents) and c != parent)
        )
        if not kept or (parent, frozenset(kept)) in seen:
            continue
        seen.add((parent, frozenset(kept)))
        unknown.update(c for c in (parent, *kept) if c not in values)
        normal.append(_Group(parent, kept))
    if not primary:
        return Suppression(primary=primary)
    state = _State(values, order, normal, min_cell, primary, unknown)
    state.run()
    return Suppression(
        primary=primary,
        secondary=frozenset(state.hidden - primary),
        withheld=frozenset(state.withheld),
    )


class _State(Generic[Cell]):
    def __init__(
        self,
        values: Mapping[Cell, float | None],
        order: Mapping[Cell, int],
        groups: list[_Group[Cell]],
        min_cell: int,
        primary: frozenset[Cell],
        unknown: set[Cell],
    ) -> None:
        self.values = values
        self.order = order
        self.groups = groups
        self.min_cell = min_cell
        self.primary = primary
        self.unknown = unknown  # figures nobody sees, though nobody hid them
        self.hidden: set[Cell] = set(primary)
        self.withheld: set[Cell] = set()  # small counts labelled "•"
        self.groups_of: dict[Cell, list[_Group[Cell]]] = {}
        for group in groups:
            for cell in group.members:
                self.groups_of.setdefault(cell, []).append(group)

    def run(self) -> None:
        # A part of the system (unknown cells linked by groups) once found safe stays safe
        # until a cell joins it or its labels change, so it is checked once per state.
        safe: set[tuple[frozenset[Cell], frozenset[Cell]]] = set()
        while True:
            self._local()
            exposed: list[Cell] = []
            for cells, groups in self._components():
                state = (cells, frozenset(self.withheld & cells))
                if state in safe:
                    continue
                exposed = self._exposed(cells, groups)
                if exposed:
                    break
                safe.add(state)
            if not exposed:
                return
            if not self._protect(min(exposed, key=self.order.__getitem__)):
                return  # nothing visible is left that could help

    def _components(self) -> list[tuple[frozenset[Cell], list[_Group[Cell]]]]:
        """Unknown cells linked by shared groups, each with its groups, in cell order."""
        closed = self._closed()
        root: dict[Cell, Cell] = {c: c for c in closed}

        def find(cell: Cell) -> Cell:
            while root[cell] != cell:
                root[cell] = root[root[cell]]
                cell = root[cell]
            return cell

        for group in self.groups:
            members = [c for c in group.members if c in closed]
            for other in members[1:]:
                root[find(other)] = find(members[0])
        cells: dict[Cell, set[Cell]] = {}
        for cell in closed:
            cells.setdefault(find(cell), set()).add(cell)
        groups: dict[Cell, list[_Group[Cell]]] = {}
        for group in self.groups:
            member = next((c for c in group.members if c in closed), None)
            if member is not None:
                groups.setdefault(find(member), []).append(group)
        parts = [
            (frozenset(members), groups.get(key, []))
            for key, members in cells.items()
            if members & self.hidden
        ]
        # Every part holds a hidden cell of its own, so its first one orders the parts.
        return sorted(
            parts, key=lambda part: min(self.order[c] for c in part[0] if c in self.hidden)
        )

    def _exposed(self, cells: frozenset[Cell], groups: list[_Group[Cell]]) -> list[Cell]:
        """Hidden cells of one part that the sums determine or that the bounds pin."""
        as_tuples = [(g.parent, g.children) for g in groups]
        hidden = [c for c in cells if c in self.hidden]
        disclosed = disclosed_cells(as_tuples, cells, hidden)
        if disclosed:
            return disclosed
        bounds = {c: self._bounds(c) if c in self.hidden else (0.0, math.inf) for c in cells}
        known = {
            c: float(self.values[c])
            for g in groups
            for c in g.members
            if c not in cells and self.values.get(c) is not None
        }
        small = [c for c in hidden if c in self.primary]
        true = {c: self.values.get(c) for c in cells}
        return pinned_cells(as_tuples, known, bounds, small, true)

    # -- local rule: every group on its own --------------------------------------------------

    def _local(self) -> None:
        changed = True
        while changed:
            changed = False
            for group in self.groups:
                if not any(c in self.hidden for c in group.members) or self._safe(group):
                    continue
                cell = self._complement(group)
                if cell is not None:
                    self.hidden.add(cell)
                    changed = True
                elif (cell := self._to_withhold(group)) is not None:
                    self.withheld.add(cell)
                    changed = True

    def _closed(self) -> set[Cell]:
        return self.hidden | self.unknown

    def _safe(self, group: _Group[Cell], extra: Cell | None = None) -> bool:
        closed = self._closed() | ({extra} if extra is not None else set())
        open_cells = [c for c in group.members if c in closed]
        if len(open_cells) == 1:
            return False
        if any(c in self.unknown for c in open_cells):
            return True  # an unbounded unknown leaves every other cell free
        return all(
            self._room(group, cell, open_cells) >= 1 for cell in open_cells if cell in self.primary
        )

    def _bounds(self, cell: Cell) -> tuple[float, float]:
        if cell in self.primary and cell not in self.withheld:
            return 1.0, float(self.min_cell - 1)
        return min(1.0, float(self.values[cell] or 0)), math.inf

    def _to_withhold(self, group: _Group[Cell]) -> Cell | None:
        """A small count of the group to label "•", the parent first."""
        small = [c for c in group.members if c in self.primary and c not in self.withheld]
        return small[0] if small else None

    def _room(self, group: _Group[Cell], cell: Cell, open_cells: Sequence[Cell]) -> float:
        """How far the cell may move, given this group's sum and the others' bounds."""
        value = float(self.values[cell] or 0)
        up = down = 0.0
        for other in open_cells:
            if other == cell:
                continue
            low, high = self._bounds(other)
            other_value = float(self.values[other] or 0)
            # The cell moves with a cell on the other side of the equation, against one on
            # its own side.
            with_it = group.sign(other) != group.sign(cell)
            up += (high - other_value) if with_it else (other_value - low)
            down += (other_value - low) if with_it else (high - other_value)
        low, high = self._bounds(cell)
        return min(high, value + up) - max(low, value - down)

    def _candidates(self, group: _Group[Cell]) -> list[Cell]:
        """Visible cells that may be withheld: non-zero children, smallest first; the parent."""
        closed = self._closed()
        children = sorted(
            (c for c in group.children if c not in closed and (self.values[c] or 0) > 0),
            key=lambda c: (self.values[c], self.order[c]),
        )
        parent = [group.parent] if group.parent not in closed else []
        return [*children, *parent]

    def _complement(self, group: _Group[Cell]) -> Cell | None:
        candidates = self._candidates(group)
        for cell in candidates:
            if self._safe(group, extra=cell):
                return cell
        # None suffices alone: take the one that adds the most room and look again.
        children = [c for c in candidates if c != group.parent]
        if children:
            return children[-1]
        return candidates[0] if candidates else None

    # -- global rule: all groups together ----------------------------------------------------

    def _protect(self, cell: Cell) -> bool:
        """Withhold one more cell near an exposed one; False when nothing is left to do."""
        closed = self._closed()
        near = self.groups_of.get(cell, [])
        linked = [g for g in self.groups if any(c in closed for c in g.members)]
        for groups in (near, linked):
            for group in groups:
                candidates = self._candidates(group)
                if candidates:
                    self.hidden.add(candidates[0])
                    return True
        for groups in (near, linked):
            for group in groups:
                small = self._to_withhold(group)
                if small is not None:
                    self.withheld.add(small)
                    return True
        return False


def pinned_cells(
    groups: Iterable[tuple[Cell, Sequence[Cell]]],
    known: Mapping[Cell, float],
    bounds: Mapping[Cell, tuple[float, float]],
    cells: Iterable[Cell],
    true: Mapping[Cell, float | None] | None = None,
) -> list[Cell]:
    """Which of `cells` the equations and bounds leave a single whole number.

    `known` are the figures shown, `bounds` the lower and upper bound of every unknown cell.
    For each cell the least and the greatest value it can take are found by linear
    programming; a cell is pinned when no two whole numbers fit between them. With the
    `true` values of the unknown cells, a cell that can visibly move by one together with a
    partner found in no other equation is let go without that work.
    """
    from scipy.optimize import linprog

    columns = {c: i for i, c in enumerate(bounds)}
    a_eq: list[np.ndarray] = []
    b_eq: list[float] = []
    for parent, children in groups:
        row = np.zeros(len(columns))
        rhs = 0.0
        for cell, sign in ((parent, 1.0), *((c, -1.0) for c in children)):
            if cell in columns:
                row[columns[cell]] += sign
            else:
                rhs -= sign * known.get(cell, 0.0)
        if row.any():
            a_eq.append(row)
            b_eq.append(rhs)
    if not a_eq:
        return []
    limits = [(low, None if high == math.inf else high) for low, high in bounds.values()]
    matrix = np.array(a_eq)
    used = (matrix != 0).sum(axis=0)
    pinned = []
    for cell in cells:
        if cell not in columns or not matrix[:, columns[cell]].any():
            continue
        if true is not None and _moves_with_a_partner(cell, matrix, used, columns, bounds, true):
            continue
        objective = np.zeros(len(columns))
        objective[columns[cell]] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=limits, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=limits, method="highs")
        if low.status != 0 or high.status != 0:
            continue  # figures that do not add up (an imported parent): no sum to exploit
        if math.floor(-high.fun + 1e-6) - math.ceil(low.fun - 1e-6) < 1:
            pinned.append(cell)
    return pinned


def _moves_with_a_partner(
    cell: Cell,
    matrix: np.ndarray,
    used: np.ndarray,
    columns: Mapping[Cell, int],
    bounds: Mapping[Cell, tuple[float, float]],
    true: Mapping[Cell, float | None],
) -> bool:
    """Whether the cell can move by one while, in each of its equations, a cell found in
    that equation only takes the move up."""
    j = columns[cell]
    value = true.get(cell)
    if value is None:
        return False
    low, high = bounds[cell]
    cells = list(columns)

    def partner_takes(i: int, step: float) -> bool:
        for k in np.flatnonzero(matrix[i]):
            if k == j or used[k] != 1:
                continue
            partner_value = true.get(cells[k])
            partner_low, partner_high = bounds[cells[k]]
            move = -matrix[i, j] * step / matrix[i, k]
            if partner_value is None:
                # A figure nobody has can surely grow; on the other side of the equation it
                # holds the cell's own count (at least one), so it can also shrink by one.
                if move > 0 or matrix[i, k] * matrix[i, j] < 0:
                    return True
            elif partner_low <= partner_value + move <= partner_high:
                return True
        return False

    rows = np.flatnonzero(matrix[:, j])
    return any(
        low <= value + step <= high and all(partner_takes(i, step) for i in rows)
        for step in (1.0, -1.0)
    )


def disclosed_cells(
    groups: Iterable[tuple[Cell, Sequence[Cell]]],
    unknown: Iterable[Cell],
    hidden: Iterable[Cell],
) -> list[Cell]:
    """Which hidden cells the linear system ``parent = sum(children)`` determines.

    `unknown` are all cells the reader does not see (hidden ones and missing figures); every
    other member of a group is known. A hidden cell is determined exactly when its unit
    vector lies in the row space of the equations restricted to the unknown cells, i.e.
    when every solution of the homogeneous system has a zero in its place.
    """
    unknown = set(unknown)
    columns: dict[Cell, int] = {}
    rows: list[dict[int, float]] = []
    for parent, children in groups:
        row: dict[int, float] = {}
        for cell, sign in ((parent, 1.0), *((c, -1.0) for c in children)):
            if cell in unknown:
                index = columns.setdefault(cell, len(columns))
                row[index] = row.get(index, 0.0) + sign
        if row:
            rows.append(row)
    hidden_columns = [(cell, columns[cell]) for cell in hidden if cell in columns]
    if not rows or not hidden_columns:
        return []
    matrix = np.zeros((len(rows), len(columns)))
    for i, row in enumerate(rows):
        for j, coefficient in row.items():
            matrix[i, j] = coefficient
    _, singular, vt = np.linalg.svd(matrix)
    tolerance = max(matrix.shape) * np.finfo(float).eps * (singular[0] if singular.size else 0)
    rank = int((singular > tolerance).sum())
    null = vt[rank:].T  # columns span the null space
    if null.size == 0:
        return [cell for cell, _ in hidden_columns]
    return [cell for cell, j in hidden_columns if np.linalg.norm(null[j]) < 1e-9]
