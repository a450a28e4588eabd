"""Many approvals against one budget line at the same moment never commit more than it has."""

import pytest

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding import selectors, services
from praeventionsnetz.funding.models import ActionApplication, ApplicationStatus, EntryKind
from tests.concurrency import needs_row_locks, together
from tests.funding.factories import budget_line, paper_application

THREADS = 8


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_commit_more_than_available(district, planner):
    line = budget_line(area=district, cents=100_000)
    applications = [
        paper_application(line, cents=30_000, title=f"Aktion {n}") for n in range(THREADS)
    ]

    def approve(application):
        return lambda: services.application_decide(
            application=application, outcome="approved", by=planner
        )

    results = together(*[approve(a) for a in applications])
    approved = [r for r in results if isinstance(r, ActionApplication)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(approved) == 3, results
    assert len(refused) == THREADS - 3, results
    figures = selectors.figures_for([line.pk])[line.pk]
    assert figures.committed == 90_000
    assert figures.available == 10_000
    assert line.entries.filter(kind=EntryKind.COMMITMENT).count() == 3
    assert ActionApplication.objects.filter(status=ApplicationStatus.APPROVED).count() == 3
    assert selectors.ledger_of(line)[-1].available_after == figures.available


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_a_decision_and_a_closing_at_once_keep_the_ledger_whole(district, planner):
    line = budget_line(area=district, year=2025, cents=50_000)
    application = paper_application(line, cents=50_000)
    results = together(
        lambda: services.application_decide(
            application=application, outcome="approved", by=planner
        ),
        lambda: services.year_end_close(programme=line.module.programme, year=2025),
    )
    assert not any(isinstance(r, Exception) and not isinstance(r, DomainError) for r in results)
    figures = selectors.figures_for([line.pk])[line.pk]
    # Either the approval came first (nothing to carry) or the closing (nothing to approve).
    assert figures.committed + figures.carried_out == 50_000
    assert figures.available == 0
