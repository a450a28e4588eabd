"""Network drawings as server-side SVG: a force-directed node-link diagram and a sector matrix.

Pure module (igraph and numpy, no Django), so pages and PDF reports share the same drawing and
the code is testable without a database. Every drawing carries `<title>` and `<desc>`; the page
shows the same figures in a table beside it.

Layout (`layout`)
    Each connected component is laid out on its own with igraph's Fruchterman–Reingold: the
    exact O(n²) variant up to `EXACT_FR_MAX_NODES` nodes per component, above that the grid
    variant, which only repels nearby nodes and is about 20 times faster (2,000 nodes: 0.17 s
    instead of 3.4 s). DrL and UMAP were measured and rejected: on 2 cores DrL needs ~4.6 s for
    2,000 nodes and ~20 s for 5,000, UMAP ~1.8 s and ~5 s; grid FR ~0.18 s and ~0.45 s.
    Layout plus SVG: ~0.3 s for 2,000 nodes and 10,000 ties, ~0.7 s for 5,000 and 25,000.
    Components are scaled to one common unit (ties at least one unit long, at least one square
    unit per node), turned so their long axis lies horizontally, and shelf-packed into the
    drawing area, tallest first, small ones stacked in columns beside the large ones; of a few
    packing widths the one that fills the area best is taken and scaled uniformly, so nothing
    is distorted. Isolates (organisations without any tie) go to rows along the bottom border,
    below the components, so they stay visible instead of being pushed to the margin or hidden
    in a cluster.
    The result is normalised to [0, 1]², y growing downwards as in SVG.
    Determinism: starting positions come from numpy's generator for `seed`, and igraph's random
    number generator (used by FR for coinciding nodes) is swapped for `random.Random(seed)` under
    a lock while the layout runs, then reset to igraph's default (the `random` module).

Network diagram (`network_svg`)
    Colour = sector (Okabe–Ito, colour-blind safe, one fixed colour per sector on every page),
    shape = level (equal-area shapes, so the size still reads as degree), area = degree (radius
    by square root; the radius range shrinks with the room per node). Reciprocated ties are solid
    lines, one-sided ties dashed with an arrowhead from the reporter to the partner; line width
    follows the weight. The legend is drawn inside the SVG (panel on the right, `legend=False`
    leaves it out), so the PDF report keeps it. Labels only for highlighted nodes and the
    `label_top` nodes with the highest degree, placed greedily so that they never overlap.
    Accessibility: each node is a `<g>` with a `<title>` (label, sector, level, degree), wrapped
    in `<a href>` when it has a URL. The root is `role="img"` when nothing is clickable; with
    links it is `role="group"`, because ARIA makes every child of an `img` presentational, which
    would hide the links from screen readers (axe reports this as "nested-interactive").
    Nodes are drawn (and so tabbed through) from low to high degree, highlighted ones last,
    so that hubs are not covered by small nodes.

Matrix (`matrix_svg`)
    A heat map of tie counts (rows = reporter's sector, columns = partner's sector) in the
    ColorBrewer YlGnBu ramp, every cell printed with its number in dark or white text, whichever
    has the higher WCAG contrast against the cell.

All text is escaped and stripped of characters XML forbids, so the output always parses.
"""

from __future__ import annotations

import math
import random
import re
import threading
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape

import igraph
import numpy as np

NodeId = Hashable
Position = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, right, bottom in pixels

# Okabe–Ito colours; yellow is left out (too faint on white), grey marks "other".
SECTOR_COLOURS: dict[str, str] = {
    "health": "#0072B2",
    "youth_welfare": "#E69F00",
    "school": "#009E73",
    "administration": "#CC79A7",
    "civil_society": "#56B4E9",
    "employment": "#D55E00",
    "other": "#999999",
}
SECTOR_LABELS: dict[str, str] = {
    "health": "Gesundheit",
    "youth_welfare": "Jugendhilfe",
    "school": "Schule/Bildung",
    "administration": "Verwaltung",
    "civil_society": "Zivilgesellschaft",
    "employment": "Arbeit/Beschäftigung",
    "other": "Sonstige",
}
LEVEL_SHAPES: dict[str, str] = {
    "facility": "circle",
    "provider": "square",
    "district": "diamond",
    "city": "triangle",
    "state": "hexagon",
}
LEVEL_LABELS: dict[str, str] = {
    "facility": "Einrichtung",
    "provider": "Träger",
    "district": "Stadtteil/Bezirk",
    "city": "Stadt",
    "state": "Land",
}

# Components up to this size get the exact FR (0.1 s at 500 nodes); larger ones the grid variant.
EXACT_FR_MAX_NODES = 500
# Width : height of the plot area of `network_svg` with its defaults: (960 − 200 − 32) : (640 − 32).
PLOT_ASPECT = 1.2

LEGEND_WIDTH = 200
MAX_RADIUS = 12.0  # the largest default node radius, for small networks
EDGE_COLOUR = "#4d4d4d"
NODE_OUTLINE = "#222222"  # a dark outline gives light fills (sky blue, grey) 3:1 against white
DARK_TEXT = "#1a1a1a"
LIGHT_TEXT = "#ffffff"
FONT = 'font-family="Helvetica, Arial, sans-serif"'

