"""Measures of a cooperation network: whole network, per organisation, between two waves.

Pure functions over an :class:`igraph.Graph` whose vertices carry the organisation ids as the
``name`` attribute (strings) and any further attributes (sector, level, …); build one with
:func:`graph_from_ties`. No Django import, so the module serves management commands,
services, notebooks and benchmarks alike.

Ties are reported by one side (reporter → partner). A *directed* graph keeps the direction
and so knows reciprocated from one-sided ties; an *undirected* graph treats every tie as
mutual. Duplicate reports of the same tie are merged and self-ties dropped, so every measure
sees a simple graph (weights of merged ties: the maximum, as UCINET's default symmetrising;
intensities are ordinal scores, a sum would count a tie twice because both sides reported it).
All measures are binary: a tie exists or not. Weights are stored on the edges (attribute
``weight``) for display only; ordinal frequency or trust scores are no distances.

Per-node results are numpy arrays in the order of ``g.vs``; whole-network figures are floats
or ``None`` where the measure is undefined (too few nodes or ties), never NaN, so that
:func:`network_summary` stays valid JSON.

Whole network
-------------
density
    Ties present / ties possible: m / (n(n−1)) directed, m / (n(n−1)/2) undirected
    (Wasserman & Faust 1994, 4.3). None for n < 2.
reciprocity
    Share of directed ties whose reverse tie is also reported: 2·mutual pairs / m
    (Wasserman & Faust 1994, 13.2; igraph ``reciprocity()`` default, NetworkX
    ``overall_reciprocity``). Directed only: an undirected graph carries no information on
    reciprocation, so it gets None rather than igraph's 1.0, which would read as "perfectly
    mutual". None without ties.
components
    Number and sizes of the connected components, weakly connected for directed graphs (a tie
    connects two organisations whichever side reported it). Isolates: organisations without
    any tie, including those only listed in the node table.
degree centralisation
    Freeman (1979): Σ (d_max − d_i) divided by its largest possible value, reached by a star.
    Undirected: (n−1)(n−2), so a star is 1 and a regular graph 0. Directed, ``mode="all"``
    (the default and the figure in the summary): the same formula on the undirected version,
    because which side of a tie reported it is partly chance; a hub that everybody names,
    or that names everybody, is a perfect star either way. ``mode="in"``/``"out"``: on in- or
    out-degrees divided by (n−1)², the directed maximum (Wasserman & Faust 1994, 5.3.1; igraph
    ``centralization_degree(loops=False)``). None for fewer than 3 (``all``) or 2 nodes.
articulation points and bridges
    Organisations and ties whose removal splits a component (Hopcroft & Tarjan 1973), on the
    undirected version: the single points of failure of the cooperation.
cross-group share and E-I index
    For a grouping attribute (sector, level): E ties between different groups, I ties within
    a group; share E / (E + I) and Krackhardt & Stern's (1988) E-I index (E − I) / (E + I),
    from −1 (only ties within the groups: "Versäulung") to +1 (only across). Directed graphs
    count every directed tie, so a reciprocated tie counts twice. Ties with an organisation
    without group value are left out. Per organisation: its own ties (in and out). Per group:
    E = ties with exactly one end in the group, I = ties with both ends in it, each counted
    once. None where E + I = 0. Note that the index depends on group sizes (a small group can
    hardly have many internal ties); compare groups of similar size or over time.

Per organisation
----------------
degree
    In-, out- and total (in + out) degree; undirected graphs: all three are the degree.
betweenness
    Brandes (2001) shortest-path betweenness (directed paths in a directed graph), normalised
    as NetworkX ``betweenness_centrality(normalized=True)``: divided by (n−1)(n−2)/2
    undirected and (n−1)(n−2) directed, the number of pairs of other organisations, so 1 is
    "on every shortest path between everybody else". 0 for n < 3.
eigenvector
    Bonacich (1972): the leading eigenvector of the adjacency matrix, scaled so its maximum is
    1 (as igraph; NetworkX scales to unit Euclidean norm instead). Always on the undirected
    version: in a directed graph every organisation that no cycle reaches would get 0, and
    reports are one-sided by design. In a disconnected graph organisations outside the
    component with the largest eigenvalue get (about) 0. All 0 in a graph without ties.
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

Change between waves
--------------------
:func:`compare_waves` matches organisations by id: ties gained and lost (id pairs; sorted
pairs when undirected), organisations joined and left, and before/after/delta of the whole
network figures.

References: L. C. Freeman (1979), Centrality in social networks: conceptual clarification,
Social Networks 1, 215–239. – P. Bonacich (1972), Factoring and weighting approaches to status
scores and clique identification, J. Math. Sociology 2, 113–120. – D. Krackhardt & R. N.
Stern (1988), Informal networks and organizational crises, Social Psychology Quarterly 51,
123–140. – R. V. Gould & R. M. Fernandez (1989), Structures of mediation: a formal approach
to brokerage in transaction networks, Sociological Methodology 19, 89–126. – S. Wasserman &
K. Faust (1994), Social Network Analysis, Cambridge University Press. – U. Brandes (2001), A
faster algorithm for betweenness centrality, J. Math. Sociology 25, 163–177. – J. Hopcroft &
R. Tarjan (1973), Efficient algorithms for graph manipulation, CACM 16, 372–378.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import igraph as ig
import numpy as np
import pandas as pd
from scipy import sparse

ID_COLUMN = "id"
SOURCE_COLUMN = "source"
TARGET_COLUMN = "target"
WEIGHT_ATTRIBUTE = "weight"
ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")
# Ids named in an error message; the rest is summarised as "… (n weitere)".
MAX_EXAMPLES = 10

DegreeMode = Literal["all", "in", "out"]


class NetworkInputError(ValueError):
    """Ties or node table unusable (missing column, unknown id, …); the message is German."""


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, eq=False)
class Components:
    count: int
    sizes: tuple[int, ...]  # largest first


@dataclass(frozen=True, eq=False)
class Degrees:
    indegree: np.ndarray
    outdegree: np.ndarray
    total: np.ndarray


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


@dataclass(frozen=True)
class Change:
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, eq=False)
class WaveComparison:
    ties_gained: tuple[tuple[str, str], ...]
    ties_lost: tuple[tuple[str, str], ...]
    nodes_joined: tuple[str, ...]
    nodes_left: tuple[str, ...]
    changes: Mapping[str, Change]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ties_gained": [list(pair) for pair in self.ties_gained],
            "ties_lost": [list(pair) for pair in self.ties_lost],
            "nodes_joined": list(self.nodes_joined),
            "nodes_left": list(self.nodes_left),
            "changes": {
                name: {"before": c.before, "after": c.after, "delta": c.delta}
                for name, c in self.changes.items()
            },
        }


# ---------------------------------------------------------------------------------------------
# Building


def graph_from_ties(
    ties: pd.DataFrame,
    nodes: pd.DataFrame | None = None,
    directed: bool = False,
    weight: str | None = None,
) -> ig.Graph:
    """A simple graph from an edge list (columns source, target) and an optional node table.

    ``weight`` names a numeric column of ``ties`` stored as edge attribute ``weight``. The node
    table has a column ``id`` and any attribute columns, which become vertex attributes
    (missing values: None); its organisations are kept even without a tie. Every id in the
    ties must then be in the node table (NetworkInputError otherwise: an unknown id is almost
    always a typo or a lost leading zero, and a node without attributes would distort the
    group measures). Ids are compared as strings. Vertex order: the node table, or the ids in
    order of first appearance in the ties.
    """
    required = [SOURCE_COLUMN, TARGET_COLUMN] + ([weight] if weight else [])
    _require_columns(ties, required, "Verbindungstabelle")
    source = _id_strings(ties[SOURCE_COLUMN], "Verbindungstabelle", SOURCE_COLUMN)
    target = _id_strings(ties[TARGET_COLUMN], "Verbindungstabelle", TARGET_COLUMN)

    if nodes is not None:
        _require_columns(nodes, [ID_COLUMN], "Knotentabelle")
        ids = _id_strings(nodes[ID_COLUMN], "Knotentabelle", ID_COLUMN)
        duplicated = sorted(set(ids[pd.Series(ids).duplicated().to_numpy()]))
        if duplicated:
            raise NetworkInputError(
                f"In der Knotentabelle kommt die Kennung mehrfach vor: {_examples(duplicated)}."
            )
        index = pd.Index(ids)
        source_codes, target_codes = index.get_indexer(source), index.get_indexer(target)
        unknown = sorted(
            set(source[source_codes < 0]).union(target[target_codes < 0]), key=_natural
        )
        if unknown:
            raise NetworkInputError(
                "Die Verbindungstabelle nennt Kennungen, die in der Knotentabelle fehlen: "
                f"{_examples(unknown)}."
            )
    else:
        # Interleaved, so the order is that of reading the ties row by row.
        codes, index = pd.factorize(np.column_stack([source, target]).ravel())
        source_codes, target_codes = codes[0::2], codes[1::2]
        ids = np.asarray(index, dtype=object)

    frame = pd.DataFrame({"s": source_codes, "t": target_codes})
    if weight:
        values = pd.to_numeric(ties[weight], errors="coerce").to_numpy(dtype=float)
        bad = np.isnan(values)
        if bad.any():
            raise NetworkInputError(
                f"Ungültige Zahl in der Spalte „{weight}“ der Verbindungstabelle "
                f"({_examples([str(v) for v in ties[weight].to_numpy()[bad]])})."
            )
        frame["w"] = values
    frame = frame[frame["s"] != frame["t"]]  # an organisation does not cooperate with itself
    if not directed:
        # Undirected: A–B and B–A are one tie; order each pair before merging duplicates.
        low = np.minimum(frame["s"].to_numpy(), frame["t"].to_numpy())
        high = np.maximum(frame["s"].to_numpy(), frame["t"].to_numpy())
        frame = frame.assign(s=low, t=high)
    if weight:
        frame = frame.groupby(["s", "t"], as_index=False, sort=False)["w"].max()
    else:
        frame = frame.drop_duplicates(["s", "t"])

    g = ig.Graph(
        n=len(ids),
        edges=frame[["s", "t"]].to_numpy(dtype=np.int64).tolist(),
        directed=directed,
    )
    g.vs["name"] = [str(i) for i in ids]
    if weight:
        g.es[WEIGHT_ATTRIBUTE] = frame["w"].to_list()
    if nodes is not None:
        for column in nodes.columns:
            if column != ID_COLUMN:
                values = nodes[column].astype(object)
                g.vs[str(column)] = values.where(values.notna(), None).to_list()
    return g


# ---------------------------------------------------------------------------------------------
# Whole network


def density(g: ig.Graph) -> float | None:
    n = g.vcount()
    if n < 2:
        return None
    possible = n * (n - 1) if g.is_directed() else n * (n - 1) / 2
    return g.ecount() / possible


def reciprocity(g: ig.Graph) -> float | None:
    """Share of directed ties that are reciprocated; None if undirected or without ties."""
    if not g.is_directed() or g.ecount() == 0:
        return None
    source, target = _edge_arrays(g)
    return float(_is_reciprocated(source, target, g.vcount()).mean())


def components(g: ig.Graph) -> Components:
    sizes = sorted(g.connected_components(mode="weak").sizes(), reverse=True)
    return Components(count=len(sizes), sizes=tuple(sizes))


def isolates(g: ig.Graph) -> tuple[str, ...]:
    ids = _ids(g)
    return tuple(ids[i] for i in np.flatnonzero(np.asarray(g.degree()) == 0))


def degree_centralization(g: ig.Graph, mode: DegreeMode = "all") -> float | None:
    """Freeman degree centralisation; see the module docstring for the directed variants."""
    n = g.vcount()
    if mode == "all" or not g.is_directed():
        if n < 3:
            return None
        degree = np.asarray(_undirected(g).degree())
        maximum = (n - 1) * (n - 2)
    else:
        if n < 2:
            return None
        degree = np.asarray(g.degree(mode=mode))
        maximum = (n - 1) ** 2
    return float((degree.max() - degree).sum() / maximum)


def articulation_points(g: ig.Graph) -> tuple[str, ...]:
    ids = _ids(g)
    return tuple(ids[i] for i in sorted(_undirected(g).articulation_points()))


def bridges(g: ig.Graph) -> tuple[tuple[str, str], ...]:
    """Ties whose removal splits a component, as id pairs (lower vertex index first)."""
    ids = _ids(g)
    undirected = _undirected(g)
    pairs = sorted(tuple(sorted(undirected.es[e].tuple)) for e in undirected.bridges())
    return tuple((ids[a], ids[b]) for a, b in pairs)


def ei_index(g: ig.Graph, attribute: str) -> EIIndex:
    """Krackhardt & Stern's E-I index over all ties, per node and per group."""
    codes, labels = group_codes(g, attribute)
    source, target = _edge_arrays(g)
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
        label: _none_if_nan(value)
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


