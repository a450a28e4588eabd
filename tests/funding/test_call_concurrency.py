"""Two planners deciding the same call at the same moment, for different applicants: one
decision counts and creates one position; the other is refused."""

import datetime as dt

import pytest
from django.utils import translation

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Role
from praeventionsnetz.funding import calls
from praeventionsnetz.funding.models import CallApplicationStatus, CallStatus, Position
from tests.concurrency import needs_row_locks, together
from tests.conftest import make_call
from tests.factories import UserFactory
from tests.funding.test_calls import submitted


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_create_one_position(district, planner):
    call = make_call(area=district)
    first = submitted(call, "Träger A", "a")
    second = submitted(call, "Träger B", "b")
    other_planner = UserFactory(username="planer2", role=Role.PLANNING)

    def decide(application, by):
        def run():
            with translation.override("de"):
                return calls.call_decide(
                    call=call,
                    application=application,
                    body="Jugendhilfeausschuss",
                    decided_on=dt.date(2026, 12, 1),
                    by=by,
                )

        return run

    results = together(decide(first, planner), decide(second, other_planner))
    positions = [r for r in results if isinstance(r, Position)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(positions) == 1, results
    assert len(refused) == 1, results
    assert "bereits entschieden" in str(refused[0])
    call.refresh_from_db()
    assert call.status == CallStatus.DECIDED
    assert Position.objects.count() == 1
    winner = call.applications.get(is_successful=True)
    assert Position.objects.get().awarded_by == winner
    assert call.applications.filter(status=CallApplicationStatus.DECIDED).count() == 2
