"""How much the network falls apart without an organisation or a tie, against brute force."""

import random

import igraph as ig
import pandas as pd
import pytest

from praeventionsnetz.network.metrics.graph import graph_from_ties
from praeventionsnetz.network.metrics.structure import articulation_points, bridges, cut_offs


def brute_force(g: ig.Graph) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Remove each articulation point / bridge and count who leaves the largest part."""
    u = g.as_undirected(mode="collapse") if g.is_directed() else g
    names = u.vs["name"]
    membership = u.connected_components().membership
    points = {}
    for node in articulation_points(g):
        v = names.index(node)
        component = [i for i in range(u.vcount()) if membership[i] == membership[v] and i != v]
        rest = u.induced_subgraph(component)
        points[node] = len(component) - max(rest.connected_components().sizes())
    cut = {}
    for a, b in bridges(g):
        h = u.copy()
        h.delete_edges([(names.index(a), names.index(b))])
        sizes = h.connected_components().membership
        side_a = sum(1 for m in sizes if m == sizes[names.index(a)])
        side_b = sum(1 for m in sizes if m == sizes[names.index(b)])
        cut[(a, b)] = min(side_a, side_b)
    return points, cut


def test_a_hub_with_two_arms():
    # a – hub – b, hub – c – d – e, and a separate pair x – y.
    edges = [("a", "hub"), ("hub", "b"), ("hub", "c"), ("c", "d"), ("d", "e"), ("x", "y")]
    g = graph_from_ties(pd.DataFrame(edges, columns=["source", "target"]), directed=True)
    found = cut_offs(g)
    # Without the hub, the arm c–d–e (3) stays the largest part: a and b are cut off.
    assert found.points == {"hub": 2, "c": 2, "d": 1}
    assert found.bridges[("a", "hub")] == 1
    assert found.bridges[("hub", "c")] == 3
    assert found.bridges[("x", "y")] == 1


@pytest.mark.parametrize("seed", range(12))
def test_cut_offs_agree_with_removing_each_one(seed):
    rng = random.Random(seed)
    n = rng.randint(5, 60)
    edges = set()
    for _ in range(rng.randint(n // 2, 2 * n)):
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            edges.add((str(a), str(b)))
    nodes = pd.DataFrame({"id": [str(i) for i in range(n)]})
    g = graph_from_ties(
        pd.DataFrame(sorted(edges), columns=["source", "target"]), nodes=nodes, directed=True
    )
    points, cut = brute_force(g)
    found = cut_offs(g)
    assert found.points == points
    assert found.bridges == cut
