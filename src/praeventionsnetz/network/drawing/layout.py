"""Where each organisation goes: force-directed positions, components packed into the drawing.

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
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import igraph
import numpy as np

from praeventionsnetz.network.drawing.elements import DrawEdge, NodeId, Position

# Components up to this size get the exact FR (0.1 s at 500 nodes); larger ones the grid variant.
EXACT_FR_MAX_NODES = 500

# Width : height of the plot area of `network_svg` (module `diagram`) with its defaults:
# (960 − 200 − 32) : (640 − 32).
PLOT_ASPECT = 1.2

# igraph's random number generator is process-global; `_seeded_igraph` holds this lock.
_IGRAPH_RNG_LOCK = threading.Lock()


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
