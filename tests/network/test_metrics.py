"""Network measures on small graphs with hand-computed answers, plus cross-checks.

No database needed: praeventionsnetz.network.metrics is pure. Its error messages carry an
English msgid; the tests read them in German, as the pages and the command show them.
"""

import itertools
import json
import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from django.utils import translation

from praeventionsnetz.network.i18n import translated
from praeventionsnetz.network.metrics.centrality import (
    betweenness,
    degree_centralization,
    degrees,
    eigenvector,
)
from praeventionsnetz.network.metrics.change import compare_waves
from praeventionsnetz.network.metrics.graph import NetworkInputError, graph_from_ties
from praeventionsnetz.network.metrics.groups import ROLES, brokerage, cross_group_share, ei_index
from praeventionsnetz.network.metrics.structure import (
    articulation_points,
    bridges,
    components,
    density,
    isolates,
    reciprocity,
)
from praeventionsnetz.network.metrics.summary import network_summary


def graph(edges, directed=False, groups=None, nodes=None):
    """A graph from (source, target) pairs; `groups` maps id → group, `nodes` adds isolates."""
    ties = pd.DataFrame(edges, columns=["source", "target"], dtype=str)
    table = None
    if groups is not None or nodes is not None:
        ids = list(dict.fromkeys([*itertools.chain.from_iterable(edges), *(nodes or [])]))
        table = pd.DataFrame({"id": ids})
        if groups is not None:
            table["sector"] = [groups.get(i) for i in ids]
    return graph_from_ties(ties, table, directed=directed)


def by_id(g, values):
    return dict(zip(g.vs["name"], np.asarray(values).tolist(), strict=True))


def roles_of(g, node_id, attribute="sector"):
    return brokerage(g, attribute).for_node(g.vs.find(name=node_id).index)


PATH5 = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]
STAR4 = [("h", "x"), ("h", "y"), ("h", "z")]
K4 = list(itertools.combinations("abcd", 2))
TRIANGLE_WITH_PENDANT = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]


# --- building ----------------------------------------------------------------------------------


def test_graph_keeps_ids_as_text_and_isolated_nodes_of_the_node_table():
    ties = pd.DataFrame({"source": ["007", "010"], "target": ["010", "0"]})
    nodes = pd.DataFrame({"id": ["007", "010", "0", "099"], "sector": ["health"] * 3 + [None]})
    g = graph_from_ties(ties, nodes)
    assert g.vs["name"] == ["007", "010", "0", "099"]
    assert g.vs["sector"] == ["health", "health", "health", None]
    assert g.ecount() == 2
    assert isolates(g) == ("099",)


def test_graph_without_node_table_orders_ids_by_first_appearance():
    g = graph_from_ties(pd.DataFrame({"source": ["b", "c"], "target": ["a", "b"]}))
    assert g.vs["name"] == ["b", "a", "c"]
    assert not g.is_directed()


def test_duplicate_ties_are_merged_with_the_maximum_weight_and_self_ties_dropped():
    ties = pd.DataFrame(
        {
            "source": ["a", "a", "b", "c"],
            "target": ["b", "b", "a", "c"],
            "intensity": [2, 4, 5, 1],
        }
    )
    directed = graph_from_ties(ties, directed=True, weight="intensity")
    assert sorted(
        (directed.vs[s]["name"], directed.vs[t]["name"], w)
        for (s, t), w in zip(directed.get_edgelist(), directed.es["weight"], strict=True)
    ) == [("a", "b", 4), ("b", "a", 5)]
    undirected = graph_from_ties(ties, directed=False, weight="intensity")
    assert undirected.ecount() == 1
    assert undirected.es["weight"] == [5]


