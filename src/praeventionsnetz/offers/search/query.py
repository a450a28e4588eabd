"""A family search query as AND-groups of alternative index terms, with misspelt words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from praeventionsnetz.offers.search.compounds import LINKS, split_levels
from praeventionsnetz.offers.search.lexicon import MIN_PART, noun_forms
from praeventionsnetz.offers.search.ranking import DERIVED, EXACT, FUZZY, PART
from praeventionsnetz.offers.search.text import adjective_base, stem, tokens
from praeventionsnetz.offers.search.vocabulary import Vocabulary, max_edits, trigrams

FUZZY_LIMIT = 20


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
    atoms = split_levels(token)[0]
    if not atoms:  # "kinderarztliche" is no compound, its stem "kinderarzt" may be
        atoms = split_levels(stemmed)[0]
        if vocabulary is not None and not all(atom in vocabulary for atom in atoms):
            atoms = ()
    parts: list[dict[str, float]] = [{atom: PART} for atom in atoms]
    if vocabulary is not None and stemmed not in vocabulary and atoms:
        # A part the offers never use is asked for with its misspellings too:
        # "Erziehungsbertung" = erziehung + (bertung ≈ beratung).
        for part in parts:
            (atom,) = part
            if atom not in vocabulary:
                edits = max_edits(atom)
                near = vocabulary.similar(atom, edits) if edits > 0 else {}
                part.update(dict.fromkeys(sorted(near, key=lambda t: (near[t], t))[:limit], FUZZY))
    if not parts and vocabulary is not None and stemmed not in vocabulary:
        parts = _fuzzy_split(token, vocabulary, limit)
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


@lru_cache(maxsize=1)
def _lexicon_vocabulary() -> Vocabulary:
    return Vocabulary(noun_forms())


def _fuzzy_split(token: str, vocabulary: Vocabulary, limit: int) -> list[dict[str, float]]:
    """A misspelt compound as a known part and a misspelt one, or [] if there is none.

    "erziehungsbertung" = erziehung + s + (bertung ≈ beratung): one side a noun of the
    lexicon (with its link), the other within ``max_edits`` of a noun of the lexicon whose
    stem the offers use. Prefers the closest match."""
    known = noun_forms()
    lexicon = _lexicon_vocabulary()
    best: tuple[int, list[dict[str, float]]] | None = None
    n = len(token)
    for i in range(MIN_PART, n - MIN_FUZZY_PART + 1):
        head, tail = token[:i], token[i:]
        options = []
        for link in LINKS:  # the known part first
            if head.endswith(link) and head[: len(head) - len(link)] in known:
                options.append((head[: len(head) - len(link)], tail, False))
        if tail in known and len(head) >= MIN_FUZZY_PART:  # the known part last
            options += [
                (tail, head[: len(head) - len(link)], True) for link in LINKS if head.endswith(link)
            ]
        for part, misspelt, misspelt_first in options:
            edits = max_edits(misspelt)
            if len(misspelt) < MIN_FUZZY_PART or edits == 0:
                continue
            near = lexicon.similar(misspelt, edits)
            stems = {}
            for form, distance in near.items():
                if stem(form) in vocabulary:
                    stems[stem(form)] = min(distance, stems.get(stem(form), distance))
            if not stems or stem(part) not in vocabulary:
                continue
            closest = min(stems.values())
            if best is None or closest < best[0]:
                nearest = sorted(stems, key=lambda t: (stems[t], t))[:limit]
                groups = [{stem(part): PART}, dict.fromkeys(nearest, FUZZY)]
                best = (closest, groups[::-1] if misspelt_first else groups)
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
