"""Calls for expressions of interest: applying, deadlines, reviews, summary, decision."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Role
from praeventionsnetz.funding import calls
from praeventionsnetz.funding.models import (
    CallApplicationStatus,
    CallStatus,
    Position,
)
from tests.conftest import make_call
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


@pytest.fixture
def call(district):
    return make_call(area=district)


def answers(call, text="Antwort"):
    return {q.pk: text for q in call.questions.all()}


def submitted(call, name, username):
    organisation = OrganisationFactory(name=name)
    user = UserFactory(username=username, role=Role.ORGANISATION, organisation=organisation)
    application = calls.call_application_save(
        call=call, organisation=organisation, answers=answers(call), by=user
    )
    return calls.call_application_submit(application=application, by=user)


def test_draft_is_saved_and_edited_until_the_deadline(call, member, organisation):
    first = calls.call_application_save(
        call=call, organisation=organisation, answers=answers(call, "Erst"), by=member
    )
    assert first.status == CallApplicationStatus.DRAFT
    calls.call_application_submit(application=first, by=member)
    again = calls.call_application_save(
        call=call, organisation=organisation, answers=answers(call, "Später"), by=member
    )
    assert again.pk == first.pk
    assert {a.text for a in again.answers.all()} == {"Später"}
    assert again.history.first().history_user == member
    with pytest.raises(DomainError, match="deadline ended"):
        calls.call_application_save(
            call=call,
            organisation=organisation,
            answers=answers(call, "Zu spät"),
            by=member,
            now=call.deadline_at + dt.timedelta(seconds=1),
        )
    assert {a.text for a in again.answers.all()} == {"Später"}


def test_late_submission_is_refused_with_the_deadline(call, member, organisation):
    application = calls.call_application_save(
        call=call, organisation=organisation, answers=answers(call), by=member
    )
    call.deadline_at = timezone.now() - dt.timedelta(minutes=1)
    call.save()
    application.refresh_from_db()
    with pytest.raises(DomainError) as err:
        calls.call_application_submit(application=application, by=member)
    assert "The deadline ended on" in str(err.value)
    assert "an application is no longer possible" in str(err.value)
    application.refresh_from_db()
    assert application.status == CallApplicationStatus.DRAFT
    assert application.submitted_at is None


def test_late_submission_message_in_german(call, member, organisation):
    """Needs the compiled German catalogue."""
    application = calls.call_application_save(
        call=call, organisation=organisation, answers=answers(call), by=member
    )
    translation.activate("de")
    with pytest.raises(DomainError) as err:
        calls.call_application_submit(
            application=application, by=member, now=call.deadline_at + dt.timedelta(days=1)
        )
    message = str(err.value)
    assert message.startswith("Die Frist endete am ")
    assert message.endswith("eine Bewerbung ist nicht mehr möglich.")


def test_missing_required_answers_are_named(call, member, organisation):
    first, second, optional = call.questions.all()
    application = calls.call_application_save(
        call=call, organisation=organisation, answers={first.pk: "Ja", second.pk: "  "}, by=member
    )
    with pytest.raises(DomainError) as err:
        calls.call_application_submit(application=application, by=member)
    assert second.text in str(err.value)
    assert first.text not in str(err.value)
    assert optional.text not in str(err.value)
    application.refresh_from_db()
    assert application.status == CallApplicationStatus.DRAFT


def test_only_members_of_the_organisation_apply(call, organisation, coordinator):
    stranger = UserFactory(
        username="fremd", role=Role.ORGANISATION, organisation=OrganisationFactory()
    )
    for user in (stranger, coordinator):
        with pytest.raises(DomainError):
            calls.call_application_save(
                call=call, organisation=organisation, answers=answers(call), by=user
            )
    assert not call.applications.exists()


def test_reviewers_score_alone(call, planner, steering):
    application = submitted(call, "Träger A", "a")
    fach, netz = call.criteria.all()
    calls.review_save(application=application, reviewer=planner, scores={fach.pk: 4, netz.pk: 2})
    assert not calls.others_visible(application, steering)
    calls.review_save(application=application, reviewer=steering, scores={fach.pk: 1})
    assert not calls.others_visible(application, steering)
    with pytest.raises(DomainError, match="score every criterion"):
        calls.review_save(application=application, reviewer=steering, scores={}, submit=True)
    calls.review_save(application=application, reviewer=steering, scores={netz.pk: 3}, submit=True)
    assert calls.others_visible(application, steering)
    assert not calls.others_visible(application, planner)
    with pytest.raises(DomainError, match="can no longer be changed"):
        calls.review_save(application=application, reviewer=steering, scores={fach.pk: 5})
    with pytest.raises(DomainError, match="between 0 and 5"):
        calls.review_save(application=application, reviewer=planner, scores={fach.pk: 6})


def test_only_planning_and_steering_review(call, coordinator, member):
    application = submitted(call, "Träger A", "a")
    for user in (coordinator, member):
        with pytest.raises(DomainError):
            calls.review_save(application=application, reviewer=user, scores={})
    assert not application.reviews.exists()


def test_summary_with_spread_by_hand(call, planner, steering):
    a = submitted(call, "Träger A", "a")
    b = submitted(call, "Träger B", "b")
    fach, netz = call.criteria.all()  # weights 2 and 1
    calls.review_save(application=a, reviewer=planner, scores={fach.pk: 5, netz.pk: 2}, submit=True)
    calls.review_save(
        application=a, reviewer=steering, scores={fach.pk: 3, netz.pk: 4}, submit=True
    )
    # A draft review does not count.
    calls.review_save(application=b, reviewer=planner, scores={fach.pk: 1, netz.pk: 1})
    summary = {s.application.pk: s for s in calls.review_summary(call)}
    sa = summary[a.pk]
    (c1, s1), (c2, s2) = sa.per_criterion
    assert (c1, s1.mean, s1.low, s1.high, s1.count) == (fach, Decimal("4.00"), 3, 5, 2)
    assert (c2, s2.mean, s2.low, s2.high) == (netz, Decimal("3.00"), 2, 4)
    # Planner: (2·5 + 1·2) / 3 = 4.00; steering: (2·3 + 1·4) / 3 = 3.33; mean 3.665 → 3.67.
    assert sa.overall.low == Decimal("3.33")
    assert sa.overall.high == Decimal("4.00")
    assert sa.overall.mean == Decimal("3.67")
    assert summary[b.pk].overall.count == 0
    assert summary[b.pk].overall.mean is None


def test_decision_creates_the_position(call, planner, district):
    a = submitted(call, "Träger A", "a")
    b = submitted(call, "Träger B", "b")
    position = calls.call_decide(
        call=call,
        application=b,
        body="Jugendhilfeausschuss",
        decided_on=dt.date(2026, 12, 10),
        by=planner,
    )
    call.refresh_from_db()
    a.refresh_from_db()
    b.refresh_from_db()
    assert call.status == CallStatus.DECIDED
    assert (call.deciding_body, call.decided_on) == ("Jugendhilfeausschuss", dt.date(2026, 12, 10))
    assert call.history.first().history_user == planner
    assert (a.is_successful, b.is_successful) == (False, True)
    assert Position.objects.get() == position
    assert position.provider == b.organisation
    assert position.fte == Decimal("0.5")
    assert list(position.areas.all()) == [district]
    assert position.awarded_by == b
    assert position.starts_on == dt.date(2026, 12, 10)
    assert position.history.first().history_user == planner
    with pytest.raises(DomainError, match="already been decided"):
        calls.call_decide(
            call=call, application=a, body="X", decided_on=dt.date(2026, 12, 11), by=planner
        )
    assert Position.objects.count() == 1


def test_a_draft_cannot_win(call, planner, member, organisation):
    draft = calls.call_application_save(
        call=call, organisation=organisation, answers=answers(call), by=member
    )
    with pytest.raises(DomainError):
        calls.call_decide(
            call=call, application=draft, body="JHA", decided_on=dt.date(2026, 12, 1), by=planner
        )
    assert not Position.objects.exists()
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN


def test_the_demo_has_the_dresden_call_with_two_applications(dresden):
    from praeventionsnetz.funding.demo import load_funding_demo
    from praeventionsnetz.funding.models import Call

    for n in range(3):
        OrganisationFactory(name=f"Demoträger {n}", city=dresden, is_demo=True)
    load_funding_demo()
    load_funding_demo()
    call = Call.objects.get()
    assert call.is_demo
    assert calls.is_open(call)
    # The two statements of A0446/18 item 4, from the programme file.
    texts = [q.text for q in call.questions.all()]
    assert texts == call.programme.call_questions
    assert len(texts) == 2
    assert "sozialräumlichen Umstellung" in texts[0]
    assert "Erfahrungstransfer" in texts[1]
    assert call.applications.filter(status=CallApplicationStatus.SUBMITTED).count() == 2
    assert not any(calls.missing_questions(a) for a in call.applications.all())


def test_only_planning_decides(call, steering, member):
    application = submitted(call, "Träger A", "a")
    for user in (steering, member):
        with pytest.raises(DomainError, match="Only planning"):
            calls.call_decide(
                call=call,
                application=application,
                body="JHA",
                decided_on=dt.date(2026, 12, 1),
                by=user,
            )
    assert not Position.objects.exists()
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