# ColorBrewer YlGnBu, 9 classes, light to dark; empty cells get a neutral grey instead.
MATRIX_RAMP = [
    "#ffffd9",
    "#edf8b1",
    "#c7e9b4",
    "#7fcdbb",
    "#41b6c4",
    "#1d91c0",
    "#225ea8",
    "#253494",
    "#081d58",
]
MATRIX_EMPTY = "#f0f0f0"

_IGRAPH_RNG_LOCK = threading.Lock()
# Characters that XML 1.0 forbids even when escaped (control characters from imported names).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URL_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class DrawNode:
    id: NodeId
    label: str
    sector: str
    level: str
    degree: int
    url: str | None = None
    highlight: bool = False


@dataclass(frozen=True)
class DrawEdge:
    """A tie from the reporting organisation (`source`) to the partner it named (`target`)."""

    source: NodeId
    target: NodeId
    reciprocated: bool
    weight: float = 1.0


Tie = tuple[int, int, DrawEdge]  # source index, target index, the edge


# --------------------------------------------------------------------------- layout


def layout(
    node_ids: Sequence[NodeId],
    edges: Iterable[tuple[NodeId, NodeId] | DrawEdge],
    seed: int = 0,
    iterations: int = 500,
    *,
    aspect: float = PLOT_ASPECT,
) -> dict[NodeId, Position]:
    """Positions in [0, 1]² for every node; the same input and seed give the same result.

    Edges whose ends are not in `node_ids`, self-loops and duplicates are ignored. `aspect` is
    the width : height ratio of the area the layout will be drawn in; components are packed to
    fill it.
    """
    ids = list(dict.fromkeys(node_ids))
    if not ids:
        return {}
    index = {node: i for i, node in enumerate(ids)}
    pairs = _edge_array(edges, index)
    graph = igraph.Graph(n=len(ids), edges=pairs.tolist())
    membership = np.asarray(graph.connected_components(mode="weak").membership)
    sizes = np.bincount(membership)
    isolates = np.flatnonzero(sizes[membership] == 1)
    coords = np.zeros((len(ids), 2))
    if len(isolates) == len(ids):
        coords[:] = _grid(len(ids), aspect)
        return _as_dict(ids, coords)
    band = _isolate_band_height(len(isolates))
    comp_height = 1.0 - band - (0.03 if band else 0.0)
    _place_components(coords, pairs, membership, sizes, seed, iterations, aspect, comp_height)
    if len(isolates):
        coords[isolates] = _isolate_rows(len(isolates), band)
    return _as_dict(ids, coords)


def _edge_array(
    edges: Iterable[tuple[NodeId, NodeId] | DrawEdge], index: dict[NodeId, int]
) -> np.ndarray:
    """Undirected, de-duplicated vertex pairs (k × 2 int array, smaller index first)."""
    found: set[tuple[int, int]] = set()
    for edge in edges:
        source, target = (edge.source, edge.target) if isinstance(edge, DrawEdge) else edge
        a, b = index.get(source), index.get(target)
        if a is not None and b is not None and a != b:
            found.add((min(a, b), max(a, b)))
    # Sorted, so the graph (and thus the layout) does not depend on set iteration order.
    return np.array(sorted(found), dtype=np.int64).reshape(-1, 2)


def _as_dict(ids: list[NodeId], coords: np.ndarray) -> dict[NodeId, Position]:
    coords = np.clip(coords, 0.0, 1.0)
    return {node: (float(x), float(y)) for node, (x, y) in zip(ids, coords, strict=True)}


def _place_components(
    coords: np.ndarray,
    pairs: np.ndarray,
    membership: np.ndarray,
    sizes: np.ndarray,
    seed: int,
    iterations: int,
    aspect: float,
    height: float,
) -> None:
    """Lay out every component with two or more nodes and pack them into [0,1] × [0,height].

    The packing is scaled uniformly (in drawing proportions, `aspect` : 1) and centred, so
    distances mean the same in every direction and in every component.
    """
    components = [c for c in range(len(sizes)) if sizes[c] > 1]
    # igraph numbers components by their first vertex, so the order (and the seeds) are stable.
    local = _local_index(membership)
    edges_by_comp = _split_edges(pairs, membership, len(sizes))
    rng = np.random.default_rng(seed)
    with _seeded_igraph(seed):
        raw = [
            _component_layout(int(sizes[c]), local[edges_by_comp[c]], rng, iterations)
            for c in components
        ]
    # One common unit for all components (see `_common_scale`), each in a box of its extent
    # plus one unit of space: a chain of 30 gets a long flat box, a dense cluster a square one.
    raw = [
        _common_scale(_lie_flat(xy), local[edges_by_comp[c]])
        for xy, c in zip(raw, components, strict=True)
    ]
    boxes = np.array([np.ptp(xy, axis=0) + 1.0 for xy in raw]).reshape(-1, 2)
    order = np.argsort(-boxes[:, 1], kind="stable")
    offsets, packed_w, packed_h = _best_packing(boxes[order], aspect / height)
    scale = min(aspect / packed_w, height / packed_h)
    shift = np.array([(aspect - packed_w * scale) / 2, (height - packed_h * scale) / 2])
    for k, offset in zip(order, offsets, strict=True):
        members = np.flatnonzero(membership == components[k])
        placed = shift + (offset + _centred(raw[k], boxes[k])) * scale
        coords[members, 0] = placed[:, 0] / aspect
        coords[members, 1] = placed[:, 1]


