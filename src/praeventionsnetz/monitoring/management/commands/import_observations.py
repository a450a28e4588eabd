from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import Level
from praeventionsnetz.core import tabular
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring.services import imports


def _pairs(values: list[str]) -> dict[str, str]:
    mapping = {}
    for value in values:
        column, sep, target = value.partition("=")
        if not sep or not column or not target:
            raise CommandError(
                _("Invalid mapping “%(value)s”; expected: COLUMN=INDICATOR.") % {"value": value}
            )
        mapping[column] = target
    return mapping


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Import figures from CSV or XLSX. Checks every row first; one bad row and nothing "
            "is written. Example: praeventionsnetz import_observations daten.csv --city dresden "
            "--level stadtteil"
        )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--city", required=True)
        parser.add_argument(
            "--level", required=True, choices=[lvl for lvl in Level.values if lvl != Level.CITY]
        )
        parser.add_argument("--layout", choices=imports.LAYOUTS, default="long")
        parser.add_argument(
            "--decimal",
            choices=[",", "."],
            default=",",
            help=_("Decimal separator: ',' (German, default) or '.'."),
        )
        parser.add_argument("--area-column", default="gebiet")
        parser.add_argument("--period-column", default="periode")
        parser.add_argument("--period", default="", help=_("One period for all rows (wide)."))
        parser.add_argument("--indicator-column", default="indikator")
        parser.add_argument("--value-column", default="wert")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="COLUMN=KEY",
            help=_(
                "Wide layout: map a column to an indicator key (repeatable); KEY:zaehler "
                "and KEY:nenner for the parts of a rate."
            ),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Check only."))

    def handle(self, *args, **opts):
        city = selectors.city_get(list(selectors.cities()), opts["city"])
        if city is None:
            raise CommandError(_("The city “%(city)s” does not exist.") % {"city": opts["city"]})
        try:
            content = opts["file"].read_bytes()
        except OSError as exc:
            raise CommandError(_("The file cannot be read: %(error)s") % {"error": exc}) from exc
        options = imports.ImportOptions(
            layout=opts["layout"],
            decimal=opts["decimal"],
            long_mapping=tabular.LongMapping(
                area=opts["area_column"],
                period=opts["period_column"],
                indicator=opts["indicator_column"],
                value=opts["value_column"],
            ),
            wide_mapping=tabular.WideMapping(
                area=opts["area_column"],
                period="" if opts["period"] else opts["period_column"],
                fixed_period=opts["period"],
                columns=_pairs(opts["column"]),
            ),
        )
        kwargs = {
            "content": content,
            "file_name": opts["file"].name,
            "city": city,
            "level": opts["level"],
            "options": options,
        }
        try:
            if opts["dry_run"]:
                preview = imports.observations_preview(**kwargs)
                for error in preview.errors:
                    self.stderr.write(str(error))
                if preview.errors:
                    count = len(preview.errors)
                    raise CommandError(
                        ngettext("%(count)s faulty row.", "%(count)s faulty rows.", count)
                        % {"count": count}
                    )
                self.stdout.write(
                    _(
                        "Dry run: %(created)s new, %(updated)s changed, %(unchanged)s unchanged; "
                        "nothing saved."
                    )
                    % {
                        "created": preview.n_create,
                        "updated": preview.n_update,
                        "unchanged": preview.n_unchanged,
                    }
                )
                return
            batch = imports.observations_import(**kwargs)
        except imports.ImportRejected as exc:
            for error in exc.preview.errors:
                self.stderr.write(str(error))
            raise CommandError(str(exc)) from exc
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Saved: %(created)s new, %(updated)s changed, %(unchanged)s unchanged "
                    "(import %(batch)s, SHA-256 %(sha256)s…)."
                )
                % {
                    "created": batch.created,
                    "updated": batch.updated,
                    "unchanged": batch.unchanged,
                    "batch": batch.pk,
                    "sha256": batch.sha256[:12],
                }
            )
        )
