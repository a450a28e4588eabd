"""Constraints of the funding tables that later workflows rely on."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from praeventionsnetz.funding.models import (
    ActionApplication,
    Call,
    CallApplication,
    Position,
    Review,
    ReviewCriterion,
    ReviewScore,
)
from tests.funding.factories import ModuleFactory, budget_line, paper_application


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def call(db):
    module = ModuleFactory(name="Steuerungsmodul")
    return Call.objects.create(
        programme=module.programme,
        module=module,
        title="Interessenbekundung Steuerungsmodul",
        deadline_at=timezone.now() + dt.timedelta(days=30),
        deciding_body="Jugendhilfeausschuss",
    )


def test_a_call_awards_a_module_or_a_position(call):
    refused(
        lambda: Call.objects.create(
            programme=call.programme,
            title="Nichts",
            deadline_at=timezone.now(),
            deciding_body="Jugendhilfeausschuss",
        )
    )


def test_one_expression_of_interest_per_organisation_and_one_review_per_reviewer(
    call, organisation, planner
):
    application = CallApplication.objects.create(call=call, organisation=organisation)
    refused(lambda: CallApplication.objects.create(call=call, organisation=organisation))
    refused(
        lambda: CallApplication.objects.create(
            call=call, organisation=organisation, status="submitted"
        )
    )
    review = Review.objects.create(application=application, reviewer=planner)
    refused(lambda: Review.objects.create(application=application, reviewer=planner))
    criterion = ReviewCriterion.objects.create(call=call, name="Erfahrung", weight=Decimal("2"))
    ReviewScore.objects.create(review=review, criterion=criterion, score=4)
    refused(lambda: ReviewScore.objects.create(review=review, criterion=criterion, score=3))
    refused(lambda: ReviewCriterion.objects.create(call=call, name="Null", weight=0))


def test_a_decision_never_grants_more_than_requested(district):
    application = paper_application(budget_line(area=district), cents=1_000)

    def overgrant():
        ActionApplication.objects.filter(pk=application.pk).update(decided_amount_cents=1_001)

    refused(overgrant)


def test_a_position_ends_after_it_starts_and_has_a_sensible_fte(organisation):
    module = ModuleFactory()
    day = dt.date(2026, 1, 1)
    refused(
        lambda: Position.objects.create(
            module=module,
            title="x",
            provider=organisation,
            fte=Decimal("0.5"),
            starts_on=day,
            ends_on=day,
        )
    )
    refused(
        lambda: Position.objects.create(
            module=module, title="x", provider=organisation, fte=Decimal("0"), starts_on=day
        )
    )
