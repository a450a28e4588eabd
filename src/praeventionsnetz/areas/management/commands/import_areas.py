import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas import services
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.errors import DomainError


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in services.MAPPABLE or not value:
            raise CommandError(
                _(
                    "Invalid mapping “%(pair)s”; expected is e.g. code=blocknr, name=bez or "
                    "parent=stadtraum."
                )
                % {"pair": pair}
            )
        mapping[key] = value
    return mapping


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Import area geometries from a GeoJSON FeatureCollection. All or nothing: one bad "
            "feature and nothing is written. Example: praeventionsnetz import_areas "
            "stadtteile.geojson --city dresden --level stadtteil --field code=blocknr "
            "--field name=bez"
        )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--city", required=True, help=_("Code of the city, e.g. dresden."))
        parser.add_argument("--city-name", help=_("Name of the city if it does not exist yet."))
        level_choices = [lvl for lvl in Level.values if lvl != Level.CITY]
        parser.add_argument("--level", required=True, choices=level_choices)
        parser.add_argument(
            "--field",
            action="append",
            default=[],
            metavar="TARGET=PROPERTY",
            help=_("Map a feature property: code=…, name=…, parent=… (repeatable)."),
        )
        parser.add_argument("--parent-level", choices=level_choices)
        parser.add_argument("--valid-from", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
        parser.add_argument("--source", default="", help=_("Source and licence to show."))
        parser.add_argument(
            "--repair",
            action="store_true",
            help=_("Mend invalid geometries (e.g. self-intersections) instead of refusing them."),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Check only; write nothing."))

    def handle(self, *args, **opts):
        try:
            data = json.loads(opts["file"].read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(_("The file cannot be read: %(error)s") % {"error": exc}) from exc
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            raise CommandError(_("The file is not a GeoJSON FeatureCollection."))
        mapping = {"code": "code", "name": "name", **_mapping(opts["field"])}

        city = Area.objects.current().cities().filter(code=opts["city"]).first()
        if city is None:
            if not opts["city_name"]:
                raise CommandError(
                    _("The city “%(city)s” does not exist yet; create it with --city-name.")
                    % {"city": opts["city"]}
                )
            city = services.area_create(
                city=None,
                level=Level.CITY,
                code=opts["city"],
                name=opts["city_name"],
                parent=None,
                geometry=None,
                source=opts["source"],
            )
        try:
            result = services.area_import(
                features=features,
                city=city,
                level=opts["level"],
                mapping=mapping,
                parent_level=opts["parent_level"],
                valid_from=opts["valid_from"],
                source=opts["source"],
                repair=opts["repair"],
                dry_run=opts["dry_run"],
            )
        except services.AreaImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            count = len(exc.errors)
            raise CommandError(
                ngettext(
                    "Import stopped: %(count)s faulty feature; nothing was saved.",
                    "Import stopped: %(count)s faulty features; nothing was saved.",
                    count,
                )
                % {"count": count}
            ) from exc
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        summary = result.summary()
        if opts["dry_run"]:
            summary = _("Dry run (nothing saved): %(summary)s") % {"summary": summary}
        self.stdout.write(self.style.SUCCESS(summary))
