"""The funding demo: the real programme, demo action budgets, positions, applications."""

from django.utils import timezone

from praeventionsnetz.funding import selectors
from praeventionsnetz.funding.demo import load_funding_demo
from praeventionsnetz.funding.models import (
    ActionApplication,
    ApplicationStatus,
    BudgetLine,
    LedgerEntry,
    Module,
    Position,
    Programme,
)
from tests.factories import OrganisationFactory


def test_the_demo_loads_once_with_every_state_and_marks_what_is_invented(dresden):
    for n in range(5):
        OrganisationFactory(name=f"Demoträger {n}", city=dresden, is_demo=True)
    assert load_funding_demo() == 12
    real = Programme.objects.get(key="dresden-praeventionsbudget-2018")
    assert not real.is_demo
    demo = Programme.objects.get(key="dresden-aktionsbudget-demo")
    assert demo.is_demo
    year = timezone.localdate().year
    action_lines = BudgetLine.objects.filter(module__programme=demo, year=year)
    assert action_lines.count() == 17
    assert all(line.is_demo for line in action_lines)
    states = set(ActionApplication.objects.values_list("status", flat=True))
    assert states == {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.CONFIRMED,
        ApplicationStatus.APPROVED,
        ApplicationStatus.PARTIALLY_APPROVED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.DONE,
    }
    for row in selectors.line_rows(action_lines):
        assert selectors.ledger_of(row.line)[-1].available_after == row.figures.available
        assert row.figures.available >= 0

    module = Module.objects.get(programme=real, key="praxis")
    report, _rows = selectors.staffing_report(module, today=timezone.localdate())
    assert [p.place.name for p in report.vacancies] == ["Stadtraum 05"]
    assert len(report.ending_soon) == 1
    assert len(report.overlaps) == 1
    assert all(p.is_demo for p in Position.objects.all())

    counts = (
        LedgerEntry.objects.count(),
        ActionApplication.objects.count(),
        Position.objects.count(),
    )
    assert load_funding_demo() == 0
    assert counts == (
        LedgerEntry.objects.count(),
        ActionApplication.objects.count(),
        Position.objects.count(),
    )
