from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from praeventionsnetz.areas import selectors
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers.hsds.apply import hsds_import_apply
from praeventionsnetz.offers.hsds.plan import rejection_text
from praeventionsnetz.offers.hsds.planning import hsds_import_plan


class Command(BaseCommand):
    help = (
        "Import an Open Referral HSDS 3.0 datapackage (a folder or a zip file with CSV files "
        "and datapackage.json): organisations, offers, locations, offers at locations, "
        "opening hours, languages and topics. Every row is checked first; one error and "
        "nothing is written. Importing the same package again changes nothing. Example: "
        "praeventionsnetz import_hsds hsds-export/ --city dresden --dry-run"
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="Package folder or zip file.")
        parser.add_argument(
            "--city",
            help="Code of the city for organisations that are new and whose package names "
            "none, e.g. dresden.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and show the plan; write nothing."
        )

    def handle(self, *args, **opts):
        city = None
        if opts["city"]:
            city = selectors.city_get(list(selectors.cities()), opts["city"])
            if city is None:
                raise CommandError(_("There is no city “%(code)s”.") % {"code": opts["city"]})
        try:
            plan = hsds_import_plan(opts["source"], city=city)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        for warning in plan.warning_texts:
            self.stderr.write(_("Note: %(problem)s") % {"problem": warning})
        if plan.errors:
            for error in plan.error_texts:
                self.stderr.write(error)
            raise CommandError(rejection_text(plan))
        if opts["dry_run"]:
            self.stdout.write(
                _("Dry run (nothing saved): %(summary)s.") % {"summary": plan.summary()}
            )
            return
        hsds_import_apply(plan, by=None)
        self.stdout.write(
            self.style.SUCCESS(_("Saved: %(summary)s.") % {"summary": plan.summary()})
        )
