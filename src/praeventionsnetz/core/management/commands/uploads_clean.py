"""Delete import previews older than a day (run daily, e.g. from cron; safe to re-run)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.core.uploads import uploads_clean


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _("Delete uploaded import files whose preview is older than a day.")

    def handle(self, *args, **options):
        deleted = uploads_clean()
        self.stdout.write(
            ngettext("%(count)s old upload deleted.", "%(count)s old uploads deleted.", deleted)
            % {"count": deleted}
        )