def _local_index(membership: np.ndarray) -> np.ndarray:
    """Position of every vertex within its component (components keep the vertex order)."""
    local = np.empty(len(membership), dtype=np.int64)
    order = np.argsort(membership, kind="stable")
    starts = np.searchsorted(membership[order], membership[order])
    local[order] = np.arange(len(order)) - starts
    return local


def _split_edges(pairs: np.ndarray, membership: np.ndarray, count: int) -> list[np.ndarray]:
    """The edges of each component, in one pass instead of one mask per component."""
    if not len(pairs):
        return [pairs] * count
    comp = membership[pairs[:, 0]]
    order = np.argsort(comp, kind="stable")
    bounds = np.searchsorted(comp[order], np.arange(count + 1))
    return [pairs[order[bounds[c] : bounds[c + 1]]] for c in range(count)]


@contextmanager
def _seeded_igraph(seed: int) -> Iterator[None]:
    """igraph's RNG is process-global: seed it for this layout only, one thread at a time."""
    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


def _component_layout(
    size: int, edges: np.ndarray, rng: np.random.Generator, iterations: int
) -> np.ndarray:
    """Fruchterman–Reingold coordinates for one component (size × 2, in igraph's own units)."""
    if size == 2:
        # Two nodes: FR would only choose an angle; a horizontal pair reads best.
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    # Same spread as igraph's own random start; a wider one makes grid FR 2–3 times slower.
    start = rng.uniform(-0.5, 0.5, size=(size, 2)) * math.sqrt(size)
    graph = igraph.Graph(n=size, edges=edges.tolist())
    grid = "nogrid" if size <= EXACT_FR_MAX_NODES else "grid"
    coords = graph.layout_fruchterman_reingold(
        seed=start.tolist(), niter=iterations, grid=grid
    ).coords
    return np.asarray(coords, dtype=float)


def _lie_flat(coords: np.ndarray) -> np.ndarray:
    """Rotate so the longest axis is horizontal: elongated components then fit the landscape
    drawing and the shelves. A force layout's orientation carries no meaning anyway."""
    centred = coords - coords.mean(axis=0)
    if len(coords) < 2 or not np.any(centred):
        return centred
    _u, _s, axes = np.linalg.svd(centred, full_matrices=False)
    return centred @ axes.T


