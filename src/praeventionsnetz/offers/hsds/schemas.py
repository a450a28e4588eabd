"""HSDS 3.0 table schemas: the specification's tables, JSON Schemas and their validators.

Pure: no Django. The caller loads the specification once (``spec_load`` on the folder with
``datapackage.json`` and ``schema/``) and passes it around. Rows are checked against the
JSON Schema of the table's object (Draft 2020-12, the dialect of the HSDS OpenAPI
document), with the columns the tabular form requires in addition (``tabular_required``);
formats uuid, email, uri, date and date-time are checked, and so are the tabular types
date, time and datetime that the schemas only name (``datapackage_type``).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DESCRIPTOR = "datapackage.json"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str
    reference: str


@dataclass(frozen=True)
class Table:
    """One resource of the HSDS data package: a CSV file and the object it holds."""

    name: str
    path: str
    fields: tuple[str, ...]
    types: Mapping[str, str]
    required: tuple[str, ...]
    unique: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]


@dataclass(frozen=True)
class Spec:
    descriptor: Mapping[str, Any]
    tables: Mapping[str, Table]
    schemas: Mapping[str, Mapping[str, Any]]
    row_validators: Mapping[str, Any]
    object_validators: Mapping[str, Any]

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))


def _is_uri(value: object) -> bool:
    # Format checkers see every instance; formats only constrain strings.
    if not isinstance(value, str):
        return True
    if any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme and _SCHEME.match(parts.scheme) and (parts.netloc or parts.path))


def is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def parse_time(value: str) -> dt.time | None:
    """hh:mm or hh:mm:ss (the tabular ``time`` type), or None."""
    match = _TIME.match(value)
    if not match:
        return None
    hour, minute, second = (int(g) if g else 0 for g in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def is_datetime(value: str) -> bool:
    if not _DATETIME.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


_TABULAR_CHECKS = {
    "date": is_date,
    "time": lambda v: parse_time(v) is not None,
    "datetime": is_datetime,
}


def _datapackage_type(validator, kind, instance, schema) -> Iterator[ValidationError]:
    check = _TABULAR_CHECKS.get(kind)
    if check is not None and isinstance(instance, str) and not check(instance):
        yield ValidationError(f"{instance!r} is not a {kind}", validator_value=kind)


def _format_checker():
    checker = copy.deepcopy(Draft202012Validator.FORMAT_CHECKER)
    checker.checks("uri")(_is_uri)
    checker.checks("date-time")(lambda v: not isinstance(v, str) or is_datetime(v))
    return checker


_Validator = validators.extend(Draft202012Validator, {"datapackage_type": _datapackage_type})


def _row_schema(schema: Mapping[str, Any], required: Iterable[str]) -> dict[str, Any]:
    """The object schema without its nested arrays and objects: one CSV row."""
    properties = {
        name: {k: v for k, v in prop.items() if k not in {"constraints", "example"}}
        for name, prop in schema["properties"].items()
        if prop.get("type") != "array" and "$ref" not in prop
    }
    return {"type": "object", "properties": properties, "required": sorted(set(required))}


def spec_load(folder: Path) -> Spec:
    """Read HSDS's ``datapackage.json`` and ``schema/*.json`` from a folder."""
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    schemas = {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((folder / "schema").glob("*.json"))
        if path.stem != "openapi"
    }
    registry = Registry().with_resources(
        (f"{name}.json", Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
    )
    checker = _format_checker()
    tables: dict[str, Table] = {}
    row_validators = {}
    object_validators = {}
    for resource in descriptor["resources"]:
        name = resource["name"]
        fields = resource["schema"]["fields"]
        schema = schemas[name]
        required = [f["name"] for f in fields if f.get("constraints", {}).get("required")] + list(
            schema.get("tabular_required", [])
        )
        keys = resource["schema"].get("foreignKeys") or []
        tables[name] = Table(
            name=name,
            path=resource["path"],
            fields=tuple(f["name"] for f in fields),
            types={f["name"]: f.get("type", "string") for f in fields},
            required=tuple(dict.fromkeys(required)),
            unique=tuple(f["name"] for f in fields if f.get("constraints", {}).get("unique")),
            foreign_keys=tuple(
                ForeignKey(k["fields"], k["reference"]["resource"], k["reference"]["fields"])
                for k in keys
            ),
        )
        row_validators[name] = _Validator(
            _row_schema(schema, tables[name].required), format_checker=checker
        )
        object_validators[name] = _Validator(schema, registry=registry, format_checker=checker)
    return Spec(descriptor, tables, schemas, row_validators, object_validators)
