from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(f"Ungültige Zuordnung „{value}“; erwartet: Spalte=Indikator.")
        mapping[column] = target
    return mapping


class Command(BaseCommand):
    help = (
        "Import figures from CSV or XLSX. Checks every row first; one bad row and nothing is "
        "written. Example: praeventionsnetz import_observations daten.csv --city dresden "
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
            help="Decimal separator: ',' (German, default) or '.'.",
        )
        parser.add_argument("--area-column", default="gebiet")
        parser.add_argument("--period-column", default="periode")
        parser.add_argument("--period", default="", help="One period for all rows (wide).")
        parser.add_argument("--indicator-column", default="indikator")
        parser.add_argument("--value-column", default="wert")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="COLUMN=KEY",
            help="Wide layout: map a column to an indicator key (repeatable); KEY:zaehler "
            "and KEY:nenner for the parts of a rate.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only.")

    def handle(self, *args, **opts):
        city = selectors.city_get(list(selectors.cities()), opts["city"])
        if city is None:
            raise CommandError(f"Die Stadt „{opts['city']}“ gibt es nicht.")
        try:
            content = opts["file"].read_bytes()
        except OSError as exc:
            raise CommandError(f"Die Datei kann nicht gelesen werden: {exc}") from exc
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
                    raise CommandError(f"{len(preview.errors)} fehlerhafte Zeile(n).")
                self.stdout.write(
                    f"Probelauf: {preview.n_create} neu, {preview.n_update} geändert, "
                    f"{preview.n_unchanged} unverändert; nichts gespeichert."
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
                f"Gespeichert: {batch.created} neu, {batch.updated} geändert, {batch.unchanged} "
                f"unverändert (Import {batch.pk}, SHA-256 {batch.sha256[:12]}…)."
            )
        )
