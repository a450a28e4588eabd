"""Backups of the database and the uploaded files, and restoring them (docs/backup.md).

A backup is a folder:

- `database.pgdump` (PostgreSQL: `pg_dump` custom format) or `database.sqlite3.gz` /
  `database.sqlite3.xz` (SQLite: a copy made with SQLite's online backup API, compressed);
- `files/`: the private file storage (meeting files, receipts) as a copied tree;
- `manifest.json`: format version, time, project version, engine, the applied leaf
  migrations per app, the rows per table, each file with size and SHA-256, and the SHA-256
  of the dump. The manifest is written last: a folder without one is no finished backup.

Rows per table and the migration state are read from the same snapshot as the dump (on
PostgreSQL `pg_dump --snapshot` of a repeatable-read transaction, on SQLite from the copy), so
they describe exactly what the dump holds.

A restore checks every checksum before it changes anything and refuses a dump of the other
engine and a target database or file storage that already holds data (unless forced). On
PostgreSQL the restore runs in one transaction: it either completes or leaves the database
as it was. The checksums find damaged or incomplete backups; they do not protect against
someone who can rewrite the manifest as well (encrypting and guarding backups is the
operator's job).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import lzma
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import django
from django.conf import settings
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
POSTGRES_DUMP = "database.pgdump"
SQLITE_DUMPS = {"gzip": "database.sqlite3.gz", "xz": "database.sqlite3.xz"}
ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Tables that `migrate` fills in an otherwise empty database.
BOOKKEEPING = frozenset({"django_migrations", "django_content_type", "auth_permission"})
CHUNK = 1024 * 1024

Progress = Callable[[str], None]


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, for the operator."""


def _quiet(message: str) -> None:
    pass


def private_files_dir() -> Path:
    """Where the private file storage keeps its files (meeting files, receipts)."""
    return Path(settings.VAR_DIR) / "private"


def project_version() -> str:
    try:
        return metadata.version("praeventionsnetz")
    except metadata.PackageNotFoundError:
        return "unknown"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _engine(connection) -> str:
    if connection.vendor not in ENGINES:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def _table_names(cursor, connection) -> list[str]:
    return sorted(connection.introspection.table_names(cursor))


