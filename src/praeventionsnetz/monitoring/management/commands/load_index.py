import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring.services import indices as index_services


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Store a composite index definition (JSON, see data/indices/README.md) in the "
            "database and optionally compute it for the areas of a city, level and period."
        )

    def add_arguments(self, parser):
        parser.add_argument("definition", type=Path)
        parser.add_argument("--source", default="", help=_("Source to show with the index."))
        parser.add_argument("--demo", action="store_true", help=_("Mark the index as demo data."))
        parser.add_argument("--city", help=_("Compute for this city (code)."))
        parser.add_argument("--level", choices=Level.values)
        parser.add_argument(
            "--period", action="append", default=[], help=_("Period to compute (repeatable).")
        )

    def handle(self, *args, **opts):
        try:
            raw = json.loads(opts["definition"].read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(
                _("The definition cannot be read: %(error)s") % {"error": exc}
            ) from exc
        try:
            index = index_services.composite_index_save(
                raw=raw, source=opts["source"], is_demo=opts["demo"]
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Index “%(name)s” (%(key)s) saved.") % {"name": index.name, "key": index.key}
        )
        if not opts["city"]:
            return
        if not (opts["level"] and opts["period"]):
            raise CommandError(_("Computing needs --level and at least one --period."))
        city = selectors.city_get(list(selectors.cities()), opts["city"])
        if city is None:
            raise CommandError(_("The city “%(city)s” does not exist.") % {"city": opts["city"]})
        areas = list(Area.objects.current().filter(city=city, level=opts["level"]))
        for period in opts["period"]:
            try:
                written = index_services.index_compute(index=index, areas=areas, period=period)
            except DomainError as exc:
                raise CommandError(f"{period}: {exc}") from exc
            self.stdout.write(
                ngettext(
                    "%(period)s: %(count)s result new or changed.",
                    "%(period)s: %(count)s results new or changed.",
                    written,
                )
                % {"period": period, "count": written}
            )
