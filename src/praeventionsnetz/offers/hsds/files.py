"""HSDS package files: read from a folder or a zip file, written as CSV, zip or folder."""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from praeventionsnetz.core.text import Message, gettext_noop
from praeventionsnetz.offers.hsds.problems import PackageError
from praeventionsnetz.offers.hsds.schemas import DESCRIPTOR, Spec

MAX_FILES = 100
MAX_UNPACKED = 200 * 1024 * 1024


def files_from_directory(folder: Path) -> dict[str, bytes]:
    """The CSV files and the descriptor of a package folder, by file name."""
    if not folder.is_dir():
        raise PackageError(
            Message(gettext_noop("There is no folder “%(folder)s”."), {"folder": str(folder)})
        )
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix.lower() in {".csv", ".json"}
    }


def files_from_zip(content: bytes) -> dict[str, bytes]:
    """The CSV files and the descriptor of a zipped package, also from one sub-folder."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PackageError(Message(gettext_noop("The file is not a ZIP archive."))) from exc
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
            raise PackageError(
                Message(gettext_noop("The ZIP archive is too large for an HSDS package."))
            )
        # The package root is the folder of datapackage.json, else the shallowest CSV folder.
        folders = [PurePosixPath(m.filename).parent for m in members]
        roots = [
            PurePosixPath(m.filename).parent
            for m in members
            if PurePosixPath(m.filename).name == DESCRIPTOR
        ]
        if not folders:
            raise PackageError(Message(gettext_noop("The ZIP archive holds no CSV files.")))
        root = min(roots or folders, key=lambda p: (len(p.parts), str(p)))
        budget = [MAX_UNPACKED]
        return {
            PurePosixPath(m.filename).name: _unpacked(archive, m, budget)
            for m in members
            if PurePosixPath(m.filename).parent == root
        }


def _unpacked(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """The member's bytes, read in chunks: a damaged member or one that unpacks to more than
    the archive declares (or than is left of `budget`) is a PackageError, never more memory.
    """
    damaged = PackageError(
        Message(
            gettext_noop("The ZIP archive is damaged: “%(file)s” cannot be unpacked."),
            {"file": member.filename},
        )
    )
    chunks = []
    read = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1024 * 1024):
                read += len(chunk)
                if read > member.file_size or read > budget[0]:
                    raise damaged
                chunks.append(chunk)
    # zipfile lets zlib, CRC and format errors through under several names.
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise damaged from exc
    except (NotImplementedError, RuntimeError) as exc:  # encrypted or unknown compression
        raise PackageError(
            Message(
                gettext_noop(
                    "“%(file)s” in the ZIP archive is encrypted or packed in an unknown way."
                ),
                {"file": member.filename},
            )
        ) from exc
    budget[0] -= read
    return b"".join(chunks)


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
