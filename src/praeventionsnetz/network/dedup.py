"""Possible duplicates in the registry: same name and address, or near-identical names.

Pure: plain records in, pairs with a reason out. Names are compared within a block (same
postcode, or same town when the postcode is missing), so the work stays near linear for a
city's registry instead of comparing every pair. The reason of a pair is a core.text message
for the caller to translate.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from praeventionsnetz.core.text import Message, gettext_noop

SIMILAR = 0.9
SAME = Message(gettext_noop("same name and same address"))
SIMILAR_NAME = Message(gettext_noop("nearly the same name"))
SIMILAR_NAME_SAME_ADDRESS = Message(gettext_noop("nearly the same name and same address"))
_LEGAL_FORMS = re.compile(r"\b(e\.?\s?v\.?|ggmbh|gmbh|gug|ug|ag|mbh)\b")


@dataclass(frozen=True)
class Record:
    key: int
    name: str
    street: str = ""
    postcode: str = ""
    town: str = ""


@dataclass(frozen=True)
class Candidate:
    first: int
    second: int
    score: float
    reason: Message


def normalise(text: str) -> str:
    """Lower case, umlauts spelt out, legal forms and punctuation removed."""
    text = text.casefold().replace("ß", "ss")
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _LEGAL_FORMS.sub(" ", text)
    text = re.sub(r"str\.?\b", "strasse", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def candidates(records: Iterable[Record], *, threshold: float = SIMILAR) -> list[Candidate]:
    blocks: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        blocks[record.postcode or normalise(record.town)].append(record)
    found = []
    for block in blocks.values():
        prepared = [(r, normalise(r.name), normalise(r.street)) for r in block]
        for i, (a, name_a, street_a) in enumerate(prepared):
            for b, name_b, street_b in prepared[i + 1 :]:
                if name_a == name_b and street_a == street_b:
                    found.append(Candidate(a.key, b.key, 1.0, SAME))
                    continue
                if abs(len(name_a) - len(name_b)) > max(len(name_a), len(name_b)) * 0.2:
                    continue
                score = SequenceMatcher(None, name_a, name_b).ratio()
                if score >= threshold:
                    same_street = street_a and street_a == street_b
                    reason = SIMILAR_NAME_SAME_ADDRESS if same_street else SIMILAR_NAME
                    found.append(Candidate(a.key, b.key, round(score, 3), reason))
    return sorted(found, key=lambda c: (-c.score, c.first, c.second))
