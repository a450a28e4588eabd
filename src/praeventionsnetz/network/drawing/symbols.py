"""Node symbols shared by the diagram and its legend: a colour per sector, a shape per level.

Colours are Okabe–Ito (colour-blind safe, one fixed colour per sector on every page); the
level shapes have equal area, so the size of a node still reads as its degree. The names of
sectors and levels come from the caller, in the reader's language (see `legend.LegendText`).
"""

from __future__ import annotations

import math

from praeventionsnetz.network.drawing.elements import Position

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
LEVEL_SHAPES: dict[str, str] = {
    "facility": "circle",
    "provider": "square",
    "district": "diamond",
    "city": "triangle",
    "state": "hexagon",
}
EDGE_COLOUR = "#4d4d4d"
NODE_OUTLINE = "#222222"  # a dark outline gives light fills (sky blue, grey) 3:1 against white


def shape(kind: str, x: float, y: float, r: float, style: str) -> str:
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
