"""Possible duplicates in the registry: near-identical names, backed by the same address or
the same phone number.

Pure: plain records in, pairs with a reason and their evidence out.

How a pair is judged:
- Names are compared after normalising (case, umlauts, legal forms, punctuation), in
  either word order.
- Numbers and place names tell organisations apart: "Grundschule 1 Pieschen" and
  "Grundschule 2 Pieschen" are two schools, however alike the rest is. Two names whose
  numbers differ, or whose place names (the city's Stadtteile and Stadträume, passed in,
  and the compass words Nord, Süd, Ost, West, Mitte) are not one a part of the other, are
  never a pair. A number or place only one of the names has lowers the score, and so do
  two different postcodes.
- The same address (street and postcode) and the same phone number are evidence: each
  halves the remaining distance to 1, so a slightly different name with the same address
  and phone still counts.
- Names are compared within blocks: records sharing one of the two rarest words of their
  names (by their first letters, so typos stay in the block), the same postcode, the same
  address or the same phone. That keeps the work near linear for a city's registry and
  still finds a record without address beside one with an address.

The reason and evidence of a pair are core.text messages for the caller to translate.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from praeventionsnetz.core.text import Message, gettext_noop

SIMILAR = 0.9
# A name this unlike is never a pair, whatever the evidence: offices in one building share
# an address and often a switchboard number.
LEAST_NAME_SIMILARITY = 0.75
# A number or place that only one of the names has.
ONE_SIDED_PENALTY = 0.85
SAME = Message(gettext_noop("same name"))
SIMILAR_NAME = Message(gettext_noop("nearly the same name"))
SAME_ADDRESS = Message(gettext_noop("same address"))
SAME_PHONE = Message(gettext_noop("same phone number"))
COMPASS = frozenset({"nord", "sued", "ost", "west", "mitte"})
_LEGAL_FORMS = re.compile(r"\b(e\.?\s?v\.?|ggmbh|gmbh|gug|ug|ag|mbh)\b")
_NUMBER = re.compile(r"^\d+[a-z]?$")
# Words of area names that do not name a place by themselves.
_PLACE_STOPWORDS = frozenset(
    {"der", "die", "das", "und", "am", "an", "im", "in", "bei", "auf", "zum", "zur", "vor"}
    | {"ortschaft", "stadtbezirk", "stadtteil", "stadtraum", "bezirk", "region"}
)
_BLOCK_PREFIX = 5
_RARE_WORDS = 2


@dataclass(frozen=True)
class Record:
    key: int
    name: str
    street: str = ""
    postcode: str = ""
    town: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Candidate:
    first: int
    second: int
    score: float
    reason: Message
    evidence: tuple[Message, ...] = ()


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


def normalise_phone(text: str) -> str:
    """The digits of a German phone number, national form ("+49 351 …" → "0351…");
    empty when too short to tell anything."""
    digits = re.sub(r"\D+", "", text.split(",")[0])
    if text.strip().startswith("+"):
        digits = "00" + digits
    if digits.startswith("0049"):
        digits = "0" + digits[4:]
    return digits if len(digits) >= 6 else ""


def place_words(place_names: Iterable[str]) -> frozenset[str]:
    """The words that name places, from the names of a city's areas."""
    words = set(COMPASS)
    for name in place_names:
        for word in normalise(name).split():
            if len(word) >= 3 and word not in _PLACE_STOPWORDS and not word.isdigit():
                words.add(word)
    return frozenset(words)


@dataclass(frozen=True)
class _Prepared:
    record: Record
    name: str
    core: str  # the name without its numbers and places
    numbers: frozenset[str]
    places: frozenset[str]
    address: str
    postcode: str
    phone: str


def _prepare(record: Record, places: frozenset[str]) -> _Prepared:
    name = normalise(record.name)
    words = name.split()
    numbers = frozenset(w for w in words if _NUMBER.match(w))
    found = frozenset(w for w in words if w in places)
    core = " ".join(w for w in words if w not in numbers and w not in found)
    street, postcode = normalise(record.street), record.postcode.strip()
    address = f"{street}|{postcode}" if street else ""
    phone = normalise_phone(record.phone)
    return _Prepared(record, name, core, numbers, found, address, postcode, phone)


def _name_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if abs(len(a) - len(b)) > max(len(a), len(b)) * 0.4:
        return 0.0
    direct = SequenceMatcher(None, a, b).ratio()
    sorted_a, sorted_b = " ".join(sorted(a.split())), " ".join(sorted(b.split()))
    return max(direct, SequenceMatcher(None, sorted_a, sorted_b).ratio())


def _judge(a: _Prepared, b: _Prepared, *, threshold: float = SIMILAR) -> Candidate | None:
    """The pair of two prepared records, or None when they are different organisations."""
    if a.numbers != b.numbers:
        return None
    if a.places and b.places and not (a.places <= b.places or b.places <= a.places):
        return None
    # Names of nothing but numbers and places have equal (empty) cores: similarity 1.
    similarity = _name_similarity(a.core, b.core)
    if similarity < LEAST_NAME_SIMILARITY:
        return None
    if a.places != b.places:
        similarity *= ONE_SIDED_PENALTY
    if a.postcode and b.postcode and a.postcode != b.postcode:  # elsewhere in the city
        similarity *= ONE_SIDED_PENALTY
    evidence = []
    if a.address and a.address == b.address:
        evidence.append(SAME_ADDRESS)
    if a.phone and a.phone == b.phone:
        evidence.append(SAME_PHONE)
    score = 1 - (1 - similarity) * 0.5 ** len(evidence)
    if score < threshold:
        return None
    reason = SAME if a.name == b.name else SIMILAR_NAME
    first, second = sorted((a.record.key, b.record.key))
    return Candidate(first, second, round(score, 3), reason, tuple(evidence))


def _blocks(prepared: list[_Prepared]) -> Iterable[list[_Prepared]]:
    frequency = Counter(w for p in prepared for w in set(p.name.split()))
    blocks: dict[tuple[str, str], list[_Prepared]] = defaultdict(list)
    for p in prepared:
        words = sorted(set(p.name.split()), key=lambda w: (frequency[w], w))[:_RARE_WORDS]
        for word in words:
            blocks["word", word if _NUMBER.match(word) else word[:_BLOCK_PREFIX]].append(p)
        if p.postcode:
            blocks["postcode", p.postcode].append(p)
        if p.address:
            blocks["address", p.address].append(p)
        if p.phone:
            blocks["phone", p.phone].append(p)
    return blocks.values()


def candidates(
    records: Iterable[Record], *, places: Iterable[str] = (), threshold: float = SIMILAR
) -> list[Candidate]:
    """Pairs of records that may be the same organisation, most likely first.

    `places` are the names of the city's areas (Stadtteile, Stadträume); their words tell
    organisations apart like numbers do.
    """
    words = place_words(places)
    prepared = [_prepare(r, words) for r in records]
    seen: set[tuple[int, int]] = set()
    found = []
    for block in _blocks(prepared):
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                pair = (
                    (a.record.key, b.record.key)
                    if a.record.key < b.record.key
                    else (
                        b.record.key,
                        a.record.key,
                    )
                )
                if pair in seen or pair[0] == pair[1]:
                    continue
                seen.add(pair)
                candidate = _judge(a, b, threshold=threshold)
                if candidate is not None:
                    found.append(candidate)
    return sorted(found, key=lambda c: (-c.score, -len(c.evidence), c.first, c.second))
