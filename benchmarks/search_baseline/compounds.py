"""German compounds of the family search: known parts, linking elements and splitting."""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from search_baseline.text import MIN_STEM, normalise, stem
from search_baseline.vocabulary import CACHE_LIMIT, Vocabulary

# Parts of compounds in this domain, as words; stemmed when loaded. Parts from the corpus
# vocabulary need at least ``MIN_CORPUS_PART`` letters, these need three.
_BUILTIN_PARTS_TEXT = """
    abend allein alltag amt angebot arbeit arzt aufgabe ausbildung ausflug ausstattung baby bad
    bau begleitung behinderung beratung beruf berufs besuch betreuung bett bewegung bibliothek
    bildung cafe club dienst ehe ehrenamt einrichtung eltern entwicklung erkennung ernährung
    erst erziehend erziehung essen familie ferien förderung freizeit frau früh garten geburt
    geld gesundheit gewalt gross grund gruppe haus hausaufgabe hebamme heim hilfe hof hort
    impfung inklusion integration jugend jung kind kinder kiga kita klein krabbel krank
    kreis krippe krise kultur kurs leih lern lese lotse mädchen mann medien migration mittag
    musik mutter nachbarschaft natur not oma opa paar pate pflege platz praxis projekt
    psychologie punkt recht schuld schulden schuldner schule schutz schwanger schwangerschaft
    schwimm selbst senior sicherung sozial spiel sport sprach sprache sprech sprechstunde stadt
    stadtteil statte stelle still stunde sucht tag tages teil therapie tier treff treffpunkt
    trennung untersuchung vater verein vorbereitung vorsorge wald werkstatt wochenbett woche
    wohnung zahn zeit zentrum zentren
"""
BUILTIN_PARTS = frozenset(
    s for s in (stem(w) for w in normalise(_BUILTIN_PARTS_TEXT).split()) if len(s) >= MIN_STEM
)
MIN_CORPUS_PART = 4
# What may follow a part inside a compound: linking elements (Fugen) and endings the stemmer
# removed from the part ("eltern" = elt + ern, "kinder" = kind + er, "tages" = tag + es).
LINKS = ("", "s", "es", "n", "en", "e", "er", "ern", "ens", "ns", "eren")
MAX_TOKEN_TO_SPLIT = 48
_NO_LINK = ("",)
_LINKS_BY_FIRST = {
    first: ("", *(link for link in LINKS if link.startswith(first)))
    for first in {link[0] for link in LINKS if link}
}


_BUILTIN_BY_PREFIX: dict[str, tuple[str, ...]] = {}
for _part in sorted(BUILTIN_PARTS):
    _BUILTIN_BY_PREFIX[_part[:MIN_STEM]] = (*_BUILTIN_BY_PREFIX.get(_part[:MIN_STEM], ()), _part)


def _part_starts(
    word: str, i: int, swallowed_e: bool, vocabulary: Container[str] | None
) -> list[tuple[str, int]]:
    """(part, end) for every known part that starts at ``word[i]`` (after a swallowed "e")."""
    prefix = "e" if swallowed_e else ""
    found = []
    for part in _BUILTIN_BY_PREFIX.get(prefix + word[i : i + MIN_STEM - len(prefix)], ()):
        body = part[len(prefix) :]
        if word.startswith(body, i):
            found.append((part, i + len(body)))
    if vocabulary:
        n = len(word)
        longest = vocabulary.longest if isinstance(vocabulary, Vocabulary) else n
        for j in range(i + MIN_CORPUS_PART - len(prefix), min(n, i + longest) + 1):
            seg = prefix + word[i:j]
            if seg in vocabulary and seg not in BUILTIN_PARTS:
                found.append((seg, j))
    return found