# ---------------------------------------------------------------------------------------------
# Per node


def degrees(g: ig.Graph) -> Degrees:
    if not g.is_directed():
        degree = np.asarray(g.degree(), dtype=np.int64)
        return Degrees(indegree=degree, outdegree=degree, total=degree)
    indegree = np.asarray(g.indegree(), dtype=np.int64)
    outdegree = np.asarray(g.outdegree(), dtype=np.int64)
    return Degrees(indegree=indegree, outdegree=outdegree, total=indegree + outdegree)


def betweenness(g: ig.Graph) -> np.ndarray:
    """Betweenness normalised as NetworkX (pairs of other nodes: (n−1)(n−2), /2 undirected)."""
    n = g.vcount()
    if n < 3:
        return np.zeros(n)
    # igraph counts unordered pairs in an undirected graph, ordered pairs in a directed one.
    pairs = (n - 1) * (n - 2) if g.is_directed() else (n - 1) * (n - 2) / 2
    return np.asarray(g.betweenness(directed=True), dtype=float) / pairs


def eigenvector(g: ig.Graph) -> np.ndarray:
    """Eigenvector centrality of the undirected version, maximum scaled to 1."""
    if g.ecount() == 0:
        return np.zeros(g.vcount())
    with warnings.catch_warnings():
        # igraph warns on disconnected graphs; the module docstring says what that means.
        warnings.simplefilter("ignore", RuntimeWarning)
        values = np.asarray(_undirected(g).eigenvector_centrality(scale=True), dtype=float)
    # ARPACK leaves rounding noise (±1e-17) where the exact value is 0.
    values[np.abs(values) < 1e-12] = 0.0
    return values


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
    source, target = _arcs(g)
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
    mutual = _is_reciprocated(source, target, n)
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


