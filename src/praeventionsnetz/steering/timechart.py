"""The time account as a server-side SVG: stacked bars of hours by task per period, with the
target as a mark. The page shows the same figures in a table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from praeventionsnetz.core.charts import SERIES_COLOURS, _nice_ticks, format_number
from praeventionsnetz.steering.timeaccount import TASKS, Period


def stacked_bars(
    periods: Sequence[Period],
    *,
    labels: Sequence[str],
    task_labels: dict[str, str],
    title: str,
    unit: str = "h",
    target_label: str = "Soll",
    width: int = 640,
    height: int = 280,
    chart_id: str = "time-chart",
) -> str:
    """One bar per period (hours by task, stacked) and a line at its target."""
    left, right, top, bottom = 48, 8, 12, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [p.total_minutes / 60 for p in periods]
    targets = [p.target_minutes / 60 for p in periods]
    high = max([*totals, *targets, 1.0])
    ticks = _nice_ticks(0, high)
    top_value = ticks[-1]
    described = "; ".join(
        f"{label}: {format_number(total)} {unit} ({target_label} {format_number(target)} {unit})"
        for label, total, target in zip(labels, totals, targets, strict=True)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]

    def y(value: float) -> float:
        return top + plot_h - value / top_value * plot_h

    for tick in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'class="chart-grid"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'class="chart-tick">{escape(format_number(tick, 0))}</text>'
        )
    slot = plot_w / max(len(periods), 1)
    bar = slot * 0.6
    for i, (period, label) in enumerate(zip(periods, labels, strict=True)):
        x = left + i * slot + (slot - bar) / 2
        base = 0.0
        for t, task in enumerate(TASKS):
            value = period.minutes_by_task.get(task, 0) / 60
            if value <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{y(base + value):.1f}" width="{bar:.1f}" '
                f'height="{y(base) - y(base + value):.1f}" fill="{SERIES_COLOURS[t]}">'
                f"<title>{escape(label)}, {escape(task_labels.get(task, task))}: "
                f"{escape(format_number(value))} {escape(unit)}</title></rect>"
            )
            base += value
        if period.target_minutes:
            target = period.target_minutes / 60
            parts.append(
                f'<line x1="{x - 3:.1f}" x2="{x + bar + 3:.1f}" y1="{y(target):.1f}" '
                f'y2="{y(target):.1f}" class="chart-target"><title>{escape(label)}: '
                f"{escape(target_label)} "
                f"{escape(format_number(target))} {escape(unit)}</title></line>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'class="chart-tick">{escape(label)}</text>'
        )
    for t, task in enumerate(TASKS):
        lx = left + t * (plot_w / len(TASKS))
        ly = top + plot_h + 44
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" fill="{SERIES_COLOURS[t]}"/>'
            f'<text x="{lx + 16:.1f}" y="{ly}" class="chart-key">{escape(task)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
