"""Ties within and across groups (sector, level): the E-I index and Gould–Fernandez brokerage.

cross-group share and E-I index
    For a grouping attribute (sector, level): E ties between different groups, I ties within
    a group; share E / (E + I) and Krackhardt & Stern's (1988) E-I index (E − I) / (E + I),
    from −1 (only ties within the groups: "Versäulung") to +1 (only across). Directed graphs
    count every directed tie, so a reciprocated tie counts twice. Ties with an organisation
    without group value are left out. Per organisation: its own ties (in and out). Per group:
    E = ties with exactly one end in the group, I = ties with both ends in it, each counted
    once. None where E + I = 0. Note that the index depends on group sizes (a small group can
    hardly have many internal ties); compare groups of similar size or over time.
brokerage
    Gould & Fernandez (1989): for broker B, every two-path A → B → C with A ≠ C and no tie
    A → C, classified by the groups of A, B and C: coordinator (all three in one group),
    itinerant or consultant (A and C in one group, B in another), gatekeeper (B and C in one
    group, A outside: B lets the outside into its group), representative (A and B in one
    group, C outside: B speaks for its group) and liaison (three different groups). An
    undirected graph counts every tie as reciprocal, so each open path A – B – C counts in
    both directions (a representative path one way is a gatekeeper path the other way).
    Paths through an organisation without group value are left out; a broker without group
    value gets no counts (None in the summary). Counts are raw, not normalised against a
    random expectation.

References: D. Krackhardt & R. N. Stern (1988), Informal networks and organizational crises,
Social Psychology Quarterly 51, 123–140. – R. V. Gould & R. M. Fernandez (1989), Structures
of mediation: a formal approach to brokerage in transaction networks, Sociological
Methodology 19, 89–126.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np
import pandas as pd
from scipy import sparse

from praeventionsnetz.core.text import Message, gettext_noop
from praeventionsnetz.network.metrics.graph import (
    NetworkInputError,
    arcs,
    edge_arrays,
    is_reciprocated,
    natural_key,
    none_if_nan,
    quoted,
)

ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")


@dataclass(frozen=True, eq=False)
class EIIndex:
    """Krackhardt & Stern's E-I index of a grouping: whole network, per node, per group."""

    external: int
    internal: int
    value: float | None
    by_node: np.ndarray  # float, NaN where undefined (no grouped ties, node without group)
    by_group: dict[str, float | None]

    @property
    def cross_group_share(self) -> float | None:
        ties = self.external + self.internal
        return self.external / ties if ties else None


@dataclass(frozen=True, eq=False)
class Brokerage:
    """Gould–Fernandez role counts per node (arrays in the order of ``g.vs``)."""

    coordinator: np.ndarray
    itinerant: np.ndarray
    gatekeeper: np.ndarray
    representative: np.ndarray
    liaison: np.ndarray
    grouped: np.ndarray  # bool: the node has a group value (otherwise all counts are 0)

    def for_node(self, index: int) -> dict[str, int] | None:
        if not self.grouped[index]:
            return None
        return {role: int(getattr(self, role)[index]) for role in ROLES}


def group_codes(g: ig.Graph, attribute: str) -> tuple[np.ndarray, list[str]]:
    """Group number per vertex (−1: no value) and the group labels (as text, sorted)."""
    if attribute not in g.vs.attributes():
        available = tuple(quoted(a) for a in g.vs.attributes() if a != "name")
        if not available:
            raise NetworkInputError(
                Message(
                    gettext_noop("There is no attribute “%(attribute)s” (available: none)."),
                    {"attribute": attribute},
                )
            )
        raise NetworkInputError(
            Message(
                gettext_noop("There is no attribute “%(attribute)s” (available: %(available)s)."),
                {"attribute": attribute, "available": available},
            )
        )
    values = pd.Series(g.vs[attribute], dtype=object)
    missing = values.isna() | (values.astype(str).str.strip() == "")
    labels = values.astype(str)
    categories = sorted(set(labels[~missing]), key=natural_key)
    codes = pd.Categorical(labels.where(~missing), categories=categories).codes
    return np.asarray(codes, dtype=np.int64), categories


def ei_index(g: ig.Graph, attribute: str) -> EIIndex:
    """Krackhardt & Stern's E-I index over all ties, per node and per group."""
    codes, labels = group_codes(g, attribute)
    source, target = edge_arrays(g)
    n = g.vcount()
    valid = (codes[source] >= 0) & (codes[target] >= 0)
    source, target = source[valid], target[valid]
    internal = codes[source] == codes[target]
    external = ~internal

    # Per node: every tie counts at both ends.
    node_e = np.bincount(source[external], minlength=n) + np.bincount(target[external], minlength=n)
    node_i = np.bincount(source[internal], minlength=n) + np.bincount(target[internal], minlength=n)
    by_node = _ei(node_e, node_i)
    by_node[codes < 0] = np.nan

    # Per group: an external tie touches two groups, an internal one only its own, once.
    k = len(labels)
    group_e = np.bincount(codes[source[external]], minlength=k) + np.bincount(
        codes[target[external]], minlength=k
    )
    group_i = np.bincount(codes[source[internal]], minlength=k)
    by_group = {
        label: none_if_nan(value)
        for label, value in zip(labels, _ei(group_e, group_i), strict=True)
    }
    e, i = int(external.sum()), int(internal.sum())
    return EIIndex(
        external=e,
        internal=i,
        value=(e - i) / (e + i) if e + i else None,
        by_node=by_node,
        by_group=by_group,
    )