@pytest.mark.parametrize(
    ("ties", "nodes", "weight", "message"),
    [
        ({"source": ["a"]}, None, None, "In der Verbindungstabelle fehlt die Spalte „target“."),
        ({"von": ["a"]}, None, None, "fehlen die Spalten „source“, „target“."),
        ({"source": ["a"], "target": ["b"]}, None, "weight", "fehlt die Spalte „weight“."),
        (
            {"source": ["a"], "target": ["b"], "weight": ["viel"]},
            None,
            "weight",
            "Ungültige Zahl in der Spalte „weight“ der Verbindungstabelle (viel).",
        ),
        ({"source": ["a", ""], "target": ["b", "c"]}, None, None, "„source“ leer (Zeile 3)"),
        ({"source": ["a"], "target": ["b"]}, {"name": ["a"]}, None, "Spalte „id“"),
        (
            {"source": ["a"], "target": ["b"]},
            {"id": ["a", "b", "a"]},
            None,
            "kommt die Kennung mehrfach vor: a.",
        ),
        (
            {"source": ["a", "x"], "target": ["007", "b"]},
            {"id": ["a", "b", "7"]},
            None,
            "Kennungen, die in der Knotentabelle fehlen: 007, x.",
        ),
    ],
)
def test_bad_input_is_rejected_with_a_german_message(ties, nodes, weight, message):
    nodes_frame = pd.DataFrame(nodes) if nodes is not None else None
    with pytest.raises(NetworkInputError) as excinfo:
        graph_from_ties(pd.DataFrame(ties), nodes_frame, weight=weight)
    assert message in german(excinfo.value)


def german(error: NetworkInputError) -> str:
    with translation.override("de"):
        return translated(error.message)


def test_input_errors_read_in_english_too():
    ids = [str(i) for i in range(12)]
    with pytest.raises(NetworkInputError) as excinfo:
        graph_from_ties(
            pd.DataFrame({"source": ids, "target": ids[::-1]}), pd.DataFrame({"id": ["x"]})
        )
    expected = "The tie table names ids that the node table lacks: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 …"
    with translation.override("en"):
        assert translated(excinfo.value.message) == expected + " (2 more)."
    assert str(excinfo.value) == expected + " (2 more)."
    assert german(excinfo.value).endswith("8, 9 … (2 weitere).")


# --- whole network -----------------------------------------------------------------------------


def test_density():
    assert density(graph(K4)) == 1.0
    assert density(graph(K4 + [(b, a) for a, b in K4], directed=True)) == 1.0
    assert density(graph(PATH5)) == 4 / 10  # 4 of 5·4/2 pairs
    assert density(graph(PATH5, directed=True)) == 4 / 20  # 4 of 5·4 ordered pairs
    assert density(graph([], nodes=["a"])) is None


def test_reciprocity():
    # a ⇄ b reciprocated, b → c and c → d one-sided: 2 of 4 directed ties.
    g = graph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "d")], directed=True)
    assert reciprocity(g) == 0.5
    assert reciprocity(graph(PATH5)) is None  # undirected: not observable
    assert reciprocity(graph([], directed=True, nodes=["a", "b"])) is None


def test_components_and_isolates():
    # Weak components of a → b ← c, d → e, and the isolate f.
    g = graph([("a", "b"), ("c", "b"), ("d", "e")], directed=True, nodes=["f"])
    assert components(g).count == 3
    assert components(g).sizes == (3, 2, 1)
    assert isolates(g) == ("f",)


def test_degree_centralization():
    assert degree_centralization(graph(STAR4)) == 1.0
    assert degree_centralization(graph(K4)) == 0.0
    # Path of 4: degrees 1, 2, 2, 1 → (1 + 0 + 0 + 1) / (3 · 2).
    assert degree_centralization(graph(PATH5[:3])) == pytest.approx(2 / 6)
    # Everybody names the hub: a star in the undirected version (mode "all").
    inward = graph([(leaf, "h") for leaf in "xyz"], directed=True)
    assert degree_centralization(inward) == 1.0
    # In-degrees 3, 0, 0, 0: (3 + 3 + 3) / 3² = 1; out-degrees 0, 1, 1, 1: (1 + 0 + 0 + 0) / 9.
    assert degree_centralization(inward, mode="in") == 1.0
    assert degree_centralization(inward, mode="out") == pytest.approx(1 / 9)
    assert degree_centralization(graph([("a", "b")])) is None


