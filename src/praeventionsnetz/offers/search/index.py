"""The index terms of an offer's texts: stems, derived bases, compound parts and synonyms."""

from __future__ import annotations

from functools import lru_cache

from praeventionsnetz.offers.search.compounds import split_levels
from praeventionsnetz.offers.search.synonyms import PHRASE_SYNONYMS, SINGLE_SYNONYMS
from praeventionsnetz.offers.search.text import adjective_base, stem, tokens


@lru_cache(maxsize=200_000)
def token_terms(token: str) -> tuple[str, frozenset[str]]:
    """(stem, every index term) of one normalised token: its stem, derived base, compound
    parts at every level and synonyms."""
    stemmed = stem(token)
    terms = {stemmed}
    base = adjective_base(stemmed)
    if base:
        terms.add(base)
    # "kinderarztliche" is no compound, its stem "kinderarzt" is.
    terms.update(split_levels(token)[1] or split_levels(stemmed)[1])
    for word in (stemmed, base):
        if word in SINGLE_SYNONYMS:
            terms |= SINGLE_SYNONYMS[word]
    return stemmed, frozenset(terms)


def index_terms(text: str) -> set[str]:
    """Every term a document with this text should be found by.

    Stems of its words, their derived bases ("kinderarztlich" → "kinderarzt"), compound parts
    at every level (split with the lexicon), and the terms of synonyms (single words and
    phrases such as "Allgemeiner Sozialer Dienst" ↔ "ASD").
    """
    terms: set[str] = set()
    stems: list[str] = []
    for token in tokens(text):
        stemmed, found = token_terms(token)
        stems.append(stemmed)
        terms |= found
    for i, stemmed in enumerate(stems):
        for phrase, found in PHRASE_SYNONYMS.get(stemmed, ()):
            if tuple(stems[i : i + len(phrase)]) == phrase:
                terms |= found
    return terms


def index_document(name: str, *texts: str) -> dict[str, bool]:
    """Term → whether it occurs in the name, for the name and further texts of one offer."""
    in_name = index_terms(name)
    found = dict.fromkeys(index_terms(" ".join(texts)), False)
    found.update(dict.fromkeys(in_name, True))
    return found
