"""Words of a text for the family search: normalising, stop words and stemming."""

from __future__ import annotations

import re
import unicodedata

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


def adjective_base(stemmed: str) -> str | None:
    """The base of an adjective: kinderarztlich → kinderarzt, padagogisch → padagog."""
    for suffix in _DERIVATIONAL:
        if stemmed.endswith(suffix) and len(stemmed) - len(suffix) >= MIN_STEM:
            return stem(stemmed[: -len(suffix)])
    return None
