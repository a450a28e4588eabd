"""The node-link diagram of a cooperation network as server-side SVG.

Colour = sector, shape = level (see `symbols`), area = degree (radius by square root; the
radius range shrinks with the room per node). Reciprocated ties are solid lines, one-sided
ties dashed with an arrowhead from the reporter to the partner; line width follows the
weight. The legend is drawn inside the SVG (panel on the right, given as `legend`, whose
words the caller translates), so the PDF report keeps it. Labels only for highlighted nodes
and the `label_top` nodes with the highest degree, placed greedily so that they never overlap.
Accessibility: each node is a `<g>` with a `<title>` (the node's `title`, worded by the
caller: label, sector, level, degree), wrapped in `<a href>` when it has a URL. The root is
`role="img"` when nothing is clickable; with links it is `role="group"`, because ARIA makes
every child of an `img` presentational, which would hide the links from screen readers (axe
reports this as "nested-interactive").
Nodes are drawn (and so tabbed through) from low to high degree, highlighted ones last,
so that hubs are not covered by small nodes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from praeventionsnetz.network.drawing.elements import DrawEdge, DrawNode, NodeId, Position
from praeventionsnetz.network.drawing.legend import LEGEND_WIDTH, LegendText, legend_svg
from praeventionsnetz.network.drawing.svg import (
    DARK_TEXT,
    empty_text,
    escape_attr,
    escape_text,
    safe_url,
    svg_open,
    truncate,
)
from praeventionsnetz.network.drawing.symbols import (
    EDGE_COLOUR,
    LEVEL_SHAPES,
    NODE_OUTLINE,
    SECTOR_COLOURS,
    shape,
)

Rect = tuple[float, float, float, float]  # left, top, right, bottom in pixels
Tie = tuple[int, int, DrawEdge]  # source index, target index, the edge
MAX_RADIUS = 12.0  # the largest default node radius, for small networks


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
    legend: LegendText | None = None,
    empty_message: str = "",
    chart_id: str = "network",
) -> str:
    """The network as an SVG string; `positions` as returned by `layout`.

    Reciprocated pairs may be given once or in both directions; they are drawn once. Edges
    whose ends are not among `nodes` are skipped; a node without a position is an error.
    Without `min_radius`/`max_radius` the node sizes follow the room per node (3–12 px for
    small networks, down to 1.5–3.5 px in dense ones). Without `legend` the drawing has none;
    `empty_message` stands in for a network without nodes. `chart_id` prefixes the element
    ids, so several charts can share a page.
    """
    # With links inside, role="img" would make them presentational (ARIA), so use a group.
    role = "group" if any(safe_url(n.url) for n in nodes) else "img"
    parts = [svg_open(width, height, title, description, chart_id, role, "network-chart")]
    if not nodes:
        parts.append(empty_text(width, height, empty_message))
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
        parts.append(legend_svg(plot_right + 8, chart_id, legend))
    parts.append("</svg>")
    return "".join(parts)


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
        f'<defs><marker id="{escape_attr(chart_id)}-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
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
    solid = _lines(
        xy[[s for s, _t, _e in mutual]].reshape(-1, 2),
        xy[[t for _s, t, _e in mutual]].reshape(-1, 2),
        widths[: len(mutual)],
    )
    targets = [t for _s, t, _e in one_sided]
    starts = xy[[s for s, _t, _e in one_sided]].reshape(-1, 2)
    dashed = _lines(
        starts,
        _shortened(starts, xy[targets].reshape(-1, 2), radii[targets] + 1.0),
        widths[len(mutual) :],
    )
    common = f'fill="none" stroke="{EDGE_COLOUR}" stroke-opacity="{opacity}"'
    return [
        f'<g class="ties ties-reciprocated" {common}>{"".join(solid)}</g>',
        f'<g class="ties ties-one-sided" {common} stroke-dasharray="4 3" '
        f'marker-end="url(#{escape_attr(chart_id)}-arrow)">{"".join(dashed)}</g>',
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


def _shortened(start: np.ndarray, end: np.ndarray, by: np.ndarray) -> np.ndarray:
    """End each line at its target's outline, so the arrowhead is not hidden under the node;
    lines no longer than twice `by` keep their end."""
    vector = end - start
    length = np.hypot(vector[:, 0], vector[:, 1])
    keep = length <= by * 2
    factor = np.where(keep, 0.0, by / np.where(keep, 1.0, length))
    return end - vector * factor[:, None]


def _lines(start: np.ndarray, end: np.ndarray, widths: Sequence[float]) -> list[str]:
    """`<line>` elements to 0.1 px (width 0.01 px); Python floats format faster than numpy's."""
    coords = np.column_stack([start, end]).tolist()
    return [
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{w:.2f}"/>'
        for (x1, y1, x2, y2), w in zip(coords, widths, strict=True)
    ]


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
    # Escaped once for the title and the link's label (quotes as entities are valid text).
    description = escape_attr(node.title or node.label)
    inner = (
        f'<g class="node"><title>{description}</title>'
        f"{shape(LEVEL_SHAPES.get(node.level, 'circle'), at[0], at[1], radius, style)}</g>"
    )
    url = safe_url(node.url)
    if not url:
        return inner
    # aria-label as well: screen readers do not all take a link's name from a nested <title>.
    return f'<a href="{escape_attr(url)}" aria-label="{description}">{inner}</a>'


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
        label = escape_text(truncate(nodes[i].label, 32))
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
        length = len(truncate(nodes[i].label, 32)) * _LABEL_CHAR_WIDTH
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
