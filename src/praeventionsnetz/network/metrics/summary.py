"""Every measure of one network in a JSON-serialisable dict, for pages and the command."""

from __future__ import annotations

from typing import Any

import igraph as ig

from praeventionsnetz.network.metrics.centrality import (
    betweenness,
    degree_centralization,
    degrees,
    eigenvector,
)
from praeventionsnetz.network.metrics.graph import none_if_nan, vertex_ids
from praeventionsnetz.network.metrics.groups import brokerage, ei_index
from praeventionsnetz.network.metrics.structure import (
    articulation_points,
    bridges,
    components,
    density,
    isolates,
    reciprocity,
)


def network_summary(g: ig.Graph, group_by: str | None = None) -> dict[str, Any]:
    """All measures as a JSON-serialisable dict (None where undefined or without grouping).

    Keys: directed, group_by, n_nodes, n_ties, density, reciprocity, components,
    component_sizes, isolates, degree_centralization, cross_group_share, ei_index,
    ei_index_by_group, articulation_points, bridges and nodes: per id (in the order of
    ``g.vs``) degree ({"in", "out", "total"}, undirected only "total"), betweenness,
    eigenvector, ei_index and brokerage (the five role counts).
    """
    ids = vertex_ids(g)
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
    node_ei = [none_if_nan(v) for v in ei.by_node.tolist()] if ei else [None] * len(ids)
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
