"""The German lexicon of the decompounder: nouns from the german-nouns package (Wiktionary).

The package ships its data (german_nouns/nouns.csv, about 100,000 nouns with their forms,
CC BY-SA 4.0); nothing is downloaded. Read once per process, about one second.
"""

from __future__ import annotations

import csv
import importlib.resources
from functools import lru_cache

from praeventionsnetz.offers.search.text import normalise

# Kinds of entries that are no parts of ordinary compounds.
_SKIPPED_KINDS = frozenset(
    (
        "Abkürzung",
        "Buchstabe",
        "Eigenname",
        "Gebundenes Lexem",
        "Affix",
        "Suffix",
        "Nachname",
        "Vorname",
        "Straßenname",
        "Symbol",
        "Toponym",
        "Wortverbindung",
        "Redewendung",
        "Grußformel",
        "Geflügeltes Wort",
    )
)
# The forms a noun has at the start or the end of a compound: the lemma (Kind, Elternkurs),
# the plural (Kinder, Kurse, Stätten) and the genitive (Tages, Hauses); a lemma ending in -e
# also without it (Sprach-, Schul-).
_FORM_COLUMNS = ("nominativ singular", "nominativ plural", "genitiv singular")
MIN_PART = 3

# Verb stems and a few words that start compounds of this domain but are no nouns of the
# lexicon (Krabbelgruppe, Bolzplatz, Schwimmkurs, Kita, Kiga).
DOMAIN_PARTS_TEXT = """
    bolz krabbel schwimm lern spiel sprech wickel bastel koch turn tob still wohn lese
    kita kiga fruh gross klein jung erst offen sozial allgemein mehr
"""


@lru_cache(maxsize=1)
def noun_forms() -> frozenset[str]:
    """Normalised forms of the lexicon's nouns (lemma, plural, genitive), three or more
    letters, without names, places and abbreviations; plus ``DOMAIN_PARTS_TEXT``."""
    forms: set[str] = set(normalise(DOMAIN_PARTS_TEXT).split())
    path = importlib.resources.files("german_nouns").joinpath("nouns.csv")
    with path.open(encoding="utf-8") as file:
        rows = csv.reader(file)
        header = next(rows)
        kinds = header.index("pos")
        columns = [i for i, name in enumerate(header) if name.startswith(_FORM_COLUMNS)]
        for row in rows:
            if _SKIPPED_KINDS.intersection(row[kinds].split(",")):
                continue
            for i in (0, *columns):
                word = row[i] if i < len(row) else ""
                if word and word[0] != "-" and " " not in word:
                    folded = normalise(word)
                    if len(folded) >= MIN_PART and folded.isalpha():
                        forms.add(folded)
                        # Sprache → Sprach-, Schule → Schul- at the start of a compound.
                        if i == 0 and folded.endswith("e") and len(folded) > MIN_PART + 1:
                            forms.add(folded[:-1])
    return frozenset(forms)
