"""Ranking of the family search: the weight of each kind of hit and a document's score."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

EXACT = 1.0  # the query word's own stem
DERIVED = 0.8  # its derived base: kinderärztlich → kinderarzt
PART = 0.7  # a part of a compound query word
FUZZY = 0.5  # a vocabulary term within the allowed edit distance
NAME_BOOST = 1.5  # a hit in the offer's name


def score(
    document_terms: Iterable[str],
    query: Sequence[Iterable[str]],
    *,
    name_terms: Iterable[str] = frozenset(),
) -> float:
    """Rank of a document for a parsed query; 0.0 unless every group has a hit.

    Each group scores its best hit: the term's weight (EXACT 1.0, DERIVED 0.8, PART 0.7,
    FUZZY 0.5; 1.0 for groups that are plain sets), times NAME_BOOST (1.5) if the term is in
    ``name_terms``. The score is the mean over the groups, so between 0.5 and 1.5.
    """
    if not query:
        return 0.0
    document = (
        document_terms if isinstance(document_terms, (set, frozenset)) else set(document_terms)
    )
    names = name_terms if isinstance(name_terms, (set, frozenset)) else set(name_terms)
    present = document | names if names else document
    total = 0.0
    for group in query:
        weights = getattr(group, "weights", None)
        best = 0.0
        # A group may have twenty alternatives and a document few of them: intersecting
        # walks the smaller side.
        for term in present.intersection(group):
            in_name = term in names
            weight = weights.get(term, 1.0) if weights is not None else 1.0
            if in_name:
                weight *= NAME_BOOST
            best = max(best, weight)
        if best == 0.0:
            return 0.0
        total += best
    return total / len(query)
