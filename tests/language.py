"""Checks that a page speaks the reader's language: its visible text and German words in it."""

import json
import re
from html.parser import HTMLParser

from django.urls import reverse


class _Text(HTMLParser):
    """The text a reader sees or hears: text nodes, labels for assistive technology, and
    the strings of a map's JSON (its tooltips)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
            self._json = attrs.get("type") == "application/json"
        for name in ("aria-label", "placeholder", "title", "alt"):
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
            self._json = False

    def handle_data(self, data):
        if self._json and data.strip():
            self.parts.extend(_strings(json.loads(data)))
        elif not self._skip:
            self.parts.append(data)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def visible_text(page) -> str:
    """The visible text of a response or of an HTML string, whitespace collapsed."""
    html = page if isinstance(page, str) else page.content.decode()
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def words_in(page, words) -> list[str]:
    """Which of the words occur as whole words in the page's visible text."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")
    return sorted(set(pattern.findall(visible_text(page))))


def english(client):
    """The client with English chosen, as a reader does with the language switch."""
    client.post(reverse("set-language"), {"language": "en", "next": "/"})
    return client