def _common_scale(coords: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Scale a component so that its ties are at least one unit long and it has at least one
    square unit per node.

    FR's own scale differs between graphs (the exact variant spreads large graphs wider, the
    grid variant keeps them compact), so components would not be comparable without this:
    a pair would look as big as a cluster of 200. Short-tied sparse components (chains) are
    scaled by the tie length, dense ones (hairballs, whose ties span the whole layout) by the
    area.
    """
    lengths = np.hypot(*(coords[edges[:, 0]] - coords[edges[:, 1]]).T)
    coords = coords / (float(np.median(lengths)) or 1.0)
    ex, ey = np.ptp(coords, axis=0)
    return coords * max(_area_factor(float(ex), float(ey), len(coords)), 1.0)


def _area_factor(ex: float, ey: float, count: int) -> float:
    """The f with (ex·f + 1)(ey·f + 1) = count; the +1 is the space around the box."""
    a, b, c = ex * ey, ex + ey, 1.0 - count
    if a > 0:
        return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    return -c / b if b > 0 else 1.0


def _centred(coords: np.ndarray, box: np.ndarray) -> np.ndarray:
    """The coordinates moved, unscaled, into the middle of a box of size `box` (width, height)."""
    low, high = coords.min(axis=0), coords.max(axis=0)
    return coords - (low + high) / 2 + box / 2


def _best_packing(boxes: np.ndarray, aspect: float) -> tuple[np.ndarray, float, float]:
    """The shelf packing, among a few row widths, that fills an `aspect` : 1 area best.

    Returns the corners and the packed width and height; the first best width wins ties.
    """
    candidates = []
    for width in np.linspace(float(boxes[:, 0].max()), float(boxes[:, 0].sum()), 24):
        offsets = _pack_shelves(boxes, float(width))
        packed = offsets + boxes
        candidates.append((offsets, float(packed[:, 0].max()), float(packed[:, 1].max())))
    return max(candidates, key=lambda c: min(aspect / c[1], 1.0 / c[2]))


def _pack_shelves(boxes: np.ndarray, width: float) -> np.ndarray:
    """Shelf packing of boxes sorted by decreasing height; returns the top-left corners.

    Within a shelf, a box goes below the previous one while the column has room, else into a
    new column to the right; when the row is full, a new shelf starts. That keeps many small
    components beside one large component instead of leaving a wide empty strip.
    """
    offsets = np.zeros((len(boxes), 2))
    shelf_y = shelf_h = col_x = col_w = col_y = 0.0
    for i, (w, h) in enumerate(boxes):
        if shelf_h and col_y + h <= shelf_h + 1e-9 and col_x + w <= width + 1e-9:
            offsets[i] = (col_x, shelf_y + col_y)
            col_y += h
            col_w = max(col_w, w)
        elif shelf_h and col_x + col_w + w <= width + 1e-9:
            col_x, col_w, col_y = col_x + col_w, w, h
            offsets[i] = (col_x, shelf_y)
        else:
            shelf_y += shelf_h
            shelf_h, col_x, col_w, col_y = h, 0.0, w, h
            offsets[i] = (0.0, shelf_y)
    return offsets


_ISOLATE_ROW_HEIGHT = 0.04
_ISOLATE_MAX_ROWS = 5


def _isolate_band_height(count: int) -> float:
    return _isolate_rows_needed(count) * _ISOLATE_ROW_HEIGHT if count else 0.0


def _isolate_rows_needed(count: int) -> int:
    per_row = _isolates_per_row(count)
    return math.ceil(count / per_row)


def _isolates_per_row(count: int) -> int:
    # 30 slots per row space a handful of isolates like nodes in a component; beyond 150
    # isolates the rows get denser rather than taking more than a fifth of the height.
    return max(30, math.ceil(count / _ISOLATE_MAX_ROWS))


def _isolate_rows(count: int, band: float) -> np.ndarray:
    """Rows along the bottom border, left to right, in node order."""
    per_row = _isolates_per_row(count)
    i = np.arange(count)
    x = (i % per_row + 0.5) / per_row
    y = 1.0 - band + (i // per_row + 0.5) * _ISOLATE_ROW_HEIGHT
    return np.column_stack([x, y])


def _grid(count: int, aspect: float) -> np.ndarray:
    """Nodes in a regular grid, used when there is no tie at all."""
    cols = max(1, min(count, math.ceil(math.sqrt(count * aspect))))
    rows = math.ceil(count / cols)
    i = np.arange(count)
    return np.column_stack([(i % cols + 0.5) / cols, (i // cols + 0.5) / rows])


# --------------------------------------------------------------------------- network SVG


def network_svg(
    nodes: Sequence[DrawNode],
    edges: Sequence[DrawEdge],
    positions: dict[NodeId, Position],
    *,
    title: str,
    description: str,
    width: int = 960,
    height: int = 640,
    label_top: int = 12,
    min_radius: float | None = None,
    max_radius: float | None = None,
    legend: bool = True,
    chart_id: str = "network",
) -> str:
    """The network as an SVG string; `positions` as returned by `layout`.

    Reciprocated pairs may be given once or in both directions; they are drawn once. Edges
    whose ends are not among `nodes` are skipped; a node without a position is an error.
    Without `min_radius`/`max_radius` the node sizes follow the room per node (3–12 px for
    small networks, down to 1.5–3.5 px in dense ones). `chart_id` prefixes the element ids,
    so several charts can share a page.
    """
    # With links inside, role="img" would make them presentational (ARIA), so use a group.
    role = "group" if any(_safe_url(n.url) for n in nodes) else "img"
    parts = [_svg_open(width, height, title, description, chart_id, role, "network-chart")]
    if not nodes:
        parts.append(_empty_text(width, height, "Keine Organisationen"))
        parts.append("</svg>")
        return "".join(parts)
    plot_right = width - (LEGEND_WIDTH if legend else 0)
    pad = (max_radius if max_radius is not None else MAX_RADIUS) + 4
    box = (pad, pad, plot_right - 2 * pad, height - 2 * pad)
    xy = _pixel_positions(nodes, positions, box)
    low, high = _radius_range(_typical_spacing(xy, box), min_radius, max_radius)
    radii = _node_radii(nodes, low, high)
    index = {node.id: i for i, node in enumerate(nodes)}
    parts.append(_arrow_marker(chart_id))
    parts.extend(_edges_svg(edges, index, xy, radii, chart_id))
    parts.append(_nodes_svg(nodes, xy, radii))
    parts.append(_labels_svg(nodes, xy, radii, label_top, box))
    if legend:
        parts.append(_legend_svg(plot_right + 8, chart_id))
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(
    width: int, height: int, title: str, description: str, chart_id: str, role: str, kind: str
) -> str:
    cid = _attr(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="chart {kind}" role="{role}" '
        f'aria-labelledby="{cid}-title {cid}-desc" {FONT}>'
        f'<title id="{cid}-title">{_text(title)}</title>'
        f'<desc id="{cid}-desc">{_text(description)}</desc>'
    )


def _empty_text(width: int, height: int, message: str) -> str:
    return (
        f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
        f'font-size="14" fill="{DARK_TEXT}">{_text(message)}</text>'
    )


def _pixel_positions(
    nodes: Sequence[DrawNode],
    positions: dict[NodeId, Position],
    box: tuple[float, float, float, float],
) -> np.ndarray:
    missing = [n.id for n in nodes if n.id not in positions]
    if missing:
        raise ValueError(f"no position for node(s) {missing[:5]!r}")
    left, top, w, h = box
    unit = np.array([positions[n.id] for n in nodes], dtype=float).reshape(-1, 2)
    return np.column_stack([left + unit[:, 0] * w, top + unit[:, 1] * h])


def _typical_spacing(xy: np.ndarray, box: tuple[float, float, float, float]) -> float:
    """Distance in pixels between neighbouring nodes where a typical node sits.

    Counted on a coarse grid, weighting each cell by its nodes: the whole plot area would
    overrate the room in a dense cluster or along a long chain.
    """
    left, top, w, h = box
    cols, rows = 24, 16
    cx = np.clip(((xy[:, 0] - left) / max(w, 1.0) * cols).astype(int), 0, cols - 1)
    cy = np.clip(((xy[:, 1] - top) / max(h, 1.0) * rows).astype(int), 0, rows - 1)
    counts = np.bincount(cy * cols + cx, minlength=cols * rows).astype(float)
    crowding = float((counts**2).sum() / counts.sum())  # nodes in a typical node's cell
    return math.sqrt(w / cols * h / rows / crowding)


def _radius_range(spacing: float, low: float | None, high: float | None) -> tuple[float, float]:
    """Default radii from the room per node, so 2,000 nodes do not become one solid blot."""
    high = high if high is not None else min(MAX_RADIUS, max(3.5, 0.45 * spacing))
    low = low if low is not None else min(3.0, max(1.5, high / 3.5))
    return low, max(low, high)


def _node_radii(nodes: Sequence[DrawNode], low: float, high: float) -> np.ndarray:
    """Radius by the square root of the degree, so the area grows with the degree."""
    degree = np.array([max(n.degree, 0) for n in nodes], dtype=float)
    top = float(degree.max()) if len(degree) else 0.0
    if top <= 0:
        return np.full(len(nodes), low)
    return low + (high - low) * np.sqrt(degree / top)


def _arrow_marker(chart_id: str) -> str:
    # userSpaceOnUse: the arrowhead keeps its size whatever the line width.
    return (
        f'<defs><marker id="{_attr(chart_id)}-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0L10,5L0,10z" fill="{EDGE_COLOUR}"/></marker></defs>'
    )


def _edges_svg(
    edges: Sequence[DrawEdge],
    index: dict[NodeId, int],
    xy: np.ndarray,
    radii: np.ndarray,
    chart_id: str,
) -> list[str]:
    """Two groups: reciprocated ties (solid) and one-sided ties (dashed, with arrowhead)."""
    mutual, one_sided = _split_ties(edges, index)
    widths = _edge_widths([e.weight for _s, _t, e in mutual + one_sided])
    opacity = 0.7 if len(widths) <= 300 else 0.45 if len(widths) <= 3000 else 0.3
    solid = [
        _line(xy[s], xy[t], w) for (s, t, _e), w in zip(mutual, widths[: len(mutual)], strict=True)
    ]
    dashed = [
        _line(xy[s], _shorten(xy[s], xy[t], radii[t] + 1.0), w)
        for (s, t, _e), w in zip(one_sided, widths[len(mutual) :], strict=True)
    ]
    common = f'fill="none" stroke="{EDGE_COLOUR}" stroke-opacity="{opacity}"'
    return [
        f'<g class="ties ties-reciprocated" {common}>{"".join(solid)}</g>',
        f'<g class="ties ties-one-sided" {common} stroke-dasharray="4 3" '
        f'marker-end="url(#{_attr(chart_id)}-arrow)">{"".join(dashed)}</g>',
    ]


def _split_ties(edges: Sequence[DrawEdge], index: dict[NodeId, int]) -> tuple[list[Tie], list[Tie]]:
    mutual: list[Tie] = []
    one_sided: list[Tie] = []
    seen: set[tuple[int, int]] = set()
    for edge in edges:
        s, t = index.get(edge.source), index.get(edge.target)
        if s is None or t is None or s == t:
            continue
        if not edge.reciprocated:
            one_sided.append((s, t, edge))
        elif (min(s, t), max(s, t)) not in seen:
            seen.add((min(s, t), max(s, t)))
            mutual.append((s, t, edge))
    return mutual, one_sided


def _edge_widths(weights: Sequence[float], low: float = 0.75, high: float = 3.0) -> list[float]:
    """Width in proportion to the weight, the strongest tie `high`, none thinner than `low`."""
    if not weights:
        return []
    values = np.maximum(np.nan_to_num(np.asarray(weights, dtype=float)), 0.0)
    top = float(values.max())
    if top <= 0 or float(values.min()) == top:
        return [1.2] * len(values)
    return np.maximum(low, high * values / top).tolist()


def _shorten(start: np.ndarray, end: np.ndarray, by: float) -> np.ndarray:
    """End the line at the target's outline, so the arrowhead is not hidden under the node."""
    vector = end - start
    length = float(np.hypot(*vector))
    if length <= by * 2:
        return end
    return end - vector / length * by


