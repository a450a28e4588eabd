"""Year-end closing: unspent funds move into the next year, earmarked, exactly once."""

import datetime as dt

import pytest

from praeventionsnetz.funding import selectors, services
from praeventionsnetz.funding.models import BudgetLine, EntryKind, LedgerEntry
from tests.funding.factories import ModuleFactory, budget_line, paper_application


def figures(line):
    return selectors.figures_for([line.pk])[line.pk]


def approve(line, cents, by=None):
    application = paper_application(line, cents=cents, title=f"Aktion {cents}")
    return services.application_decide(application=application, outcome="approved", by=by)


@pytest.fixture
def module(db):
    return ModuleFactory()


def test_two_closings_carry_unspent_funds_earmarked_and_a_rerun_changes_nothing(
    module, district, other_district, planner
):
    line_2025 = budget_line(module=module, area=district, year=2025, cents=100_000)
    other_2025 = budget_line(module=module, area=other_district, year=2025, cents=50_000)
    budget_line(module=module, area=None, year=2025, cents=10_000)
    paid_application = approve(line_2025, 30_000)
    approve(other_2025, 50_000)  # spent in full: nothing to carry
    services.payment_record(
        application=paid_application, amount_cents=10_000, paid_on=dt.date(2025, 12, 1), by=None
    )

    summary = services.year_end_close(programme=module.programme, year=2025, by=planner)
    assert (summary.lines, summary.carried_cents) == (2, 70_000 + 10_000)
    line_2026 = BudgetLine.objects.get(module=module, area=district, year=2026)
    city_2026 = BudgetLine.objects.get(module=module, area=None, year=2026)
    assert not BudgetLine.objects.filter(area=other_district, year=2026).exists()
    assert figures(line_2025).carried_out == 70_000
    assert figures(line_2025).available == 0
    # The open commitment (20,000 not yet paid) stays on the old line, where it is paid.
    assert figures(line_2025).open == 20_000
    assert figures(line_2026).carried_in == 70_000
    assert figures(line_2026).available == 70_000
    assert figures(city_2026).available == 10_000
    out = LedgerEntry.objects.get(budget_line=line_2025, kind=EntryKind.CARRY_OUT)
    assert out.counterpart.budget_line == line_2026
    assert out.counterpart.counterpart == out
    assert out.by == planner

    entries = LedgerEntry.objects.count()
    again = services.year_end_close(programme=module.programme, year=2025, by=planner)
    assert (again.lines, again.carried_cents) == (0, 0)
    assert LedgerEntry.objects.count() == entries

    # 2026: a new plan on top of the carried funds, an approval, then the next closing.
    services.budget_line_plan(
        module=module, area=district, year=2026, cents=40_000, reason="Haushalt 2026"
    )
    approve(line_2026, 95_000)
    services.year_end_close(programme=module.programme, year=2026)
    line_2027 = BudgetLine.objects.get(module=module, area=district, year=2027)
    assert figures(line_2027).carried_in == 70_000 + 40_000 - 95_000
    assert figures(line_2026).available == 0

    # Over all years, everything planned is either committed or still available.
    lines = BudgetLine.objects.filter(module=module)
    total = sum(
        (f for f in selectors.figures_for(lines.values_list("pk", flat=True)).values()),
        type(figures(line_2025))(),
    )
    assert total.carried_in == total.carried_out
    assert total.planned == 100_000 + 50_000 + 10_000 + 40_000
    assert total.planned == total.committed + total.available


def test_closing_one_programme_leaves_another_alone(district):
    mine = budget_line(area=district, year=2025, cents=1_000)
    theirs = budget_line(area=district, year=2025, cents=2_000)
    services.year_end_close(programme=mine.module.programme, year=2025)
    assert figures(theirs).carried_out == 0
    assert figures(mine).carried_out == 1_000


def test_the_command_closes_a_year_and_can_run_again(district, capsys):
    from django.core.management import CommandError, call_command

    line = budget_line(area=district, year=2025, cents=12_345)
    key = line.module.programme.key
    call_command("close_year", key, "2025")
    assert "123,45" in capsys.readouterr().out
    call_command("close_year", key, "2025")
    assert figures(BudgetLine.objects.get(year=2026)).carried_in == 12_345
    with pytest.raises(CommandError):
        call_command("close_year", "gibt-es-nicht", "2025")
