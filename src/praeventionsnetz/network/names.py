"""Folding organisation names for matching: case, umlauts and accents do not count.

`fold` lowercases (casefold), drops accents (é → e, ä → a), writes ß as ss and reads the
German transcriptions ae, oe, ue as a, o, u — so "Löbtau", "Loebtau" and "LOBTAU" fold
alike. Both the names and the query are folded the same way, so a query is found in a
name when its folded form is a part of the folded name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

TRANSCRIPTIONS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    for written, letter in TRANSCRIPTIONS:
        text = text.replace(written, letter)
    return " ".join(text.split())


def best_matches(
    query: str, names: Iterable[tuple[int, str]], *, limit: int
) -> list[tuple[int, str]]:
    """Up to `limit` (id, name) whose name contains every word of the query; names that
    start with the query first, then alphabetically."""
    words = fold(query).split()
    if not words:
        return []
    whole = " ".join(words)
    found = []
    for pk, name in names:
        folded = fold(name)
        if all(word in folded for word in words):
            found.append((not folded.startswith(whole), folded, pk, name))
    found.sort()
    return [(pk, name) for _rest, _folded, pk, name in found[:limit]]
