"""HSDS 3.0 tabular data packages: read, write and check them against the official schemas.

Pure: file names and bytes in, rows and problems out; no Django. The caller loads the
specification once (``spec_load`` on the folder with ``datapackage.json`` and ``schema/``)
and passes it around.

What a check covers, row by row, with messages in plain German:

- the JSON Schema of the table's object (Draft 2020-12, the dialect of the HSDS OpenAPI
  document), with the columns the tabular form requires in addition (``tabular_required``);
  formats uuid, email, uri, date and date-time are checked, and so are the tabular types
  date, time and datetime that the schemas only name (``datapackage_type``);
- numbers in number columns; an empty cell is a missing value, as in Frictionless;
- uniqueness and the foreign keys declared in the HSDS ``datapackage.json``, and
  ``attribute.link_id`` against the table named by ``link_entity``.

Tables, columns and resources that HSDS 3.0 does not know are reported as warnings and
not read.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DESCRIPTOR = "datapackage.json"
MAX_FILES = 100
MAX_UNPACKED = 200 * 1024 * 1024

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")

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


@dataclass(frozen=True)
class Row:
    number: int
    values: Mapping[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


@dataclass
class Package:
    title: str = ""
    version: str = ""
    files: dict[str, str] = field(default_factory=dict)  # table → file read
    tables: dict[str, list[Row]] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    def file(self, table: str, spec: Spec) -> str:
        return self.files.get(table) or spec.tables[table].path


# --- the specification ---------------------------------------------------------------------


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


# --- messages ------------------------------------------------------------------------------


def _shown(value: Any) -> str:
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
    value = _shown(error.instance)
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


def _problems(validator, instance: Any) -> list[str]:
    """German messages, at most one per field, in field order."""
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
    return _problems(spec.object_validators[table], obj)


# --- reading -------------------------------------------------------------------------------


def files_from_directory(folder: Path) -> dict[str, bytes]:
    """The CSV files and the descriptor of a package folder, by file name."""
    if not folder.is_dir():
        raise PackageError(f"Den Ordner „{folder}“ gibt es nicht.")
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix.lower() in {".csv", ".json"}
    }


def files_from_zip(content: bytes) -> dict[str, bytes]:
    """The CSV files and the descriptor of a zipped package, also from one sub-folder."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise PackageError("Die Datei ist kein ZIP-Archiv.") from exc
    with archive:
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir()
            and PurePosixPath(m.filename).suffix.lower() in {".csv", ".json"}
            and not PurePosixPath(m.filename).name.startswith(".")
            and "__MACOSX" not in m.filename
        ]
        if len(members) > MAX_FILES or sum(m.file_size for m in members) > MAX_UNPACKED:
            raise PackageError("Das ZIP-Archiv ist zu groß für ein HSDS-Paket.")
        # The package root is the folder of datapackage.json, else the shallowest CSV folder.
        folders = [PurePosixPath(m.filename).parent for m in members]
        roots = [
            PurePosixPath(m.filename).parent
            for m in members
            if PurePosixPath(m.filename).name == DESCRIPTOR
        ]
        if not folders:
            raise PackageError("Im ZIP-Archiv liegen keine CSV-Dateien.")
        root = min(roots or folders, key=lambda p: (len(p.parts), str(p)))
        return {
            PurePosixPath(m.filename).name: archive.read(m)
            for m in members
            if PurePosixPath(m.filename).parent == root
        }


def _descriptor_paths(files: Mapping[str, bytes], spec: Spec, package: Package) -> dict[str, str]:
    """Table → file name: from the package's own descriptor, else HSDS's file names."""
    paths = {name: table.path for name, table in spec.tables.items()}
    raw = files.get(DESCRIPTOR)
    if raw is None:
        package.warnings.append(
            Problem(
                DESCRIPTOR,
                None,
                "fehlt; die Tabellen werden an ihren Dateinamen aus HSDS 3.0 erkannt",
            )
        )
        return paths
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))
        resources = descriptor.get("resources") or []
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
        package.errors.append(Problem(DESCRIPTOR, None, f"ist kein lesbares JSON ({exc})"))
        return paths
    package.title = str(descriptor.get("title") or descriptor.get("name") or "")
    package.version = str(descriptor.get("version") or "")
    if package.version and not package.version.startswith("3."):
        package.warnings.append(
            Problem(
                DESCRIPTOR,
                None,
                f"nennt die Version „{package.version}“; geprüft wird nach HSDS 3.0",
            )
        )
    for resource in resources:
        if not isinstance(resource, dict):
            continue
        name, path = resource.get("name"), resource.get("path")
        if name in spec.tables and isinstance(path, str):
            paths[name] = PurePosixPath(path).name
        elif isinstance(path, str) and path.endswith(".csv"):
            package.warnings.append(
                Problem(
                    PurePosixPath(path).name,
                    None,
                    f"Tabelle „{name}“ gibt es in HSDS 3.0 nicht; sie wird nicht gelesen",
                )
            )
    return paths


def _typed(value: str, kind: str) -> Any:
    if kind in {"number", "integer"}:
        if _INTEGER.match(value):
            return int(value)
        return float(value)  # ValueError for text
    return value


