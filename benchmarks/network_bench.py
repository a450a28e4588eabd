"""Benchmark of the network measures (praeventionsnetz.network.metrics) against two peers.

`network_metrics_5000`: a seeded synthetic prevention network of 5,000 organisations in the
seven sectors and 50,000 directed ties (reporter → partner): 60 % of the ties stay within the
reporter's sector (the "Versäulung" the measures are meant to show), partners are drawn with
heavy-tailed popularity (a few hubs such as the youth office), a quarter of the ties are
answered by a reverse tie, 300 small organisations report a single tie and are named by
nobody, and 20 are registered without any tie. Measured: building the graph from the tie
and node tables plus `network_summary(g, group_by="sector")` – every whole-network figure
and, per organisation, degree, betweenness, eigenvector centrality, E-I index and
Gould–Fernandez brokerage.

Peers, each doing the same work on the same tables in the same run:
- plain igraph (`network_metrics_5000`): the graph built straight from the factorised ids,
  igraph's own calls for density, reciprocity, components, isolates, degrees, betweenness
  (directed, exact), eigenvector centrality, articulation points and bridges, and the same
  vectorised E-I index and brokerage functions the engine uses (igraph has neither). The
  ratio is the price of the project's layer: input checks, attributes, the JSON summary.
- NetworkX (`network_metrics_5000_networkx`): DiGraph from the edge list, density, overall
  reciprocity, weakly connected components, isolates, Freeman degree centralisation by hand,
  exact betweenness_centrality (directed, normalised; about two minutes, so no k-sampling
  on either side), eigenvector_centrality of the undirected version, articulation_points
  and bridges, the E-I index by hand and Gould–Fernandez brokerage by Python loops over
  all two-paths.
Runs interleave: engine, plain igraph, engine, plain igraph, …; NetworkX once, between the
first two rounds (one run takes about two minutes). Reported: medians, seconds.

Agreement (the run exits non-zero otherwise): engine and plain igraph give the same
figures; engine and NetworkX the same figures, sets, per-node values and role counts, all
exact algorithms. Eigenvector centrality is checked against an exact solver instead:
scipy's eigsh (Lanczos, to machine precision) on the undirected adjacency matrix, scaled to
a maximum of 1. NetworkX's power iteration stops at a tolerance of its own (1e-6 summed over
all nodes); its distance from the exact vector is printed, not held against the engine.
"""

import statistics
import sys
import time
import warnings
from collections import Counter

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from benchlib import Result
from scipy import sparse
from scipy.sparse.linalg import eigsh

from praeventionsnetz.network.metrics.graph import graph_from_ties
from praeventionsnetz.network.metrics.groups import ROLES, brokerage, ei_index
from praeventionsnetz.network.metrics.summary import network_summary

ORGANISATIONS = 5_000
TIES = 50_000
SECTORS = (
    "health",
    "youth_welfare",
    "school",
    "administration",
    "civil_society",
    "employment",
    "other",
)
SECTOR_SHARES = (0.15, 0.25, 0.3, 0.08, 0.12, 0.04, 0.06)
WITHIN_SECTOR = 0.6
RECIPROCATED = 0.25
ISOLATED = 20
PERIPHERAL = 300
RUNS = 3
SEED = 20240611


