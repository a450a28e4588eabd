"""Problems found in an HSDS package, and schema errors put into plain German messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jsonschema import ValidationError

if TYPE_CHECKING:
    from praeventionsnetz.offers.hsds.schemas import Spec

WHAT = {
    "uuid": "keine UUID",
    "email": "keine E-Mail-Adresse",
    "uri": "keine vollständige Adresse (URI, z. B. https://…)",
    "date": "kein Datum (JJJJ-MM-TT)",
    "time": "keine Uhrzeit (hh:mm oder hh:mm:ss)",
    "datetime": "kein Zeitpunkt (JJJJ-MM-TTThh:mm:ssZ)",
    "date-time": "kein Zeitpunkt (JJJJ-MM-TTThh:mm:ssZ)",
}
TYPES = {
    "number": "eine Zahl",
    "integer": "eine ganze Zahl",
    "string": "Text",
    "array": "eine Liste",
    "object": "ein Objekt",
}


class PackageError(ValueError):
    """The package as a whole cannot be read (not a zip, too large, no tables)."""


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # as in a spreadsheet: the header is row 1
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, Zeile {self.row}"
        return f"{where}: {self.message}" if where else self.message


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


def _message(error: ValidationError) -> list[str]:
    where = _path(error)
    if error.validator == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        prefix = f"{where}: " if where else ""
        return [
            f"{prefix}Pflichtfeld „{name}“ fehlt"
            for name in error.validator_value
            if name not in present
        ]
    value = shown(error.instance)
    if error.validator in {"format", "datapackage_type"}:
        what = WHAT.get(str(error.validator_value), f"kein gültiges {error.validator_value}")
        return [f"„{value}“ in „{where}“ ist {what}"]
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return [f"„{value}“ in „{where}“ ist nicht erlaubt (erlaubt: {allowed})"]
    if error.validator == "type":
        kinds = error.validator_value
        kinds = kinds if isinstance(kinds, list) else [kinds]
        return [f"„{where}“ muss {' oder '.join(TYPES.get(k, k) for k in kinds)} sein"]
    return [f"„{where}“: {error.message}"]


def problems(validator, instance: Any) -> list[str]:
    """German messages of a validator's errors, at most one per field, in field order."""
    seen: set[str] = set()
    messages = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path))):
        key = _path(error) if error.validator != "required" else f"required:{_path(error)}"
        if key in seen:
            continue
        seen.add(key)
        messages.extend(_message(error))
    return messages


def object_problems(obj: Mapping[str, Any], table: str, spec: Spec) -> list[str]:
    """Check a (nested) HSDS object, e.g. a service of the API, against its JSON Schema."""
    return problems(spec.object_validators[table], obj)
