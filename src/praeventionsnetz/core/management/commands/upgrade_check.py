"""`praeventionsnetz upgrade_check data/releases/0.1.0`: does this code upgrade a release?

The release folder holds one backup of that release's demo per engine (`sqlite/`,
`postgresql/`, made by `backup`). The check uses the one of the configured engine, as an
operator would upgrade:

1. `restore` it into a scratch database (PostgreSQL: `<NAME>_upgrade` on the configured
   server, dropped afterwards; SQLite: a file in a temporary folder) with its own file storage;
2. `migrate` forward with this code;
3. in a fresh process: `check`, the rows per table against the release's manifest (equal; the
   tables `migrate` itself writes may grow), and key pages as the demo's planner.

Each step runs as its own `praeventionsnetz` process with the scratch database as
DATABASE_URL, so the configured database is never touched.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from praeventionsnetz.core.backup import (
    BOOKKEEPING,
    BackupError,
    libpq_environment,
    read_manifest,
    table_counts,
)

# Pages that read much of the demo: start, monitoring, network, offers and the search, funding,
# steering. Each must answer 200 for the demo's planner.
KEY_PAGES = [
    "/",
    "/monitoring/",
    "/monitoring/kennzahlen/",
    "/monitoring/indizes/",
    "/netzwerk/",
    "/netzwerk/organisationen/",
    "/angebote/",
    "/angebote/?q=Kita",
    "/angebote/abdeckung/",
    "/foerderung/",
    "/steuerung/gremien/",
    "/api/areas?city=dresden&limit=5",
]
PLANNER = "planung"


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Restore a release's demo backup into a scratch database, migrate it forward with "
            "this code, and check that the rows are kept and key pages work."
        )

    def add_arguments(self, parser):
        parser.add_argument("release", help=_("The release folder, e.g. data/releases/0.1.0."))
        parser.add_argument(
            "--keep",
            action="store_true",
            help=_("Keep the scratch database and folder for a look afterwards."),
        )
        # The last step, run by the check itself in a process on the scratch database.
        parser.add_argument("--after-migrate", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, release: str, keep: bool, after_migrate: bool, **options):
        engine = connection.vendor
        backup = Path(release) / engine
        if not (backup / "manifest.json").is_file():
            raise CommandError(
                _("%(dir)s holds no backup for %(engine)s.") % {"dir": release, "engine": engine}
            )
        if after_migrate:
            self._after_migrate(backup)
        else:
            self._run(backup, keep)

    def _run(self, backup: Path, keep: bool) -> None:
        started = time.monotonic()
        scratch = Path(tempfile.mkdtemp(prefix="upgrade-check-"))
        own = {
            "PRAEVENTIONSNETZ_VAR": str(scratch / "var"),
            "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
            # The pages are checked, not collected static files: names without hashes.
            "STATIC_MANIFEST": "0",
        }
        env = {**os.environ, **own}
        database = None
        if connection.vendor == "postgresql":
            settings_dict = connection.settings_dict
            database = f"{settings_dict['NAME']}"[:55] + "_upgrade"
            self._recreate(database)
            env = {**libpq_environment(settings_dict), **own}
            env.pop("PGDATABASE", None)
            user = quote(settings_dict.get("USER") or "", safe="")
            host = settings_dict.get("HOST") or ""
            port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
            # The password stays in PGPASSWORD, out of the URL.
            env["DATABASE_URL"] = f"postgres://{user}@{host}{port}/{database}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{scratch / 'upgrade.sqlite3'}"
        try:
            release = str(backup.parent)
            self._step(_("Restore"), ["restore", str(backup)], env)
            self._step(_("Migrate"), ["migrate", "--no-input"], env)
            self._step(_("Check"), ["upgrade_check", release, "--after-migrate"], env)
        finally:
            if keep:
                self.stderr.write(
                    _("Kept: %(url)s and %(dir)s") % {"url": env["DATABASE_URL"], "dir": scratch}
                )
            else:
                shutil.rmtree(scratch, ignore_errors=True)
                if database:
                    self._drop(database)
        self.stdout.write(
            self.style.SUCCESS(
                _("Upgrade check passed for %(dir)s in %(seconds)s s.")
                % {"dir": backup, "seconds": f"{time.monotonic() - started:.1f}"}
            )
        )

    def _step(self, name: str, arguments: list[str], env: dict[str, str]) -> None:
        started = time.monotonic()
        self.stderr.write(_("%(step)s …") % {"step": name})
        result = subprocess.run(
            [sys.executable, "-m", "praeventionsnetz", *arguments],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(
                _("%(step)s failed:") % {"step": name}
                + "\n"
                + (result.stdout + result.stderr).strip()
            )
        self.stderr.write(
            _("%(step)s: done in %(seconds)s s.")
            % {"step": name, "seconds": f"{time.monotonic() - started:.1f}"}
        )
        if result.stdout.strip():
            self.stderr.write("  " + result.stdout.strip().replace("\n", "\n  "))

    def _recreate(self, database: str) -> None:
        self._drop(database)
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(database)}")

    def _drop(self, database: str) -> None:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(database)}")

    def _after_migrate(self, backup: Path) -> None:
        """In the scratch database's process: system checks, rows, key pages."""
        call_command("check", fail_level="ERROR")
        try:
            manifest = read_manifest(backup)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = table_counts()
        problems = []
        for table, expected in sorted(manifest["tables"].items()):
            found = counts.get(table)
            if found is None:
                problems.append(_("%(table)s: the table is gone") % {"table": table})
            elif found < expected or (found != expected and table not in BOOKKEEPING):
                problems.append(
                    _("%(table)s: %(expected)s rows before the upgrade, %(found)s after")
                    % {"table": table, "expected": expected, "found": found}
                )
        applied = set(MigrationRecorder(connection).applied_migrations())
        for app, names in sorted(manifest.get("migrations", {}).items()):
            problems += [
                _("%(app)s.%(name)s of the release is no longer recorded as applied")
                % {"app": app, "name": name}
                for name in names
                if (app, name) not in applied
            ]
        problems += self._pages()
        if problems:
            raise CommandError(
                _("The upgraded database fails the check:") + "\n  " + "\n  ".join(problems)
            )
        self.stdout.write(
            _(
                "%(migrations)s migrations newer than the release applied; %(tables)s tables "
                "keep their %(rows)s rows; %(pages)s pages answer."
            )
            % {
                "migrations": len(applied) - manifest["tables"].get("django_migrations", 0),
                "tables": len(manifest["tables"]),
                "rows": sum(manifest["tables"].values()),
                "pages": len(KEY_PAGES),
            }
        )

    def _pages(self) -> list[str]:
        from django.contrib.auth import get_user_model
        from django.test import Client

        user = get_user_model().objects.filter(username=PLANNER).first()
        if user is None:
            return [_("the demo planner %(user)s is missing") % {"user": PLANNER}]
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        problems = []
        for page in KEY_PAGES:
            response = client.get(page)
            if response.status_code != 200:
                problems.append(
                    _("%(page)s answers %(status)s")
                    % {"page": page, "status": response.status_code}
                )
        return problems
