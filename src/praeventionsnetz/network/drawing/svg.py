"""SVG pieces every drawing shares: the root element, escaping, safe links, text colours.

All text is escaped and stripped of characters XML forbids, so the output always parses.
"""

from __future__ import annotations

import re
from html import escape

DARK_TEXT = "#1a1a1a"
LIGHT_TEXT = "#ffffff"
FONT = 'font-family="Helvetica, Arial, sans-serif"'

# Characters that XML 1.0 forbids even when escaped (control characters from imported names).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URL_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def svg_open(
    width: int, height: int, title: str, description: str, chart_id: str, role: str, kind: str
) -> str:
    """The opening `<svg>` tag with `<title>` and `<desc>`, labelled for screen readers."""
    cid = escape_attr(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="chart {kind}" role="{role}" '
        f'aria-labelledby="{cid}-title {cid}-desc" {FONT}>'
        f'<title id="{cid}-title">{escape_text(title)}</title>'
        f'<desc id="{cid}-desc">{escape_text(description)}</desc>'
    )


def empty_text(width: int, height: int, message: str) -> str:
    """A centred message in place of a drawing with nothing to show."""
    return (
        f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
        f'font-size="14" fill="{DARK_TEXT}">{escape_text(message)}</text>'
    )


def escape_text(value: str) -> str:
    """Escaped text content without the control characters XML 1.0 does not allow."""
    return escape(_XML_INVALID.sub("", str(value)), quote=False)


def escape_attr(value: str) -> str:
    """An escaped attribute value, without the characters `escape_text` drops."""
    return escape(_XML_INVALID.sub("", str(value)), quote=True)


def truncate(text: str, length: int) -> str:
    """At most `length` characters, an ellipsis marking the cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """Only relative, http and https links; anything else (javascript:, data:) is dropped."""
    if not url:
        return None
    scheme = _URL_SCHEME.match(url)
    if scheme and scheme.group(1).lower() not in {"http", "https"}:
        return None
    return url
