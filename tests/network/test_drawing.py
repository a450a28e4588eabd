"""Network layout and SVG drawings (pure functions, no database)."""

import itertools
import random
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from praeventionsnetz.network.drawing.diagram import _place_labels, network_svg
from praeventionsnetz.network.drawing.elements import DrawEdge, DrawNode
from praeventionsnetz.network.drawing.layout import EXACT_FR_MAX_NODES, layout
from praeventionsnetz.network.drawing.legend import LegendText
from praeventionsnetz.network.drawing.matrix import MATRIX_RAMP, matrix_svg, text_colour
from praeventionsnetz.network.drawing.symbols import LEVEL_SHAPES, SECTOR_COLOURS

SVG = "{http://www.w3.org/2000/svg}"

# The drawings hold no words of their own: the page hands them over, translated.
LEGEND = LegendText(
    sectors={
        "health": "Gesundheit",
        "youth_welfare": "Jugendhilfe",
        "school": "Schule/Bildung",
        "administration": "Verwaltung",
        "civil_society": "Zivilgesellschaft",
        "employment": "Arbeit/Beschäftigung",
        "other": "Sonstige",
    },
    levels={
        "facility": "Einrichtung",
        "provider": "Träger",
        "district": "Stadtteil/Bezirk",
        "city": "Stadt",
        "state": "Land",
    },
    sector_heading="Sektor",
    level_heading="Ebene",
    ties_heading="Verbindungen",
    reciprocated="gegenseitig",
    one_sided="einseitig genannt",
    notes=("Pfeil: meldend → Partner",),
)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def find_all(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(SVG + tag))


def group(root: ET.Element, css_class: str) -> ET.Element:
    matches = [g for g in find_all(root, "g") if css_class in g.get("class", "").split()]
    assert len(matches) == 1, css_class
    return matches[0]


def ring(ids: list[int]) -> list[tuple[int, int]]:
    return list(itertools.pairwise([*ids, ids[0]]))


@pytest.fixture
def graph():
    """A main component of 30 nodes, a triangle, a pair and five isolates."""
    main = list(range(30))
    edges = ring(main) + [(i, (i * 7) % 30) for i in main if (i * 7) % 30 != i]
    edges += [(30, 31), (31, 32), (32, 30), (33, 34)]
    return list(range(40)), edges


def make_nodes(ids, edges, urls=False):
    degree = dict.fromkeys(ids, 0)
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    sectors = list(SECTOR_COLOURS)
    levels = list(LEVEL_SHAPES)
    return [
        DrawNode(
            id=i,
            label=f"Organisation {i}",
            sector=sectors[k % len(sectors)],
            level=levels[k % len(levels)],
            degree=degree[i],
            url=f"/netzwerk/organisationen/{i}/" if urls and k % 2 else None,
        )
        for k, i in enumerate(ids)
    ]


def bbox(positions, ids):
    xy = np.array([positions[i] for i in ids])
    return xy.min(axis=0), xy.max(axis=0)


# --------------------------------------------------------------------------- layout


def test_layout_is_deterministic_for_a_seed(graph):
    ids, edges = graph
    first = layout(ids, edges, seed=7)
    assert layout(ids, edges, seed=7) == first
    assert layout(ids, edges, seed=8) != first


def test_layout_leaves_the_global_random_state_alone(graph):
    ids, edges = graph
    before = random.getstate()
    layout(ids, edges, seed=5)
    assert random.getstate() == before


def test_positions_lie_in_the_unit_square(graph):
    ids, edges = graph
    positions = layout(ids, edges, seed=1)
    assert set(positions) == set(ids)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in positions.values())


def test_large_component_uses_the_grid_variant_and_stays_in_the_unit_square():
    count = EXACT_FR_MAX_NODES + 100
    rng = np.random.default_rng(3)
    edges = [(int(a), int(b)) for a, b in rng.integers(0, count, size=(count * 3, 2)) if a != b]
    positions = layout(range(count), edges, seed=0, iterations=50)
    xy = np.array(list(positions.values()))
    assert xy.min() >= 0
    assert xy.max() <= 1
    # Spread over the drawing, not collapsed into a point.
    assert np.ptp(xy[:, 0]) > 0.5
    assert np.ptp(xy[:, 1]) > 0.5


def test_isolates_are_visible_below_the_main_component(graph):
    ids, edges = graph
    positions = layout(ids, edges, seed=2)
    isolates = [35, 36, 37, 38, 39]
    low, high = bbox(positions, range(30))
    for i in isolates:
        x, y = positions[i]
        inside = low[0] <= x <= high[0] and low[1] <= y <= high[1]
        assert not inside
        assert y > high[1]
    # Distinct places, not stacked on each other.
    iso = np.array([positions[i] for i in isolates])
    gaps = [np.hypot(*(a - b)) for a, b in itertools.combinations(iso, 2)]
    assert min(gaps) > 0.01


