import time

from django.core.management.base import BaseCommand

from praeventionsnetz.areas.demo import load_berlin, load_dresden
from praeventionsnetz.monitoring.demo import load_monitoring_demo
from praeventionsnetz.network.demo import load_network_demo
from praeventionsnetz.offers.demo import load_offers_demo
from praeventionsnetz.site.demo import load_demo_users


class Command(BaseCommand):
    help = (
        "Load the demo: Dresden's and Berlin's real areas, and one demo login per role. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--city",
            choices=["dresden", "berlin", "all"],
            default="all",
            help="Load only one city's areas (default: all).",
        )
        parser.add_argument("--no-users", action="store_true", help="Do not create demo logins.")

    def handle(self, *args, city: str, no_users: bool, **options):
        started = time.monotonic()
        if city in ("dresden", "all"):
            self.stdout.write("Dresden: Stadtteile, Stadträume, Stadtbezirke …")
            load_dresden()
        if city in ("berlin", "all"):
            self.stdout.write("Berlin: Planungsräume, Bezirksregionen, Prognoseräume, Bezirke …")
            load_berlin()
        self.stdout.write("Kennzahlen: Dresdner Statistik, Demodaten, Berliner MSS …")
        written = load_monitoring_demo()
        self.stdout.write(f"  {written} Werte neu oder geändert.")
        if not no_users:
            logins = load_demo_users()
        self.stdout.write("Netzwerk: Berliner Kitas und Träger, Dresdner Demonetz …")
        self.stdout.write(f"  {load_network_demo()} Organisationen neu.")
        self.stdout.write("Angebote: Berliner Kitas, Dresdner Demoangebote …")
        self.stdout.write(f"  {load_offers_demo()} Angebote neu.")
        if not no_users:
            self.stdout.write("")
            self.stdout.write("Demo-Zugänge (Demodaten, nur für die lokale Erprobung):")
            for login in logins:
                scope = f" – {login.scope}" if login.scope else ""
                self.stdout.write(
                    f"  {login.role:<28} Benutzer: {login.username:<13} "
                    f"Passwort: {login.password}{scope}"
                )
        self.stdout.write(
            self.style.SUCCESS(f"Demo geladen in {time.monotonic() - started:.1f} s.")
        )