def _line(a: np.ndarray, b: np.ndarray, width: float) -> str:
    return (
        f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
        f'stroke-width="{width:.2f}"/>'
    )


def _nodes_svg(nodes: Sequence[DrawNode], xy: np.ndarray, radii: np.ndarray) -> str:
    # Small nodes first and highlighted ones last, so big hubs do not cover small nodes.
    order = sorted(range(len(nodes)), key=lambda i: (nodes[i].highlight, nodes[i].degree))
    return (
        '<g class="nodes">' + "".join(_node_svg(nodes[i], xy[i], radii[i]) for i in order) + "</g>"
    )


def _node_svg(node: DrawNode, at: np.ndarray, radius: float) -> str:
    sector = node.sector if node.sector in SECTOR_COLOURS else "other"
    outline = 'stroke-width="2.5"' if node.highlight else 'stroke-width="0.8"'
    style = f'fill="{SECTOR_COLOURS[sector]}" stroke="{NODE_OUTLINE}" {outline}'
    description = _node_title(node)
    inner = (
        f'<g class="node"><title>{_text(description)}</title>'
        f"{_shape(LEVEL_SHAPES.get(node.level, 'circle'), at[0], at[1], radius, style)}</g>"
    )
    url = _safe_url(node.url)
    if not url:
        return inner
    # aria-label as well: screen readers do not all take a link's name from a nested <title>.
    return f'<a href="{_attr(url)}" aria-label="{_attr(description)}">{inner}</a>'