def _count_rows(cursor, quote: Callable[[str], str], tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _migration_leaves(applied: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Per app the applied migrations that no other applied migration of the app follows."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    applied_set = set(applied)
    leaves: dict[str, list[str]] = {}
    for app, name in sorted(applied_set):
        node = graph.node_map.get((app, name))
        children = node.children if node is not None else set()
        if not any(child in applied_set and child[0] == app for child in children):
            leaves.setdefault(app, []).append(name)
    return leaves


def _applied(cursor) -> list[tuple[str, str]]:
    cursor.execute("SELECT app, name FROM django_migrations")
    return [(app, name) for app, name in cursor.fetchall()]


def tables_with_rows(using: str = "default") -> list[str]:
    """The models' tables that hold rows, apart from what `migrate` itself writes.

    Only model tables count: SQLite's full-text index keeps its own rows (configuration, an
    empty segment) in shadow tables even in a freshly migrated database.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        existing = connection.introspection.django_table_names(only_existing=True)
        tables = sorted(t for t in existing if t not in BOOKKEEPING)
        quote = connection.ops.quote_name
        full = []
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
            if cursor.fetchone() is not None:
                full.append(table)
    return full


def table_counts(using: str = "default") -> dict[str, int]:
    connection = connections[using]
    with connection.cursor() as cursor:
        return _count_rows(cursor, connection.ops.quote_name, _table_names(cursor, connection))


# PostgreSQL client programs: the connection from the settings, the password in the
# environment (PGPASSWORD), never on the command line.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "options": "PGOPTIONS",
}


def libpq_environment(settings_dict: dict) -> dict[str, str]:
    # As for the application's own connection, libpq's PG* variables fill what the
    # settings leave open.
    env = dict(os.environ)
    values = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
    }
    for option, variable in _LIBPQ_OPTIONS.items():
        values[variable] = settings_dict.get("OPTIONS", {}).get(option)
    env.update({k: str(v) for k, v in values.items() if v not in (None, "")})
    return env


def _missing(program: str) -> BackupError:
    return BackupError(
        _("%(program)s is not installed (Debian: postgresql-client).") % {"program": program}
    )


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise _missing(command[0]) from exc
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": command[0], "error": result.stderr.strip()}
        )


@dataclass
class Snapshot:
    """What the dump holds: rows per table and the applied migrations."""

    tables: dict[str, int]
    applied: list[tuple[str, str]]


def _dump_postgresql(connection, path: Path) -> Snapshot:
    """pg_dump in custom format, from the snapshot that counts the rows."""
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot run inside a transaction."))
    env = libpq_environment(connection.settings_dict)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
            env,
        )
        tables = _count_rows(cursor, connection.ops.quote_name, _table_names(cursor, connection))
        applied = _applied(cursor)
    return Snapshot(tables=tables, applied=applied)


def _dump_sqlite(connection, path: Path, compression: str) -> Snapshot:
    """A consistent copy by SQLite's online backup API, then compressed."""
    connection.ensure_connection()
    copy = path.with_name("database.sqlite3")
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)
        cursor = target.cursor()
        names = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        tables = _count_rows(cursor, connection.ops.quote_name, names)
        applied = _applied(cursor)
        target.commit()
    finally:
        target.close()
    opener = gzip.open if compression == "gzip" else lzma.open
    with copy.open("rb") as source, opener(path, "wb") as packed:
        shutil.copyfileobj(source, packed, CHUNK)
    copy.unlink()
    return Snapshot(tables=tables, applied=applied)


def _copy_files(source: Path, target: Path, progress: Progress) -> list[dict]:
    """Copy the file tree; returns each file's path, size and SHA-256 (of what was written)."""
    files = []
    if not source.is_dir():
        return files
    for root, dirs, names in os.walk(source):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            if not path.is_file() or path.is_symlink():
                continue
            relative = path.relative_to(source)
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            size = 0
            with path.open("rb") as reader, destination.open("wb") as writer:
                while chunk := reader.read(CHUNK):
                    digest.update(chunk)
                    writer.write(chunk)
                    size += len(chunk)
            shutil.copystat(path, destination)
            files.append({"path": relative.as_posix(), "size": size, "sha256": digest.hexdigest()})
            if len(files) % 500 == 0:
                progress(_("%(count)s files copied …") % {"count": len(files)})
    return files


def create_backup(
    directory: Path,
    *,
    using: str = "default",
    compression: str = "gzip",
    progress: Progress = _quiet,
) -> dict:
    """Write a backup into `directory` (new or empty) and return its manifest."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(
            _("%(dir)s is not empty. Choose a new or empty folder for the backup.")
            % {"dir": directory}
        )
    connection = connections[using]
    engine = _engine(connection)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        dump = directory / (POSTGRES_DUMP if engine == "postgresql" else SQLITE_DUMPS[compression])
        progress(_("Dumping the database …"))
        if engine == "postgresql":
            snapshot = _dump_postgresql(connection, dump)
        else:
            snapshot = _dump_sqlite(connection, dump, compression)
        progress(
            _("Database: %(tables)s tables, %(rows)s rows, %(size)s MB.")
            % {
                "tables": len(snapshot.tables),
                "rows": sum(snapshot.tables.values()),
                "size": f"{dump.stat().st_size / 1e6:.1f}",
            }
        )
        progress(_("Copying the uploaded files …"))
        files = _copy_files(private_files_dir(), directory / FILES, progress)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "project_version": project_version(),
            "django_version": django.get_version(),
            "engine": engine,
            "dump": {
                "name": dump.name,
                "size": dump.stat().st_size,
                "sha256": sha256_file(dump),
            },
            "migrations": _migration_leaves(snapshot.applied),
            "tables": snapshot.tables,
            "files": files,
        }
        (directory / MANIFEST).write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return manifest


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(
            _("%(path)s is missing: this is no complete backup.") % {"path": path}
        ) from exc
    except ValueError as exc:
        raise BackupError(_("%(path)s is not readable JSON.") % {"path": path}) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("The backup has format %(found)s; this version reads format %(format)s.")
            % {"found": manifest.get("format"), "format": FORMAT}
        )
    return manifest


def verify_backup(directory: Path, progress: Progress = _quiet) -> dict:
    """The manifest, after checking the dump and every file against it; raises on any fault."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    problems = []
    dump = directory / manifest["dump"]["name"]
    if Path(manifest["dump"]["name"]).name != manifest["dump"]["name"]:
        problems.append(_("the dump's name is not a plain file name"))
    elif not dump.is_file():
        problems.append(_("%(name)s is missing") % {"name": dump.name})
    elif sha256_file(dump) != manifest["dump"]["sha256"]:
        problems.append(_("%(name)s has another checksum than recorded") % {"name": dump.name})
    files_dir = directory / FILES
    listed = set()
    for entry in manifest["files"]:
        path = files_dir / entry["path"]
        listed.add(entry["path"])
        if ".." in Path(entry["path"]).parts or Path(entry["path"]).is_absolute():
            problems.append(_("%(path)s lies outside the backup") % {"path": entry["path"]})
        elif not path.is_file():
            problems.append(_("%(path)s is missing") % {"path": entry["path"]})
        elif path.stat().st_size != entry["size"] or sha256_file(path) != entry["sha256"]:
            problems.append(
                _("%(path)s has another checksum than recorded") % {"path": entry["path"]}
            )
    if files_dir.is_dir():
        for path in sorted(files_dir.rglob("*")):
            relative = path.relative_to(files_dir).as_posix()
            if path.is_file() and relative not in listed:
                problems.append(_("%(path)s is not in the manifest") % {"path": relative})
    if problems:
        raise BackupError(
            _("The backup in %(dir)s is damaged, nothing was restored:") % {"dir": directory}
            + "\n  "
            + "\n  ".join(problems)
        )
    progress(
        _("Checksums correct: the dump and %(count)s files.") % {"count": len(manifest["files"])}
    )
    return manifest


def _restore_sqlite(connection, dump: Path) -> None:
    opener = lzma.open if dump.suffix == ".xz" else gzip.open
    with tempfile.TemporaryDirectory(prefix="restore-") as scratch:
        copy = Path(scratch) / "database.sqlite3"
        with opener(dump, "rb") as packed, copy.open("wb") as plain:
            shutil.copyfileobj(packed, plain, CHUNK)
        source = sqlite3.connect(copy)
        try:
            connection.ensure_connection()
            # One step: the target is replaced in a single write transaction.
            source.backup(connection.connection)
        finally:
            source.close()


def _restore_postgresql(connection, dump: Path) -> None:
    """pg_restore's script and the removal of the target's empty tables in one transaction."""
    with connection.cursor() as cursor:
        existing = _table_names(cursor, connection)
    connection.close()
    env = libpq_environment(connection.settings_dict)
    command = ["psql", "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
    if existing:
        quote = connection.ops.quote_name
        command += ["-c", "DROP TABLE IF EXISTS " + ", ".join(map(quote, existing)) + " CASCADE"]
    command += ["-f", "-"]
    try:
        script = subprocess.Popen(
            ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(dump)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except FileNotFoundError as exc:
        raise _missing("pg_restore") from exc
    try:
        psql = subprocess.run(
            command, env=env, stdin=script.stdout, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as exc:
        script.kill()
        raise _missing("psql") from exc
    finally:
        script.stdout.close()
    script_error = script.stderr.read().decode(errors="replace").strip()
    script.stderr.close()
    if script.wait() != 0:
        raise BackupError(_("pg_restore failed: %(error)s") % {"error": script_error})
    if psql.returncode != 0:
        raise BackupError(
            _("The restore failed and was rolled back: %(error)s") % {"error": psql.stderr.strip()}
        )


def _restore_files(source: Path, manifest: dict, target: Path, progress: Progress) -> None:
    """Copy the files into a folder beside the target, then move them into place."""
    if not manifest["files"]:
        return
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restoring-", dir=target.parent))
    try:
        for number, entry in enumerate(manifest["files"], start=1):
            destination = staging / entry["path"]
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / entry["path"], destination)
            if number % 500 == 0:
                progress(_("%(count)s files restored …") % {"count": number})
        for entry in manifest["files"]:
            destination = target / entry["path"]
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / entry["path"], destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    differences: dict[str, tuple[int, int | None]] = field(default_factory=dict)


def _existing_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return [p for p in directory.rglob("*") if p.is_file()]


def restore_backup(
    directory: Path,
    *,
    using: str = "default",
    force: bool = False,
    progress: Progress = _quiet,
) -> RestoreReport:
    """Restore a backup onto an empty database and file storage; compare the rows after."""
    directory = Path(directory)
    manifest = verify_backup(directory, progress)
    connection = connections[using]
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise BackupError(
            _(
                "This backup holds a %(backup)s database, but the configured database is "
                "%(target)s. Restore it onto a %(backup)s database (DATABASE_URL)."
            )
            % {
                "backup": ENGINES.get(manifest["engine"], manifest["engine"]),
                "target": ENGINES[engine],
            }
        )
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    files_target = private_files_dir()
    if not force:
        full = tables_with_rows(using)
        if full:
            raise BackupError(
                _(
                    "The database is not empty: %(count)s tables hold data (%(tables)s). "
                    "Restore onto an empty database, or add --force to replace its content."
                )
                % {
                    "count": len(full),
                    "tables": ", ".join(full[:5]) + (", …" if len(full) > 5 else ""),
                }
            )
        present = _existing_files(files_target)
        if present:
            raise BackupError(
                _(
                    "The file storage %(dir)s is not empty (%(count)s files). Restore into an "
                    "empty file storage, or add --force to overwrite files of the same name."
                )
                % {"dir": files_target, "count": len(present)}
            )
    dump = directory / manifest["dump"]["name"]
    progress(_("Restoring the database …"))
    if engine == "postgresql":
        _restore_postgresql(connection, dump)
    else:
        _restore_sqlite(connection, dump)
    progress(_("Restoring %(count)s files …") % {"count": len(manifest["files"])})
    _restore_files(directory / FILES, manifest, files_target, progress)
    progress(_("Counting the rows …"))
    counts = table_counts(using)
    report = RestoreReport(
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        files=len(manifest["files"]),
    )
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            report.differences[table] = (expected, counts.get(table))
    return report
