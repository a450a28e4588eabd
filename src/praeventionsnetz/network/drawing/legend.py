"""The legend panel of the network diagram: sectors, levels and tie styles."""

from __future__ import annotations

from praeventionsnetz.network.drawing.svg import DARK_TEXT, escape_attr, escape_text
from praeventionsnetz.network.drawing.symbols import (
    EDGE_COLOUR,
    LEVEL_LABELS,
    LEVEL_SHAPES,
    NODE_OUTLINE,
    SECTOR_COLOURS,
    SECTOR_LABELS,
    shape,
)

LEGEND_WIDTH = 200


def legend_svg(x: float, chart_id: str) -> str:
    """Sectors, levels and tie styles in a panel on the right of the plot."""
    parts = [f'<g class="legend" font-size="12" fill="{DARK_TEXT}">']
    y = 20.0
    parts.append(_legend_heading(x, y, "Sektor"))
    for key, label in SECTOR_LABELS.items():
        y += 18
        style = f'fill="{SECTOR_COLOURS[key]}" stroke="{NODE_OUTLINE}" stroke-width="0.8"'
        parts.append(shape("circle", x + 6, y - 4, 5.5, style) + _legend_text(x + 18, y, label))
    y += 28
    parts.append(_legend_heading(x, y, "Ebene"))
    for key, label in LEVEL_LABELS.items():
        y += 18
        style = f'fill="#bdbdbd" stroke="{NODE_OUTLINE}" stroke-width="0.8"'
        parts.append(
            shape(LEVEL_SHAPES[key], x + 6, y - 4, 5.5, style) + _legend_text(x + 18, y, label)
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
        'stroke-width="1.5" stroke-dasharray="4 3" '
        f'marker-end="url(#{escape_attr(chart_id)}-arrow)"/>'
        + _legend_text(x + 18, y, "einseitig genannt")
    )
    for note in (
        "Pfeil: meldend → Partner",
        "Linienbreite: Intensität",
        "Größe: Zahl der Verbindungen",
    ):
        y += 17
        parts.append(f'<text x="{x}" y="{y}" font-size="11">{escape_text(note)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _legend_heading(x: float, y: float, text: str) -> str:
    return f'<text x="{x}" y="{y}" font-weight="bold">{escape_text(text)}</text>'


def _legend_text(x: float, y: float, text: str) -> str:
    return f'<text x="{x}" y="{y}">{escape_text(text)}</text>'
