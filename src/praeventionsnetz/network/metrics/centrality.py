"""Who is central: degree, betweenness and eigenvector per organisation, and centralisation.

degree centralisation
    Freeman (1979): Σ (d_max − d_i) divided by its largest possible value, reached by a star.
    Undirected: (n−1)(n−2), so a star is 1 and a regular graph 0. Directed, ``mode="all"``
    (the default and the figure in the summary): the same formula on the undirected version,
    because which side of a tie reported it is partly chance; a hub that everybody names,
    or that names everybody, is a perfect star either way. ``mode="in"``/``"out"``: on in- or
    out-degrees divided by (n−1)², the directed maximum (Wasserman & Faust 1994, 5.3.1; igraph
    ``centralization_degree(loops=False)``). None for fewer than 3 (``all``) or 2 nodes.
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

References: L. C. Freeman (1979), Centrality in social networks: conceptual clarification,
Social Networks 1, 215–239. – P. Bonacich (1972), Factoring and weighting approaches to status
scores and clique identification, J. Math. Sociology 2, 113–120. – S. Wasserman & K. Faust
(1994), Social Network Analysis, Cambridge University Press. – U. Brandes (2001), A faster
algorithm for betweenness centrality, J. Math. Sociology 25, 163–177.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import igraph as ig
import numpy as np

from praeventionsnetz.network.metrics.graph import as_undirected

DegreeMode = Literal["all", "in", "out"]


@dataclass(frozen=True, eq=False)
class Degrees:
    indegree: np.ndarray
    outdegree: np.ndarray
    total: np.ndarray


def degree_centralization(g: ig.Graph, mode: DegreeMode = "all") -> float | None:
    """Freeman degree centralisation; see the module docstring for the directed variants."""
    n = g.vcount()
    if mode == "all" or not g.is_directed():
        if n < 3:
            return None
        degree = np.asarray(as_undirected(g).degree())
        maximum = (n - 1) * (n - 2)
    else:
        if n < 2:
            return None
        degree = np.asarray(g.degree(mode=mode))
        maximum = (n - 1) ** 2
    return float((degree.max() - degree).sum() / maximum)


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
        values = np.asarray(as_undirected(g).eigenvector_centrality(scale=True), dtype=float)
    # ARPACK leaves rounding noise (±1e-17) where the exact value is 0.
    values[np.abs(values) < 1e-12] = 0.0
    return values
