"""Misspellings in the family search: edit distance and the vocabulary of indexed terms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np


def trigrams(term: str) -> set[str]:
    """Character trigrams of a term, padded like PostgreSQL's pg_trgm ("  t", " te", ...)."""
    padded = f"  {term} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def damerau_levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment).

    With ``limit``, stops early and returns ``limit + 1`` once the distance exceeds it.
    """
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if limit is not None and abs(la - lb) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(lb + 1))
    for i in range(1, la + 1):
        ai = a[i - 1]
        current = [i] + [0] * lb
        row_min = i
        for j in range(1, lb + 1):
            bj = b[j - 1]
            value = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (ai != bj),
            )
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == bj:
                value = min(value, before[j - 2] + 1)
            current[j] = value
            if value < row_min:
                row_min = value
        if limit is not None and row_min > limit:
            return limit + 1
        before, previous = previous, current
    return previous[lb]


def max_edits(term: str) -> int:
    """Edits allowed for a misspelt term: none below 4 letters (too many neighbours), 1 up to
    6 letters, 2 from 7 letters on. Terms with digits are never corrected."""
    if not term.isalpha() or len(term) < 4:
        return 0
    return 1 if len(term) <= 6 else 2


_BUCKETS = 32
CACHE_LIMIT = 50_000


def _letter_buckets(codepoints: np.ndarray) -> np.ndarray:
    """a–z → 0–25, digits → 26, anything else → 27–31 (collisions only weaken the filter)."""
    letters = (codepoints >= 97) & (codepoints <= 122)
    digits = (codepoints >= 48) & (codepoints <= 57)
    return np.where(letters, codepoints - 97, np.where(digits, 26, 27 + codepoints % 5))


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


class Vocabulary:
    """All indexed terms, prepared for fuzzy look-ups and compound splitting.

    Build it once from the distinct terms of the index and keep it until the index changes;
    it caches splits and look-ups. Candidates for a misspelling are pre-filtered without loss
    by length and by bag-of-letters distance (a lower bound of the edit distance) in one numpy
    pass over the terms of the right lengths, then checked with ``damerau_levenshtein``.
    (A shared-trigram count filter is useless for short words: a word of 6 letters and one
    transposition may share only 4 of its 8 padded trigrams with the intended term.)

    ``counts``, when given, holds how many documents have each term (see ``count``).
    """

    def __init__(self, terms: Iterable[str], counts: Mapping[str, int] | None = None) -> None:
        self._document_counts = dict(counts or {})
        ordered = sorted(set(terms), key=lambda t: (len(t), t))
        self._terms = frozenset(ordered)
        self._ordered = ordered
        lengths = np.fromiter(map(len, ordered), dtype=np.int64, count=len(ordered))
        self._lengths = lengths
        longest = int(lengths[-1]) if len(ordered) else 0
        # _starts[n]: index of the first term with at least n characters.
        self._starts = np.searchsorted(lengths, np.arange(longest + 2), side="left")
        self._longest = longest
        if ordered:
            buckets = _letter_buckets(_codepoints("".join(ordered)))
            rows = np.repeat(np.arange(len(ordered)), lengths)
            counts = np.bincount(rows * _BUCKETS + buckets, minlength=len(ordered) * _BUCKETS)
            self._counts = counts.reshape(len(ordered), _BUCKETS).astype(np.int16)
        else:
            self._counts = np.zeros((0, _BUCKETS), dtype=np.int16)
        self._similar_cache: dict[tuple[str, int], dict[str, int]] = {}

    def __contains__(self, term: object) -> bool:
        return term in self._terms

    @property
    def longest(self) -> int:
        """Length of the longest term."""
        return self._longest

    def __len__(self) -> int:
        return len(self._terms)

    def count(self, term: str) -> int:
        """Documents with this term, as given to the constructor (0 if unknown)."""
        return self._document_counts.get(term, 0)

    def __iter__(self):
        return iter(self._ordered)

    def similar(self, term: str, max_distance: int) -> dict[str, int]:
        """Vocabulary terms within ``max_distance`` edits of ``term`` → their distance."""
        if max_distance < 0 or not self._ordered:
            return {}
        key = (term, max_distance)
        cached = self._similar_cache.get(key)
        if cached is not None:
            return cached
        n = len(term)
        low = self._starts[min(max(n - max_distance, 0), self._longest + 1)]
        high = self._starts[min(n + max_distance + 1, self._longest + 1)]
        found: dict[str, int] = {}
        if high > low:
            wanted = np.bincount(_letter_buckets(_codepoints(term)), minlength=_BUCKETS)
            block = self._counts[low:high]
            bag = np.abs(block - wanted.astype(np.int16)).sum(axis=1)
            bag += np.abs(self._lengths[low:high] - n)
            for index in np.flatnonzero(bag <= 2 * max_distance):
                candidate = self._ordered[low + index]
                distance = damerau_levenshtein(term, candidate, max_distance)
                if distance <= max_distance:
                    found[candidate] = distance
        if len(self._similar_cache) > CACHE_LIMIT:
            self._similar_cache.clear()
        self._similar_cache[key] = found
        return found
