"""A family search query as AND-groups of alternative index terms, with misspelt words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from search_baseline.compounds import (
    BUILTIN_PARTS,
    LINKS,
    MAX_TOKEN_TO_SPLIT,
    MIN_CORPUS_PART,
    compound_levels,
)
from search_baseline.ranking import DERIVED, EXACT, FUZZY, PART
from search_baseline.text import MIN_STEM, adjective_base, stem, tokens
from search_baseline.vocabulary import Vocabulary, max_edits, trigrams

FUZZY_LIMIT = 20
_BUILTIN_VOCABULARY = Vocabulary(BUILTIN_PARTS)


class Alternatives(frozenset[str]):
    """One AND-group of a query: the index terms (OR) that satisfy it, each with a weight.

    A frozenset, so callers can use it as one; ``weights`` maps each term to EXACT, DERIVED,
    PART or FUZZY and ``word`` is the query word it came from.
    """

    weights: dict[str, float]
    word: str

    def __new__(cls, weights: Mapping[str, float], word: str = "") -> Alternatives:
        self = super().__new__(cls, weights)
        self.weights = dict(weights)
        self.word = word
        return self

    def __repr__(self) -> str:
        terms = ", ".join(f"{t}={w:g}" for t, w in sorted(self.weights.items()))
        return f"Alternatives({self.word!r}: {terms})"


def _as_vocabulary(vocabulary: Iterable[str] | None) -> Vocabulary | None:
    if vocabulary is None or isinstance(vocabulary, Vocabulary):
        return vocabulary
    return Vocabulary(vocabulary)


def _word_groups(
    token: str, vocabulary: Vocabulary | None, limit: int = FUZZY_LIMIT
) -> list[Alternatives]:
    stemmed = stem(token)
    whole: dict[str, float] = {}
    if vocabulary is not None:
        edits = max_edits(stemmed) - (stemmed in vocabulary)
        neighbours = vocabulary.similar(stemmed, edits) if edits > 0 else {}
        grams = trigrams(stemmed)
        nearest = sorted(
            neighbours,
            key=lambda t: (neighbours[t], -len(grams & trigrams(t)), t),
        )
        whole.update(dict.fromkeys(nearest[:limit], FUZZY))
    base = adjective_base(stemmed)
    if base:
        whole[base] = DERIVED
    whole[stemmed] = EXACT
    atoms = compound_levels(stemmed, vocabulary)[0]
    if not atoms and base:
        atoms = compound_levels(base, vocabulary)[0]
    parts: list[dict[str, float]] = [{atom: PART} for atom in dict.fromkeys(atoms)]
    if not parts and vocabulary is not None and stemmed not in vocabulary:
        parts = _fuzzy_split(stemmed, vocabulary, limit)
    if not parts:
        return [Alternatives(whole, token)]
    groups = []
    for part in parts:
        weights = dict(whole)
        for term, weight in part.items():
            weights[term] = max(weight, weights.get(term, 0.0))
        groups.append(Alternatives(weights, token))
    return groups


MIN_FUZZY_PART = 4
_MAX_FUZZY_SPLITS = 12


def _fuzzy_split(word: str, vocabulary: Vocabulary, limit: int) -> list[dict[str, float]]:
    """A misspelt compound as known parts plus one misspelt part, or [] if there is none.

    "erziehungsbertung" = erziehung + s + (bertung ≈ beratung): exact parts before and after
    one segment of at least ``MIN_FUZZY_PART`` letters that is within ``max_edits`` of a known
    part. Prefers the closest match, then the fewest parts.
    """
    n = len(word)
    if n < MIN_STEM + MIN_FUZZY_PART or n > MAX_TOKEN_TO_SPLIT:
        return []

    def is_part(seg: str) -> bool:
        return seg in BUILTIN_PARTS or (len(seg) >= MIN_CORPUS_PART and seg in vocabulary)

    def steps(i: int) -> Iterable[tuple[str, int]]:
        """(part, position after its link) for the known parts starting at i."""
        for j in range(i + MIN_STEM, n + 1):
            seg = word[i:j]
            if is_part(seg):
                for link in LINKS:
                    if word.startswith(link, j):
                        yield seg, j + len(link)

    forward: dict[int, tuple[str, ...]] = {0: ()}  # fewest parts covering word[:i]
    for i in range(n):
        if i in forward:
            for seg, k in steps(i):
                if k not in forward or len(forward[i]) + 1 < len(forward[k]):
                    forward[k] = (*forward[i], seg)
    backward: dict[int, tuple[str, ...]] = {n: ()}  # fewest parts covering word[j:]
    for j in range(n - 1, -1, -1):
        options = [(seg, *backward[k]) for seg, k in steps(j) if k in backward]
        if options:
            backward[j] = min(options, key=len)
    spans = sorted(
        ((i, j) for i in forward for j in backward if j - i >= MIN_FUZZY_PART and (i, j) != (0, n)),
        key=lambda span: span[1] - span[0],
    )
    best: tuple[tuple[int, int], list[dict[str, float]]] | None = None
    for i, j in spans[:_MAX_FUZZY_SPLITS]:
        segment = word[i:j]
        variants = [segment]
        if j < n:  # the misspelt part may end with a link
            variants += [segment[: -len(link)] for link in LINKS if link and segment.endswith(link)]
        for variant in variants:
            if len(variant) < MIN_FUZZY_PART:
                continue
            edits = max_edits(variant)
            matches = {
                term: distance
                for term, distance in (
                    vocabulary.similar(variant, edits) | _BUILTIN_VOCABULARY.similar(variant, edits)
                ).items()
                if is_part(term)
            }
            if not matches:
                continue
            closest = min(matches.values())
            parts = [*forward[i], "", *backward[j]]
            rank = (closest, len(parts))
            if best is None or rank < best[0]:
                nearest = sorted(matches, key=lambda t: (matches[t], t))[:limit]
                groups = [
                    dict.fromkeys(nearest, FUZZY) if part == "" else {part: PART} for part in parts
                ]
                best = (rank, groups)
    return best[1] if best is not None else []


def expand_query_term(
    term: str, vocabulary: Iterable[str] | None = None, limit: int = FUZZY_LIMIT
) -> set[str]:
    """Every index term one query word may match: its stem, derived base, compound parts and
    up to ``limit`` vocabulary terms within ``max_edits`` (one edit fewer if the stem itself
    is in the vocabulary). Empty for a stop word."""
    vocabulary = _as_vocabulary(vocabulary)
    found: set[str] = set()
    for token in tokens(term):
        for group in _word_groups(token, vocabulary, limit):
            found |= group
    return found


def parse_query(
    q: str, vocabulary: Iterable[str] | None = None, *, limit: int = FUZZY_LIMIT
) -> list[Alternatives]:
    """The query as AND-groups of alternatives: a document matches if it has at least one
    term of every group.

    One group per query word; a compound word gives one group per part, each also accepting
    the whole word and its misspellings. Pass a ``Vocabulary`` built once (a plain iterable is
    turned into one on every call). Stop words are dropped; an empty list means "no words".
    """
    vocabulary = _as_vocabulary(vocabulary)
    groups: list[Alternatives] = []
    for token in dict.fromkeys(tokens(q)):
        groups.extend(_word_groups(token, vocabulary, limit))
    return groups
