"""The funding pages at a city's scale: 10 years × 20 areas × 200 applications.

A synthetic city "foerderstadt" with 20 Stadträume and one action-budget programme: a budget
line per area and year 2017–2026 (200 lines), each with its plan and 200 approved
applications with their commitments (40,000 applications, 40,200 ledger entries), written
with bulk_create.

Measured in this process through Django's test client, logged in as planning, requests
alternating with the trivial page /health/live/ (no database, no template), as the issue asks:
    funding_utilisation_10y_20a_200   /foerderung/auslastung/ (all 200 lines with figures)
    funding_ledger_200                /foerderung/haushaltslinien/<pk>/ (one line, 201 entries)
The ratio (health / page) says how many trivial requests one page costs. SQL queries per
request go to stderr; MAX_QUERIES or more stop the run.
"""

import datetime as dt
import sys

from benchlib import Result, compare_with_baseline

AREAS = 20
YEARS = range(2017, 2027)
APPLICATIONS = 200
MAX_QUERIES = 20


def _build() -> int:
    """The city, its lines, applications and ledger; returns the pk of the newest line."""
    from django.utils import timezone

    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.funding.models import (
        ActionApplication,
        ApplicationStatus,
        BudgetLine,
        EntryKind,
        LedgerEntry,
        Module,
        ModuleKind,
        Programme,
    )

    city = Area.objects.create(code="foerderstadt", name="Förderstadt", level=Level.CITY)
    areas = Area.objects.bulk_create(
        Area(city=city, parent=city, level=Level.STADTRAUM, code=f"{n:02d}", name=f"Raum {n}")
        for n in range(1, AREAS + 1)
    )
    programme = Programme.objects.create(key="bench-aktionsbudget", name="Bench", city=city)
    module = Module.objects.create(
        programme=programme, key="aktion", name="Aktionsbudget", kind=ModuleKind.ACTION_BUDGET
    )
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(module=module, area=area, year=year) for year in YEARS for area in areas
    )
    now = timezone.now()
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            budget_line=line, kind=EntryKind.PLAN, amount_cents=1_000_000, reason="Plan", at=now
        )
        for line in lines
    )
    applications = ActionApplication.objects.bulk_create(
        (
            ActionApplication(
                budget_line=line,
                title=f"Aktion {n}",
                what="Eine Aktion im Stadtraum",
                amount_requested_cents=4_000,
                decided_amount_cents=4_000,
                applicant_name="Verein",
                status=ApplicationStatus.APPROVED,
                submitted_at=now,
                decided_at=now,
            )
            for line in lines
            for n in range(APPLICATIONS)
        ),
        batch_size=5000,
    )
    LedgerEntry.objects.bulk_create(
        (
            LedgerEntry(
                budget_line_id=a.budget_line_id,
                kind=EntryKind.COMMITMENT,
                amount_cents=-4_000,
                reason=f"Bewilligt: {a.title}",
                at=now + dt.timedelta(seconds=i),
                application=a,
            )
            for i, a in enumerate(applications)
        ),
        batch_size=5000,
    )
    return lines[-1].pk


def funding_pages(client) -> list[Result]:
    from praeventionsnetz.core.models import User

    newest = _build()
    print(
        f"funding: {len(YEARS) * AREAS} lines, {len(YEARS) * AREAS * APPLICATIONS:,} "
        "applications written",
        file=sys.stderr,
    )
    client.force_login(User.objects.get(username="planung"))
    try:
        return [
            compare_with_baseline(
                client,
                "funding_utilisation_10y_20a_200",
                "/foerderung/auslastung/",
                max_queries=MAX_QUERIES,
            ),
            compare_with_baseline(
                client,
                "funding_ledger_200",
                f"/foerderung/haushaltslinien/{newest}/",
                max_queries=MAX_QUERIES,
            ),
        ]
    finally:
        client.logout()
