"""The rows of the long tables beside the maps, written without the template engine.

A city's finest level has hundreds of areas (Berlin: 448 Planungsräume); through the
template engine their rows cost a quarter of the page's time. These functions write the
same HTML with format_html_join, which escapes every value as the template would.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _origin(figure) -> SafeString:
    """The badge of a summed figure; few figures have one, so the template is fine here."""
    if figure.is_estimated or figure.is_aggregated:
        return render_to_string("monitoring/_figure_origin.html", {"f": figure})
    return mark_safe("")


def figure_rows(rows: Iterable[dict]) -> SafeString:
    """The choropleth's table: code, area (linked), figure, class with its colour."""
    swatches: dict[str, str] = {}  # a handful of class colours, each drawn once

    def swatch(colour: str) -> str:
        if colour not in swatches:
            swatches[colour] = render_to_string("core/_swatch.html", {"colour": colour}).strip()
        return swatches[colour]

    return format_html_join(
        "\n",
        '<tr><td class="code">{}</td><td><a href="{}">{}</a></td>'
        '<td class="num">{}{}</td><td class="num">{}</td></tr>',
        (
            (
                r["figure"].area.code,
                r["url"],
                r["figure"].area.name,
                r["figure"].label,
                _origin(r["figure"]),
                (
                    "–"
                    if r["class"] is None
                    else format_html("{}{}", mark_safe(swatch(r["colour"])), r["class"] + 1)
                ),
            )
            for r in rows
        ),
    )


def index_rows(results: Iterable) -> SafeString:
    """The index's table: rank, area (linked), value, class; a blanked result shows •."""
    return format_html_join(
        "",
        '<tr><td class="num">{}</td><td><a href="{}">{}</a></td><td class="num">{}</td>'
        "<td>{}</td></tr>",
        (
            ("•", r.link, r.area.name, "•", "•")
            if r.is_suppressed
            else (r.rank, r.link, r.area.name, floatformat(r.value, 2), r.class_label or "–")
            for r in results
        ),
    )
