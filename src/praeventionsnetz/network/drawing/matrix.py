"""Heat map of tie counts between sectors as server-side SVG.

Rows = reporter's sector, columns = partner's sector, in the ColorBrewer YlGnBu ramp; every
cell is printed with its number in dark or white text, whichever has the higher WCAG contrast
against the cell. Group names and the other words come from the caller, already translated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from praeventionsnetz.network.drawing.svg import (
    DARK_TEXT,
    LIGHT_TEXT,
    empty_text,
    escape_text,
    svg_open,
)

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


def matrix_svg(
    groups: Sequence[tuple[str, str]],
    counts: Sequence[Sequence[float]] | np.ndarray,
    *,
    title: str,
    description: str,
    axes_label: str = "",
    key_label: str = "",
    empty_message: str = "",
    chart_id: str = "matrix",
    cell: int = 54,
) -> str:
    """Heat map of tie counts between groups: rows = reporter's group, columns = partner's.

    `axes_label` says which way the rows and columns read (top left), `key_label` heads the
    colour key, `empty_message` stands in for a matrix without groups.
    """
    n = len(groups)
    values = np.asarray(counts, dtype=float)
    if values.size == 0 and n == 0:
        values = values.reshape(0, 0)
    if values.shape != (n, n):
        raise ValueError(f"counts must be {n} × {n}, got shape {values.shape}")
    label_w, header_h, right_pad, footer_h = 150, 120, 110, 70
    width, height = label_w + n * cell + right_pad, header_h + n * cell + footer_h
    parts = [svg_open(width, height, title, description, chart_id, "img", "matrix-chart")]
    if n == 0:
        parts.append(empty_text(width, height, empty_message))
        parts.append("</svg>")
        return "".join(parts)
    top = float(np.nanmax(values)) if np.any(np.isfinite(values)) else 0.0
    parts.append(_matrix_labels(groups, axes_label, label_w, header_h, cell))
    parts.append(_matrix_cells(groups, values, top, label_w, header_h, cell))
    finite = values[np.isfinite(values)]
    whole = bool(np.all(finite == np.round(finite)))
    parts.append(_matrix_key(top, whole, key_label, label_w, header_h + n * cell + 22))
    parts.append("</svg>")
    return "".join(parts)


def _matrix_labels(
    groups: Sequence[tuple[str, str]], axes: str, left: int, top: int, cell: int
) -> str:
    parts = [f'<g class="matrix-labels" font-size="12" fill="{DARK_TEXT}">']
    for i, (_key, label) in enumerate(groups):
        y = top + i * cell + cell / 2 + 4
        parts.append(
            f'<text x="{left - 8}" y="{y:.1f}" text-anchor="end">{escape_text(label)}</text>'
        )
        # Column labels slanted upwards to the right, so long German words fit narrow columns.
        x = left + i * cell + cell / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top - 8}" transform="rotate(-40 {x:.1f} {top - 8})">'
            f"{escape_text(label)}</text>"
        )
    parts.append(
        f'<text x="{left - 8}" y="{top - 8}" text-anchor="end" font-weight="bold">'
        f"{escape_text(axes)}</text></g>"
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
                f'<g class="cell"><title>{escape_text(row_label)} → {escape_text(col_label)}: '
                f"{number}</title>"
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" '
                'stroke="#ffffff" stroke-width="1"/>'
                f'<text x="{x + cell / 2:.1f}" y="{y + cell / 2 + 4.5:.1f}" '
                f'fill="{text_colour(fill)}">{number}</text></g>'
            )
    parts.append("</g>")
    return "".join(parts)


def _matrix_key(top: float, whole: bool, label: str, left: int, y: int) -> str:
    """A colour key from 0 to the maximum in up to five swatches (whole numbers for counts)."""
    parts = [f'<g class="matrix-key" font-size="11" fill="{DARK_TEXT}">']
    parts.append(f'<text x="{left}" y="{y}">{escape_text(label)}</text>')
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
