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
  two different postcodes and two different streets or house numbers (a chain's
  facilities often share a name, some even a street).
- Without evidence, the words in which two names differ must be spellings of one another,
  not other words behind a long common part.
- The same address (street and postcode) and the same phone number are evidence: each
  halves the remaining distance to 1, so a slightly different name with the same address
  and phone still counts.
- A facility and the provider that runs it are never a pair (they often share a name),
  nor two facilities of different providers, nor a facility and another provider than
  its own, nor two names with different legal forms (an association "… e.V." and its
  company "… gGmbH").
- Names are compared within blocks: records sharing one of the two rarest words of their
  names (by their first letters, so typos stay in the block; words of more than 200 names
  say nothing), the same postcode, the same address or the same phone. That keeps the
  work near linear for a city's registry and still finds a record without address beside
  one with an address.

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
# Without evidence, the words in which two names differ must be at least this alike.
DIFFERING_WORDS_ALIKE = 0.7
SAME = Message(gettext_noop("same name"))
SIMILAR_NAME = Message(gettext_noop("nearly the same name"))
SAME_ADDRESS = Message(gettext_noop("same address"))
SAME_PHONE = Message(gettext_noop("same phone number"))
COMPASS = frozenset({"nord", "sued", "ost", "west", "mitte"})
# Legal forms, abbreviated or spelt out (matched after folding umlauts: ü → ue).
_LEGAL_FORMS = re.compile(
    r"\b(e\.?\s?v\.?|ggmbh|gmbh|gug|ug|ag|mbh|eg|eingetragener verein"
    r"|gesellschaft mit beschraenkter haftung|(gemeinnuetzige )?unternehmergesellschaft"
    r"( \(?haftungsbeschraenkt\)?)?|gemeinnuetzige)(?![\w])"
)
_FORM_FAMILIES = {
    "ggmbh": "gmbh",
    "mbh": "gmbh",
    "gug": "ug",
    "eingetragenerverein": "ev",
    "gesellschaftmitbeschraenkterhaftung": "gmbh",
    "unternehmergesellschaft": "ug",
    "gemeinnuetzigeunternehmergesellschaft": "ug",
    "unternehmergesellschafthaftungsbeschraenkt": "ug",
    "gemeinnuetzigeunternehmergesellschafthaftungsbeschraenkt": "ug",
}
# Numbers, also as Roman numerals ("Kita Pumuckel II").
_NUMBER = re.compile(r"^(\d+[a-z]?|i{1,3}|iv|v|vi{1,3}|ix|x)$")
# Words of area names that do not name a place by themselves.
_PLACE_STOPWORDS = frozenset(
    {"der", "die", "das", "und", "am", "an", "im", "in", "bei", "auf", "zum", "zur", "vor"}
    | {"ortschaft", "stadtbezirk", "stadtteil", "stadtraum", "bezirk", "region"}
)
_BLOCK_PREFIX = 5
_RARE_WORDS = 2
_MAX_WORD_BLOCK = 200


@dataclass(frozen=True)
class Record:
    key: int
    name: str
    street: str = ""
    postcode: str = ""
    town: str = ""
    phone: str = ""
    provider: int | None = None  # the key of the record that runs this one, if known


@dataclass(frozen=True)
class Candidate:
    first: int
    second: int
    score: float
    reason: Message
    evidence: tuple[Message, ...] = ()


