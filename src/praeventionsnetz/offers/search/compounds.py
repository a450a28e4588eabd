"""German compounds of the family search: split with a lexicon of German nouns.

A compound is split into the fewest (at least two) parts that are forms of nouns of the
lexicon (``lexicon.noun_forms``: lemma, plural, genitive) or domain verb stems, each
optionally followed by a linking element (Fugen-s, -es, -n, -en, -e, -er). Ties go to fewer
three-letter parts, then to fewer link letters. Parts are split again while they are
compounds themselves, and every level is kept: "Erziehungsberatungsstelle" has the parts
erziehungsberatung (if the lexicon knows it), erziehung, beratung and stelle. A word the
lexicon knows as a whole is only split into parts of four letters or more, so "Hebamme"
stays whole. Parts are returned stemmed.
"""

from __future__ import annotations

from functools import lru_cache

from praeventionsnetz.offers.search.lexicon import MIN_PART, noun_forms
from praeventionsnetz.offers.search.text import normalise, stem

LINKS = ("", "s", "es", "n", "en", "e", "er", "ens")
# Nouns of the lexicon that end words as suffixes far more often than as parts: no
# "Förderung" = Förde + rung.
SUFFIX_PARTS = frozenset(
    ("isch", "ische", "lich", "liche", "schaft", "rung", "heit", "keit", "ling", "innen", "ion")
)
MAX_TOKEN_TO_SPLIT = 48
_S_DUE = ("ung", "heit", "keit", "schaft", "ion", "tat")
_Split = tuple[int, int, int, tuple[str, ...]]  # parts, short parts, link letters, parts


def _split(word: str, known: frozenset[str], min_part: int) -> tuple[str, ...] | None:
    """The split of ``word`` into the fewest (at least two) known parts, or None."""
    n = len(word)
    if n < 2 * min_part or n > MAX_TOKEN_TO_SPLIT:
        return None
    # best[i]: the best split of word[i:] into one or more parts (dynamic programming).
    best: list[_Split | None] = [None] * (n + 1)
    for i in range(n - min_part, -1, -1):
        found: _Split | None = None
        for j in range(i + min_part, n + 1):
            part = word[i:j]
            if part not in known or part in SUFFIX_PARTS:
                continue
            for link in LINKS:
                k = j + len(link)
                if k > n or not word.startswith(link, j):
                    continue
                # Short parts are often accidents; after -ung, -heit, ... a Fugen-s is due.
                short = (len(part) == MIN_PART) + (k < n and link != "s" and part.endswith(_S_DUE))
                if k == n:
                    option: _Split | None = (1, short, len(link), (part,))
                else:
                    rest = best[k]
                    option = rest and (
                        rest[0] + 1,
                        rest[1] + short,
                        rest[2] + len(link),
                        (part, *rest[3]),
                    )
                if option and (found is None or option[:3] < found[:3]):
                    found = option
        best[i] = found
    # The whole word as one part does not count as a split. A word the lexicon knows is
    # split only without short parts or missing links: no Turnier = Tür + Niere.
    result = best[0]
    if result is not None and result[0] == 1:
        result = None
        for j in range(min_part, n - min_part + 1):
            first = word[:j]
            if first not in known or first in SUFFIX_PARTS:
                continue
            for link in LINKS:
                k = j + len(link)
                rest = best[k] if k < n and word.startswith(link, j) else None
                if rest is None:
                    continue
                short = (len(first) == MIN_PART) + (link != "s" and first.endswith(_S_DUE))
                option = (rest[0] + 1, rest[1] + short, rest[2] + len(link))
                if result is None or option < result[:3]:
                    result = (*option, (first, *rest[3]))
    if result is not None and result[1] and word in known:
        return None
    return result[3] if result is not None else None


@lru_cache(maxsize=200_000)
def split_levels(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(finest parts, parts at every level) of a normalised word, stemmed; ((), ()) if it
    is no compound."""
    known = noun_forms()
    for female in ("innen", "in"):  # Erzieherinnen, Dolmetscherin: no compounds of "innen"
        if word.endswith(female) and word[: -len(female)] in known:
            return split_levels(word[: -len(female)])
    top = _split(word, known, MIN_PART)
    if top is None:
        return (), ()
    atoms: list[str] = []
    levels: list[str] = []
    for part in top:
        levels.append(stem(part))
        sub_atoms, sub_levels = split_levels(part)
        if sub_atoms:
            atoms.extend(sub_atoms)
            levels.extend(sub_levels)
        else:
            atoms.append(stem(part))
    return tuple(dict.fromkeys(atoms)), tuple(dict.fromkeys(levels))


def decompound(token: str) -> list[str]:
    """The stemmed parts of a compound word; ``[stem]`` if it is no compound.

    "Erziehungsberatung" → ["erzieh", "berat"], "Kindertagesstätte" → ["kind", "tag",
    "statt"], "Familienzentrum" → ["famili", "zentrum"].
    """
    word = normalise(token).replace(" ", "")
    atoms, _ = split_levels(word)
    return list(atoms) if atoms else [stem(word)]
