"""Problems found in an HSDS package, and schema errors put into plain words.

Pure, so its messages are ``core.text.Message`` objects (English msgids); the Django side
shows them in the reader's language with ``offers.hsds.texts``. A parameter may be a
``Names``: names that the reader's quotation marks enclose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jsonschema import ValidationError

from praeventionsnetz.core.text import Message, gettext_noop

if TYPE_CHECKING:
    from praeventionsnetz.offers.hsds.schemas import Spec

# What a value that fails a format is not, by format.
NOT_A = {
    "uuid": gettext_noop("“%(value)s” in “%(where)s” is not a UUID"),
    "email": gettext_noop("“%(value)s” in “%(where)s” is not an e-mail address"),
    "uri": gettext_noop(
        "“%(value)s” in “%(where)s” is not a complete address (URI, e.g. https://…)"
    ),
    "date": gettext_noop("“%(value)s” in “%(where)s” is not a date (YYYY-MM-DD)"),
    "time": gettext_noop("“%(value)s” in “%(where)s” is not a time (hh:mm or hh:mm:ss)"),
    "datetime": gettext_noop(
        "“%(value)s” in “%(where)s” is not a point in time (YYYY-MM-DDThh:mm:ssZ)"
    ),
    "date-time": gettext_noop(
        "“%(value)s” in “%(where)s” is not a point in time (YYYY-MM-DDThh:mm:ssZ)"
    ),
}
# What a value of the wrong JSON type must be, by type.
MUST_BE = {
    "number": gettext_noop("“%(where)s” must be a number"),
    "integer": gettext_noop("“%(where)s” must be a whole number"),
    "string": gettext_noop("“%(where)s” must be text"),
    "array": gettext_noop("“%(where)s” must be a list"),
    "object": gettext_noop("“%(where)s” must be an object"),
}


class PackageError(ValueError):
    """The package as a whole cannot be read (not a zip, too large, no tables)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Names:
    """Names listed in a message, each in quotation marks, separated by commas."""

    names: tuple[str, ...]

    def __str__(self) -> str:
        return ", ".join(f"“{name}”" for name in self.names)


def counted(forms: tuple[str, str], count: int, **params: Any) -> Message:
    """A message with a plural (from ``ngettext_noop``) that counts ``count``."""
    singular, plural = forms
    return Message(singular, {"count": count, **params}, plural=plural, count_param="count")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # as in a spreadsheet: the header is row 1
    message: Message | str  # a str is already in the reader's language

    def __str__(self) -> str:
        """In English, for logs; ``offers.hsds.texts.problem_text`` translates it."""
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        return f"{where}: {self.message}" if where else str(self.message)


def shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _path(error: ValidationError) -> str:
    parts = []
    for part in error.absolute_path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _message(error: ValidationError) -> list[Message]:
    where = _path(error)
    if error.validator == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [name for name in error.validator_value if name not in present]
        if where:
            return [
                Message(
                    gettext_noop("%(where)s: required field “%(name)s” is missing"),
                    {"where": where, "name": name},
                )
                for name in missing
            ]
        return [
            Message(gettext_noop("Required field “%(name)s” is missing"), {"name": name})
            for name in missing
        ]
    value = shown(error.instance)
    if error.validator in {"format", "datapackage_type"}:
        kind = str(error.validator_value)
        if kind in NOT_A:
            return [Message(NOT_A[kind], {"value": value, "where": where})]
        return [
            Message(
                gettext_noop("“%(value)s” in “%(where)s” is not a valid %(kind)s"),
                {"value": value, "where": where, "kind": kind},
            )
        ]
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return [
            Message(
                gettext_noop("“%(value)s” in “%(where)s” is not allowed (allowed: %(allowed)s)"),
                {"value": value, "where": where, "allowed": allowed},
            )
        ]
    if error.validator == "type":
        kinds = error.validator_value
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if len(kinds) == 1 and kinds[0] in MUST_BE:
            return [Message(MUST_BE[kinds[0]], {"where": where})]
        # HSDS 3.0 gives every field one type; another type or several are named as such.
        return [
            Message(
                gettext_noop("“%(where)s” must be %(types)s"),
                {"where": where, "types": " | ".join(str(k) for k in kinds)},
            )
        ]
    return [
        Message(gettext_noop("“%(where)s”: %(detail)s"), {"where": where, "detail": error.message})
    ]


def problems(validator, instance: Any) -> list[Message]:
    """Messages of a validator's errors, at most one per field, in field order."""
    seen: set[str] = set()
    messages = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path))):
        key = _path(error) if error.validator != "required" else f"required:{_path(error)}"
        if key in seen:
            continue
        seen.add(key)
        messages.extend(_message(error))
    return messages


def object_problems(obj: Mapping[str, Any], table: str, spec: Spec) -> list[Message]:
    """Check a (nested) HSDS object, e.g. a service of the API, against its JSON Schema."""
    return problems(spec.object_validators[table], obj)