def test_components_do_not_overlap(graph):
    ids, edges = graph
    positions = layout(ids, edges, seed=3)
    boxes = [bbox(positions, part) for part in (range(30), [30, 31, 32], [33, 34])]
    for (low_a, high_a), (low_b, high_b) in itertools.combinations(boxes, 2):
        apart = (high_a < low_b).any() or (high_b < low_a).any()
        assert apart


def test_layout_edge_cases():
    assert layout([], []) == {}
    assert layout(["a"], []) == {"a": (0.5, 0.5)}
    only_isolates = layout(["a", "b", "c"], [("a", "zz"), ("b", "b")])
    assert len(set(only_isolates.values())) == 3
    pair = layout(["a", "b"], [DrawEdge("a", "b", reciprocated=False)])
    assert pair["a"] != pair["b"]


# --------------------------------------------------------------------------- network SVG


def draw(graph, *, urls=False, **kwargs):
    ids, edges = graph
    nodes = make_nodes(ids, edges, urls=urls)
    ties = [DrawEdge(a, b, reciprocated=(a + b) % 2 == 0) for a, b in edges]
    positions = layout(ids, edges, seed=0)
    svg = network_svg(
        nodes,
        ties,
        positions,
        title="Netzwerk Teststadt",
        description="Kooperationen",
        **{"legend": LEGEND, **kwargs},
    )
    return svg, nodes, ties