def test_articulation_point_and_bridge_of_a_triangle_with_a_pendant():
    g = graph(TRIANGLE_WITH_PENDANT)
    assert articulation_points(g) == ("c",)
    assert bridges(g) == (("c", "d"),)
    # The same on the directed version, whichever side reported the ties.
    directed = graph([("b", "a"), ("c", "b"), ("a", "c"), ("d", "c")], directed=True)
    assert articulation_points(directed) == ("c",)
    assert bridges(directed) == (("c", "d"),)
    assert articulation_points(graph(K4)) == ()
    assert bridges(graph(K4)) == ()


# Two groups: red 1, 2, 3 (a triangle) and blue 4, 5; ties 4–5 within, 3–4 and 2–5 across.
EI_EDGES = [("1", "2"), ("2", "3"), ("1", "3"), ("4", "5"), ("3", "4"), ("2", "5")]
EI_GROUPS = {"1": "red", "2": "red", "3": "red", "4": "blue", "5": "blue"}


def test_ei_index_by_hand():
    ei = ei_index(graph(EI_EDGES, groups=EI_GROUPS), "sector")
    assert (ei.external, ei.internal) == (2, 4)
    assert ei.value == pytest.approx((2 - 4) / 6)
    assert ei.cross_group_share == pytest.approx(2 / 6)
    # 1: two red ties; 2 and 3: two red, one blue; 4 and 5: one within, one across.
    assert by_id(graph(EI_EDGES, groups=EI_GROUPS), ei.by_node) == pytest.approx(
        {"1": -1.0, "2": -1 / 3, "3": -1 / 3, "4": 0.0, "5": 0.0}
    )
    # red: E = 2 (3–4, 2–5), I = 3; blue: E = 2, I = 1.
    assert ei.by_group == pytest.approx({"blue": 1 / 3, "red": -1 / 5})


def test_ei_index_counts_directed_ties_and_skips_nodes_without_group():
    # 1 ⇄ 2 (red, twice internal), 2 → 4 (external), 3 has no group: 1 → 3 left out.
    g = graph(
        [("1", "2"), ("2", "1"), ("2", "4"), ("1", "3")],
        directed=True,
        groups={"1": "red", "2": "red", "3": None, "4": "blue"},
    )
    ei = ei_index(g, "sector")
    assert (ei.external, ei.internal) == (1, 2)
    assert ei.value == pytest.approx(-1 / 3)
    assert cross_group_share(g, "sector") == pytest.approx(1 / 3)
    node = by_id(g, ei.by_node)
    assert node["1"] == -1.0
    assert node["2"] == pytest.approx((1 - 2) / 3)
    assert math.isnan(node["3"])
    assert node["4"] == 1.0


def test_unknown_group_attribute():
    with pytest.raises(NetworkInputError) as excinfo:
        ei_index(graph(EI_EDGES, groups=EI_GROUPS), "level")
    assert german(excinfo.value).startswith("Das Merkmal „level“ gibt es nicht (vorhanden: „")


# --- per node ----------------------------------------------------------------------------------


def test_degrees():
    g = graph([("a", "b"), ("b", "a"), ("b", "c")], directed=True)
    d = degrees(g)
    assert by_id(g, d.indegree) == {"a": 1, "b": 1, "c": 1}
    assert by_id(g, d.outdegree) == {"a": 1, "b": 2, "c": 0}
    assert by_id(g, d.total) == {"a": 2, "b": 3, "c": 1}
    assert degrees(graph(STAR4)).total.tolist() == [3, 1, 1, 1]


def test_betweenness_of_a_path():
    # a–b–c–d–e: b lies on the paths a–c, a–d, a–e (3), c on a–d, a–e, b–d, b–e (4);
    # normalised by the 4 · 3 / 2 = 6 pairs of other nodes.
    g = graph(PATH5)
    assert by_id(g, betweenness(g)) == pytest.approx(
        {"a": 0, "b": 3 / 6, "c": 4 / 6, "d": 3 / 6, "e": 0}
    )
    # a → b → c → d → e: the same counts over 4 · 3 = 12 ordered pairs.
    directed = graph(PATH5, directed=True)
    assert by_id(directed, betweenness(directed)) == pytest.approx(
        {"a": 0, "b": 3 / 12, "c": 4 / 12, "d": 3 / 12, "e": 0}
    )
    assert betweenness(graph([("a", "b")])).tolist() == [0.0, 0.0]


