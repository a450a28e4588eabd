"""The legend panel of the network diagram: sectors, levels and tie styles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from praeventionsnetz.network.drawing.svg import DARK_TEXT, escape_attr, escape_text
from praeventionsnetz.network.drawing.symbols import (
    EDGE_COLOUR,
    LEVEL_SHAPES,
    NODE_OUTLINE,
    SECTOR_COLOURS,
    shape,
)

LEGEND_WIDTH = 200


@dataclass(frozen=True)
class LegendText:
    """Every word of the legend, in the reader's language: the caller translates them."""

    sectors: Mapping[str, str]  # sector key → name
    levels: Mapping[str, str]  # level key → name
    sector_heading: str
    level_heading: str
    ties_heading: str
    reciprocated: str
    one_sided: str
    notes: Sequence[str]  # small print under the tie styles


def legend_svg(x: float, chart_id: str, text: LegendText) -> str:
    """Sectors, levels and tie styles in a panel on the right of the plot."""
    parts = [f'<g class="legend" font-size="12" fill="{DARK_TEXT}">']
    y = 20.0
    parts.append(_legend_heading(x, y, text.sector_heading))
    for key, colour in SECTOR_COLOURS.items():
        y += 18
        style = f'fill="{colour}" stroke="{NODE_OUTLINE}" stroke-width="0.8"'
        label = text.sectors.get(key, key)
        parts.append(shape("circle", x + 6, y - 4, 5.5, style) + _legend_text(x + 18, y, label))
    y += 28
    parts.append(_legend_heading(x, y, text.level_heading))
    for key, level_shape in LEVEL_SHAPES.items():
        y += 18
        style = f'fill="#bdbdbd" stroke="{NODE_OUTLINE}" stroke-width="0.8"'
        label = text.levels.get(key, key)
        parts.append(shape(level_shape, x + 6, y - 4, 5.5, style) + _legend_text(x + 18, y, label))
    y += 28
    parts.append(_legend_heading(x, y, text.ties_heading))
    y += 18
    parts.append(
        f'<line x1="{x}" y1="{y - 4}" x2="{x + 14}" y2="{y - 4}" stroke="{EDGE_COLOUR}" '
        f'stroke-width="1.5"/>' + _legend_text(x + 18, y, text.reciprocated)
    )
    y += 18
    parts.append(
        f'<line x1="{x}" y1="{y - 4}" x2="{x + 14}" y2="{y - 4}" stroke="{EDGE_COLOUR}" '
        'stroke-width="1.5" stroke-dasharray="4 3" '
        f'marker-end="url(#{escape_attr(chart_id)}-arrow)"/>'
        + _legend_text(x + 18, y, text.one_sided)
    )
    for note in text.notes:
        y += 17
        parts.append(f'<text x="{x}" y="{y}" font-size="11">{escape_text(note)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _legend_heading(x: float, y: float, text: str) -> str:
    return f'<text x="{x}" y="{y}" font-weight="bold">{escape_text(text)}</text>'


def _legend_text(x: float, y: float, text: str) -> str:
    return f'<text x="{x}" y="{y}">{escape_text(text)}</text>'