# ---------------------------------------------------------------------------------------------
# Waves and summary


def whole_network_figures(g: ig.Graph, group_by: str | None = None) -> dict[str, float | None]:
    """The figures compared between waves."""
    figures: dict[str, float | None] = {
        "nodes": g.vcount(),
        "ties": g.ecount(),
        "density": density(g),
        "reciprocity": reciprocity(g),
        "components": components(g).count,
        "isolates": len(isolates(g)),
        "degree_centralization": degree_centralization(g),
    }
    if group_by is not None:
        figures["ei_index"] = ei_index(g, group_by).value
    return figures


def compare_waves(g1: ig.Graph, g2: ig.Graph, group_by: str | None = None) -> WaveComparison:
    """What changed from wave 1 to wave 2, matching organisations by id."""
    if g1.is_directed() != g2.is_directed():
        raise NetworkInputError(
            "Die beiden Wellen lassen sich nicht vergleichen: eine ist gerichtet, die andere nicht."
        )
    ties1, ties2 = _tie_set(g1), _tie_set(g2)
    ids1, ids2 = set(_ids(g1)), set(_ids(g2))
    before = whole_network_figures(g1, group_by)
    after = whole_network_figures(g2, group_by)
    return WaveComparison(
        ties_gained=tuple(sorted(ties2 - ties1, key=_natural_pair)),
        ties_lost=tuple(sorted(ties1 - ties2, key=_natural_pair)),
        nodes_joined=tuple(sorted(ids2 - ids1, key=_natural)),
        nodes_left=tuple(sorted(ids1 - ids2, key=_natural)),
        changes={name: Change(before[name], after[name]) for name in before},
    )


