from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from praeventionsnetz.offers.hsds.export import hsds_export


class Command(BaseCommand):
    help = (
        "Write the offer directory as an Open Referral HSDS 3.0 datapackage (one CSV file "
        "per table plus datapackage.json) into a folder. Only published offers unless "
        "--include-unpublished. Example: praeventionsnetz export_hsds hsds-export/"
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path, help="Folder to write; created if missing.")
        parser.add_argument(
            "--include-unpublished",
            action="store_true",
            help="Also drafts, offers waiting for review and offers no longer offered.",
        )

    def handle(self, *args, **opts):
        outdir = opts["outdir"]
        if outdir.exists() and not outdir.is_dir():
            raise CommandError(_("“%(path)s” is a file, not a folder.") % {"path": outdir})
        try:
            counts = hsds_export(outdir, include_unpublished=opts["include_unpublished"])
        except OSError as exc:
            raise CommandError(
                _("The folder “%(path)s” cannot be written: %(error)s")
                % {"path": outdir, "error": exc}
            ) from exc
        # One phrase per count; the context keeps them apart from counts elsewhere.
        offers, orgs, places, hours = (
            counts["service"],
            counts["organization"],
            counts["location"],
            counts["schedule"],
        )
        values = {
            "offers": npgettext("hsds export", "%(count)s offer", "%(count)s offers", offers)
            % {"count": offers},
            "organisations": npgettext(
                "hsds export", "%(count)s organisation", "%(count)s organisations", orgs
            )
            % {"count": orgs},
            "places": npgettext("hsds export", "%(count)s place", "%(count)s places", places)
            % {"count": places},
            "hours": npgettext(
                "hsds export", "%(count)s opening time", "%(count)s opening times", hours
            )
            % {"count": hours},
        }
        self.stdout.write(
            self.style.SUCCESS(
                _("Exported: %(offers)s, %(organisations)s, %(places)s, %(hours)s to %(path)s.")
                % {**values, "path": outdir}
            )
        )
