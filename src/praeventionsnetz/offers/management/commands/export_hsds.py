from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(f"„{outdir}“ ist eine Datei, kein Ordner.")
        try:
            counts = hsds_export(outdir, include_unpublished=opts["include_unpublished"])
        except OSError as exc:
            raise CommandError(
                f"Der Ordner „{outdir}“ kann nicht beschrieben werden: {exc}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Exportiert: {counts['service']} Angebote, {counts['organization']} "
                f"Organisationen, {counts['location']} Orte, {counts['schedule']} "
                f"Öffnungszeiten nach {outdir}."
            )
        )