def network_summary(g: ig.Graph, group_by: str | None = None) -> dict[str, Any]:
    """All measures as a JSON-serialisable dict (None where undefined or without grouping).

    Keys: directed, group_by, n_nodes, n_ties, density, reciprocity, components,
    component_sizes, isolates, degree_centralization, cross_group_share, ei_index,
    ei_index_by_group, articulation_points, bridges and nodes: per id (in the order of
    ``g.vs``) degree ({"in", "out", "total"}, undirected only "total"), betweenness,
    eigenvector, ei_index and brokerage (the five role counts).
    """
    ids = _ids(g)
    directed = g.is_directed()
    parts = components(g)
    degree = degrees(g)
    between = betweenness(g)
    eigen = eigenvector(g)
    ei = ei_index(g, group_by) if group_by is not None else None
    roles = brokerage(g, group_by) if group_by is not None else None

    nodes: dict[str, dict[str, Any]] = {}
    total, indegree, outdegree = degree.total.tolist(), degree.indegree.tolist(), None
    if directed:
        outdegree = degree.outdegree.tolist()
    between_list, eigen_list = between.tolist(), eigen.tolist()
    node_ei = [_none_if_nan(v) for v in ei.by_node.tolist()] if ei else [None] * len(ids)
    for i, node_id in enumerate(ids):
        node_degree = (
            {"in": indegree[i], "out": outdegree[i], "total": total[i]}
            if outdegree is not None
            else {"total": total[i]}
        )
        nodes[node_id] = {
            "degree": node_degree,
            "betweenness": between_list[i],
            "eigenvector": eigen_list[i],
            "ei_index": node_ei[i],
            "brokerage": roles.for_node(i) if roles else None,
        }
    return {
        "directed": directed,
        "group_by": group_by,
        "n_nodes": g.vcount(),
        "n_ties": g.ecount(),
        "density": density(g),
        "reciprocity": reciprocity(g),
        "components": parts.count,
        "component_sizes": list(parts.sizes),
        "isolates": list(isolates(g)),
        "degree_centralization": degree_centralization(g),
        "cross_group_share": ei.cross_group_share if ei else None,
        "ei_index": ei.value if ei else None,
        "ei_index_by_group": dict(ei.by_group) if ei else None,
        "articulation_points": list(articulation_points(g)),
        "bridges": [list(pair) for pair in bridges(g)],
        "nodes": nodes,
    }


