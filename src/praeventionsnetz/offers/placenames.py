"""Names of places and languages as families type them: folding, finding them among the
words of a query, and the nearest known spellings of a name nobody knows."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_STREET = re.compile(r"(?<=\w)(?:str\.|strasse\b|str\b)|\bstr\.|\bstrasse\b")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# The longest place name families type as one phrase ("Pieschen-Nord/Trachenberge" is two).
MAX_PHRASE_WORDS = 4
COMPASS = {"nord", "sued", "ost", "west", "mitte", "neu", "alt"}
# Parts of longer place names that are ordinary words in a search ("Zentrum für Familien"
# is no search in "Neuköllner Mitte/Zentrum").
GENERIC = COMPASS | {"zentrum", "park", "platz", "volkspark", "stadtpark", "garten", "kirche"}


def fold(text: str) -> str:
    """A spelling-insensitive key: "Löbtau" = "Loebtau" = "LÖBTAU", "Str." = "Straße",
    "Pieschen-Süd" = "Pieschen Süd"."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    text = _STREET.sub("strasse", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def words(text: str) -> list[str]:
    """The words of a query as typed, hyphenated words kept whole."""
    return _WORD.findall(text)


def name_variants(name: str) -> list[str]:
    """The phrases a place name is known by: the whole name, each part of a name joined
    with "/" or "," ("Pieschen-Nord/Trachenberge" → also "Trachenberge") and each piece of a
    hyphenated name but a compass word."""
    parts = [p.strip() for p in re.split(r"[/,]", name) if p.strip()]
    # "Friedrichshain-Kreuzberg" → "Kreuzberg"; "Pieschen-Süd" gives no "Süd".
    pieces = [
        piece
        for part in parts
        for piece in part.split("-")
        if len(piece) >= 4 and fold(piece) not in COMPASS and piece != part
    ]
    return list(dict.fromkeys([name, *parts, *pieces]))


@dataclass(frozen=True)
class Found:
    value: object
    start: int  # first word of the phrase
    end: int  # one past its last word


def find_phrases(typed: list[str], phrases: Mapping[str, T]) -> list[Found]:
    """The known phrases (folded key → value) among the typed words, longest first and not
    overlapping."""
    found: list[Found] = []
    taken: set[int] = set()
    for size in range(min(MAX_PHRASE_WORDS, len(typed)), 0, -1):
        for start in range(len(typed) - size + 1):
            span = set(range(start, start + size))
            if span & taken:
                continue
            key = fold(" ".join(typed[start : start + size]))
            if key in phrases:
                found.append(Found(phrases[key], start, start + size))
                taken |= span
    return sorted(found, key=lambda f: f.start)


def nearest(text: str, known: Iterable[str], *, n: int = 5) -> list[str]:
    """Up to ``n`` known names spelled most like ``text`` (typos, a missing "Straße", another
    word order), best first."""
    key = fold(text)
    if not key:
        return []
    by_key: dict[str, str] = {}
    for name in known:
        by_key.setdefault(fold(name), name)
    scored = []
    for folded, name in by_key.items():
        ratio = difflib.SequenceMatcher(None, key, folded).ratio()
        # "Kesselsdorfer" is close to "Kesselsdorfer Straße 12": compare with the start too.
        head = difflib.SequenceMatcher(None, key, folded[: len(key) + 2]).ratio()
        score = max(ratio, head * 0.95)
        if score >= 0.6:
            scored.append((-score, name))
    return [name for _score, name in sorted(scored)[:n]]
