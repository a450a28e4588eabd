"""Change between two survey waves: ties gained and lost, organisations joined and left.

:func:`compare_waves` matches organisations by id: ties gained and lost (id pairs; sorted
pairs when undirected), organisations joined and left, and before/after/delta of the whole
network figures (:func:`whole_network_figures`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import igraph as ig

from praeventionsnetz.core.text import Message, gettext_noop
from praeventionsnetz.network.metrics.centrality import degree_centralization
from praeventionsnetz.network.metrics.graph import NetworkInputError, natural_key, vertex_ids
from praeventionsnetz.network.metrics.groups import ei_index
from praeventionsnetz.network.metrics.structure import components, density, isolates, reciprocity


@dataclass(frozen=True)
class Change:
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, eq=False)
class WaveComparison:
    ties_gained: tuple[tuple[str, str], ...]
    ties_lost: tuple[tuple[str, str], ...]
    nodes_joined: tuple[str, ...]
    nodes_left: tuple[str, ...]
    changes: Mapping[str, Change]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ties_gained": [list(pair) for pair in self.ties_gained],
            "ties_lost": [list(pair) for pair in self.ties_lost],
            "nodes_joined": list(self.nodes_joined),
            "nodes_left": list(self.nodes_left),
            "changes": {
                name: {"before": c.before, "after": c.after, "delta": c.delta}
                for name, c in self.changes.items()
            },
        }


def whole_network_figures(g: ig.Graph, group_by: str | None = None) -> dict[str, float | None]:
    """The figures compared between waves."""
    figures: dict[str, float | None] = {
        "nodes": g.vcount(),
        "ties": g.ecount(),
        "density": density(g),
        "reciprocity": reciprocity(g),
        "components": components(g).count,
        "isolates": len(isolates(g)),
        "degree_centralization": degree_centralization(g),
    }
    if group_by is not None:
        figures["ei_index"] = ei_index(g, group_by).value
    return figures


def compare_waves(g1: ig.Graph, g2: ig.Graph, group_by: str | None = None) -> WaveComparison:
    """What changed from wave 1 to wave 2, matching organisations by id."""
    if g1.is_directed() != g2.is_directed():
        raise NetworkInputError(
            Message(
                gettext_noop("The two waves cannot be compared: one is directed, the other is not.")
            )
        )
    ties1, ties2 = _tie_set(g1), _tie_set(g2)
    ids1, ids2 = set(vertex_ids(g1)), set(vertex_ids(g2))
    before = whole_network_figures(g1, group_by)
    after = whole_network_figures(g2, group_by)
    return WaveComparison(
        ties_gained=tuple(sorted(ties2 - ties1, key=_natural_pair)),
        ties_lost=tuple(sorted(ties1 - ties2, key=_natural_pair)),
        nodes_joined=tuple(sorted(ids2 - ids1, key=natural_key)),
        nodes_left=tuple(sorted(ids1 - ids2, key=natural_key)),
        changes={name: Change(before[name], after[name]) for name in before},
    )


def _tie_set(g: ig.Graph) -> set[tuple[str, str]]:
    ids = vertex_ids(g)
    pairs = ((ids[s], ids[t]) for s, t in g.get_edgelist())
    if g.is_directed():
        return set(pairs)
    # Same pair in both waves even if the vertex order differs.
    return {(a, b) if natural_key(a) <= natural_key(b) else (b, a) for a, b in pairs}


def _natural_pair(pair: tuple[str, str]) -> tuple[tuple[int, int, str], ...]:
    return (natural_key(pair[0]), natural_key(pair[1]))
