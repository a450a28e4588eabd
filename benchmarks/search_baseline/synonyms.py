"""Synonyms and abbreviations of the family search, added to a document's index terms."""

from __future__ import annotations

from collections.abc import Mapping

from search_baseline.compounds import builtin_levels
from search_baseline.text import adjective_base, normalise, stem, tokens

# Two-way: each name finds the others. Data, kept small and specific to this domain.
EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("Kita", "Kindertagesstätte", "Kindertageseinrichtung"),
    ("Kiga", "Kindergarten"),
    ("EBS", "Erziehungsberatungsstelle"),
    ("ASD", "Allgemeiner Sozialer Dienst"),
    ("KSD", "Kommunaler Sozialer Dienst"),
    ("SPFH", "Sozialpädagogische Familienhilfe"),
    ("OGS", "Offene Ganztagsschule"),
    ("MGH", "Mehrgenerationenhaus"),
    ("DaZ", "Deutsch als Zweitsprache"),
    ("KJP", "Kinder- und Jugendpsychiatrie"),
    ("SPZ", "Sozialpädiatrisches Zentrum"),
    ("Hebamme", "Entbindungspfleger"),
    ("Kinderarzt", "Pädiater", "Kinderheilkunde"),
    ("Tagesmutter", "Tagesvater", "Kindertagespflege", "Tagespflegeperson"),
    ("Baby", "Säugling"),
    ("Mama", "Mutter"),
    ("Papa", "Vater"),
    ("Jugendliche", "Teenager"),
    ("Hausaufgabenhilfe", "Hausaufgabenbetreuung"),
    ("Schuldnerberatung", "Schuldenberatung"),
    ("Jugendtreff", "Jugendclub", "Jugendzentrum"),
    ("Krabbelgruppe", "Krabbeltreff", "Eltern-Kind-Gruppe"),
)
# One-way: a document with the key is also found by the values (a Krippe is a Kita).
BROADER: Mapping[str, tuple[str, ...]] = {
    "Krippe": ("Kita",),
    "Kinderkrippe": ("Kita",),
    "Kindergarten": ("Kita",),
    "Hort": ("Kita",),
    "Schulhort": ("Hort",),
}


def _key(expression: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokens(expression))


def _own_terms(token: str) -> set[str]:
    """Index terms of one token without synonyms, split with the built-in parts only."""
    stemmed = stem(token)
    terms = {stemmed}
    base = adjective_base(stemmed)
    if base:
        terms.add(base)
    for word in (stemmed, base):
        if word:
            terms.update(builtin_levels(word)[1])
    return terms


def _synonym_table() -> dict[tuple[str, ...], frozenset[str]]:
    edges: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    names: dict[tuple[str, ...], str] = {}
    for group in EQUIVALENTS:
        keys = [_key(name) for name in group]
        for name, key in zip(group, keys, strict=True):
            names[key] = name
            edges.setdefault(key, set()).update(k for k in keys if k != key)
    for narrower, wider in BROADER.items():
        key = _key(narrower)
        names[key] = narrower
        edges.setdefault(key, set()).update(_key(w) for w in wider)
        for w in wider:
            names.setdefault(_key(w), w)
    table = {}
    for start in edges:
        seen, todo = {start}, [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        seen.discard(start)
        terms: set[str] = set()
        for key in seen:
            for token in tokens(names[key]):
                terms |= _own_terms(token)
        table[start] = frozenset(terms)
    return table


_SYNONYMS = _synonym_table()
SINGLE_SYNONYMS = {key[0]: terms for key, terms in _SYNONYMS.items() if len(key) == 1}
PHRASE_SYNONYMS: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
for _phrase, _terms in _SYNONYMS.items():
    if len(_phrase) > 1:
        PHRASE_SYNONYMS.setdefault(_phrase[0], []).append((_phrase, _terms))


def synonyms(term: str) -> frozenset[str]:
    """Index terms a document containing the word or stem ``term`` gets from the synonym
    tables ("kita" → kindertagesstatt, kind, tag, statt, kindertageseinrichtung, ...)."""
    return SINGLE_SYNONYMS.get(stem(normalise(term).replace(" ", "")), frozenset())
