from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from praeventionsnetz.funding import services
from praeventionsnetz.funding.models import Programme


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Year-end closing: carry what each budget line of a programme has available into "
            "the next year, earmarked for the same module and area. Safe to run again."
        )

    def add_arguments(self, parser):
        parser.add_argument("programme", help=_("The programme's key."))
        parser.add_argument("year", type=int)

    def handle(self, *args, programme: str, year: int, **options):
        found = Programme.objects.filter(key=programme).first()
        if found is None:
            raise CommandError(
                _("There is no programme with the key “%(key)s”.") % {"key": programme}
            )
        summary = services.year_end_close(programme=found, year=year)
        self.stdout.write(
            _("%(year)s closed: %(lines)s budget lines carried %(amount)s over into %(next)s.")
            % {
                "year": year,
                "lines": summary.lines,
                "amount": services.euro(summary.carried_cents),
                "next": year + 1,
            }
        )