def _node_title(node: DrawNode) -> str:
    sector = SECTOR_LABELS.get(node.sector, SECTOR_LABELS["other"])
    level = LEVEL_LABELS.get(node.level, node.level)
    ties = "1 Verbindung" if node.degree == 1 else f"{node.degree} Verbindungen"
    return f"{node.label} – {sector}, {level}, {ties}"


def _shape(kind: str, x: float, y: float, r: float, style: str) -> str:
    """Shapes of equal area πr², so that the level does not change the perceived size."""
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {style}/>'
    if kind == "square":
        h = r * math.sqrt(math.pi) / 2
        points = [(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h)]
    elif kind == "diamond":
        h = r * math.sqrt(math.pi / 2)
        points = [(x, y - h), (x + h, y), (x, y + h), (x - h, y)]
    elif kind == "triangle":
        big = r * math.sqrt(math.pi / (3 * math.sqrt(3) / 4))
        points = _regular_polygon(x, y + big * 0.2, big, 3)
    else:  # hexagon
        big = r * math.sqrt(math.pi / (3 * math.sqrt(3) / 2))
        points = _regular_polygon(x, y, big, 6)
    d = "M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in points) + "Z"
    return f'<path d="{d}" {style}/>'


def _regular_polygon(x: float, y: float, radius: float, corners: int) -> list[Position]:
    # First corner points up, which makes the triangle stand on its base.
    angles = [-math.pi / 2 + 2 * math.pi * k / corners for k in range(corners)]
    return [(x + radius * math.cos(a), y + radius * math.sin(a)) for a in angles]


LABEL_SIZE = 11
# Rough width of one character of an 11 px sans-serif label, for collision checks.
_LABEL_CHAR_WIDTH = 6.0


def _labels_svg(
    nodes: Sequence[DrawNode],
    xy: np.ndarray,
    radii: np.ndarray,
    top: int,
    box: tuple[float, float, float, float],
) -> str:
    """Labels on a white halo; see `_place_labels` for which nodes get one.

    aria-hidden: the same names are in the node titles; reading them twice would be noise.
    The halo is a separate white-stroked copy, since `paint-order` is not supported everywhere.
    """
    halo, text = [], []
    for i, x, anchor in _place_labels(nodes, xy, radii, top, box):
        label = _text(_truncate(nodes[i].label, 32))
        attrs = f'x="{x:.1f}" y="{xy[i][1] + 4:.1f}" text-anchor="{anchor}"'
        halo.append(f"<text {attrs}>{label}</text>")
        text.append(f"<text {attrs}>{label}</text>")
    return (
        f'<g class="labels" aria-hidden="true" font-size="{LABEL_SIZE}">'
        f'<g fill="#ffffff" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">'
        f'{"".join(halo)}</g><g fill="{DARK_TEXT}">{"".join(text)}</g></g>'
    )