def _read_table(table: Table, file_name: str, raw: bytes, package: Package) -> list[Row]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        package.errors.append(Problem(file_name, None, "ist nicht in UTF-8 kodiert"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return []
    header = [h.strip() for h in header]
    if len(header) == 1 and ";" in header[0]:
        package.errors.append(
            Problem(file_name, 1, "Spalten sind mit „;“ getrennt; HSDS verlangt Kommas")
        )
        return []
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        package.errors.append(
            Problem(file_name, 1, "Spalte(n) doppelt: " + ", ".join(f"„{h}“" for h in doubled))
        )
        return []
    unknown = [h for h in header if h not in table.fields]
    if unknown:
        package.warnings.append(
            Problem(
                file_name,
                1,
                "Spalte(n) gibt es in HSDS 3.0 nicht und werden nicht gelesen: "
                + ", ".join(f"„{h}“" for h in unknown),
            )
        )
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            package.errors.append(Problem(file_name, number, "mehr Zellen als Spalten"))
            continue
        values: dict[str, Any] = {}
        for name, cell in zip(header, cells, strict=False):
            if name not in table.fields or cell.strip() == "":
                continue
            try:
                values[name] = _typed(cell.strip(), table.types.get(name, "string"))
            except ValueError:
                package.errors.append(
                    Problem(file_name, number, f"„{_shown(cell)}“ in „{name}“ ist keine Zahl")
                )
        rows.append(Row(number, values))
    return rows


def package_read(files: Mapping[str, bytes], spec: Spec) -> Package:
    """Read and check every HSDS table of a package (file name → bytes)."""
    package = Package()
    paths = _descriptor_paths(files, spec, package)
    for name, table in spec.tables.items():
        file_name = paths[name]
        if file_name not in files:
            continue
        package.files[name] = file_name
        package.tables[name] = _read_table(table, file_name, files[file_name], package)
    if not package.files:
        raise PackageError(
            "Keine Tabelle aus HSDS 3.0 gefunden (erwartet z. B. organizations.csv, services.csv)."
        )
    package.errors.extend(_check_rows(package, spec))
    package.errors.extend(_check_keys(package, spec))
    package.errors.sort(key=lambda p: (p.file, p.row or 0))
    return package


def _check_rows(package: Package, spec: Spec) -> Iterator[Problem]:
    for name, rows in package.tables.items():
        validator = spec.row_validators[name]
        file_name = package.file(name, spec)
        for row in rows:
            for message in _problems(validator, dict(row.values)):
                yield Problem(file_name, row.number, message)


def _check_keys(package: Package, spec: Spec) -> Iterator[Problem]:
    ids = {name: {row.get("id") for row in rows} for name, rows in package.tables.items()}
    for name, rows in package.tables.items():
        table = spec.tables[name]
        file_name = package.file(name, spec)
        for column in table.unique:
            first: dict[Any, int] = {}
            for row in rows:
                value = row.get(column)
                if value is None:
                    continue
                if value in first:
                    yield Problem(
                        file_name,
                        row.number,
                        f"„{column}“ „{_shown(value)}“ kommt doppelt vor "
                        f"(zuerst in Zeile {first[value]})",
                    )
                else:
                    first[value] = row.number
        for key in table.foreign_keys:
            known = ids.get(key.resource, set())
            target = package.file(key.resource, spec)
            for row in rows:
                value = row.get(key.field)
                if value is not None and value not in known:
                    yield Problem(
                        file_name,
                        row.number,
                        f"„{key.field}“ verweist auf „{_shown(value)}“, das es in {target} "
                        "nicht gibt",
                    )
        if name == "attribute":
            yield from _check_links(package, spec, rows, ids, file_name)


def _check_links(package, spec, rows, ids, file_name) -> Iterator[Problem]:
    for row in rows:
        entity, link = row.get("link_entity"), row.get("link_id")
        if entity is None or link is None:
            continue
        if entity not in spec.tables:
            package.warnings.append(
                Problem(file_name, row.number, f"„link_entity“ „{_shown(entity)}“ ist unbekannt")
            )
        elif link not in ids.get(entity, set()):
            yield Problem(
                file_name,
                row.number,
                f"„link_id“ verweist auf „{_shown(link)}“, das es in "
                f"{package.file(entity, spec)} nicht gibt",
            )


# --- writing -------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def package_files(
    tables: Mapping[str, Iterable[Mapping[str, Any]]],
    spec: Spec,
    *,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, bytes]:
    """Every HSDS table as CSV (header only when empty) plus ``datapackage.json``."""
    unknown = set(tables) - set(spec.tables)
    if unknown:
        raise ValueError(f"not HSDS tables: {sorted(unknown)}")
    files = {}
    for name, table in spec.tables.items():
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(table.fields)
        for record in tables.get(name, ()):
            writer.writerow([_cell(record.get(f)) for f in table.fields])
        files[table.path] = out.getvalue().encode("utf-8")
    descriptor = copy.deepcopy(dict(spec.descriptor))
    # The HSDS template's licence and homepage describe the specification, not our data.
    descriptor.pop("license", None)
    descriptor.pop("homepage", None)
    descriptor.update(meta or {})
    files[DESCRIPTOR] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode()
    return files


def package_zip(files: Mapping[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def package_write(folder: Path, files: Mapping[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
