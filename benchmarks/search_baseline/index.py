"""The index terms of an offer's texts: stems, derived bases, compound parts and synonyms."""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from search_baseline.compounds import compound_levels
from search_baseline.synonyms import PHRASE_SYNONYMS, SINGLE_SYNONYMS
from search_baseline.text import adjective_base, stem, tokens


def _token_terms(token: str, vocabulary: Container[str] | None) -> tuple[str, frozenset[str]]:
    stemmed = stem(token)
    terms = {stemmed}
    base = adjective_base(stemmed)
    if base:
        terms.add(base)
    for word in (stemmed, base):
        if word:
            terms.update(compound_levels(word, vocabulary)[1])
    for word in (stemmed, base):
        if word in SINGLE_SYNONYMS:
            terms |= SINGLE_SYNONYMS[word]
    return stemmed, frozenset(terms)


@lru_cache(maxsize=200_000)
def _builtin_token_terms(token: str) -> tuple[str, frozenset[str]]:
    return _token_terms(token, None)


def index_terms(text: str, vocabulary: Container[str] | None = None) -> set[str]:
    """Every term a document with this text should be found by.

    Stems of its words, their derived bases ("kinderarztlich" → "kinderarzt"), compound parts
    at every level, and the terms of synonyms (single words and phrases such as "Allgemeiner
    Sozialer Dienst" ↔ "ASD"). Compounds are split with the built-in parts, plus the
    ``vocabulary`` when given (then the result depends on the corpus; the query side copes
    with either).
    """
    terms: set[str] = set()
    stems: list[str] = []
    for token in tokens(text):
        if vocabulary is None:
            stemmed, found = _builtin_token_terms(token)
        else:
            stemmed, found = _token_terms(token, vocabulary)
        stems.append(stemmed)
        terms |= found
    for i, stemmed in enumerate(stems):
        for phrase, found in PHRASE_SYNONYMS.get(stemmed, ()):
            if tuple(stems[i : i + len(phrase)]) == phrase:
                terms |= found
    return terms


def index_document(
    name: str, *texts: str, vocabulary: Container[str] | None = None
) -> dict[str, bool]:
    """Term → whether it occurs in the name, for the name and further texts of one offer."""
    in_name = index_terms(name, vocabulary)
    found = dict.fromkeys(index_terms(" ".join(texts), vocabulary), False)
    found.update(dict.fromkeys(in_name, True))
    return found