def synthetic_network() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node table (id, sector) and exactly TIES distinct directed ties without self-ties."""
    rng = np.random.default_rng(SEED)
    ids = np.array([f"{i:05d}" for i in range(ORGANISATIONS)], dtype=object)
    sector = rng.choice(len(SECTORS), size=ORGANISATIONS, p=SECTOR_SHARES)
    # The first ISOLATED organisations are registered without any tie, the next PERIPHERAL
    # report a single tie and are named by nobody (articulation points and bridges).
    core = np.arange(ISOLATED + PERIPHERAL, ORGANISATIONS)
    popularity = np.zeros(ORGANISATIONS)
    popularity[core] = rng.pareto(1.5, len(core)) + 1.0
    members = [core[sector[core] == s] for s in range(len(SECTORS))]
    anyone = popularity / popularity.sum()

    keys: list[np.ndarray] = []
    unique = 0
    while unique < TIES - PERIPHERAL:
        batch = 20_000
        source = rng.choice(core, size=batch)
        target = rng.choice(ORGANISATIONS, size=batch, p=anyone)
        within = rng.random(batch) < WITHIN_SECTOR
        for s, group in enumerate(members):
            chosen = within & (sector[source] == s)
            weights = popularity[group] / popularity[group].sum()
            target[chosen] = rng.choice(group, size=int(chosen.sum()), p=weights)
        back = rng.random(batch) < RECIPROCATED
        source, target = (
            np.concatenate([source, target[back]]),
            np.concatenate([target, source[back]]),
        )
        keep = source != target
        keys.append(source[keep] * ORGANISATIONS + target[keep])
        unique = len(pd.unique(np.concatenate(keys)))
    peripheral = np.arange(ISOLATED, ISOLATED + PERIPHERAL)
    partners = rng.choice(core, size=PERIPHERAL)
    pairs = np.concatenate(
        [
            pd.unique(np.concatenate(keys))[: TIES - PERIPHERAL],
            peripheral * ORGANISATIONS + partners,
        ]
    )
    ties = pd.DataFrame(
        {"source": ids[pairs // ORGANISATIONS], "target": ids[pairs % ORGANISATIONS]}
    )
    nodes = pd.DataFrame({"id": ids, "sector": np.array(SECTORS, dtype=object)[sector]})
    return ties, nodes


def engine(ties: pd.DataFrame, nodes: pd.DataFrame) -> dict:
    g = graph_from_ties(ties, nodes, directed=True)
    return network_summary(g, group_by="sector")


def plain_igraph(ties: pd.DataFrame, nodes: pd.DataFrame) -> dict:
    """The same figures with igraph's own calls on a graph built straight from the ids."""
    ids = nodes["id"].to_numpy(dtype=object)
    index = pd.Index(ids)
    edges = np.column_stack([index.get_indexer(ties["source"]), index.get_indexer(ties["target"])])
    g = ig.Graph(n=len(ids), edges=edges.tolist(), directed=True)
    g.vs["sector"] = nodes["sector"].tolist()
    undirected = g.as_undirected(mode="collapse")
    n = g.vcount()
    degree = np.asarray(undirected.degree())
    pairs = (n - 1) * (n - 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # disconnected, as in the engine
        eigenvector = np.asarray(undirected.eigenvector_centrality(scale=True))
    ei = ei_index(g, "sector")
    roles = brokerage(g, "sector")
    return {
        "density": g.density(),
        "reciprocity": g.reciprocity(),
        "component_sizes": sorted(g.connected_components(mode="weak").sizes(), reverse=True),
        "isolates": {ids[i] for i in np.flatnonzero(np.asarray(g.degree()) == 0)},
        "degree_centralization": float((degree.max() - degree).sum() / pairs),
        "betweenness": np.asarray(g.betweenness(directed=True)) / pairs,
        "eigenvector": eigenvector,
        "articulation_points": {ids[i] for i in undirected.articulation_points()},
        "bridges": {frozenset(ids[list(undirected.es[e].tuple)]) for e in undirected.bridges()},
        "ei_index": ei.value,
        "in_out": (np.asarray(g.indegree()), np.asarray(g.outdegree())),
        "brokerage": roles,
    }


def networkx_baseline(ties: pd.DataFrame, nodes: pd.DataFrame) -> dict:
    """The same figures with NetworkX and plain Python loops."""
    graph = nx.DiGraph()
    graph.add_nodes_from(zip(nodes["id"], ({"sector": s} for s in nodes["sector"]), strict=True))
    graph.add_edges_from(zip(ties["source"], ties["target"], strict=True))
    undirected = graph.to_undirected()
    n = graph.number_of_nodes()
    group = nx.get_node_attributes(graph, "sector")

    degree = dict(undirected.degree())
    top = max(degree.values())
    centralization = sum(top - d for d in degree.values()) / ((n - 1) * (n - 2))

    external, internal = Counter(), Counter()
    group_external, group_internal = Counter(), Counter()
    for a, b in graph.edges():
        if group[a] == group[b]:
            internal[a] += 1
            internal[b] += 1
            group_internal[group[a]] += 1
        else:
            external[a] += 1
            external[b] += 1
            group_external[group[a]] += 1
            group_external[group[b]] += 1
    e, i = sum(external.values()) // 2, sum(internal.values()) // 2

    def ei(ext: int, int_: int) -> float | None:
        return (ext - int_) / (ext + int_) if ext + int_ else None

    roles = {v: dict.fromkeys(ROLES, 0) for v in graph}
    for b in graph:
        gb = group[b]
        for a in graph.pred[b]:
            ga = group[a]
            for c in graph.succ[b]:
                if c == a or graph.has_edge(a, c):
                    continue
                gc = group[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gb:
                    role = "representative"
                else:
                    role = "liaison"
                roles[b][role] += 1

    eigenvector = nx.eigenvector_centrality(undirected, max_iter=1000)
    return {
        "density": nx.density(graph),
        "reciprocity": nx.overall_reciprocity(graph),
        "component_sizes": sorted(
            (len(c) for c in nx.weakly_connected_components(graph)), reverse=True
        ),
        "isolates": set(nx.isolates(graph)),
        "degree_centralization": centralization,
        "betweenness": nx.betweenness_centrality(graph, normalized=True),
        "eigenvector": eigenvector,
        "articulation_points": set(nx.articulation_points(undirected)),
        "bridges": {frozenset(pair) for pair in nx.bridges(undirected)},
        "ei_index": ei(e, i),
        "ei_by_node": {v: ei(external[v], internal[v]) for v in graph},
        "ei_by_group": {s: ei(group_external[s], group_internal[s]) for s in set(group.values())},
        "degree": {v: (graph.in_degree(v), graph.out_degree(v)) for v in graph},
        "brokerage": roles,
    }


def exact_eigenvector(ties: pd.DataFrame, nodes: pd.DataFrame) -> dict:
    """Eigenvector centrality of the undirected version by scipy's eigsh, maximum 1."""
    index = pd.Index(nodes["id"])
    a, b = index.get_indexer(ties["source"]), index.get_indexer(ties["target"])
    n = len(index)
    matrix = sparse.coo_array((np.ones(2 * len(a)), (np.r_[a, b], np.r_[b, a])), shape=(n, n))
    matrix = matrix.tocsr()
    matrix.data[:] = 1.0  # A → B and B → A are one undirected tie
    _value, vector = eigsh(matrix, k=1, which="LA", tol=0)
    vector = np.abs(vector[:, 0])
    vector /= vector.max()
    vector[vector < 1e-12] = 0.0
    return dict(zip(nodes["id"], vector, strict=True))


def fail(what: str) -> None:
    sys.exit(f"network_metrics_5000: {what}")


def check_plain(ours: dict, plain: dict, ids: list[str]) -> None:
    """Engine and plain igraph compute the same figures."""
    for name in ("density", "reciprocity", "degree_centralization", "ei_index"):
        if not np.isclose(ours[name], plain[name], rtol=0, atol=1e-12):
            fail(f"engine and plain igraph differ in {name}")
    nodes = ours["nodes"]
    if ours["component_sizes"] != plain["component_sizes"]:
        fail("engine and plain igraph differ in the component sizes")
    if set(ours["isolates"]) != plain["isolates"]:
        fail("engine and plain igraph differ in the isolates")
    if set(ours["articulation_points"]) != plain["articulation_points"]:
        fail("engine and plain igraph differ in the articulation points")
    if {frozenset(pair) for pair in ours["bridges"]} != plain["bridges"]:
        fail("engine and plain igraph differ in the bridges")
    between = np.array([nodes[v]["betweenness"] for v in ids])
    if not np.allclose(between, plain["betweenness"], rtol=0, atol=1e-12):
        fail("engine and plain igraph differ in betweenness")
    eigen = np.array([nodes[v]["eigenvector"] for v in ids])
    if not np.allclose(eigen, plain["eigenvector"], rtol=0, atol=1e-9):
        fail("engine and plain igraph differ in eigenvector centrality")
    indegree, outdegree = plain["in_out"]
    if any(
        (nodes[v]["degree"]["in"], nodes[v]["degree"]["out"]) != (indegree[i], outdegree[i])
        for i, v in enumerate(ids)
    ):
        fail("engine and plain igraph differ in the degrees")
    roles = plain["brokerage"]
    if any(nodes[v]["brokerage"] != roles.for_node(i) for i, v in enumerate(ids)):
        fail("engine and plain igraph differ in the brokerage role counts")


def check_agreement(ours: dict, theirs: dict, exact: dict) -> None:
    """Engine and NetworkX agree on every exact figure; eigenvector centrality is checked
    against the exact solver (see the module docstring)."""

    def differ(what: str) -> None:
        fail(f"engine and NetworkX differ in {what}")

    for name in ("density", "reciprocity", "degree_centralization", "ei_index"):
        if not np.isclose(ours[name], theirs[name], rtol=0, atol=1e-12):
            differ(f"{name} ({ours[name]} vs {theirs[name]})")
    if ours["component_sizes"] != theirs["component_sizes"]:
        differ("the component sizes")
    if set(ours["isolates"]) != theirs["isolates"]:
        differ("the isolates")
    if set(ours["articulation_points"]) != theirs["articulation_points"]:
        differ("the articulation points")
    if {frozenset(pair) for pair in ours["bridges"]} != theirs["bridges"]:
        differ("the bridges")
    ids = list(ours["nodes"])
    nodes = ours["nodes"]
    between = np.array([nodes[v]["betweenness"] for v in ids])
    if not np.allclose(between, [theirs["betweenness"][v] for v in ids], rtol=0, atol=1e-12):
        differ("betweenness")
    reference = np.array([exact[v] for v in ids])
    eigen = np.array([nodes[v]["eigenvector"] for v in ids])
    worst = float(np.abs(eigen - reference).max())
    if worst > 1e-8:
        fail(f"eigenvector centrality is {worst:g} off the exact solver")
    power = np.array([theirs["eigenvector"][v] for v in ids])
    print(
        f"network_metrics_5000: eigenvector centrality off the exact solver by at most "
        f"{worst:.1e} (engine), {np.abs(power / power.max() - reference).max():.1e} (NetworkX's "
        "power iteration)",
        file=sys.stderr,
    )
    if any(
        (nodes[v]["degree"]["in"], nodes[v]["degree"]["out"]) != theirs["degree"][v] for v in ids
    ):
        differ("the degrees")
    for v in ids:
        a, b = nodes[v]["ei_index"], theirs["ei_by_node"][v]
        if (a is None) != (b is None) or (a is not None and not np.isclose(a, b, atol=1e-12)):
            differ(f"the E-I index of {v}")
    for s, value in theirs["ei_by_group"].items():
        if not np.isclose(ours["ei_index_by_group"][s], value, atol=1e-12):
            differ(f"the E-I index of the sector {s}")
    if any(nodes[v]["brokerage"] != theirs["brokerage"][v] for v in ids):
        differ("the brokerage role counts")


def timed(function, *args) -> tuple[float, dict]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def network_metrics_5000(_client=None) -> list[Result]:
    ties, nodes = synthetic_network()
    engine_times, plain_times, networkx_times = [], [], []
    for round_ in range(RUNS):
        seconds, ours = timed(engine, ties, nodes)
        engine_times.append(seconds)
        seconds, plain = timed(plain_igraph, ties, nodes)
        plain_times.append(seconds)
        if round_ == 0:
            seconds, theirs = timed(networkx_baseline, ties, nodes)
            networkx_times.append(seconds)
    print(
        f"network_metrics_5000: {ours['n_nodes']} organisations, {ours['n_ties']} ties, "
        f"reciprocity {ours['reciprocity']:.3f}, E-I {ours['ei_index']:.3f}; engine "
        + ", ".join(f"{s:.2f}" for s in engine_times)
        + " s; plain igraph "
        + ", ".join(f"{s:.2f}" for s in plain_times)
        + f" s; NetworkX {networkx_times[0]:.1f} s",
        file=sys.stderr,
    )
    check_plain(ours, plain, list(nodes["id"]))
    check_agreement(ours, theirs, exact_eigenvector(ties, nodes))
    print("network_metrics_5000: engine, plain igraph and NetworkX agree", file=sys.stderr)
    engine_median = statistics.median(engine_times)
    return [
        Result("network_metrics_5000", engine_median, "s", statistics.median(plain_times)),
        Result("network_metrics_5000_networkx", engine_median, "s", networkx_times[0]),
    ]


if __name__ == "__main__":
    import run

    for result in network_metrics_5000():
        print(run.format_result(result), flush=True)