def _place_labels(
    nodes: Sequence[DrawNode],
    xy: np.ndarray,
    radii: np.ndarray,
    top: int,
    box: tuple[float, float, float, float],
) -> list[tuple[int, float, str]]:
    """(node index, x, text-anchor) for highlighted nodes and the `top` nodes by degree.

    Greedy: by rank, a label goes to the right of its node, else to the left, else (unless
    highlighted) it is skipped and the next node by degree gets the slot, so labels never
    overlap each other. Hubs tend to sit together in the middle, where overlaps are likeliest.
    """
    highlighted = [i for i, n in enumerate(nodes) if n.highlight]
    ranked = sorted(
        (i for i, n in enumerate(nodes) if n.degree > 0 and not n.highlight),
        key=lambda i: (-nodes[i].degree, i),
    )[: max(top, 0) * 4]  # enough reserves for skipped labels, without scanning every node
    canvas_right = box[0] * 2 + box[2]
    taken: list[Rect] = []
    placed: list[tuple[int, float, str]] = []
    plain = 0
    for i in highlighted + ranked:
        if plain >= top and not nodes[i].highlight:
            break
        length = len(_truncate(nodes[i].label, 32)) * _LABEL_CHAR_WIDTH
        options = [_label_box(xy[i], radii[i], length, anchor) for anchor in ("start", "end")]
        inside = [o for o in options if o[0][0] >= 0 and o[0][2] <= canvas_right] or options
        free = [o for o in inside if not any(_overlaps(o[0], t) for t in taken)]
        if not free and not nodes[i].highlight:
            continue
        rect, x, anchor = (free or inside)[0]
        taken.append(rect)
        placed.append((i, x, anchor))
        plain += not nodes[i].highlight
    return placed


def _label_box(
    at: np.ndarray, radius: float, length: float, anchor: str
) -> tuple[Rect, float, str]:
    """Bounding box, x and anchor of a label right ("start") or left ("end") of its node."""
    x, y = float(at[0]), float(at[1])
    if anchor == "start":
        lx = x + radius + 3
        return (lx, y - 8, lx + length, y + 5), lx, anchor
    lx = x - radius - 3
    return (lx - length, y - 8, lx, y + 5), lx, anchor


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _legend_svg(x: float, chart_id: str) -> str:
    """Sectors, levels and tie styles in a panel on the right of the plot."""
    parts = [f'<g class="legend" font-size="12" fill="{DARK_TEXT}">']
    y = 20.0
    parts.append(_legend_heading(x, y, "Sektor"))
    for key, label in SECTOR_LABELS.items():
        y += 18
        style = f'fill="{SECTOR_COLOURS[key]}" stroke="{NODE_OUTLINE}" stroke-width="0.8"'
        parts.append(_shape("circle", x + 6, y - 4, 5.5, style) + _legend_text(x + 18, y, label))
    y += 28
    parts.append(_legend_heading(x, y, "Ebene"))
    for key, label in LEVEL_LABELS.items():
        y += 18
        style = f'fill="#bdbdbd" stroke="{NODE_OUTLINE}" stroke-width="0.8"'
        parts.append(
            _shape(LEVEL_SHAPES[key], x + 6, y - 4, 5.5, style) + _legend_text(x + 18, y, label)
        )
    y += 28
    parts.append(_legend_heading(x, y, "Verbindungen"))
    y += 18
    parts.append(
        f'<line x1="{x}" y1="{y - 4}" x2="{x + 14}" y2="{y - 4}" stroke="{EDGE_COLOUR}" '
        f'stroke-width="1.5"/>' + _legend_text(x + 18, y, "gegenseitig")
    )
    y += 18
    parts.append(
        f'<line x1="{x}" y1="{y - 4}" x2="{x + 14}" y2="{y - 4}" stroke="{EDGE_COLOUR}" '
        f'stroke-width="1.5" stroke-dasharray="4 3" marker-end="url(#{_attr(chart_id)}-arrow)"/>'
        + _legend_text(x + 18, y, "einseitig genannt")
    )
    for note in (
        "Pfeil: meldend → Partner",
        "Linienbreite: Intensität",
        "Größe: Zahl der Verbindungen",
    ):
        y += 17
        parts.append(f'<text x="{x}" y="{y}" font-size="11">{_text(note)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _legend_heading(x: float, y: float, text: str) -> str:
    return f'<text x="{x}" y="{y}" font-weight="bold">{_text(text)}</text>'


def _legend_text(x: float, y: float, text: str) -> str:
    return f'<text x="{x}" y="{y}">{_text(text)}</text>'


# --------------------------------------------------------------------------- matrix SVG


def matrix_svg(
    groups: Sequence[tuple[str, str]],
    counts: Sequence[Sequence[float]] | np.ndarray,
    *,
    title: str,
    description: str,
    chart_id: str = "matrix",
    cell: int = 54,
) -> str:
    """Heat map of tie counts between groups: rows = reporter's group, columns = partner's."""
    n = len(groups)
    values = np.asarray(counts, dtype=float)
    if values.size == 0 and n == 0:
        values = values.reshape(0, 0)
    if values.shape != (n, n):
        raise ValueError(f"counts must be {n} × {n}, got shape {values.shape}")
    label_w, header_h, right_pad, footer_h = 150, 120, 110, 70
    width, height = label_w + n * cell + right_pad, header_h + n * cell + footer_h
    parts = [_svg_open(width, height, title, description, chart_id, "img", "matrix-chart")]
    if n == 0:
        parts.append(_empty_text(width, height, "Keine Werte"))
        parts.append("</svg>")
        return "".join(parts)
    top = float(np.nanmax(values)) if np.any(np.isfinite(values)) else 0.0
    parts.append(_matrix_labels(groups, label_w, header_h, cell))
    parts.append(_matrix_cells(groups, values, top, label_w, header_h, cell))
    finite = values[np.isfinite(values)]
    whole = bool(np.all(finite == np.round(finite)))
    parts.append(_matrix_key(top, whole, label_w, header_h + n * cell + 22))
    parts.append("</svg>")
    return "".join(parts)


def _matrix_labels(groups: Sequence[tuple[str, str]], left: int, top: int, cell: int) -> str:
    parts = [f'<g class="matrix-labels" font-size="12" fill="{DARK_TEXT}">']
    for i, (_key, label) in enumerate(groups):
        y = top + i * cell + cell / 2 + 4
        parts.append(f'<text x="{left - 8}" y="{y:.1f}" text-anchor="end">{_text(label)}</text>')
        # Column labels slanted upwards to the right, so long German words fit narrow columns.
        x = left + i * cell + cell / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top - 8}" transform="rotate(-40 {x:.1f} {top - 8})">'
            f"{_text(label)}</text>"
        )
    parts.append(
        f'<text x="{left - 8}" y="{top - 8}" text-anchor="end" font-weight="bold">'
        "meldend ↓ · Partner →</text></g>"
    )
    return "".join(parts)


