"""Search terms for the family search of support offers: German compounds, variants, typos.

Pure: standard library and numpy, no Django. The caller keeps an inverted index (one row per
offer and term, flagged when the term comes from the offer's name) that works the same on
SQLite and PostgreSQL, and does the look-ups; this module decides which terms a text is
indexed under, which terms a query asks for, and how hits are ranked.

Pipeline, the same for documents and queries:

1. ``normalise``: case folding, ß → ss, diacritics removed (ä → a, é → e), umlauts spelt out
   as ae/oe/ue folded to a/o/u, punctuation → spaces. One canonical form, so "Väter",
   "Vaeter" and "Vater" all become "vater".
2. ``tokens``: words of two or more characters, German stop words removed.
3. ``stem``: a small hand-written suffix stripper (plural, case and female endings).
4. ``decompound``: compounds split into known parts (a built-in list of parts of this domain,
   plus the corpus vocabulary when one is given), with linking elements (Fugen-s, -es, -n,
   -en, -er, ...).
5. Synonyms and abbreviations (``EQUIVALENTS`` two-way, ``BROADER`` one-way) are added at
   index time, so "Kita" and "Kindertagesstätte" find each other.

A query word becomes one AND-group of alternatives (OR): its stem, a derived base
("kinderärztlich" → "kinderarzt") and vocabulary terms within a small edit distance. A
compound query word becomes one group per part, each group also accepting the whole word:
"Erziehungsberatung" asks for (erziehung OR erziehungsberatung) AND (beratung OR
erziehungsberatung), so it finds both "Erziehungsberatung" and "Beratung für Erziehung",
but not "Schwangerschaftsberatung". Documents are indexed under their compound parts too, so
"Beratung für Erziehung" finds "Erziehungsberatung".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np

# --------------------------------------------------------------------------- normalising

# Words in which a, o or u followed by e is not a spelt-out umlaut. The folding is the same
# for documents and queries, so a wrong fold only harms when it makes two different words
# equal; this list keeps names and loanwords readable and apart. Matched as substrings.
DIGRAPH_EXCEPTIONS = (
    "israel",
    "michael",
    "raphael",
    "ismael",
    "samuel",
    "manuel",  # also Emanuel, manuell
    "aero",
    "poesie",
    "poet",
    "oboe",
    "aloe",
    "koexist",
    "koedukat",
    "zuerst",
    "duett",
    "duell",  # also individuell
    "silhouett",
    "kongruen",
    "influen",
)

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# ae/oe/ue → a/o/u, unless after a vowel ("Frauen", "Feuer", "Bauer", "neue") or q ("Quelle").
_DIGRAPH = re.compile("(" + "|".join(DIGRAPH_EXCEPTIONS) + r")|(?<![aeiouyq])([aou])e")
_WORD = re.compile(r"[^\W_]+")


def _fold_digraph(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2)


def normalise(text: str) -> str:
    """Lower case, ß → ss, umlauts and ae/oe/ue → a/o/u, other diacritics dropped, words
    separated by single spaces. "Väter", "Vaeter" → "vater"; "Straße" → "strasse".

    Rule for ae/oe/ue: folded unless preceded by a vowel or q, or inside a word of
    ``DIGRAPH_EXCEPTIONS`` ("Israel", "Michael", "Poesie", ...). So "Frauen", "Feuer",
    "Bauer", "neue" and "Quelle" are kept, "Mueller" and "Aerzte" are folded.
    """
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return " ".join(_WORD.findall(_DIGRAPH.sub(_fold_digraph, text)))


_STOP_WORDS_TEXT = """
    ab aber alle allem allen aller alles als also am an ans auch auf aus bei beim bereits bin
    bis bzw ca da dabei damit dann das dass daß dem den denen der deren des dessen die dies
    diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es
    etc etwa euch euer für fuer gegen hat haben hier ich ihr ihre ihrem ihren ihrer im in ins
    ist ja je jede jedem jeden jeder jedes kann kein keine keinem keinen keiner man mehr mit
    nach nicht noch nur ob oder ohne sehr sein seine seinem seinen seiner sich sie sind so sowie
    über ueber um und uns unser unsere unter usw vom von vor wann war was weil wenn wer werden
    wie wir wird wo zu zum zur zwischen zb
