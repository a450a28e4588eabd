import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas.demo import load_berlin, load_dresden
from praeventionsnetz.funding.demo import load_funding_demo
from praeventionsnetz.monitoring.demo import load_monitoring_demo
from praeventionsnetz.network.demo import load_network_demo
from praeventionsnetz.offers.demo import load_offers_demo
from praeventionsnetz.site.demo import load_demo_users
from praeventionsnetz.steering.demo import load_steering_demo
from praeventionsnetz.steering.demo_activity import load_activity_demo
from praeventionsnetz.steering.demo_measures import load_measures_demo


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Load the demo: Dresden's and Berlin's real areas, and one demo login per role. "
            "Safe to run again."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--city",
            choices=["dresden", "berlin", "all"],
            default="all",
            help=_("Load only one city's areas (default: all)."),
        )
        parser.add_argument("--no-users", action="store_true", help=_("Do not create demo logins."))

    def handle(self, *args, city: str, no_users: bool, **options):
        started = time.monotonic()
        if city in ("dresden", "all"):
            self.stdout.write(_("Dresden: quarters, social spaces, city districts …"))
            load_dresden()
        if city in ("berlin", "all"):
            self.stdout.write(
                _("Berlin: planning areas, district regions, forecast areas, boroughs …")
            )
            load_berlin()
        self.stdout.write(_("Indicators: Dresden's statistics, demo data, Berlin's MSS …"))
        written = load_monitoring_demo()
        self.stdout.write(
            "  "
            + ngettext(
                "%(count)s figure new or changed.", "%(count)s figures new or changed.", written
            )
            % {"count": written}
        )
        if not no_users:
            logins = load_demo_users()
        self.stdout.write(_("Network: Berlin's Kitas and providers, Dresden's demo network …"))
        organisations = load_network_demo()
        self.stdout.write(
            "  "
            + ngettext("%(count)s new organisation.", "%(count)s new organisations.", organisations)
            % {"count": organisations}
        )
        self.stdout.write(_("Offers: Berlin's Kitas, Dresden's demo offers …"))
        offers = load_offers_demo()
        self.stdout.write(
            "  "
            + ngettext("%(count)s new offer.", "%(count)s new offers.", offers) % {"count": offers}
        )
        self.stdout.write(_("Funding: Dresden's 2018 programme, demo action budgets …"))
        applications = load_funding_demo()
        self.stdout.write(
            "  "
            + ngettext(
                "%(count)s new action budget application.",
                "%(count)s new action budget applications.",
                applications,
            )
            % {"count": applications}
        )
        self.stdout.write(_("Steering: Dresden's committees, their members and meetings …"))
        committees = load_steering_demo()
        self.stdout.write(
            "  "
            + ngettext("%(count)s new committee.", "%(count)s new committees.", committees)
            % {"count": committees}
        )
        self.stdout.write(_("Activity log: entries of the demo coordinator …"))
        entries = load_activity_demo()
        self.stdout.write(
            "  "
            + ngettext("%(count)s new entry.", "%(count)s new entries.", entries)
            % {"count": entries}
        )
        self.stdout.write(_("Measures: the demo coordinator's districts …"))
        measures = load_measures_demo()
        self.stdout.write(
            "  "
            + ngettext("%(count)s new measure.", "%(count)s new measures.", measures)
            % {"count": measures}
        )
        if not no_users:
            self.stdout.write("")
            self.stdout.write(_("Demo logins (demo data, only for trying it out locally):"))
            for login in logins:
                scope = f" – {login.scope}" if login.scope else ""
                self.stdout.write(
                    f"  {login.role:<28} "
                    + _("User: %(username)s Password: %(password)s")
                    % {"username": f"{login.username:<13}", "password": login.password}
                    + scope
                )
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo loaded in %(seconds)s s.")
                % {"seconds": f"{time.monotonic() - started:.1f}"}
            )
        )