def cross_group_share(g: ig.Graph, attribute: str) -> float | None:
    """Share of ties between organisations of different groups (ties without group left out)."""
    return ei_index(g, attribute).cross_group_share


def brokerage(g: ig.Graph, attribute: str) -> Brokerage:
    """Gould–Fernandez brokerage roles of every node, vectorised.

    For broker B with group b, let IN_a and OUT_c be the numbers of its in- and
    out-neighbours in groups a and c. Then IN_a · OUT_c counts all two-paths A → B → C with
    A in a and C in c, including the returning ones (A = C, a mutual tie) and the closed ones
    (A → C present), which are subtracted: returning paths from the mutual ties of B, closed
    paths from three sparse products A_xᵀ A_y evaluated on the ties B → C (common
    in-neighbours of B and C, all or only those in the group of B or of C). The role sums
    only need IN and OUT in the group of B, in total and Σ_a IN_a · OUT_a, so nothing grows
    with the square of the number of groups.
    """
    codes, _labels = group_codes(g, attribute)
    n = g.vcount()
    source, target = arcs(g)
    grouped = codes >= 0
    zeros = np.zeros(n, dtype=np.int64)
    if not len(source) or not grouped.any():
        return Brokerage(*(zeros.copy() for _ in ROLES), grouped=grouped)

    src_group, tgt_group = codes[source], codes[target]
    both = (src_group >= 0) & (tgt_group >= 0)
    within = both & (src_group == tgt_group)

    def count(at: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.bincount(at[mask], minlength=n).astype(np.int64)

    # In- and out-neighbours of B: with a group at all (t) and in B's group (s).
    in_t = count(target, src_group >= 0)
    in_s = count(target, within)
    out_t = count(source, tgt_group >= 0)
    out_s = count(source, within)
    # Σ_a IN_a · OUT_a: pairs (A, C) in one group, through a sparse n × k count per side.
    k = int(codes.max()) + 1
    ones = np.ones(len(source), dtype=np.int64)
    valid_src, valid_tgt = src_group >= 0, tgt_group >= 0
    in_by_group = sparse.csr_array(
        (ones[valid_src], (target[valid_src], src_group[valid_src])), shape=(n, k)
    )
    out_by_group = sparse.csr_array(
        (ones[valid_tgt], (source[valid_tgt], tgt_group[valid_tgt])), shape=(n, k)
    )
    same_pairs = np.asarray(in_by_group.multiply(out_by_group).sum(axis=1)).ravel()
    same_pairs = same_pairs.astype(np.int64)

    # Returning paths A → B → A: the mutual ties of B (A's group equals C's group).
    mutual = is_reciprocated(source, target, n)
    ret_t = count(target, mutual & valid_src)
    ret_s = count(target, mutual & within)

    # Closed paths A → B → C with A → C: per tie B → C, common in-neighbours A of B and C.
    def adjacency(mask: np.ndarray) -> sparse.csr_array:
        return sparse.csr_array(
            (ones[mask], (source[mask], target[mask])), shape=(n, n), dtype=np.int64
        )

    full = adjacency(np.ones(len(source), dtype=bool))
    from_grouped = adjacency(valid_src)
    in_group = adjacency(within)
    ties_bc = both  # B → C with both in a group; other paths are not classified at all
    b, c = source[ties_bc], target[ties_bc]
    closed_all = _values_at(from_grouped.T @ full, b, c)  # A has a group
    closed_like_b = _values_at(in_group.T @ full, b, c)  # A in B's group
    closed_like_c = _values_at(from_grouped.T @ in_group, b, c)  # A in C's group
    bc_same = src_group[ties_bc] == tgt_group[ties_bc]

    def per_broker(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.bincount(b[mask], weights=values[mask], minlength=n).astype(np.int64)

    closed_coordinator = per_broker(closed_like_b, bc_same)
    closed_gatekeeper = per_broker(closed_all - closed_like_b, bc_same)
    closed_representative = per_broker(closed_like_b, ~bc_same)
    closed_itinerant = per_broker(closed_like_c, ~bc_same)
    closed_liaison = per_broker(closed_all - closed_like_b - closed_like_c, ~bc_same)

    same_same = in_s * out_s
    coordinator = same_same - ret_s - closed_coordinator
    itinerant = (same_pairs - same_same) - (ret_t - ret_s) - closed_itinerant
    representative = in_s * (out_t - out_s) - closed_representative
    gatekeeper = (in_t - in_s) * out_s - closed_gatekeeper
    liaison = (in_t - in_s) * (out_t - out_s) - (same_pairs - same_same) - closed_liaison
    roles = [coordinator, itinerant, gatekeeper, representative, liaison]
    for role in roles:
        role[~grouped] = 0
    return Brokerage(*roles, grouped=grouped)


def _values_at(matrix: sparse.csr_array, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    if not len(rows):
        return np.zeros(0)
    return np.asarray(matrix[rows, cols], dtype=float).ravel()


def _ei(external: np.ndarray, internal: np.ndarray) -> np.ndarray:
    total = external + internal
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (external - internal) / total, np.nan)
