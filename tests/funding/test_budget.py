"""The ledger arithmetic, without a database."""

from decimal import Decimal

import pytest

from praeventionsnetz.funding import budget


def test_figures_follow_the_signs_of_the_entries():
    figures = budget.figures_of(
        [
            ("plan", 100_000),
            ("carry_in", 20_000),
            ("commitment", -50_000),
            ("release", 5_000),
            ("payment", -30_000),
            ("carry_out", -10_000),
        ]
    )
    assert figures.planned == 100_000
    assert figures.carried_in == 20_000
    assert figures.committed == 45_000
    assert figures.paid == 30_000
    assert figures.carried_out == 10_000
    assert figures.available == 100_000 + 20_000 - 10_000 - 45_000
    assert figures.open == 15_000


def test_the_running_balance_ends_at_available_and_ignores_payments():
    entries = [("plan", 1_000), ("commitment", -400), ("payment", -400), ("release", 100)]
    assert budget.running_available(entries) == [1_000, 600, 600, 700]
    assert budget.running_available(entries)[-1] == budget.figures_of(entries).available


def test_figures_add_up():
    a = budget.Figures(planned=10, committed=3)
    b = budget.Figures(planned=5, paid=2, committed=2)
    assert (a + b).available == 10


@pytest.mark.parametrize(
    ("euros", "cents"), [("300000.00", 30_000_000), ("33333.34", 3_333_334), (5, 500)]
)
def test_euros_become_exact_cents(euros, cents):
    assert budget.euros_to_cents(euros) == cents
    assert budget.cents_to_euros(cents) == Decimal(str(euros)).quantize(Decimal("0.01"))


def test_fractions_of_a_cent_are_refused():
    with pytest.raises(ValueError, match=r"0\.001"):
        budget.euros_to_cents("0.001")
