"""What the views hand to the drawings: organisations as nodes, reported ties as edges."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

NodeId = Hashable
Position = tuple[float, float]


@dataclass(frozen=True)
class DrawNode:
    id: NodeId
    label: str
    sector: str
    level: str
    degree: int
    url: str | None = None
    highlight: bool = False
    # What a screen reader announces (sector, level, ties …), in the reader's language;
    # without it, the label.
    title: str = ""


@dataclass(frozen=True)
class DrawEdge:
    """A tie from the reporting organisation (`source`) to the partner it named (`target`)."""

    source: NodeId
    target: NodeId
    reciprocated: bool
    weight: float = 1.0