def test_network_svg_is_well_formed_and_labelled(graph):
    svg, nodes, _ties = draw(graph)
    root = parse(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Netzwerk Teststadt"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    node_groups = [g for g in find_all(root, "g") if g.get("class") == "node"]
    assert len(node_groups) == len(nodes)


def test_edges_one_element_per_tie_and_reciprocated_pairs_once():
    nodes = make_nodes(["a", "b", "c"], [("a", "b"), ("b", "c")])
    ties = [
        DrawEdge("a", "b", reciprocated=True),
        DrawEdge("b", "a", reciprocated=True),  # the same pair reported back: one line
        DrawEdge("b", "c", reciprocated=False, weight=3),
        DrawEdge("c", "unknown", reciprocated=False),  # not among the nodes: skipped
    ]
    positions = layout(["a", "b", "c"], ties)
    root = parse(network_svg(nodes, ties, positions, title="t", description="d"))
    assert len(find_all(group(root, "ties-reciprocated"), "line")) == 1
    assert len(find_all(group(root, "ties-one-sided"), "line")) == 1


def test_edge_count_matches_the_ties(graph):
    svg, _nodes, ties = draw(graph)
    root = parse(svg)
    lines = find_all(group(root, "ties-reciprocated"), "line")
    lines += find_all(group(root, "ties-one-sided"), "line")
    assert len(lines) == len(ties)


def test_one_sided_ties_are_dashed_with_an_arrowhead(graph):
    svg, _nodes, ties = draw(graph)
    root = parse(svg)
    one_sided = group(root, "ties-one-sided")
    mutual = group(root, "ties-reciprocated")
    assert one_sided.get("stroke-dasharray")
    assert one_sided.get("marker-end") == "url(#network-arrow)"
    assert mutual.get("stroke-dasharray") is None
    assert mutual.get("marker-end") is None
    assert len(find_all(one_sided, "line")) == sum(not t.reciprocated for t in ties)
    markers = find_all(root, "marker")
    assert [m.get("id") for m in markers] == ["network-arrow"]


def test_edge_width_follows_the_weight():
    nodes = make_nodes([1, 2, 3], [(1, 2), (2, 3)])
    ties = [DrawEdge(1, 2, True, weight=1.0), DrawEdge(2, 3, True, weight=4.0)]
    positions = layout([1, 2, 3], ties)
    root = parse(network_svg(nodes, ties, positions, title="t", description="d"))
    widths = [float(line.get("stroke-width")) for line in find_all(root, "line")[:2]]
    assert widths[1] > widths[0]


def test_nodes_with_url_are_links_and_the_root_becomes_a_group(graph):
    svg, nodes, _ties = draw(graph, urls=True)
    root = parse(svg)
    # role="img" would hide the links from screen readers (children presentational).
    assert root.get("role") == "group"
    links = find_all(root, "a")
    assert [a.get("href") for a in links] != []
    assert {a.get("href") for a in links} == {n.url for n in nodes if n.url}
    for link in links:
        inner = link.find(f"{SVG}g")
        assert inner.get("class") == "node"
        assert inner.find(f"{SVG}title").text == link.get("aria-label")


def test_unsafe_urls_are_not_linked():
    nodes = [DrawNode(1, "A", "health", "facility", 0, url="javascript:alert(1)")]
    root = parse(network_svg(nodes, [], {1: (0.5, 0.5)}, title="t", description="d"))
    assert find_all(root, "a") == []
    assert root.get("role") == "img"


def test_node_title_is_the_callers_wording_or_the_label():
    title = "Jugendamt – Jugendhilfe, Stadt, 4 Verbindungen"
    nodes = [
        DrawNode(1, "Jugendamt", "youth_welfare", "city", 4, title=title),
        DrawNode(2, "Kita", "youth_welfare", "facility", 1),
    ]
    root = parse(network_svg(nodes, [], {1: (0.4, 0.5), 2: (0.6, 0.5)}, title="t", description="d"))
    titles = [g.find(f"{SVG}title").text for g in find_all(root, "g") if g.get("class") == "node"]
    assert titles == ["Kita", title]


def test_shape_by_level_and_size_by_degree():
    nodes = [
        DrawNode(1, "Kita", "school", "facility", 1),
        DrawNode(2, "Träger", "youth_welfare", "provider", 9),
        DrawNode(3, "Kita 2", "school", "facility", 9),
    ]
    positions = {1: (0.1, 0.1), 2: (0.5, 0.5), 3: (0.9, 0.9)}
    root = parse(network_svg(nodes, [], positions, title="t", description="d"))
    circles = find_all(group(root, "nodes"), "circle")
    paths = find_all(group(root, "nodes"), "path")
    assert len(circles) == 2  # facilities
    assert len(paths) == 1  # the provider's square
    radii = sorted(float(c.get("r")) for c in circles)
    assert radii[0] < radii[1]


def test_legend_shows_the_words_it_is_given(graph):
    svg, _nodes, _ties = draw(graph)
    texts = {t.text for t in find_all(group(parse(svg), "legend"), "text")}
    expected = {
        "Gesundheit",
        "Jugendhilfe",
        "Schule/Bildung",
        "Verwaltung",
        "Zivilgesellschaft",
        "Arbeit/Beschäftigung",
        "Sonstige",
        "Einrichtung",
        "Träger",
        "Stadtteil/Bezirk",
        "Stadt",
        "Land",
        "gegenseitig",
        "einseitig genannt",
        "Sektor",
        "Pfeil: meldend → Partner",
    }
    assert expected <= texts


def test_legend_can_be_left_out(graph):
    svg, _nodes, _ties = draw(graph, legend=None)
    assert not [g for g in find_all(parse(svg), "g") if g.get("class") == "legend"]


def test_text_is_escaped_and_control_characters_dropped():
    nodes = [
        DrawNode(
            1,
            "Kita <&> \"Sonne\" 'Mond'",
            "school",
            "facility",
            3,
            url="/o/?a=1&b=2",
            title="Kita <&> \"Sonne\" 'Mond' – Schule/Bildung",
        ),
        DrawNode(2, "Verein\x0b e.V.", "civil_society", "facility", 3),
    ]
    ties = [DrawEdge(1, 2, True)]
    svg = network_svg(
        nodes,
        ties,
        {1: (0.2, 0.5), 2: (0.8, 0.5)},
        title="Netz <Nord> & Süd",
        description="a < b & c",
    )
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Netz <Nord> & Süd"
    titles = [g.find(f"{SVG}title").text for g in find_all(root, "g") if g.get("class") == "node"]
    assert "Kita <&> \"Sonne\" 'Mond' – Schule/Bildung" in titles
    assert "Verein e.V." in titles
    assert find_all(root, "a")[0].get("href") == "/o/?a=1&b=2"
    labels = {t.text for t in find_all(group(root, "labels"), "text")}
    assert "Kita <&> \"Sonne\" 'Mond'" in labels


def test_only_the_top_nodes_by_degree_get_a_label():
    nodes = [DrawNode(i, f"Org {i}", "other", "facility", degree=i) for i in range(20)]
    nodes.append(DrawNode(99, "Hervorgehoben", "other", "facility", degree=0, highlight=True))
    # Spread on a grid, so no label has to be skipped for lack of room.
    positions = {n.id: ((k % 4) / 3, (k // 4) / 5) for k, n in enumerate(nodes)}
    root = parse(network_svg(nodes, [], positions, title="t", description="d", label_top=3))
    labels = group(root, "labels")
    assert labels.get("aria-hidden") == "true"
    shown = next(g for g in labels if g.get("fill") != "#ffffff")
    assert sorted(t.text for t in shown) == ["Hervorgehoben", "Org 17", "Org 18", "Org 19"]


def test_labels_do_not_overlap():
    # All hubs on one spot: one label fits to its right, one to its left.
    nodes = [DrawNode(i, f"Organisation {i}", "other", "facility", 5) for i in range(6)]
    positions = dict.fromkeys(range(6), (0.5, 0.5))
    placed = _place_labels(nodes, np.full((6, 2), 300.0), np.full(6, 5.0), 6, (16, 16, 700, 600))
    assert len(placed) == 2  # right and left of the spot
    root = parse(network_svg(nodes, [], positions, title="t", description="d"))
    assert len(find_all(group(root, "labels"), "text")) == 2 * 2  # halo + text


def test_node_without_position_is_an_error():
    nodes = [DrawNode(1, "A", "health", "facility", 0)]
    with pytest.raises(ValueError, match="no position"):
        network_svg(nodes, [], {}, title="t", description="d")


def test_empty_network_says_so():
    root = parse(
        network_svg([], [], {}, title="t", description="d", empty_message="Keine Organisationen")
    )
    assert [t.text for t in find_all(root, "text")] == ["Keine Organisationen"]


# --------------------------------------------------------------------------- matrix SVG

GROUPS = [
    ("health", "Gesundheit"),
    ("youth_welfare", "Jugendhilfe"),
    ("school", "Schule/Bildung"),
]


def cells(root: ET.Element) -> list[ET.Element]:
    return [g for g in find_all(root, "g") if g.get("class") == "cell"]


def test_matrix_prints_every_count_with_german_labels():
    counts = [[12, 0, 3], [1500, 40, 7], [2, 5, 9]]
    root = parse(
        matrix_svg(
            GROUPS,
            counts,
            title="Matrix",
            description="Sektoren",
            axes_label="meldend ↓ · Partner →",
        )
    )
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Matrix"
    assert root.find(f"{SVG}desc").text == "Sektoren"
    numbers = [c.find(f"{SVG}text").text for c in cells(root)]
    assert numbers == ["12", "0", "3", "1.500", "40", "7", "2", "5", "9"]
    # Row-major: the fourth cell is Jugendhilfe (reporter) → Gesundheit (partner).
    assert cells(root)[3].find(f"{SVG}title").text == "Jugendhilfe → Gesundheit: 1.500"
    labels = {t.text for t in find_all(group(root, "matrix-labels"), "text")}
    assert {"Gesundheit", "Jugendhilfe", "Schule/Bildung", "meldend ↓ · Partner →"} <= labels


def test_matrix_text_contrasts_with_the_cell():
    counts = np.array([[100, 1, 0], [0, 0, 0], [0, 0, 0]])
    root = parse(matrix_svg(GROUPS, counts, title="t", description="d"))
    darkest, faint, empty = (c.find(f"{SVG}text").get("fill") for c in cells(root)[:3])
    assert darkest == "#ffffff"
    assert faint == "#1a1a1a"
    assert empty == "#1a1a1a"
    assert cells(root)[0].find(f"{SVG}rect").get("fill") == MATRIX_RAMP[-1]


@pytest.mark.parametrize(
    ("fill", "text"), [("#ffffd9", "#1a1a1a"), ("#081d58", "#ffffff"), ("#f0f0f0", "#1a1a1a")]
)
def test_text_colour_picks_the_higher_contrast(fill, text):
    assert text_colour(fill) == text


def test_matrix_key_shows_whole_numbers_for_counts():
    root = parse(
        matrix_svg(
            GROUPS, np.diag([250, 3, 1]), title="t", description="d", key_label="Zahl der Nennungen"
        )
    )
    key = [t.text for t in find_all(group(root, "matrix-key"), "text")]
    assert key[0] == "Zahl der Nennungen"
    assert key[1] == "0"
    assert key[-1] == "250"
    assert all("," not in text for text in key[1:])


def test_matrix_shape_must_match_the_groups():
    with pytest.raises(ValueError, match="3 × 3"):
        matrix_svg(GROUPS, [[1, 2], [3, 4]], title="t", description="d")


def test_matrix_escapes_labels():
    root = parse(matrix_svg([("x", "A <&> B")], [[1]], title="t", description="d"))
    assert cells(root)[0].find(f"{SVG}title").text == "A <&> B → A <&> B: 1"
