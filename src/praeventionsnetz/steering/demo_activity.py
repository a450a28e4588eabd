"""The activity log demo: invented entries of the demo coordinator ("koordination") in
Stadtraum 16 since January (at least four months back), against the funding demo's position
there (or a demo position made here when the funding demo has none). Marked as demo data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.models import User
from praeventionsnetz.funding import services as funding_services
from praeventionsnetz.funding.models import Module, ModuleKind, Position, Programme
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.steering import activity
from praeventionsnetz.steering.models import ActivityEntry

COORDINATOR = "koordination"
STADTRAUM = "16"
MONTHS = 4
# (task, minutes, note) by weekday, 18 of the 19.5 hours a week of a 0.5 FTE position; a
# second entry on Tuesdays and Thursdays.
PATTERN = {
    0: [("a", 240, "Stadtteilrunde vorbereitet und moderiert (Demodaten)")],
    1: [
        ("b", 150, "Angebotsübersicht für Familien aktualisiert (Demodaten)"),
        ("e", 90, "Abstimmung mit der Bezirkssozialarbeit (Demodaten)"),
    ],
    2: [("c", 240, "Projektidee Elterncafé mit Kita und Schule besprochen (Demodaten)")],
    3: [
        ("a", 90, "Kooperationsgespräch mit einem Träger (Demodaten)"),
        ("d", 150, "Treffen der Sozialraumkoordinationen (Demodaten)"),
    ],
    4: [("b", 120, "Sprechstunde im Familienzentrum (Demodaten)")],
}


def _position(stadtraum: Area, first: dt.date, today: dt.date) -> Position | None:
    """A position of the Stadtraum running from `first` until today, else a new one."""
    running = (
        Position.objects.filter(areas=stadtraum, starts_on__lte=first)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("pk")
        .first()
    )
    if running is not None:
        return running
    provider = (
        Organisation.objects.filter(is_demo=True, city__code="dresden").order_by("pk").first()
        or Organisation.objects.get_or_create(
            name="Träger der Sozialraumkoordination (Demodaten)", defaults={"is_demo": True}
        )[0]
    )
    programme, _ = Programme.objects.get_or_create(
        key="dresden-koordination-demo",
        defaults={
            "name": "Sozialraumkoordination (Demodaten)",
            "city": stadtraum.city,
            "is_demo": True,
        },
    )
    module, _ = Module.objects.get_or_create(
        programme=programme,
        key="praxis",
        defaults={"name": "Praxismodul", "kind": ModuleKind.PRACTICE},
    )
    return funding_services.position_save(
        module=module,
        title=f"Sozialraumkoordination {stadtraum.name} (Demodaten)",
        provider=provider,
        areas=[stadtraum],
        fte=Decimal("0.5"),
        starts_on=dt.date(2019, 2, 1),
        is_demo=True,
    )


@transaction.atomic
def load_activity_demo() -> int:
    """Load the demo entries once; safe to run again. Returns how many entries were new."""
    user = User.objects.filter(username=COORDINATOR).first()
    stadtraum = (
        Area.objects.current()
        .filter(city__code="dresden", level=Level.STADTRAUM, code=STADTRAUM)
        .first()
    )
    if user is None or stadtraum is None or not user.areas.filter(pk=stadtraum.pk).exists():
        return 0
    if ActivityEntry.objects.filter(user=user, is_demo=True).exists():
        return 0
    today = timezone.localdate()
    organisations = list(
        activity.organisations_for(user, area_ids={stadtraum.pk}).filter(is_demo=True)[:4]
    )
    # From January on, so that the year's account has entries for all of its target; at
    # least four months back early in the year.
    back = (today.replace(day=1) - dt.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    first = min(back, today.replace(month=1, day=1))
    position = _position(stadtraum, first, today)
    written = 0
    day = first
    while day < today:  # today stays free for trying the form
        for n, (task, minutes, note) in enumerate(PATTERN.get(day.weekday(), [])):
            involved = (
                [organisations[(day.toordinal() + n) % len(organisations)]] if organisations else []
            )
            activity.activity_record(
                by=user,
                date=day,
                minutes=minutes,
                task=task,
                areas=[stadtraum],
                organisations=involved if task in {"a", "b", "c"} else [],
                position=position,
                note=note,
                is_demo=True,
            )
            written += 1
        day += dt.timedelta(days=1)
    return written