def _matrix_cells(
    groups: Sequence[tuple[str, str]],
    values: np.ndarray,
    top: float,
    left: int,
    top_y: int,
    cell: int,
) -> str:
    parts = ['<g class="matrix-cells" font-size="13" text-anchor="middle">']
    for r, (_rk, row_label) in enumerate(groups):
        for c, (_ck, col_label) in enumerate(groups):
            value = float(values[r, c])
            fill = matrix_colour(value, top)
            x, y = left + c * cell, top_y + r * cell
            number = _format_count(value)
            parts.append(
                f'<g class="cell"><title>{_text(row_label)} → {_text(col_label)}: '
                f"{number}</title>"
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" '
                'stroke="#ffffff" stroke-width="1"/>'
                f'<text x="{x + cell / 2:.1f}" y="{y + cell / 2 + 4.5:.1f}" '
                f'fill="{text_colour(fill)}">{number}</text></g>'
            )
    parts.append("</g>")
    return "".join(parts)


def _matrix_key(top: float, whole: bool, left: int, y: int) -> str:
    """A colour key from 0 to the maximum in up to five swatches (whole numbers for counts)."""
    parts = [f'<g class="matrix-key" font-size="11" fill="{DARK_TEXT}">']
    parts.append(f'<text x="{left}" y="{y}">Zahl der Nennungen</text>')
    steps = [top * k / 4 for k in range(5)] if top > 0 else [0.0]
    if whole:
        steps = list(dict.fromkeys(float(round(v)) for v in steps))
    for k, value in enumerate(steps):
        x = left + k * 44
        parts.append(
            f'<rect x="{x}" y="{y + 6}" width="40" height="14" fill="{matrix_colour(value, top)}" '
            f'stroke="#bdbdbd" stroke-width="0.5"/>'
            f'<text x="{x + 20}" y="{y + 34}" text-anchor="middle">{_format_count(value)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def matrix_colour(value: float, top: float) -> str:
    """Cell colour on the YlGnBu ramp, linear in value / top; empty and missing cells grey."""
    if not math.isfinite(value) or value <= 0 or top <= 0:
        return MATRIX_EMPTY
    position = min(value / top, 1.0) * (len(MATRIX_RAMP) - 1)
    low = min(int(position), len(MATRIX_RAMP) - 2)
    share = position - low
    a, b = _rgb(MATRIX_RAMP[low]), _rgb(MATRIX_RAMP[low + 1])
    mixed = [round(ca + (cb - ca) * share) for ca, cb in zip(a, b, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def text_colour(fill: str) -> str:
    """Dark or white text, whichever has the higher WCAG contrast ratio against `fill`."""
    background = _luminance(fill)
    dark = (background + 0.05) / (_luminance(DARK_TEXT) + 0.05)
    light = (_luminance(LIGHT_TEXT) + 0.05) / (background + 0.05)
    return LIGHT_TEXT if light > dark else DARK_TEXT


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _format_count(value: float) -> str:
    """German notation: 1.234 for whole numbers, 12,5 otherwise, – for missing."""
    if not math.isfinite(value):
        return "–"
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


# --------------------------------------------------------------------------- text helpers


def _text(value: str) -> str:
    """Escaped text content without the control characters XML 1.0 does not allow."""
    return escape(_XML_INVALID.sub("", str(value)), quote=False)


def _attr(value: str) -> str:
    return escape(_XML_INVALID.sub("", str(value)), quote=True)


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _safe_url(url: str | None) -> str | None:
    """Only relative, http and https links; anything else (javascript:, data:) is dropped."""
    if not url:
        return None
    scheme = _URL_SCHEME.match(url)
    if scheme and scheme.group(1).lower() not in {"http", "https"}:
        return None
    return url
