"""A programme as a JSON file (data/programmes/*.json), parsed into typed objects.

Every problem is reported with the place in the file (``modules[1].budget[0].amount``),
all at once, so that a file is fixed in one round; nothing is stored while one is left.
The format is described in data/programmes/SOURCE.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from praeventionsnetz.core.text import Message, gettext_noop

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
MODULE_KINDS = ("steering", "practice", "action_budget", "other")
MAX_CENTS = 10**13  # 100 billion euros: a typo, not a budget


@dataclass(frozen=True)
class AreaRef:
    level: str
    code: str


@dataclass(frozen=True)
class BudgetRow:
    path: str
    year: int
    cents: int
    area: AreaRef | None


@dataclass(frozen=True)
class PlaceRow:
    path: str
    name: str
    fte: Decimal
    areas: tuple[AreaRef, ...]


@dataclass(frozen=True)
class ModuleConf:
    path: str
    key: str
    name: str
    kind: str
    description: str
    budget: tuple[BudgetRow, ...]
    positions: tuple[PlaceRow, ...]


@dataclass(frozen=True)
class ProgrammeConf:
    key: str
    name: str
    city: str
    decision_reference: str
    decided_on: dt.date | None
    deciding_body: str
    description: str
    source: str
    modules: tuple[ModuleConf, ...]
    call_questions: tuple[str, ...] = ()


class ConfigError(ValueError):
    """The file cannot be used; `messages` lists every problem found."""

    def __init__(self, messages: list[Message]) -> None:
        super().__init__("; ".join(str(m) for m in messages))
        self.messages = messages


def _join(path: str, field: str) -> str:
    """The place of a field: ``key`` at the top, ``modules[0].key`` further down."""
    return field if path == "$" else f"{path}.{field}"


def _msg(msgid: str, path: str, **params: Any) -> Message:
    return Message(msgid, {"path": path, **params})


class _Reader:
    def __init__(self) -> None:
        self.errors: list[Message] = []

    def text(self, obj: dict, field: str, path: str, *, required: bool = True) -> str:
        value = obj.get(field, "")
        if not isinstance(value, str):
            self.errors.append(_msg(gettext_noop("%(path)s: must be text."), _join(path, field)))
            return ""
        if required and not value.strip():
            self.errors.append(_msg(gettext_noop("%(path)s: is missing."), _join(path, field)))
        return value.strip()

    def cents(self, value: Any, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.errors.append(
                _msg(
                    gettext_noop("%(path)s: write the amount in euros as text, e.g. “300000.00”."),
                    path,
                )
            )
            return None
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            self.errors.append(
                _msg(gettext_noop("%(path)s: “%(value)s” is not an amount."), path, value=value)
            )
            return None
        cents = amount * 100
        if not amount.is_finite() or cents != cents.to_integral_value():
            self.errors.append(
                _msg(gettext_noop("%(path)s: at most two decimal places (cents)."), path)
            )
            return None
        if amount < 0 or cents >= MAX_CENTS:
            self.errors.append(
                _msg(
                    gettext_noop("%(path)s: the amount must be between 0 and 100 billion euros."),
                    path,
                )
            )
            return None
        return int(cents)

    def area(self, value: Any, path: str) -> AreaRef | None:
        if value is None:
            return None
        if (
            not isinstance(value, dict)
            or not isinstance(value.get("level"), str)
            or not isinstance(value.get("code"), str)
        ):
            self.errors.append(
                _msg(
                    gettext_noop(
                        '%(path)s: an area is written as {"level": "stadtraum", "code": "01"}.'
                    ),
                    path,
                )
            )
            return None
        return AreaRef(value["level"], value["code"])


def parse(raw: Any) -> ProgrammeConf:
    """The programme of a parsed JSON document; ConfigError with every problem."""
    reader = _Reader()
    if not isinstance(raw, dict):
        raise ConfigError([_msg(gettext_noop("%(path)s: the file must hold one object."), "$")])
    key = reader.text(raw, "key", "$")
    if key and not KEY.match(key):
        reader.errors.append(
            _msg(gettext_noop("%(path)s: only lower-case letters, digits, “-” and “_”."), "key")
        )
    name = reader.text(raw, "name", "$")
    city = reader.text(raw, "city", "$")
    decision = raw.get("decision") or {}
    if not isinstance(decision, dict):
        reader.errors.append(_msg(gettext_noop("%(path)s: must be an object."), "decision"))
        decision = {}
    decided_on = None
    if decision.get("date"):
        try:
            decided_on = dt.date.fromisoformat(str(decision["date"]))
        except ValueError:
            reader.errors.append(
                _msg(
                    gettext_noop("%(path)s: “%(value)s” is not a date (YYYY-MM-DD)."),
                    "decision.date",
                    value=decision["date"],
                )
            )
    modules_raw = raw.get("modules")
    if not isinstance(modules_raw, list) or not modules_raw:
        reader.errors.append(
            _msg(gettext_noop("%(path)s: at least one module is needed."), "modules")
        )
        modules_raw = []
    modules = []
    seen_keys: set[str] = set()
    for i, m in enumerate(modules_raw):
        path = f"modules[{i}]"
        if not isinstance(m, dict):
            reader.errors.append(_msg(gettext_noop("%(path)s: must be an object."), path))
            continue
        mkey = reader.text(m, "key", path)
        if mkey in seen_keys:
            reader.errors.append(
                _msg(
                    gettext_noop("%(path)s: the key “%(value)s” appears twice."),
                    f"{path}.key",
                    value=mkey,
                )
            )
        seen_keys.add(mkey)
        kind = m.get("kind", "other")
        if kind not in MODULE_KINDS:
            reader.errors.append(
                _msg(
                    gettext_noop("%(path)s: “%(value)s” is not a module kind (%(allowed)s)."),
                    f"{path}.kind",
                    value=kind,
                    allowed=", ".join(MODULE_KINDS),
                )
            )
        budget = []
        seen_lines: set[tuple] = set()
        for j, row in enumerate(m.get("budget") or []):
            rpath = f"{path}.budget[{j}]"
            if not isinstance(row, dict):
                reader.errors.append(_msg(gettext_noop("%(path)s: must be an object."), rpath))
                continue
            year = row.get("year")
            if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2200:
                reader.errors.append(
                    _msg(
                        gettext_noop("%(path)s: “%(value)s” is not a year."),
                        f"{rpath}.year",
                        value=year,
                    )
                )
                year = None
            cents = reader.cents(row.get("amount"), f"{rpath}.amount")
            area = reader.area(row.get("area"), f"{rpath}.area")
            if year is not None and (year, area) in seen_lines:
                reader.errors.append(
                    _msg(
                        gettext_noop("%(path)s: the year %(value)s appears twice for this area."),
                        rpath,
                        value=year,
                    )
                )
            seen_lines.add((year, area))
            if year is not None and cents is not None:
                budget.append(BudgetRow(rpath, year, cents, area))
        places = []
        for j, row in enumerate(m.get("positions") or []):
            ppath = f"{path}.positions[{j}]"
            if not isinstance(row, dict):
                reader.errors.append(_msg(gettext_noop("%(path)s: must be an object."), ppath))
                continue
            pname = reader.text(row, "name", ppath)
            try:
                fte = Decimal(str(row.get("fte")))
                if not (fte.is_finite() and 0 < fte <= 2) or fte != fte.quantize(Decimal("0.01")):
                    raise InvalidOperation
            except InvalidOperation:
                reader.errors.append(
                    _msg(
                        gettext_noop("%(path)s: the FTE must be a number above 0 and at most 2."),
                        f"{ppath}.fte",
                    )
                )
                fte = Decimal(0)
            areas_raw = row.get("areas")
            if not isinstance(areas_raw, list) or not areas_raw:
                reader.errors.append(
                    _msg(gettext_noop("%(path)s: at least one area is needed."), f"{ppath}.areas")
                )
                areas_raw = []
            refs = [reader.area(a, f"{ppath}.areas[{k}]") for k, a in enumerate(areas_raw)]
            places.append(PlaceRow(ppath, pname, fte, tuple(r for r in refs if r is not None)))
        modules.append(
            ModuleConf(
                path=path,
                key=mkey,
                name=reader.text(m, "name", path),
                kind=kind,
                description=reader.text(m, "description", path, required=False),
                budget=tuple(budget),
                positions=tuple(places),
            )
        )
    questions_raw = raw.get("call_questions") or []
    if not isinstance(questions_raw, list):
        reader.errors.append(_msg(gettext_noop("%(path)s: must be a list."), "call_questions"))
        questions_raw = []
    questions = []
    for i, text in enumerate(questions_raw):
        if not isinstance(text, str) or not text.strip() or len(text) > 2000:
            reader.errors.append(
                _msg(
                    gettext_noop("%(path)s: a question is a text of at most 2,000 characters."),
                    f"call_questions[{i}]",
                )
            )
            continue
        questions.append(text.strip())
    if reader.errors:
        raise ConfigError(reader.errors)
    return ProgrammeConf(
        key=key,
        name=name,
        city=city,
        decision_reference=str(decision.get("reference", "")),
        decided_on=decided_on,
        deciding_body=str(decision.get("body", "")),
        description=str(raw.get("description", "")),
        source=str(raw.get("source", "")),
        modules=tuple(modules),
        call_questions=tuple(questions),
    )


def read(path: Path) -> ProgrammeConf:
    """The programme of a file; ConfigError when it cannot be read or used."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            [Message(gettext_noop("The file cannot be read: %(error)s"), {"error": exc.strerror})]
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            [Message(gettext_noop("The file is not valid JSON: %(error)s"), {"error": str(exc)})]
        ) from exc
    return parse(raw)