def test_eigenvector_of_a_star_and_a_graph_without_ties():
    # Star: λ = √3, the hub √3 times each leaf; scaled so the hub is 1.
    g = graph(STAR4)
    assert by_id(g, eigenvector(g)) == pytest.approx(
        {"h": 1.0, "x": 1 / math.sqrt(3), "y": 1 / math.sqrt(3), "z": 1 / math.sqrt(3)}
    )
    # Directed: the undirected version, otherwise everybody would get 0 here.
    inward = graph([(leaf, "h") for leaf in "xyz"], directed=True)
    assert by_id(inward, eigenvector(inward)) == pytest.approx(by_id(g, eigenvector(g)))
    assert eigenvector(graph([], nodes=["a", "b"])).tolist() == [0.0, 0.0]


def test_betweenness_and_eigenvector_agree_with_networkx():
    nx_graph = nx.gnp_random_graph(80, 0.08, seed=7)
    assert nx.is_connected(nx_graph)
    edges = [(str(a), str(b)) for a, b in nx_graph.edges()]
    g = graph(edges, nodes=[str(i) for i in nx_graph.nodes()])
    expected = nx.betweenness_centrality(nx_graph, normalized=True)
    assert by_id(g, betweenness(g)) == pytest.approx(
        {str(k): v for k, v in expected.items()}, abs=1e-12
    )
    eigen = nx.eigenvector_centrality_numpy(nx_graph)
    top = max(eigen.values())
    assert by_id(g, eigenvector(g)) == pytest.approx(
        {str(k): v / top for k, v in eigen.items()}, abs=1e-9
    )

    nx_directed = nx.gnp_random_graph(80, 0.06, seed=8, directed=True)
    directed = graph(
        [(str(a), str(b)) for a, b in nx_directed.edges()],
        directed=True,
        nodes=[str(i) for i in nx_directed.nodes()],
    )
    expected = nx.betweenness_centrality(nx_directed, normalized=True)
    assert by_id(directed, betweenness(directed)) == pytest.approx(
        {str(k): v for k, v in expected.items()}, abs=1e-12
    )


# --- brokerage ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ("XXX", "coordinator"),
        ("XYX", "itinerant"),
        ("XYY", "gatekeeper"),
        ("XXY", "representative"),
        ("XYZ", "liaison"),
    ],
)
def test_each_role_on_a_single_two_path(groups, role):
    g = graph([("a", "b"), ("b", "c")], directed=True, groups=dict(zip("abc", groups, strict=True)))
    assert roles_of(g, "b") == {r: int(r == role) for r in ROLES}
    assert roles_of(g, "a") == dict.fromkeys(ROLES, 0)
    assert roles_of(g, "c") == dict.fromkeys(ROLES, 0)


def test_a_tie_a_to_c_closes_the_path_but_c_to_a_does_not():
    groups = {"a": "X", "b": "X", "c": "X"}
    closed = graph([("a", "b"), ("b", "c"), ("a", "c")], directed=True, groups=groups)
    assert roles_of(closed, "b")["coordinator"] == 0
    reverse = graph([("a", "b"), ("b", "c"), ("c", "a")], directed=True, groups=groups)
    # a → b → c, b → c → a and c → a → b are all open: one coordinator path each.
    assert [roles_of(reverse, n)["coordinator"] for n in "abc"] == [1, 1, 1]


# Broker b (group Y) with in-neighbours a1 (X), a2 (Y), a3 (Z) and out-neighbours c1 (X),
# c2 (Y); a3 → c2 closes one path. The six pairs (A, C):
#   a1, c1: X Y X itinerant      a2, c1: Y Y X representative   a3, c1: Z Y X liaison
#   a1, c2: X Y Y gatekeeper     a2, c2: Y Y Y coordinator      a3, c2: closed
HUB_EDGES = [("a1", "b"), ("a2", "b"), ("a3", "b"), ("b", "c1"), ("b", "c2"), ("a3", "c2")]
HUB_GROUPS = {"a1": "X", "a2": "Y", "a3": "Z", "b": "Y", "c1": "X", "c2": "Y"}


