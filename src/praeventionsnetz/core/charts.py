"""Charts as server-side SVG, so pages and PDF reports share one drawing.

Each chart is a `<svg role="img">` with a title and a description; the page shows the same
figures in a table beside it. No JavaScript, no external fonts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Colour-blind safe qualitative colours (Okabe–Ito), strong enough on white.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
# Sequential ramp for maps (ColorBrewer YlGnBu 5, light to dark = low to high).
SEQUENTIAL = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
SEQUENTIAL_BY_COUNT = {
    2: ["#a1dab4", "#253494"],
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: SEQUENTIAL,
    6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
    7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
}


# Diverging ramp for ordered classes from low to high burden (ColorBrewer RdYlBu, reversed).
DIVERGING_BY_COUNT = {
    2: ["#2c7bb6", "#d7191c"],
    3: ["#2c7bb6", "#ffffbf", "#d7191c"],
    4: ["#2c7bb6", "#abd9e9", "#fdae61", "#d7191c"],
    5: ["#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c"],
    6: ["#4575b4", "#91bfdb", "#e0f3f8", "#fee090", "#fc8d59", "#d73027"],
}


def diverging(count: int) -> list[str]:
    if count in DIVERGING_BY_COUNT:
        return DIVERGING_BY_COUNT[count]
    return ramp(count)


def ramp(count: int) -> list[str]:
    return SEQUENTIAL_BY_COUNT.get(count, SEQUENTIAL)[:count] if count > 1 else [SEQUENTIAL[2]]


def format_number(value: float | None, decimals: int = 1) -> str:
    """German notation: 1.234,5."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[str, float | None]]  # (period, value); None = missing/suppressed


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values from at most `low` to at least `high`."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    steps = round((end - start) / step)
    return [round(start + i * step, 10) for i in range(steps + 1)]


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    height: int = 300,
    decimals: int = 1,
    chart_id: str = "chart",
    zero_based: bool = True,
) -> str:
    """A line chart of one or more time series; periods on the x axis in sorted order.

    With more than one series a key lists every one of them below the plot, in as many
    rows as their names need; the chart grows by those rows. `zero_based=False` lets the
    axis start near the lowest value (for figures around 100, such as "city = 100").
    """
    periods = sorted({p for s in series for p, _v in s.points})
    values = [v for s in series for _p, v in s.points if v is not None]
    left, right, top, bottom = 64, 16, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    keys = _key_layout([s.label for s in series], plot_w) if len(series) > 1 else []
    if keys:
        height += KEY_ROW * (1 + max(row for _x, row, _t in keys))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(_describe(series, unit, decimals))}</desc>',
    ]
    if not values or not periods:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" '
            'class="chart-empty">Keine Werte</text></svg>'
        )
        return "".join(parts)
    low, high = min(values), max(values)
    if zero_based:
        low = min(low, 0) if low >= 0 else low
    ticks = _nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]

    def x(period: str) -> float:
        if len(periods) == 1:
            return left + plot_w / 2
        return left + periods.index(period) / (len(periods) - 1) * plot_w

    def y(value: float) -> float:
        return top + plot_h - (value - low) / (high - low) * plot_h

    for tick in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" class="chart-grid"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'class="chart-tick">{escape(format_number(tick, _tick_decimals(ticks)))}'
            "</text>"
        )
    step = max(1, math.ceil(len(periods) / 10))
    for period in periods[::step]:
        parts.append(
            f'<text x="{x(period):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'class="chart-tick">{escape(period)}</text>'
        )
    if unit:
        parts.append(
            f'<text x="{left}" y="{top + plot_h + 48}" class="chart-unit">{escape(unit)}</text>'
        )
    for i, s in enumerate(series):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        segment: list[str] = []
        for period, value in sorted(s.points):
            if value is None:
                if len(segment) > 1:
                    parts.append(_polyline(segment, colour))
                segment = []
                continue
            segment.append(f"{x(period):.1f},{y(value):.1f}")
            parts.append(
                f'<circle cx="{x(period):.1f}" cy="{y(value):.1f}" r="3" '
                f'fill="{colour}"><title>{escape(s.label)} {escape(period)}: '
                f"{escape(format_number(value, decimals))}</title></circle>"
            )
        if len(segment) > 1:
            parts.append(_polyline(segment, colour))
    for i, (column_x, row, text) in enumerate(keys):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        lx = left + column_x
        ly = top + plot_h + bottom + 4 + row * KEY_ROW
        parts.append(
            f'<g class="chart-key-item"><rect x="{lx:.1f}" y="{ly - 10}" width="12" '
            f'height="12" fill="{colour}"/><text x="{lx + 16:.1f}" y="{ly}" '
            f'class="chart-key">{escape(text)}</text>'
            + (f"<title>{escape(series[i].label)}</title>" if text != series[i].label else "")
            + "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


# The key: one row per KEY_ROW units; a character is about CHAR_WIDTH units wide at 12 px.
KEY_ROW = 18
CHAR_WIDTH = 7.0
KEY_SWATCH = 16  # swatch and gap before the name
KEY_GAP = 12  # between two columns


def _key_layout(labels: Sequence[str], width: float) -> list[tuple[float, int, str]]:
    """(x offset, row, text) per label: the most columns in which every name fits whole.

    A name longer than the whole width is shortened with "…" (the full name stays in the
    key's tooltip and in the chart's description).
    """
    longest = max(len(label) for label in labels)
    columns = 1
    for n in (4, 3, 2):
        if n <= len(labels) and KEY_SWATCH + longest * CHAR_WIDTH <= width / n - KEY_GAP:
            columns = n
            break
    fits = int((width - KEY_SWATCH) / CHAR_WIDTH)
    texts = [label if len(label) <= fits else label[: fits - 1] + "…" for label in labels]
    return [(i % columns * (width / columns), i // columns, t) for i, t in enumerate(texts)]


def _tick_decimals(ticks: Sequence[float]) -> int:
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1
    return 0 if step >= 1 else max(0, -math.floor(math.log10(step)))


def _polyline(points: list[str], colour: str) -> str:
    return (
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
    )


def _describe(series: Sequence[Series], unit: str, decimals: int) -> str:
    texts = []
    for s in series:
        known = [(p, v) for p, v in sorted(s.points) if v is not None]
        if known:
            texts.append(
                f"{s.label}: von {format_number(known[0][1], decimals)} ({known[0][0]}) bis "
                f"{format_number(known[-1][1], decimals)} ({known[-1][0]}) {unit}".strip()
            )
    return "; ".join(texts) or "Keine Werte"