def _fold(text: str) -> str:
    text = text.casefold().replace("ß", "ss")
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lower case, umlauts spelt out, legal forms and punctuation removed."""
    text = _LEGAL_FORMS.sub(" ", _fold(text))
    text = re.sub(r"str\.?\b", "strasse", text)
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("&", " und ")).strip()
    return re.sub(r"\bu\b", "und", text)  # "Kinder- u. Jugendhaus"


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
    street: str
    postcode: str
    phone: str
    forms: frozenset[str]
    is_provider: bool  # runs another of the records


def legal_forms(name: str) -> frozenset[str]:
    """The legal forms a name states, by family: "ev", "gmbh" (also gGmbH, mbH), "ug", "ag"."""
    found = set()
    for match in _LEGAL_FORMS.finditer(_fold(name)):
        form = re.sub(r"[^a-z]", "", match.group(0))
        if form != "gemeinnuetzige":  # says nothing about the form by itself
            found.add(_FORM_FAMILIES.get(form, form))
    return frozenset(found)


def _prepare(record: Record, places: frozenset[str], providers: set[int]) -> _Prepared:
    name = normalise(record.name)
    words = name.split()
    numbers = frozenset(w for w in words if _NUMBER.match(w))
    found = frozenset(w for w in words if w in places)
    core = " ".join(w for w in words if w not in numbers and w not in found)
    street, postcode = normalise(record.street), record.postcode.strip()
    address = f"{street}|{postcode}" if street else ""
    phone = normalise_phone(record.phone)
    forms = legal_forms(record.name)
    is_provider = record.key in providers
    return _Prepared(
        record,
        name,
        core,
        numbers,
        found,
        address,
        street,
        postcode,
        phone,
        forms,
        is_provider,
    )


def _name_similarity(a: str, b: str, *, needed: float = 0.0) -> float:
    """How alike two names are (0–1), in either word order; 0 when below `needed` (the
    cheap upper bounds of SequenceMatcher spare most of the exact comparisons)."""
    if a == b:
        return 1.0
    if abs(len(a) - len(b)) > max(len(a), len(b)) * 0.4:
        return 0.0
    best = 0.0
    sorted_a, sorted_b = " ".join(sorted(a.split())), " ".join(sorted(b.split()))
    for x, y in ((a, b), (sorted_a, sorted_b)):
        matcher = SequenceMatcher(None, x, y, autojunk=False)
        if matcher.real_quick_ratio() >= needed and matcher.quick_ratio() >= needed:
            best = max(best, matcher.ratio())
        if sorted_a == a and sorted_b == b:
            break
    return best if best >= needed else 0.0


def _words_alike(a: str, b: str) -> bool:
    """The words in which two names differ are spellings of one another ("Sonnenschien",
    "Sonnenschein"), not other words behind a long common part ("Elterninitiativ-
    Kindertagesstätte Murkel" and "… Hauruck")."""
    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    if not only_a or not only_b:
        return True
    rest_a, rest_b = " ".join(sorted(only_a)), " ".join(sorted(only_b))
    return SequenceMatcher(None, rest_a, rest_b, autojunk=False).ratio() >= DIFFERING_WORDS_ALIKE


def _run_apart(a: _Prepared, b: _Prepared) -> bool:
    """`b` is run by `a`, or by another provider than `a` (itself a provider or run by one)."""
    if b.record.provider is None:
        return False
    return b.record.provider == a.record.key or (
        (a.is_provider or a.record.provider is not None) and b.record.provider != a.record.provider
    )


def _judge(a: _Prepared, b: _Prepared, *, threshold: float = SIMILAR) -> Candidate | None:
    """The pair of two prepared records, or None when they are different organisations."""
    if a.numbers != b.numbers:
        return None
    if a.places and b.places and not (a.places <= b.places or b.places <= a.places):
        return None
    if a.forms and b.forms and a.forms != b.forms:
        return None  # an association and its company ("… e.V." and "… gGmbH")
    if _run_apart(a, b) or _run_apart(b, a):
        return None
    penalty = 1.0
    if a.places != b.places:
        penalty *= ONE_SIDED_PENALTY
    if a.postcode and b.postcode and a.postcode != b.postcode:  # elsewhere in the city
        penalty *= ONE_SIDED_PENALTY
    if a.street and b.street and a.street != b.street:  # another street or house
        penalty *= ONE_SIDED_PENALTY
    evidence = []
    if a.address and a.address == b.address:
        evidence.append(SAME_ADDRESS)
    if a.phone and a.phone == b.phone:
        evidence.append(SAME_PHONE)
    weight = 0.5 ** len(evidence)
    # The least name similarity that can still reach the threshold.
    needed = max(LEAST_NAME_SIMILARITY, (1 - (1 - threshold) / weight) / penalty)
    # Names of nothing but numbers and places have equal (empty) cores: similarity 1.
    similarity = _name_similarity(a.core, b.core, needed=needed)
    if similarity < needed:
        return None
    if not evidence and not _words_alike(a.core, b.core):
        return None
    score = 1 - (1 - similarity * penalty) * weight
    if score < threshold - 1e-9:
        return None
    reason = SAME if a.name == b.name else SIMILAR_NAME
    first, second = sorted((a.record.key, b.record.key))
    return Candidate(first, second, round(score, 3), reason, tuple(evidence))


def _word_keys(name: str) -> set[str]:
    return {w if _NUMBER.match(w) else w[:_BLOCK_PREFIX] for w in name.split()}


def _blocks(prepared: list[_Prepared]) -> Iterable[list[_Prepared]]:
    keys = [_word_keys(p.name) for p in prepared]
    frequency = Counter(k for row in keys for k in row)
    blocks: dict[tuple[str, str], list[_Prepared]] = defaultdict(list)
    for p, row in zip(prepared, keys, strict=True):
        rare = sorted(row, key=lambda k: (frequency[k], k))[:_RARE_WORDS]
        for key in rare:
            # A word that many names share ("kinde…") says nothing; such names still
            # meet their twins by postcode, address or phone.
            if frequency[key] <= _MAX_WORD_BLOCK:
                blocks["word", key].append(p)
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
    records = list(records)
    words = place_words(places)
    providers = {r.provider for r in records if r.provider is not None}
    prepared = [_prepare(r, words, providers) for r in records]
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
