"""Whole-network structure: density, reciprocity, components and single points of failure.

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
articulation points and bridges
    Organisations and ties whose removal splits a component (Hopcroft & Tarjan 1973), on the
    undirected version: the single points of failure of the cooperation.
cut-off counts
    How much the network falls apart without an articulation point or a bridge: the number
    of organisations that lose every connection to the largest remaining part of their
    component (for a bridge: the smaller of its two sides). One depth-first search, O(n + m).

References: S. Wasserman & K. Faust (1994), Social Network Analysis, Cambridge University
Press. – J. Hopcroft & R. Tarjan (1973), Efficient algorithms for graph manipulation, CACM 16,
372–378.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np

from praeventionsnetz.network.metrics.graph import (
    as_undirected,
    edge_arrays,
    is_reciprocated,
    vertex_ids,
)


@dataclass(frozen=True, eq=False)
class Components:
    count: int
    sizes: tuple[int, ...]  # largest first


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
    source, target = edge_arrays(g)
    return float(is_reciprocated(source, target, g.vcount()).mean())


def components(g: ig.Graph) -> Components:
    sizes = sorted(g.connected_components(mode="weak").sizes(), reverse=True)
    return Components(count=len(sizes), sizes=tuple(sizes))


def isolates(g: ig.Graph) -> tuple[str, ...]:
    ids = vertex_ids(g)
    return tuple(ids[i] for i in np.flatnonzero(np.asarray(g.degree()) == 0))


def articulation_points(g: ig.Graph) -> tuple[str, ...]:
    ids = vertex_ids(g)
    return tuple(ids[i] for i in sorted(as_undirected(g).articulation_points()))


def bridges(g: ig.Graph) -> tuple[tuple[str, str], ...]:
    """Ties whose removal splits a component, as id pairs (lower vertex index first)."""
    ids = vertex_ids(g)
    undirected = as_undirected(g)
    pairs = sorted(tuple(sorted(undirected.es[e].tuple)) for e in undirected.bridges())
    return tuple((ids[a], ids[b]) for a, b in pairs)


@dataclass(frozen=True, eq=False)
class CutOffs:
    points: dict[str, int]  # articulation point → organisations cut off without it
    bridges: dict[tuple[str, str], int]  # bridge (as in `bridges`) → organisations cut off


def cut_offs(g: ig.Graph) -> CutOffs:
    """Per articulation point and bridge (undirected version): how many organisations lose
    their connection to the largest remaining part of the component when it drops out.

    Tarjan's depth-first search, iterative: a child c of v whose subtree reaches nothing above
    v (low[c] ≥ disc[v]) is a part that v's removal separates; the rest of the component
    (without v) is one more part. A tree edge (v, c) with low[c] > disc[v] is a bridge whose
    sides have sub[c] and size − sub[c] organisations.
    """
    ids = vertex_ids(g)
    undirected = as_undirected(g)
    n = undirected.vcount()
    neighbours = undirected.get_adjlist()
    disc = [-1] * n
    low = [0] * n
    sub = [1] * n
    parent = [-1] * n
    points: dict[str, int] = {}
    bridge_sides: dict[tuple[int, int], int] = {}
    clock = 0
    for root in range(n):
        if disc[root] >= 0:
            continue
        order: list[int] = []  # vertices of this component in discovery order
        disc[root] = low[root] = clock
        clock += 1
        order.append(root)
        stack = [(root, iter(neighbours[root]))]
        while stack:
            v, rest = stack[-1]
            for w in rest:
                if disc[w] < 0:
                    parent[w] = v
                    disc[w] = low[w] = clock
                    clock += 1
                    order.append(w)
                    stack.append((w, iter(neighbours[w])))
                    break
                if w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
            else:
                stack.pop()
                p = parent[v]
                if p >= 0:
                    sub[p] += sub[v]
                    if low[v] < low[p]:
                        low[p] = low[v]
        size = len(order)
        for v in order:
            split = [sub[c] for c in neighbours[v] if parent[c] == v and low[c] >= disc[v]]
            if (v == root and len(split) < 2) or (v != root and not split):
                continue
            parts = split if v == root else [*split, size - 1 - sum(split)]
            points[ids[v]] = size - 1 - max(parts)
        for c in order:
            p = parent[c]
            if p >= 0 and low[c] > disc[p]:
                bridge_sides[(min(p, c), max(p, c))] = min(sub[c], size - sub[c])
    return CutOffs(
        points=points,
        bridges={(ids[a], ids[b]): count for (a, b), count in sorted(bridge_sides.items())},
    )