def _split(word: str, vocabulary: Container[str] | None) -> tuple[str, ...] | None:
    """The split of ``word`` into the fewest (at least two) known parts, or None.

    Dynamic programming over positions: a part is a built-in part or a vocabulary term of at
    least ``MIN_CORPUS_PART`` letters, optionally followed by a link. Ties go to fewer link
    letters. After a part ending in a, o or u an "e" may have been swallowed by the umlaut
    folding ("Kitaeingewöhnung" → "kitaingewohnung" = kita + eingewohnung).
    """
    n = len(word)
    if n < 2 * MIN_STEM or n > MAX_TOKEN_TO_SPLIT:
        return None
    memo: dict[tuple[int, bool], tuple[int, int, tuple[str, ...]] | None] = {}

    def best(i: int, swallowed_e: bool, first: bool) -> tuple[int, int, tuple[str, ...]] | None:
        key = (i, swallowed_e)
        if not first and key in memo:
            return memo[key]
        found: tuple[int, int, tuple[str, ...]] | None = None
        for part, j in _part_starts(word, i, swallowed_e, vocabulary):
            for link in _LINKS_BY_FIRST.get(word[j : j + 1], _NO_LINK):
                k = j + len(link)
                if k > n or not word.startswith(link, j):
                    continue
                if k == n:
                    option = None if first else (1, len(link), (part,))
                else:
                    rest = best(k, False, False)
                    option = rest and (rest[0] + 1, rest[1] + len(link), (part, *rest[2]))
                if option and (found is None or option[:2] < found[:2]):
                    found = option
            if part[-1] in "aou" and j < n:
                rest = best(j, True, False)
                option = rest and (rest[0] + 1, rest[1] + 1, (part, *rest[2]))
                if option and (found is None or option[:2] < found[:2]):
                    found = option
        if not first:
            memo[key] = found
        return found

    result = best(0, False, True)
    return result[2] if result is not None else None


def _levels(
    word: str, vocabulary: Container[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(finest parts, every part at every level) of a stemmed word; ((), ()) if no compound.

    The fewest-parts split is refined recursively: "erziehungsberatungsstell" with the corpus
    term "erziehungsberatung" → erziehungsberatung + stell → erziehung + beratung + stell.
    """
    top = _split(word, vocabulary)
    if top is None:
        return (), ()
    atoms: list[str] = []
    levels: list[str] = []
    for part in top:
        levels.append(part)
        sub_atoms, sub_levels = compound_levels(part, vocabulary)
        if sub_atoms:
            atoms.extend(sub_atoms)
            levels.extend(sub_levels)
        else:
            atoms.append(part)
    return tuple(atoms), tuple(dict.fromkeys(levels))


@lru_cache(maxsize=100_000)
def builtin_levels(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``compound_levels`` with the built-in parts only, cached for the process."""
    return _levels(word, None)


def compound_levels(
    word: str, vocabulary: Container[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(finest parts, every part at every level) of a stemmed word, cached per vocabulary."""
    if not vocabulary:
        return builtin_levels(word)
    if isinstance(vocabulary, Vocabulary):
        cache = vocabulary.split_cache
        found = cache.get(word)
        if found is None:
            if len(cache) > CACHE_LIMIT:
                cache.clear()
            found = cache[word] = _levels(word, vocabulary)
        return found
    return _levels(word, vocabulary)


def decompound(token: str, vocabulary: Container[str] | None = None) -> list[str]:
    """The stemmed parts of a compound word; ``[stem]`` if it is no compound.

    ``vocabulary``: stems seen in the corpus (a ``Vocabulary`` or any container of terms);
    the built-in parts (``BUILTIN_PARTS``) are always known. "Erziehungsberatung" →
    ["erziehung", "beratung"], "Kindertagesstätte" → ["kind", "tag", "statt"],
    "Familienzentrum" → ["famili", "zentrum"].
    """
    stemmed = stem(normalise(token).replace(" ", ""))
    atoms, _ = compound_levels(stemmed, vocabulary)
    return list(atoms) if atoms else [stemmed]
