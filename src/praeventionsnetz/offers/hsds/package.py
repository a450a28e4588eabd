"""Reading an HSDS package: its tables as rows, checked row by row and across tables.

Pure: file names and bytes in, rows and problems out; no Django. What a check covers, with
messages in plain words (``core.text.Message``, translated by ``offers.hsds.texts``):

- each row against the JSON Schema of its table (see ``schemas``);
- numbers in number columns; an empty cell is a missing value, as in Frictionless;
- uniqueness and the foreign keys declared in the HSDS ``datapackage.json``, and
  ``attribute.link_id`` against the table named by ``link_entity``.

Tables, columns and resources that HSDS 3.0 does not know are reported as warnings and
not read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop
from praeventionsnetz.offers.hsds.problems import (
    Names,
    PackageError,
    Problem,
    counted,
    problems,
    shown,
)
from praeventionsnetz.offers.hsds.schemas import DESCRIPTOR, Spec, Table

_INTEGER = re.compile(r"^[+-]?\d+$")
# A table beyond this is refused before its rows are checked, so that a preview takes
# seconds; bigger directories are imported in parts. A cell longer than csv's field
# limit (128 KiB) is refused too.
MAX_ROWS = 20_000


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


def _descriptor_paths(files: Mapping[str, bytes], spec: Spec, package: Package) -> dict[str, str]:
    """Table → file name: from the package's own descriptor, else HSDS's file names."""
    paths = {name: table.path for name, table in spec.tables.items()}
    raw = files.get(DESCRIPTOR)
    if raw is None:
        package.warnings.append(
            Problem(
                DESCRIPTOR,
                None,
                Message(
                    gettext_noop(
                        "is missing; the tables are recognised by their file names from HSDS 3.0"
                    )
                ),
            )
        )
        return paths
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))
        resources = descriptor.get("resources") or []
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
        package.errors.append(
            Problem(
                DESCRIPTOR,
                None,
                Message(gettext_noop("is not readable JSON (%(error)s)"), {"error": str(exc)}),
            )
        )
        return paths
    package.title = str(descriptor.get("title") or descriptor.get("name") or "")
    package.version = str(descriptor.get("version") or "")
    if package.version and not package.version.startswith("3."):
        package.warnings.append(
            Problem(
                DESCRIPTOR,
                None,
                Message(
                    gettext_noop("names the version “%(version)s”; it is checked against HSDS 3.0"),
                    {"version": package.version},
                ),
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
                    Message(
                        gettext_noop("HSDS 3.0 has no table “%(table)s”; it is not read"),
                        {"table": name},
                    ),
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
        package.errors.append(
            Problem(file_name, None, Message(gettext_noop("is not encoded in UTF-8")))
        )
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error:
        package.errors.append(_unreadable(file_name, reader.line_num))
        return []
    if header is None:
        return []
    header = [h.strip() for h in header]
    if len(header) == 1 and ";" in header[0]:
        package.errors.append(
            Problem(
                file_name,
                1,
                Message(gettext_noop("columns are separated by “;”; HSDS requires commas")),
            )
        )
        return []
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        package.errors.append(
            Problem(
                file_name,
                1,
                counted(
                    ngettext_noop(
                        "column occurs twice: %(columns)s", "columns occur twice: %(columns)s"
                    ),
                    len(doubled),
                    columns=Names(tuple(doubled)),
                ),
            )
        )
        return []
    unknown = [h for h in header if h not in table.fields]
    if unknown:
        package.warnings.append(
            Problem(
                file_name,
                1,
                counted(
                    ngettext_noop(
                        "column unknown to HSDS 3.0 and not read: %(columns)s",
                        "columns unknown to HSDS 3.0 and not read: %(columns)s",
                    ),
                    len(unknown),
                    columns=Names(tuple(unknown)),
                ),
            )
        )
    rows: list[Row] = []
    try:
        for number, cells in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                package.errors.append(
                    Problem(
                        file_name,
                        None,
                        Message(
                            gettext_noop(
                                "has more than %(max)s rows; please import the directory in parts"
                            ),
                            {"max": f"{MAX_ROWS:,}".replace(",", ".")},
                        ),
                    )
                )
                return []
            row = _read_row(table, file_name, header, cells, number, package)
            if row is not None:
                rows.append(row)
    except csv.Error:
        package.errors.append(_unreadable(file_name, reader.line_num))
        return []
    return rows


def _unreadable(file_name: str, line: int) -> Problem:
    # A cell over csv's field limit, a NUL byte or an unclosed quotation mark.
    return Problem(
        file_name,
        line or None,
        Message(
            gettext_noop(
                "cannot be read as CSV (a cell is too long, an unclosed quotation mark or a "
                "binary character); the file was not read further"
            )
        ),
    )


def _read_row(
    table: Table, file_name: str, header: list[str], cells: list[str], number: int, package
) -> Row | None:
    if not any(c.strip() for c in cells):
        return None
    if len(cells) > len(header):
        package.errors.append(
            Problem(file_name, number, Message(gettext_noop("more cells than columns")))
        )
        return None
    values: dict[str, Any] = {}
    for name, cell in zip(header, cells, strict=False):
        if name not in table.fields or cell.strip() == "":
            continue
        try:
            values[name] = _typed(cell.strip(), table.types.get(name, "string"))
        except ValueError:
            package.errors.append(
                Problem(
                    file_name,
                    number,
                    Message(
                        gettext_noop("“%(value)s” in “%(column)s” is not a number"),
                        {"value": shown(cell), "column": name},
                    ),
                )
            )
    return Row(number, values)


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
            Message(
                gettext_noop(
                    "No table from HSDS 3.0 found (expected e.g. organizations.csv, services.csv)."
                )
            )
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
            for message in problems(validator, dict(row.values)):
                yield Problem(file_name, row.number, message)


def _refers_to(column: str, value: Any, target: str) -> Message:
    return Message(
        gettext_noop("“%(column)s” refers to “%(value)s”, which %(file)s does not contain"),
        {"column": column, "value": shown(value), "file": target},
    )


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
                        Message(
                            gettext_noop(
                                "“%(column)s” “%(value)s” occurs twice (first in row %(first)s)"
                            ),
                            {"column": column, "value": shown(value), "first": first[value]},
                        ),
                    )
                else:
                    first[value] = row.number
        for key in table.foreign_keys:
            known = ids.get(key.resource, set())
            target = package.file(key.resource, spec)
            for row in rows:
                value = row.get(key.field)
                if value is not None and value not in known:
                    yield Problem(file_name, row.number, _refers_to(key.field, value, target))
        if name == "attribute":
            yield from _check_links(package, spec, rows, ids, file_name)


def _check_links(package, spec, rows, ids, file_name) -> Iterator[Problem]:
    for row in rows:
        entity, link = row.get("link_entity"), row.get("link_id")
        if entity is None or link is None:
            continue
        if entity not in spec.tables:
            package.warnings.append(
                Problem(
                    file_name,
                    row.number,
                    Message(
                        gettext_noop("“link_entity” “%(value)s” is unknown"),
                        {"value": shown(entity)},
                    ),
                )
            )
        elif link not in ids.get(entity, set()):
            yield Problem(
                file_name, row.number, _refers_to("link_id", link, package.file(entity, spec))
            )
