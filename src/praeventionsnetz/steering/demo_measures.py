"""Demo measures in the demo coordinator's Stadträume 16 and 04 of Dresden: invented, marked
as demo data, in different statuses, with indicators, partners among the demo organisations
and one funded demo action-budget project linked (funding.demo)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.funding.models import ActionApplication
from praeventionsnetz.funding.selectors import FUNDED
from praeventionsnetz.monitoring.models import Indicator
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.steering import measures
from praeventionsnetz.steering.models import Measure, MeasureIndicator, MeasureStatus

# Indicators a need would point to, where the area has figures for them.
NEED_KEYS = ("kinder_unter_18", "geburten", "hze_ambulant", "kinder_6_10", "kinder_3_6")


def _measures(today: dt.date) -> list[dict]:
    year = today.year
    return [
        {
            "area": "16",
            "title": "Elterncafé Gorbitz – frühe Zugänge für junge Familien (Demodaten)",
            "status": MeasureStatus.RUNNING,
            "need": (
                "Viele Geburten im Stadtraum, aber wenige Angebote für Eltern mit Kindern "
                "unter drei Jahren; junge Familien finden den Weg zu den Frühen Hilfen spät."
            ),
            "goals": (
                "Junge Familien kennen bis zum ersten Geburtstag ihres Kindes mindestens ein "
                "Angebot im Stadtraum; Übergänge in die Kindertagesbetreuung gelingen."
            ),
            "target_group": "Eltern mit Kindern unter drei Jahren",
            "life_phases": ["0-1", "1-3", "parents"],
            "activities": (
                "Wöchentliches Elterncafé im Familienzentrum mit Kinderbetreuung; "
                "Sprechstunde der Familienhebamme; Begrüßungsbesuche mit Gutschein."
            ),
            "starts_on": dt.date(year, 1, 1),
            "ends_on": dt.date(year + 1, 12, 31),
            "indicators": [
                ("Teilnehmende Familien pro Monat", "Familien", 0, 25, 14),
                ("Anteil Familien mit Kontakt zu den Frühen Hilfen", "%", 35, 50, 41),
            ],
            "partners": 3,
        },
        {
            "area": "16",
            "title": "Übergang Kita – Grundschule gemeinsam begleiten (Demodaten)",
            "status": MeasureStatus.PLANNED,
            "need": (
                "Schulanfängerinnen und Schulanfänger aus Familien ohne Kita-Erfahrung "
                "kommen ohne Vorbereitung in die Schule."
            ),
            "goals": "Jedes Kind im letzten Kita-Jahr lernt seine künftige Schule kennen.",
            "target_group": "Kinder im letzten Jahr vor der Schule und ihre Eltern",
            "life_phases": ["3-6", "6-10"],
            "activities": "Schnuppertage, gemeinsame Elternabende von Kita und Grundschule.",
            "starts_on": dt.date(year + 1, 3, 1),
            "ends_on": dt.date(year + 1, 9, 30),
            "indicators": [("Kinder mit Schnuppertag", "Kinder", 0, 60, None)],
            "partners": 2,
        },
        {
            "area": "04",
            "title": "Ferienangebote für Grundschulkinder im Stadtraum (Demodaten)",
            "status": MeasureStatus.EVALUATED,
            "need": "In den Sommerferien gibt es für Grundschulkinder kaum offene Angebote.",
            "goals": "Eine Ferienwoche mit mindestens 40 Kindern aus dem Stadtraum.",
            "target_group": "Grundschulkinder",
            "life_phases": ["6-10"],
            "activities": "Ferienwoche Zirkus mit dem Jugendclub und der Grundschule.",
            # Just carried out and evaluated, with this year's action budget.
            "starts_on": today - dt.timedelta(days=60),
            "ends_on": today - dt.timedelta(days=30),
            "evaluation": (
                "Ziel erreicht: 46 Kinder nahmen teil, zwei Drittel davon zum ersten Mal an "
                "einem Angebot im Stadtraum. Die Ferienwoche soll jährlich stattfinden."
            ),
            "evaluated_on": today - dt.timedelta(days=7),
            "indicators": [("Teilnehmende Kinder", "Kinder", 0, 40, 46)],
            "partners": 2,
            "project": "Ferienwoche Zirkus für Grundschulkinder",
        },
    ]


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


@transaction.atomic
def load_measures_demo() -> int:
    """Load the demo measures; safe to run again. Returns how many were new."""
    areas = {
        a.code: a
        for a in Area.objects.current().filter(
            city__code="dresden", level=Level.STADTRAUM, code__in=["16", "04"]
        )
    }
    written = 0
    for spec in _measures(timezone.localdate()):
        area = areas.get(spec["area"])
        if area is None or Measure.objects.filter(title=spec["title"], area=area).exists():
            continue
        gaps = measures.gap_phases(area)
        measure = Measure.objects.create(
            title=spec["title"],
            area=area,
            need=spec["need"],
            goals=spec["goals"],
            target_group=spec["target_group"],
            life_phases=spec["life_phases"],
            gap_life_phases=[p for p in spec["life_phases"] if p in gaps],
            activities=spec["activities"],
            status=spec["status"],
            starts_on=spec["starts_on"],
            ends_on=spec["ends_on"],
            evaluation=spec.get("evaluation", ""),
            evaluated_on=spec.get("evaluated_on"),
            is_demo=True,
        )
        indicators = {
            i.key: i for i in Indicator.objects.filter(key__in=NEED_KEYS, observations__area=area)
        }
        measure.need_indicators.set([indicators[k] for k in NEED_KEYS if k in indicators][:2])
        partners = Organisation.objects.filter(is_demo=True, areas_served=area).order_by("pk")
        measure.partners.set(list(partners[: spec["partners"]]))
        for order, (name, unit, baseline, target, current) in enumerate(
            spec["indicators"], start=1
        ):
            MeasureIndicator.objects.create(
                measure=measure,
                name=name,
                unit=unit,
                baseline=_decimal(baseline),
                target=_decimal(target),
                current=_decimal(current),
                order=order,
            )
        if spec.get("project"):
            project = ActionApplication.objects.filter(
                budget_line__area=area, title=spec["project"], status__in=FUNDED, is_demo=True
            ).first()
            if project is not None:
                measure.action_applications.add(project)
        written += 1
    return written
