"""Decisions, payments and the ledger: money is never overspent and always reconciles."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import translation

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding import selectors, services
from praeventionsnetz.funding.models import (
    ActionApplication,
    ApplicationSource,
    ApplicationStatus,
    EntryKind,
    LedgerEntry,
    Payment,
)
from tests.funding.factories import budget_line, paper_application

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def line(district):
    return budget_line(area=district, cents=100_000)  # 1,000 €


def figures(line):
    return selectors.figures_for([line.pk])[line.pk]


def test_approval_within_the_budget_commits_the_amount(line, coordinator):
    application = paper_application(line, cents=40_000)
    services.application_decide(application=application, outcome="approved", by=coordinator)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_amount_cents == 40_000
    assert application.decided_by == coordinator
    assert figures(line).committed == 40_000
    assert figures(line).available == 60_000
    entry = LedgerEntry.objects.get(kind=EntryKind.COMMITMENT)
    assert (entry.amount_cents, entry.by, entry.application) == (-40_000, coordinator, application)
    # The decision is in the audit trail with the acting user.
    assert application.history.first().history_user == coordinator


def test_decision_over_remaining_budget_is_refused_and_changes_nothing(line, coordinator):
    first = paper_application(line, cents=70_000)
    services.application_decide(application=first, outcome="approved", by=coordinator)
    second = paper_application(line, cents=30_001, title="Zu viel")
    entries = LedgerEntry.objects.count()
    with translation.override("en"), pytest.raises(DomainError, match=r"only 300\.00 € available"):
        services.application_decide(application=second, outcome="approved", by=coordinator)
    second.refresh_from_db()
    assert second.status == ApplicationStatus.SUBMITTED
    assert second.decided_amount_cents is None
    assert LedgerEntry.objects.count() == entries
    assert figures(line).available == 30_000


def test_exactly_the_available_amount_can_be_approved(line, coordinator):
    application = paper_application(line, cents=100_000)
    services.application_decide(application=application, outcome="approved", by=coordinator)
    assert figures(line).available == 0


def test_partial_approval_commits_the_part_and_keeps_the_reason(line, coordinator):
    application = paper_application(line, cents=50_000)
    services.application_decide(
        application=application,
        outcome="partially_approved",
        amount_cents=20_000,
        reason="Nur das Material",
        by=coordinator,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PARTIALLY_APPROVED
    assert application.decided_amount_cents == 20_000
    assert application.decision_reason == "Nur das Material"
    assert figures(line).committed == 20_000


@pytest.mark.parametrize(
    ("outcome", "amount", "reason"),
    [
        ("partially_approved", 50_000, "x"),  # the whole amount is not a part
        ("partially_approved", 0, "x"),
        ("partially_approved", 20_000, ""),  # the applicant is told why
        ("rejected", None, ""),
        ("approved", 10_000, ""),  # a full approval grants what was asked
        ("maybe", None, "x"),
    ],
)
def test_decisions_that_do_not_fit_are_refused(line, coordinator, outcome, amount, reason):
    application = paper_application(line, cents=50_000)
    with pytest.raises(DomainError):
        services.application_decide(
            application=application,
            outcome=outcome,
            amount_cents=amount,
            reason=reason,
            by=coordinator,
        )
    assert not LedgerEntry.objects.filter(kind=EntryKind.COMMITMENT).exists()


def test_rejection_commits_nothing(line, coordinator):
    application = paper_application(line, cents=50_000)
    services.application_decide(
        application=application, outcome="rejected", reason="Regelförderung", by=coordinator
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decided_amount_cents == 0
    assert figures(line).available == 100_000


def test_an_unconfirmed_online_application_and_a_decided_one_cannot_be_decided(line, planner):
    online = paper_application(line)
    online.source = ApplicationSource.ONLINE
    online.save()
    with pytest.raises(DomainError):
        services.application_decide(application=online, outcome="approved", by=planner)
    online.status = ApplicationStatus.CONFIRMED
    online.save()
    services.application_decide(application=online, outcome="approved", by=planner)
    with pytest.raises(DomainError):
        services.application_decide(application=online, outcome="approved", by=planner)
    assert figures(line).committed == 10_000


def test_payments_settle_the_commitment_up_to_the_approved_amount(line, planner):
    application = paper_application(line, cents=40_000)
    services.application_decide(application=application, outcome="approved", by=planner)
    services.payment_record(application=application, amount_cents=25_000, paid_on=TODAY, by=planner)
    after = figures(line)
    assert (after.paid, after.open, after.available) == (25_000, 15_000, 60_000)
    with pytest.raises(DomainError):
        services.payment_record(
            application=application, amount_cents=15_001, paid_on=TODAY, by=planner
        )
    services.payment_record(application=application, amount_cents=15_000, paid_on=TODAY, by=planner)
    assert figures(line).paid == 40_000
    assert Payment.objects.count() == 2


def test_an_undecided_application_cannot_be_paid(line, planner):
    with pytest.raises(DomainError):
        services.payment_record(
            application=paper_application(line), amount_cents=100, paid_on=TODAY, by=planner
        )


def test_completion_releases_what_was_not_spent(line, planner):
    application = paper_application(line, cents=40_000)
    services.application_decide(application=application, outcome="approved", by=planner)
    services.payment_record(application=application, amount_cents=32_550, paid_on=TODAY, by=planner)
    services.application_complete(application=application, by=planner, done_on=TODAY)
    after = figures(line)
    assert after.committed == 32_550
    assert after.paid == 32_550
    assert after.open == 0
    assert after.available == 100_000 - 32_550


def test_the_ledger_reconciles_to_the_cent_with_the_applications_and_payments(line, planner):
    decisions = [
        (12_345, "approved", None),
        (20_000, "partially_approved", 9_999),
        (5_000, "rejected", None),
        (30_001, "approved", None),
    ]
    for cents, outcome, part in decisions:
        application = paper_application(line, cents=cents, title=f"Aktion {cents}")
        services.application_decide(
            application=application,
            outcome=outcome,
            amount_cents=part,
            reason="" if outcome == "approved" else "Teilweise",
            by=planner,
        )
        if outcome != "rejected":
            services.payment_record(
                application=application, amount_cents=1_001, paid_on=TODAY, by=planner
            )
    result = figures(line)
    decided = ActionApplication.objects.aggregate(s=Sum("decided_amount_cents"))["s"]
    paid = Payment.objects.aggregate(s=Sum("amount_cents"))["s"]
    assert result.committed == decided == 12_345 + 9_999 + 30_001
    assert result.paid == paid == 3 * 1_001
    assert result.planned - result.committed == result.available == 100_000 - decided
    assert selectors.ledger_of(line)[-1].available_after == result.available


def test_the_database_refuses_an_entry_with_the_wrong_sign(line):
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            budget_line=line,
            kind=EntryKind.COMMITMENT,
            amount_cents=500,  # a commitment takes money away: negative
            reason="falsch",
            at=timezone.now(),
        )


def test_lowering_a_plan_below_what_is_committed_is_refused(line, planner):
    services.application_decide(
        application=paper_application(line, cents=80_000), outcome="approved", by=planner
    )
    with pytest.raises(DomainError):
        services.budget_line_plan(
            module=line.module, area=line.area, year=line.year, cents=70_000, reason="Kürzung"
        )
    services.budget_line_plan(
        module=line.module, area=line.area, year=line.year, cents=80_000, reason="Kürzung"
    )
    assert figures(line).planned == 80_000
    assert figures(line).available == 0


def test_the_refusal_is_german_with_german_amounts(line, coordinator):
    services.application_decide(
        application=paper_application(line, cents=99_000), outcome="approved", by=coordinator
    )
    with translation.override("de"), pytest.raises(DomainError) as caught:
        services.application_decide(
            application=paper_application(line, cents=1_234_56), outcome="approved", by=coordinator
        )
    assert str(caught.value) == (
        "Im Aktionsbudget sind nur noch 10,00 € verfügbar; 1.234,56 € können nicht bewilligt "
        "werden. Es wurde nichts geändert."
    )
