"""Which areas are neighbours: contiguity weights from the area geometries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import shapely
from scipy import sparse
from shapely.geometry.base import BaseGeometry

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop

ContiguityKind = Literal["queen", "rook"]


@dataclass(frozen=True)
class SpatialWeights:
    """Binary contiguity weights: `matrix[i, j] == 1` when area j is a neighbour of i."""

    matrix: sparse.csr_array
    kind: str
    islands: tuple[int, ...]

    @property
    def n(self) -> int:
        return int(self.matrix.shape[0])

    @property
    def cardinalities(self) -> np.ndarray:
        """The number of neighbours of each area."""
        return np.diff(self.matrix.indptr)

    def neighbours(self, i: int) -> np.ndarray:
        """Positions of the neighbours of area i."""
        return self.matrix.indices[self.matrix.indptr[i] : self.matrix.indptr[i + 1]]

    def row_standardised(self) -> sparse.csr_array:
        return row_standardise(self.matrix)

    def subset(self, keep: Sequence[bool] | np.ndarray) -> SpatialWeights:
        """The weights among the kept areas only (e.g. those with a value); the positions
        change to those within the subset, and areas may become islands."""
        mask = np.asarray(keep, dtype=bool)
        if mask.shape != (self.n,):
            singular, plural = ngettext_noop(
                "The selection must have %(n)s entry, not %(size)s.",
                "The selection must have %(n)s entries, not %(size)s.",
            )
            raise ValueError(
                Message(singular, {"n": self.n, "size": mask.size}, plural=plural, count_param="n")
            )
        sub = sparse.csr_array(self.matrix[mask][:, mask])
        return SpatialWeights(matrix=sub, kind=self.kind, islands=islands_of(sub))


def contiguity_weights(
    geometries: Sequence[BaseGeometry],
    kind: ContiguityKind = "queen",
    *,
    tolerance: float = 0.0,
) -> SpatialWeights:
    """Binary queen or rook contiguity weights between (multi)polygons.

    `tolerance` (in the units of the coordinates, i.e. degrees for WGS84) lets areas count
    as touching across tiny digitising gaps; with 0 the geometries must really touch.
    Overlapping areas (slivers in imprecise data) count as neighbours under both kinds.
    """
    if kind not in ("queen", "rook"):
        raise ValueError(
            Message(
                gettext_noop("Unknown contiguity “%(kind)s”; allowed are queen and rook."),
                {"kind": kind},
            )
        )
    if tolerance < 0:
        raise ValueError(Message(gettext_noop("The tolerance must not be negative.")))
    geoms = np.asarray(list(geometries), dtype=object)
    n = len(geoms)
    if n == 0:
        raise ValueError(Message(gettext_noop("No areas were given.")))
    bad = [i for i, g in enumerate(geoms) if g is None or g.is_empty]
    if bad:
        raise ValueError(
            Message(
                gettext_noop("Areas without geometry at position %(positions)s."),
                {"positions": ", ".join(map(str, bad))},
            )
        )

    tree = shapely.STRtree(geoms)
    if tolerance > 0:
        left, right = tree.query(geoms, predicate="dwithin", distance=tolerance)
    else:
        left, right = tree.query(geoms, predicate="intersects")
    # Each unordered pair once; the matrix is symmetrised below.
    once = left < right
    left, right = left[once], right[once]

    if kind == "rook" and len(left):
        a, b = geoms[left], geoms[right]
        reach = shapely.buffer(b, tolerance) if tolerance > 0 else b
        # Length of a's boundary that lies on (or within reach of) b: an edge or an overlap
        # gives a positive length, a single corner point gives 0. With a tolerance a corner
        # contact also yields up to 2·tolerance of boundary, hence the margin.
        shared = shapely.length(shapely.intersection(shapely.boundary(a), reach))
        keep = shared > 4 * tolerance if tolerance > 0 else shared > 0
        left, right = left[keep], right[keep]

    rows = np.concatenate([left, right])
    cols = np.concatenate([right, left])
    matrix = sparse.csr_array(
        (np.ones(len(rows), dtype=float), (rows, cols)), shape=(n, n), dtype=float
    )
    matrix.sum_duplicates()
    matrix.sort_indices()
    return SpatialWeights(matrix=matrix, kind=kind, islands=islands_of(matrix))


def row_standardise(matrix: sparse.sparray | sparse.spmatrix | np.ndarray) -> sparse.csr_array:
    """Each row divided by its sum, so a spatial lag is the neighbours' mean; island rows
    stay zero (dividing them would give NaN)."""
    w = sparse.csr_array(matrix, dtype=float)
    sums = np.asarray(w.sum(axis=1)).ravel()
    scale = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums != 0)
    return sparse.csr_array(sparse.diags_array(scale) @ w)


def as_weights(
    weights: SpatialWeights | sparse.sparray | sparse.spmatrix | np.ndarray,
    n: int,
    standardise: bool,
) -> tuple[sparse.csr_array, tuple[int, ...]]:
    matrix = weights.matrix if isinstance(weights, SpatialWeights) else weights
    # A copy: the caller's matrix must not change under setdiag and sorting below.
    w = sparse.csr_array(matrix, dtype=float, copy=True)
    if w.shape != (n, n):
        singular, plural = ngettext_noop(
            "The neighbourhood matrix does not fit the values (%(size)s instead of %(n)s area).",
            "The neighbourhood matrix does not fit the values (%(size)s instead of %(n)s areas).",
        )
        raise ValueError(
            Message(singular, {"size": w.shape[0], "n": n}, plural=plural, count_param="n")
        )
    w.setdiag(0)  # an area is never its own neighbour
    w.eliminate_zeros()
    w.sort_indices()
    if standardise:
        w = row_standardise(w)
    return w, islands_of(w)


def islands_of(matrix: sparse.csr_array) -> tuple[int, ...]:
    return tuple(int(i) for i in np.flatnonzero(np.diff(matrix.indptr) == 0))