# ---------------------------------------------------------------------------------------------
# Helpers


def group_codes(g: ig.Graph, attribute: str) -> tuple[np.ndarray, list[str]]:
    """Group number per vertex (−1: no value) and the group labels (as text, sorted)."""
    if attribute not in g.vs.attributes():
        available = ", ".join(f"„{a}“" for a in g.vs.attributes() if a != "name") or "keine"
        raise NetworkInputError(
            f"Das Merkmal „{attribute}“ gibt es nicht (vorhanden: {available})."
        )
    values = pd.Series(g.vs[attribute], dtype=object)
    missing = values.isna() | (values.astype(str).str.strip() == "")
    labels = values.astype(str)
    categories = sorted(set(labels[~missing]), key=_natural)
    codes = pd.Categorical(labels.where(~missing), categories=categories).codes
    return np.asarray(codes, dtype=np.int64), categories


def _ids(g: ig.Graph) -> list[str]:
    if "name" in g.vs.attributes():
        return [str(name) for name in g.vs["name"]]
    return [str(i) for i in range(g.vcount())]


def _edge_arrays(g: ig.Graph) -> tuple[np.ndarray, np.ndarray]:
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    return edges[:, 0], edges[:, 1]


def _arcs(g: ig.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Directed ties; an undirected tie becomes two, one each way."""
    source, target = _edge_arrays(g)
    if g.is_directed():
        return source, target
    return np.concatenate([source, target]), np.concatenate([target, source])


def _is_reciprocated(source: np.ndarray, target: np.ndarray, n: int) -> np.ndarray:
    """Per directed tie: is the reverse tie present? Integer keys instead of a set of pairs."""
    keys = source * n + target
    return np.isin(target * n + source, keys)


def _undirected(g: ig.Graph) -> ig.Graph:
    return g.as_undirected(mode="collapse") if g.is_directed() else g


def _values_at(matrix: sparse.csr_array, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    if not len(rows):
        return np.zeros(0)
    return np.asarray(matrix[rows, cols], dtype=float).ravel()


def _ei(external: np.ndarray, internal: np.ndarray) -> np.ndarray:
    total = external + internal
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (external - internal) / total, np.nan)


def _none_if_nan(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _tie_set(g: ig.Graph) -> set[tuple[str, str]]:
    ids = _ids(g)
    pairs = ((ids[s], ids[t]) for s, t in g.get_edgelist())
    if g.is_directed():
        return set(pairs)
    # Same pair in both waves even if the vertex order differs.
    return {(a, b) if _natural(a) <= _natural(b) else (b, a) for a, b in pairs}


def _natural(value: str) -> tuple[int, int, str]:
    """Sort key: numeric ids by number ("2" before "10"), then text."""
    stripped = value.strip()
    if stripped.isdigit():
        return (0, int(stripped), value)
    return (1, 0, value)


def _natural_pair(pair: tuple[str, str]) -> tuple[tuple[int, int, str], ...]:
    return (_natural(pair[0]), _natural(pair[1]))


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], table: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if len(missing) == 1:
        raise NetworkInputError(f"In der {table} fehlt die Spalte „{missing[0]}“.")
    if missing:
        names = ", ".join(f"„{c}“" for c in missing)
        raise NetworkInputError(f"In der {table} fehlen die Spalten {names}.")


def _id_strings(column: pd.Series, table: str, name: str) -> np.ndarray:
    values = column.astype(object)
    missing = values.isna() | (values.astype(str).str.strip() == "")
    if missing.any():
        rows = [str(i + 2) for i in np.flatnonzero(missing.to_numpy())]  # +2: header, 1-based
        raise NetworkInputError(
            f"In der {table} ist die Spalte „{name}“ leer (Zeile {_examples(rows)})."
        )
    return values.astype(str).str.strip().to_numpy(dtype=object)


def _examples(values: Sequence[str]) -> str:
    shown = ", ".join(values[:MAX_EXAMPLES])
    rest = len(values) - MAX_EXAMPLES
    return f"{shown} … ({rest} weitere)" if rest > 0 else shown