def test_all_five_roles_of_one_broker():
    g = graph(HUB_EDGES, directed=True, groups=HUB_GROUPS)
    assert roles_of(g, "b") == dict.fromkeys(ROLES, 1)
    for other in ("a1", "a2", "a3", "c1", "c2"):
        assert roles_of(g, other) == dict.fromkeys(ROLES, 0)


def test_returning_paths_are_not_brokerage():
    # b → a2 as well: new pairs (a1, a2) X Y Y and (a3, a2) Z Y Y are gatekeeper paths;
    # a2 → b → a2 returns and does not count, nor does b → a2 → b for a2.
    g = graph([*HUB_EDGES, ("b", "a2")], directed=True, groups=HUB_GROUPS)
    assert roles_of(g, "b") == {
        "coordinator": 1,
        "itinerant": 1,
        "gatekeeper": 3,
        "representative": 1,
        "liaison": 1,
    }
    assert roles_of(g, "a2") == dict.fromkeys(ROLES, 0)


def test_undirected_ties_count_both_ways():
    # a – b – c with a, b in X and c in Y: a → b → c represents, c → b → a gatekeeps.
    g = graph([("a", "b"), ("b", "c")], groups={"a": "X", "b": "X", "c": "Y"})
    assert roles_of(g, "b") == {**dict.fromkeys(ROLES, 0), "representative": 1, "gatekeeper": 1}


def test_nodes_without_group_broker_nothing_and_are_not_counted():
    g = graph(
        [("a", "b"), ("b", "c"), ("b", "d")],
        directed=True,
        groups={"a": "X", "b": "X", "c": "X", "d": None},
    )
    assert roles_of(g, "b") == {**dict.fromkeys(ROLES, 0), "coordinator": 1}
    g = graph([("a", "b"), ("b", "c")], directed=True, groups={"a": "X", "b": "", "c": "X"})
    assert roles_of(g, "b") is None


def brute_force_brokerage(g, attribute):
    """Gould–Fernandez by the definition: loop over every two-path."""
    group = g.vs[attribute]
    arcs = set(g.get_edgelist())
    if not g.is_directed():
        arcs |= {(t, s) for s, t in arcs}
    out = {v: [t for s, t in arcs if s == v] for v in range(g.vcount())}
    counts = {v: dict.fromkeys(ROLES, 0) for v in range(g.vcount())}
    for a, b in arcs:
        for c in out[b]:
            if c == a or (a, c) in arcs or None in (group[a], group[b], group[c]):
                continue
            ga, gb, gc = group[a], group[b], group[c]
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
            counts[b][role] += 1
    return [counts[v] if group[v] is not None else None for v in range(g.vcount())]


@pytest.mark.parametrize("directed", [True, False])
def test_vectorised_brokerage_equals_the_loop_over_two_paths(directed):
    rng = random.Random(11)
    ids = [f"{i:03d}" for i in range(60)]
    edges = {(rng.choice(ids), rng.choice(ids)) for _ in range(400)}
    groups = {i: rng.choice(["X", "Y", "Z", "W", None]) for i in ids}
    g = graph(sorted(edges), directed=directed, groups=groups, nodes=ids)
    result = brokerage(g, "sector")
    assert [result.for_node(v) for v in range(g.vcount())] == brute_force_brokerage(g, "sector")


# --- waves and summary -------------------------------------------------------------------------


