"""The funding demo for Dresden: the real 2018 programme (from its file) and invented data
around it, marked as demo data: an action budget per Stadtraum for the current year,
positions of demo providers and a few applications in every state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.funding import services
from praeventionsnetz.funding.models import (
    ApplicationSource,
    ApplicationStatus,
    BudgetLine,
    Call,
    CallAnswer,
    CallApplication,
    CallApplicationStatus,
    CallQuestion,
    CallStatus,
    Module,
    ModuleKind,
    PlannedPosition,
    Programme,
    ReviewCriterion,
)
from praeventionsnetz.network.models import Organisation, OrgLevel

PROGRAMME_FILE = "dresden_2018.json"
ACTION_PROGRAMME = "dresden-aktionsbudget-demo"
ACTION_CENTS = 500_000  # 5,000 € per Stadtraum and year (invented)
# Stadträume whose places the demo leaves vacant; 05 is the vacancy the page shows.
VACANT = {"05"}

APPLICATIONS = [
    # (title, requested €, status, decided €, source)
    ("Nachbarschaftsfest am Sachsenplatz", 800, ApplicationStatus.SUBMITTED, None, "online"),
    ("Elterncafé mit Kinderbetreuung", 1200, ApplicationStatus.CONFIRMED, None, "online"),
    ("Spielplatzpaten – Werkzeug und Material", 650, ApplicationStatus.APPROVED, 650, "paper"),
    ("Ferienwoche Zirkus für Grundschulkinder", 2000, "partially_approved", 1500, "paper"),
    ("Neue Büromöbel für den Jugendclub", 1800, ApplicationStatus.REJECTED, 0, "paper"),
    ("Stadtteilspaziergang mit Familien", 300, ApplicationStatus.DONE, 300, "paper"),
]


def _dresden() -> Area | None:
    return Area.objects.current().cities().filter(code="dresden").first()


def _action_budget(dresden: Area, year: int) -> list[BudgetLine]:
    programme, _ = Programme.objects.update_or_create(
        key=ACTION_PROGRAMME,
        defaults={
            "name": "Sozialräumliches Aktionsbudget (Demodaten)",
            "city": dresden,
            "description": "Erfundene Beträge für die Demo.",
            "is_demo": True,
        },
    )
    module, _ = Module.objects.update_or_create(
        programme=programme,
        key="aktionsbudget",
        defaults={"name": "Aktionsbudget", "kind": ModuleKind.ACTION_BUDGET},
    )
    return [
        services.budget_line_plan(
            module=module,
            area=area,
            year=year,
            cents=ACTION_CENTS,
            reason="Demodaten: Aktionsbudget des Stadtraums",
        )
        for area in Area.objects.current()
        .filter(city=dresden, level=Level.STADTRAUM)
        .order_by("code")
    ]


def _positions(today: dt.date) -> int:
    demo = Organisation.objects.filter(is_demo=True, city__code="dresden").order_by("pk")
    # Coordinator positions go to providers (Träger); any demo organisation will do without.
    providers = list(demo.filter(level=OrgLevel.PROVIDER)[:20]) or list(demo[:20])
    if not providers:
        return 0
    places = list(
        PlannedPosition.objects.filter(
            module__programme__key="dresden-praeventionsbudget-2018"
        ).prefetch_related("areas")
    )
    count = 0
    for i, place in enumerate(places):
        areas = list(place.areas.all())
        if any(a.level == Level.STADTRAUM and a.code in VACANT for a in areas):
            continue
        # One position ends soon (in six weeks); the others run on.
        ends_on = today + dt.timedelta(days=42) if i == 1 else None
        services.position_save(
            module=place.module,
            title=f"Sozialraumkoordination {place.name} (Demodaten)",
            provider=providers[i % len(providers)],
            areas=areas,
            fte=place.fte,
            starts_on=dt.date(2019, 2, 1),
            ends_on=ends_on,
            planned=place,
            is_demo=True,
        )
        count += 1
    # The successor of the position that ends soon starts before it ends: an overlap.
    place = places[1]
    services.position_save(
        module=place.module,
        title=f"Sozialraumkoordination {place.name}, Nachfolge (Demodaten)",
        provider=providers[(len(places) + 1) % len(providers)],
        areas=list(place.areas.all()),
        fte=Decimal("0.5"),
        starts_on=today + dt.timedelta(days=30),
        planned=place,
        is_demo=True,
    )
    return count + 1


def _applications(line: BudgetLine, today: dt.date) -> int:
    if line.applications.exists():
        return 0
    for title, requested, status, decided, source in APPLICATIONS:
        application = services.application_record(
            budget_line=line,
            title=title,
            what=f"{title}: eine kleine Aktion im Stadtraum (Demodaten).",
            why="Wunsch aus der Stadtteilrunde.",
            for_whom="Familien mit Kindern im Stadtraum",
            participants="Bewohnerinnen und Bewohner, Kita, Jugendclub",
            amount_requested_cents=requested * 100,
            applicant_name="Demo-Antragstellerin",
            applicant_email="demo@example.org",
            source=ApplicationSource.PAPER if source == "paper" else ApplicationSource.ONLINE,
            is_demo=True,
        )
        if status == ApplicationStatus.CONFIRMED:
            application.status = ApplicationStatus.CONFIRMED
            application.confirmed_at = timezone.now()
            application.save(update_fields=["status", "confirmed_at"])
        if decided is None:
            continue
        outcome = "approved" if status in (ApplicationStatus.APPROVED, "done") else status
        services.application_decide(
            application=application,
            outcome=outcome,
            amount_cents=decided * 100 if decided else None,
            reason="" if outcome == "approved" else "Demodaten: Begründung der Entscheidung",
            by=None,
        )
        if status == ApplicationStatus.DONE:
            services.payment_record(
                application=application, amount_cents=decided * 100, paid_on=today, by=None
            )
            services.application_complete(
                application=application, by=None, done_on=today, note="Demodaten"
            )
    return len(APPLICATIONS)


CALL_CRITERIA = [  # (name, weight), invented for the demo
    ("Verständnis der Sozialraumorientierung", 2),
    ("Kooperation und Transfer", 2),
    ("Verankerung im Stadtraum", 1),
]


def _call(today: dt.date) -> Call | None:
    """The call for the vacant Stadtraum's coordinator position (invented, marked demo),
    open for another four weeks, with two submitted applications of demo providers."""
    place = (
        PlannedPosition.objects.filter(
            module__programme__key="dresden-praeventionsbudget-2018",
            areas__level=Level.STADTRAUM,
            areas__code__in=VACANT,
        )
        .select_related("module__programme")
        .first()
    )
    if place is None:
        return None
    call, created = Call.objects.get_or_create(
        programme=place.module.programme,
        planned_position=place,
        title=f"Interessenbekundungsverfahren Sozialraumkoordination {place.name} (Demodaten)",
        defaults={
            "module": place.module,
            "description": (
                f"Gesucht wird ein Träger für die Koordination im {place.name} "
                f"({str(place.fte).replace('.', ',')} VZÄ). Demodaten."
            ),
            "status": CallStatus.OPEN,
            "opens_at": timezone.now() - dt.timedelta(days=14),
            "deadline_at": timezone.now() + dt.timedelta(days=28),
            "deciding_body": "Jugendhilfeausschuss",
            "is_demo": True,
        },
    )
    if not created:
        return call
    questions = [
        CallQuestion.objects.create(call=call, order=i, text=text)
        for i, text in enumerate(place.module.programme.call_questions, start=1)
    ]
    for i, (name, weight) in enumerate(CALL_CRITERIA, start=1):
        ReviewCriterion.objects.create(call=call, order=i, name=name, weight=weight)
    demo = Organisation.objects.filter(is_demo=True, city__code="dresden").order_by("pk")
    providers = list(demo.filter(level=OrgLevel.PROVIDER)[:2]) or list(demo[:2])
    for organisation in providers:
        application = CallApplication.objects.create(
            call=call,
            organisation=organisation,
            status=CallApplicationStatus.SUBMITTED,
            submitted_at=timezone.now() - dt.timedelta(days=3),
            is_demo=True,
        )
        for question in questions:
            CallAnswer.objects.create(
                application=application,
                question=question,
                text=f"Antwort von {organisation.name.removesuffix(' (Demodaten)')} (Demodaten).",
            )
    return call


@transaction.atomic
def load_funding_demo() -> int:
    """Load the programme and the demo around it; safe to run again. Returns how many
    applications were new."""
    dresden = _dresden()
    if dresden is None:
        return 0
    services.programme_load(settings.DATA_DIR / "programmes" / PROGRAMME_FILE)
    today = timezone.localdate()
    lines = _action_budget(dresden, today.year)
    _positions(today)
    _call(today)
    written = 0
    for line in lines:
        if line.area.code in {"16", "04"}:  # the demo coordinator's Stadträume
            written += _applications(line, today)
    return written
