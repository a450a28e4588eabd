"""Two planners filling the last seat of a category at the same moment: one gets it, the
other is refused, and the committee never holds more than its exact count."""

import datetime as dt

import pytest
from django.utils import translation

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Role
from praeventionsnetz.steering import services
from praeventionsnetz.steering.models import CommitteeMembership
from tests.concurrency import needs_row_locks, together
from tests.factories import UserFactory
from tests.steering.factories import PersonFactory


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_the_last_seat_is_given_once(steering_group, planner):
    seat = steering_group.seat_categories.get(key="projekttraeger")  # exactly 1
    other = UserFactory(username="planer2", role=Role.PLANNING)
    first, second = PersonFactory(name="Erste"), PersonFactory(name="Zweite")

    def add(person, by):
        def run():
            with translation.override("de"):
                return services.membership_add(
                    committee=steering_group,
                    seat_category=seat,
                    person=person,
                    starts_on=dt.date(2026, 1, 1),
                    by=by,
                )

        return run

    results = together(add(first, planner), add(second, other))
    added = [r for r in results if isinstance(r, CommitteeMembership)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(added) == 1, results
    assert len(refused) == 1, results
    assert CommitteeMembership.objects.filter(seat_category=seat).count() == 1
