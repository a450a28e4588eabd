from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from praeventionsnetz.funding import services


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Load a funding programme with its modules, yearly budget lines and planned "
            "positions from a JSON file (see data/programmes/SOURCE.md). Safe to run again."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--demo", action="store_true", help=_("Mark it as demo data."))

    def handle(self, *args, path: Path, demo: bool, **options):
        try:
            summary = services.programme_load(path, is_demo=demo)
        except services.ProgrammeError as exc:
            raise CommandError(
                _("The programme was not loaded:") + "\n" + "\n".join(exc.messages)
            ) from exc
        self.stdout.write(
            _(
                "Programme “%(name)s”: %(modules)s modules, %(lines)s new budget lines, "
                "%(changes)s plan entries, %(places)s planned positions."
            )
            % {
                "name": summary.programme.name,
                "modules": summary.modules,
                "lines": summary.lines_created,
                "changes": summary.plan_changes,
                "places": summary.places,
            }
        )