"""
STOP_WORDS = frozenset(normalise(_STOP_WORDS_TEXT).split())


def tokens(text: str) -> list[str]:
    """The normalised words of ``text`` with two or more characters, stop words removed."""
    return [w for w in normalise(text).split() if len(w) >= 2 and w not in STOP_WORDS]


# --------------------------------------------------------------------------- stemming

# Latin and Greek plurals the suffix stripper cannot undo, as word endings.
_IRREGULAR_ENDINGS = (
    ("zentren", "zentrum"),
    ("praxen", "praxis"),
    ("themen", "thema"),
    ("museen", "museum"),
    ("gymnasien", "gymnasium"),
)
# Female -in is only removed after these endings (Lehrerin, Psychologin, Ärztin, Kollegin,
# Studentin, Praktikantin, Therapeutin, Polizistin, Beamtin, Freundin, Köchin, Nachbarin,
# Expertin), so Termin, Medizin, Berlin and Vitamin stay whole.
_FEMALE_BEFORE_IN = (
    "er",
    "og",
    "eg",
    "ent",
    "ant",
    "eut",
    "zt",
    "ist",
    "mt",
    "nd",
    "ch",
    "ar",
    "rt",
)
_INFLECTION = ("ern", "ers", "ens", "er", "en", "es", "e")
# A final -s (plural or genitive) is only removed after these letters: Kitas, Babys, Omas,
# Teams, Jobs, Workshops, Treffs, Parks, Kids, Jugendamts, mittags; never after r, l, n, s,
# u, i, h, x, z (Kurs, Hals, Zins, Haus, Kreis, Praxis, Fuchs).
_S_BEFORE = frozenset("aoybpmfkdtg")
MIN_STEM = 3


def stem(token: str) -> str:
    """A light German stemmer for a normalised token: plural, case and female endings.

    Steps: irregular plurals (Zentren → zentrum); female -innen / -in (after -er, -og, ...);
    then one of -ern, -ers, -ens, -er, -en, -es, -e; else a final -s after a vowel-like ending
    (see ``_S_BEFORE``). A stem keeps at least three letters; tokens with digits are kept.
    -ung, -heit and -keit are kept ("Beratung" is not "beraten"). Examples: Beratungen →
    beratung, Familie/Familien → famili, Väter/Vater → vat, Kinder/Kindern/Kind → kind,
    Lehrerinnen/Lehrerin/Lehrer → lehr, Kitas → kita.
    """
    word = token
    if len(word) <= MIN_STEM or not word.isalpha():
        return word
    for ending, replacement in _IRREGULAR_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    if word.endswith("innen") and len(word) - 5 >= MIN_STEM:
        word = word[:-5]
    elif (
        word.endswith("in") and len(word) - 2 >= MIN_STEM and word[:-2].endswith(_FEMALE_BEFORE_IN)
    ):
        word = word[:-2]
    for suffix in _INFLECTION:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    if word.endswith("s") and len(word) > MIN_STEM and word[-2] in _S_BEFORE:
        return word[:-1]
    return word


_DERIVATIONAL = ("lich", "isch")


def _base(stemmed: str) -> str | None:
    """The base of an adjective: kinderarztlich → kinderarzt, padagogisch → padagog."""
    for suffix in _DERIVATIONAL:
        if stemmed.endswith(suffix) and len(stemmed) - len(suffix) >= MIN_STEM:
            return stem(stemmed[: -len(suffix)])
    return None


# --------------------------------------------------------------------------- compounds

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
_MAX_TOKEN_TO_SPLIT = 48
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
    if n < 2 * MIN_STEM or n > _MAX_TOKEN_TO_SPLIT:
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
        sub_atoms, sub_levels = _cached_levels(part, vocabulary)
        if sub_atoms:
            atoms.extend(sub_atoms)
            levels.extend(sub_levels)
        else:
            atoms.append(part)
    return tuple(atoms), tuple(dict.fromkeys(levels))


@lru_cache(maxsize=100_000)
def _builtin_levels(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _levels(word, None)


def _cached_levels(
    word: str, vocabulary: Container[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not vocabulary:
        return _builtin_levels(word)
    if isinstance(vocabulary, Vocabulary):
        cache = vocabulary._split_cache
        found = cache.get(word)
        if found is None:
            if len(cache) > _CACHE_LIMIT:
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
    atoms, _ = _cached_levels(stemmed, vocabulary)
    return list(atoms) if atoms else [stemmed]


# --------------------------------------------------------------------------- synonyms

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
    base = _base(stemmed)
    if base:
        terms.add(base)
    for word in (stemmed, base):
        if word:
            terms.update(_builtin_levels(word)[1])
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
_SINGLE_SYNONYMS = {key[0]: terms for key, terms in _SYNONYMS.items() if len(key) == 1}
_PHRASE_SYNONYMS: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
for _phrase, _terms in _SYNONYMS.items():
    if len(_phrase) > 1:
        _PHRASE_SYNONYMS.setdefault(_phrase[0], []).append((_phrase, _terms))


def synonyms(term: str) -> frozenset[str]:
    """Index terms a document containing the word or stem ``term`` gets from the synonym
    tables ("kita" → kindertagesstatt, kind, tag, statt, kindertageseinrichtung, ...)."""
    return _SINGLE_SYNONYMS.get(stem(normalise(term).replace(" ", "")), frozenset())


# --------------------------------------------------------------------------- indexing


def _token_terms(token: str, vocabulary: Container[str] | None) -> tuple[str, frozenset[str]]:
    stemmed = stem(token)
    terms = {stemmed}
    base = _base(stemmed)
    if base:
        terms.add(base)
    for word in (stemmed, base):
        if word:
            terms.update(_cached_levels(word, vocabulary)[1])
    for word in (stemmed, base):
        if word in _SINGLE_SYNONYMS:
            terms |= _SINGLE_SYNONYMS[word]
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
        for phrase, found in _PHRASE_SYNONYMS.get(stemmed, ()):
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


# --------------------------------------------------------------------------- misspellings


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
_CACHE_LIMIT = 50_000


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
        self._split_cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

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
        if len(self._similar_cache) > _CACHE_LIMIT:
            self._similar_cache.clear()
        self._similar_cache[key] = found
        return found


_BUILTIN_VOCABULARY = Vocabulary(BUILTIN_PARTS)

# --------------------------------------------------------------------------- queries

EXACT = 1.0  # the query word's own stem
DERIVED = 0.8  # its derived base: kinderärztlich → kinderarzt
PART = 0.7  # a part of a compound query word
FUZZY = 0.5  # a vocabulary term within the allowed edit distance
NAME_BOOST = 1.5  # a hit in the offer's name
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
    base = _base(stemmed)
    if base:
        whole[base] = DERIVED
    whole[stemmed] = EXACT
    atoms = _cached_levels(stemmed, vocabulary)[0]
    if not atoms and base:
        atoms = _cached_levels(base, vocabulary)[0]
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
    if n < MIN_STEM + MIN_FUZZY_PART or n > _MAX_TOKEN_TO_SPLIT:
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
