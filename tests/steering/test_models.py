"""The steering models' own rules: a membership is of a person or an organisation, never
both; periods run forward."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import OrganisationFactory
from tests.steering.factories import MembershipFactory, PersonFactory


def test_a_membership_is_of_a_person_or_an_organisation(steering_group):
    seat = steering_group.seat_categories.first()
    MembershipFactory(seat_category=seat)
    MembershipFactory(seat_category=seat, person=None, organisation=OrganisationFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(seat_category=seat, organisation=OrganisationFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(seat_category=seat, person=None)


def test_a_membership_does_not_end_before_it_starts(steering_group):
    seat = steering_group.seat_categories.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(
            seat_category=seat,
            person=PersonFactory(),
            starts_on=dt.date(2026, 2, 1),
            ends_on=dt.date(2026, 1, 31),
        )
