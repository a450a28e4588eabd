"""Benchmark of the network measures (praeventionsnetz.network.metrics) against NetworkX.

`network_metrics_5000`: a seeded synthetic prevention network of 5,000 organisations in the
seven sectors and 50,000 directed ties (reporter → partner): 60 % of the ties stay within the
reporter's sector (the "Versäulung" the measures are meant to show), partners are drawn with
heavy-tailed popularity (a few hubs such as the youth office), a quarter of the ties are
answered by a reverse tie, 300 small organisations report a single tie and are named by
nobody, and 20 are registered without any tie. Measured: building the graph from the tie
and node tables plus `network_summary(g, group_by="sector")` – every whole-network figure
and, per organisation, degree, betweenness, eigenvector centrality, E-I index and
Gould–Fernandez brokerage.

Baseline: NetworkX on the same tables in the same run – DiGraph from the edge list, density,
overall reciprocity, weakly connected components, isolates, Freeman degree centralisation by
hand from the degrees of the undirected version, exact betweenness_centrality (directed,
normalised; about two minutes, so no k-sampling on either side), eigenvector_centrality of
the undirected version, articulation_points and bridges of the undirected version, the E-I
index (whole, per node, per group) by hand and Gould–Fernandez brokerage by Python loops over
all two-paths. Both results must agree (figures, sets, per-node values and role counts);
otherwise the run exits non-zero.

Reported: the median of 3 runs of the engine and of 1 run of the baseline (one baseline run
takes about two minutes; its run-to-run noise is small against a ratio of dozens), seconds.
"""

import statistics
import sys
import time
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd
from benchlib import Result

from praeventionsnetz.network.metrics.graph import graph_from_ties
from praeventionsnetz.network.metrics.groups import ROLES
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
BASELINE_RUNS = 1
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


def check_agreement(ours: dict, theirs: dict) -> None:
    def fail(what: str) -> None:
        sys.exit(f"network_metrics_5000: engine and NetworkX differ in {what}")

    for name in ("density", "reciprocity", "degree_centralization", "ei_index"):
        if not np.isclose(ours[name], theirs[name], rtol=0, atol=1e-12):
            fail(f"{name} ({ours[name]} vs {theirs[name]})")
    if ours["component_sizes"] != theirs["component_sizes"]:
        fail("the component sizes")
    if set(ours["isolates"]) != theirs["isolates"]:
        fail("the isolates")
    if set(ours["articulation_points"]) != theirs["articulation_points"]:
        fail("the articulation points")
    if {frozenset(pair) for pair in ours["bridges"]} != theirs["bridges"]:
        fail("the bridges")
    ids = list(ours["nodes"])
    nodes = ours["nodes"]
    between = np.array([nodes[v]["betweenness"] for v in ids])
    if not np.allclose(between, [theirs["betweenness"][v] for v in ids], rtol=0, atol=1e-12):
        fail("betweenness")
    # NetworkX scales to unit length and stops its power iteration at a tolerance of 1e-6.
    reference = np.array([theirs["eigenvector"][v] for v in ids])
    eigen = np.array([nodes[v]["eigenvector"] for v in ids])
    worst = np.abs(eigen - reference / reference.max()).max()
    if worst > 1e-4:
        fail(f"eigenvector centrality (up to {worst:g})")
    if any(
        (nodes[v]["degree"]["in"], nodes[v]["degree"]["out"]) != theirs["degree"][v] for v in ids
    ):
        fail("the degrees")
    for v in ids:
        a, b = nodes[v]["ei_index"], theirs["ei_by_node"][v]
        if (a is None) != (b is None) or (a is not None and not np.isclose(a, b, atol=1e-12)):
            fail(f"the E-I index of {v}")
    for s, value in theirs["ei_by_group"].items():
        if not np.isclose(ours["ei_index_by_group"][s], value, atol=1e-12):
            fail(f"the E-I index of the sector {s}")
    if any(nodes[v]["brokerage"] != theirs["brokerage"][v] for v in ids):
        fail("the brokerage role counts")


def timed(function, *args) -> tuple[float, dict]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def network_metrics_5000(_client=None) -> Result:
    ties, nodes = synthetic_network()
    engine_times, baseline_times = [], []
    for _ in range(RUNS):
        seconds, ours = timed(engine, ties, nodes)
        engine_times.append(seconds)
    print(
        f"network_metrics_5000: {ours['n_nodes']} organisations, {ours['n_ties']} ties, "
        f"reciprocity {ours['reciprocity']:.3f}, E-I {ours['ei_index']:.3f}; engine runs "
        + ", ".join(f"{s:.2f} s" for s in engine_times),
        file=sys.stderr,
    )
    for _ in range(BASELINE_RUNS):
        seconds, theirs = timed(networkx_baseline, ties, nodes)
        baseline_times.append(seconds)
        print(f"network_metrics_5000: NetworkX run {seconds:.1f} s", file=sys.stderr)
    check_agreement(ours, theirs)
    print("network_metrics_5000: engine and NetworkX agree", file=sys.stderr)
    return Result(
        "network_metrics_5000",
        statistics.median(engine_times),
        "s",
        statistics.median(baseline_times),
    )
