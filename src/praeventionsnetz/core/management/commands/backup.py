"""`praeventionsnetz backup DIR`: the database and the uploaded files into a new folder."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from praeventionsnetz.core.backup import BackupError, create_backup


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Back up the database and the uploaded files into a new or empty folder, with a "
            "manifest of rows, migrations and checksums (docs/backup.md)."
        )

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("The folder for the backup (new or empty)."))
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help=_("The database to back up.")
        )
        parser.add_argument(
            "--compression",
            choices=["gzip", "xz"],
            default="gzip",
            help=_("Compression of an SQLite database (default gzip; xz is smaller, slower)."),
        )

    def handle(self, *args, directory: str, database: str, compression: str, **options):
        started = time.monotonic()
        try:
            manifest = create_backup(
                directory,
                using=database,
                compression=compression,
                progress=lambda message: self.stderr.write(message),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(dir)s: %(tables)s tables, %(rows)s rows, %(files)s "
                    "files, in %(seconds)s s."
                )
                % {
                    "dir": directory,
                    "tables": len(manifest["tables"]),
                    "rows": sum(manifest["tables"].values()),
                    "files": len(manifest["files"]),
                    "seconds": f"{time.monotonic() - started:.1f}",
                }
            )
        )
