"""Two people deciding the same application at the same moment: one decision counts, the
other is refused in German, and the line holds one commitment."""

import pytest
from django.utils import translation

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding import selectors, services
from praeventionsnetz.funding.models import ActionApplication, ApplicationStatus, EntryKind
from tests.concurrency import needs_row_locks, together
from tests.funding.factories import budget_line, paper_application


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_on_one_application_count_once(district, coordinator, planner):
    line = budget_line(area=district, cents=100_000)
    application = paper_application(line, cents=40_000)

    def decide(outcome, by, **extra):
        def call():
            with translation.override("de"):
                return services.application_decide(
                    application=application, outcome=outcome, by=by, **extra
                )

        return call

    results = together(
        decide("approved", coordinator),
        decide("partially_approved", planner, amount_cents=10_000, reason="weniger"),
    )
    decided = [r for r in results if isinstance(r, ActionApplication)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(decided) == 1, results
    assert len(refused) == 1, results
    assert "wartet nicht auf eine Entscheidung" in str(refused[0])
    application.refresh_from_db()
    assert application.status in (ApplicationStatus.APPROVED, ApplicationStatus.PARTIALLY_APPROVED)
    assert line.entries.filter(kind=EntryKind.COMMITMENT).count() == 1
    figures = selectors.figures_for([line.pk])[line.pk]
    assert figures.committed == application.decided_amount_cents
    assert figures.available == 100_000 - application.decided_amount_cents
