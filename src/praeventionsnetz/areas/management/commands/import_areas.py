import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas import services
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.errors import DomainError

SHOWN_ERRORS = 50
MAX_FILE = 500 * 1024 * 1024  # more than any city's geometries at full resolution


def _read_json(path: Path):
    """The parsed file; any unreadable file is one short CommandError in the user's words."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise CommandError(_("The file is larger than 500 MB."))
        raw = path.read_bytes()
    except OSError as exc:
        raise CommandError(_("The file “%(path)s” cannot be opened.") % {"path": path}) from exc
    try:
        # json.loads recognises UTF-8 (with or without BOM), UTF-16 and UTF-32 by their bytes.
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(
            _("The file is not valid JSON (line %(line)s, column %(column)s).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    except (UnicodeDecodeError, RecursionError) as exc:
        raise CommandError(_("The file is not a GeoJSON file in UTF-8.")) from exc


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
        data = _read_json(opts["file"])
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
            for error in exc.errors[:SHOWN_ERRORS]:
                self.stderr.write(str(error))
            count = len(exc.errors)
            if count > SHOWN_ERRORS:
                self.stderr.write(
                    ngettext(
                        "… and %(count)s more faulty feature.",
                        "… and %(count)s more faulty features.",
                        count - SHOWN_ERRORS,
                    )
                    % {"count": count - SHOWN_ERRORS}
                )
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