def test_compare_waves_by_hand():
    groups = {"1": "a", "2": "a", "3": "b", "4": "b", "5": "b"}
    # Wave 1: the cycle 1 → 2 → 3 → 1 and the isolate 4.
    wave1 = graph([("1", "2"), ("2", "3"), ("3", "1")], directed=True, groups=groups, nodes=["4"])
    # Wave 2: 4 left, 5 joined; 2 → 3 ended, 2 → 1 and 3 → 5 are new.
    wave2 = graph([("1", "2"), ("2", "1"), ("3", "1"), ("3", "5")], directed=True, groups=groups)
    result = compare_waves(wave1, wave2, group_by="sector")
    assert result.ties_gained == (("2", "1"), ("3", "5"))
    assert result.ties_lost == (("2", "3"),)
    assert result.nodes_joined == ("5",)
    assert result.nodes_left == ("4",)
    changes = {name: (c.before, c.after, c.delta) for name, c in result.changes.items()}
    assert changes["nodes"] == (4, 4, 0)
    assert changes["ties"] == (3, 4, 1)
    assert changes["density"] == pytest.approx((3 / 12, 4 / 12, 1 / 12))
    assert changes["reciprocity"] == (0.0, 0.5, 0.5)
    assert changes["components"] == (2, 1, -1)
    assert changes["isolates"] == (1, 0, -1)
    # Undirected versions: triangle + isolate (2, 2, 2, 0) and 1–2, 1–3, 3–5 (2, 1, 2, 1):
    # both (0 + 0 + 0 + 2) / 6 and (0 + 1 + 0 + 1) / 6.
    assert changes["degree_centralization"] == pytest.approx((1 / 3, 1 / 3, 0))
    # Wave 1: 1 → 2 within, 2 → 3 and 3 → 1 across; wave 2: 1 ⇄ 2 and 3 → 5 within, 3 → 1.
    assert changes["ei_index"] == pytest.approx((1 / 3, -1 / 2, -5 / 6))
    assert json.loads(json.dumps(result.to_dict()))["ties_gained"] == [["2", "1"], ["3", "5"]]


def test_compare_waves_undirected_matches_pairs_in_either_order():
    wave1 = graph([("a", "b"), ("b", "c")])
    wave2 = graph([("c", "b"), ("b", "a"), ("c", "d")])
    result = compare_waves(wave1, wave2)
    assert result.ties_gained == (("c", "d"),)
    assert result.ties_lost == ()
    assert "ei_index" not in result.changes
    assert result.changes["reciprocity"].delta is None


def test_compare_waves_refuses_mixed_directedness():
    with pytest.raises(NetworkInputError) as excinfo:
        compare_waves(graph(PATH5), graph(PATH5, directed=True))
    assert "gerichtet" in german(excinfo.value)


def test_network_summary_is_json_and_holds_every_figure():
    g = graph(
        [*TRIANGLE_WITH_PENDANT, ("b", "a")],
        directed=True,
        groups={"a": "X", "b": "X", "c": "Y", "d": "Y"},
        nodes=["e"],
    )
    summary = json.loads(json.dumps(network_summary(g, group_by="sector"), allow_nan=False))
    assert summary["density"] == pytest.approx(5 / 20)
    assert summary["reciprocity"] == pytest.approx(2 / 5)
    assert summary["components"] == 2
    assert summary["component_sizes"] == [4, 1]
    assert summary["isolates"] == ["e"]
    # Undirected version: degrees a 2, b 2, c 3, d 1, e 0 → (1 + 1 + 0 + 2 + 3) / (4 · 3).
    assert summary["degree_centralization"] == pytest.approx(7 / 12)
    # a → b, b → a within X; c → d within Y; b → c, a → c across: (2 − 3) / 5.
    assert summary["ei_index"] == pytest.approx(-1 / 5)
    assert summary["cross_group_share"] == pytest.approx(2 / 5)
    assert summary["articulation_points"] == ["c"]
    assert summary["bridges"] == [["c", "d"]]
    assert list(summary["nodes"]) == ["a", "b", "c", "d", "e"]
    assert summary["nodes"]["c"]["degree"] == {"in": 2, "out": 1, "total": 3}
    # c lies on a → d and b → d: 2 of 4 · 3 ordered pairs.
    assert summary["nodes"]["c"]["betweenness"] == pytest.approx(2 / 12)
    assert summary["nodes"]["e"]["eigenvector"] == 0.0
    assert summary["nodes"]["e"]["ei_index"] is None
    # a → c → d and b → c → d: A in X, B and C in Y.
    assert summary["nodes"]["c"]["brokerage"] == {**dict.fromkeys(ROLES, 0), "gatekeeper": 2}


def test_network_summary_without_grouping():
    summary = network_summary(graph(STAR4))
    assert summary["reciprocity"] is None
    assert summary["ei_index"] is None
    assert summary["ei_index_by_group"] is None
    assert summary["nodes"]["h"] == {
        "degree": {"total": 3},
        "betweenness": 1.0,
        "eigenvector": 1.0,
        "ei_index": None,
        "brokerage": None,
    }
    json.dumps(summary, allow_nan=False)
