"""`praeventionsnetz restore DIR`: a backup onto an empty database and file storage."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from praeventionsnetz.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Restore a backup onto an empty database and file storage. All checksums are "
            "checked first; afterwards the rows per table are compared with the backup."
        )

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("The folder of the backup."))
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help=_("The database to restore into.")
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_(
                "Restore even when the database or file storage holds data: its tables are "
                "replaced, files of the same name overwritten."
            ),
        )

    def handle(self, *args, directory: str, database: str, force: bool, **options):
        started = time.monotonic()
        try:
            report = restore_backup(
                directory,
                using=database,
                force=force,
                progress=lambda message: self.stderr.write(message),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if report.differences:
            lines = [
                _("%(table)s: %(expected)s rows in the backup, %(found)s now")
                % {"table": table, "expected": expected, "found": found}
                for table, (expected, found) in sorted(report.differences.items())
            ]
            raise CommandError(
                _("Restored, but the rows differ from the backup:") + "\n  " + "\n  ".join(lines)
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored from %(dir)s: all %(tables)s tables with their %(rows)s rows and "
                    "%(files)s files, in %(seconds)s s."
                )
                % {
                    "dir": directory,
                    "tables": report.tables,
                    "rows": report.rows,
                    "files": report.files,
                    "seconds": f"{time.monotonic() - started:.1f}",
                }
            )
        )
