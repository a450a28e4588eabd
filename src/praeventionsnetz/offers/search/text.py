"""Words of a text for the family search: normalising, stop words and Snowball stemming."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

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

# Latin and Greek plurals the Snowball stemmer leaves apart from their singular.
_IRREGULAR_ENDINGS = (
    ("zentren", "zentrum"),
    ("praxen", "praxis"),
    ("themen", "thema"),
    ("museen", "museum"),
    ("gymnasien", "gymnasium"),
)
MIN_STEM = 3
_SNOWBALL = Stemmer.Stemmer("german")
# Snowball removes a final -s only after b, d, f, g, h, k, l, m, n, r, t; loanword plurals
# after a vowel (Kitas, Babys, Omas, Handys) lose it here first.
_VOWEL_S = re.compile(r"(?<=[^aeiou][aoy])s$")


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """The Snowball German stem of a normalised token, applied until it no longer changes.

    Snowball removes one inflection per pass, so "Kurse" → kurs but "Kurs" → kur; repeating
    makes both kur. Before it: irregular plurals (Zentren → zentrum) and a plural -s after a
    vowel (Kitas → kita). Tokens with digits and of three letters or fewer are kept.
    Examples: Beratungen, beraten → berat; Familie/Familien → famili; Väter/Vater → vat;
    Kinder/Kindern/Kind → kind.
    """
    word = token
    if len(word) <= MIN_STEM or not word.isalpha():
        return word
    for ending, replacement in _IRREGULAR_ENDINGS:
        if word.endswith(ending):
            word = word[: -len(ending)] + replacement
            break
    if len(word) > MIN_STEM + 1:
        word = _VOWEL_S.sub("", word)
    for _ in range(3):
        stemmed = _SNOWBALL.stemWord(word)
        if stemmed == word or len(stemmed) < MIN_STEM:
            break
        word = stemmed
    return word


_DERIVATIONAL = ("lich", "isch", "schaft")


def adjective_base(stemmed: str) -> str | None:
    """The base of a derived word's stem, where Snowball kept the suffix: padagogisch →
    padagog, schwangerschaft → schwang (as Schwangere); Snowball already turns
    kinderarztlich into kinderarzt."""
    for suffix in _DERIVATIONAL:
        if stemmed.endswith(suffix) and len(stemmed) - len(suffix) >= MIN_STEM:
            return stem(stemmed[: -len(suffix)])
    return None
