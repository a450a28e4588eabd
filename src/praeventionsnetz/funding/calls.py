"""Calls for expressions of interest (Interessenbekundungsverfahren): applications by
organisation members, reviews by weighted criteria, the summary with its spread, and the
decision that creates the position.

Each write is one transaction and records its user in the history. Reviewers score alone:
`others_visible` tells whether a user may see the other reviews of an application, which is
only once their own review of it is submitted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Role
from praeventionsnetz.funding import services
from praeventionsnetz.funding.models import (
    Call,
    CallAnswer,
    CallApplication,
    CallApplicationStatus,
    CallStatus,
    Position,
    Review,
    ReviewCriterion,
    ReviewScore,
)

REVIEWER_ROLES = (Role.PLANNING, Role.STEERING)
TWO_PLACES = Decimal("0.01")


def is_member_of(user: Any, organisation: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role == Role.ORGANISATION
        and organisation is not None
        and user.organisation_id == organisation.pk
    )


def is_reviewer(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in REVIEWER_ROLES)


def deadline_text(call: Call) -> str:
    return date_format(timezone.localtime(call.deadline_at), "SHORT_DATETIME_FORMAT")


def is_open(call: Call, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        call.status == CallStatus.OPEN
        and (call.opens_at is None or call.opens_at <= now)
        and now <= call.deadline_at
    )


def _check_open(call: Call, now: dt.datetime) -> None:
    if now > call.deadline_at:
        raise DomainError(
            _("The deadline ended on %(date)s; an application is no longer possible.")
            % {"date": deadline_text(call)}
        )
    if not is_open(call, now):
        raise DomainError(_("This call is not open for applications."))


@transaction.atomic
def call_application_save(
    *,
    call: Call,
    organisation: Any,
    answers: dict[int, str],
    by: Any,
    now: dt.datetime | None = None,
) -> CallApplication:
    """Create or change an organisation's application (a draft until submitted). Edits,
    also of a submitted application, are allowed until the deadline."""
    now = now or timezone.now()
    if not is_member_of(by, organisation):
        raise DomainError(_("Only a member of the organisation can apply for it."))
    call = Call.objects.select_for_update().get(pk=call.pk)
    _check_open(call, now)
    application, _created = CallApplication.objects.get_or_create(
        call=call, organisation=organisation, defaults={"created_by": by}
    )
    if application.status == CallApplicationStatus.DECIDED:
        raise DomainError(_("This application has been decided and can no longer be changed."))
    questions = {q.pk: q for q in call.questions.all()}
    for question_id, text in answers.items():
        question = questions.get(int(question_id))
        if question is None:
            raise DomainError(_("This question does not belong to the call."))
        answer = CallAnswer.objects.filter(application=application, question=question).first()
        answer = answer or CallAnswer(application=application, question=question)
        text = (text or "").strip()
        if answer.pk and answer.text == text:
            continue
        answer.text = text
        answer._history_user = by
        answer.save()
    application._history_user = by
    application.save()
    return application


def missing_questions(application: CallApplication) -> list:
    answered = {a.question_id for a in application.answers.all() if (a.text or "").strip()}
    return [q for q in application.call.questions.all() if q.is_required and q.pk not in answered]


@transaction.atomic
def call_application_submit(
    *, application: CallApplication, by: Any, now: dt.datetime | None = None
) -> CallApplication:
    now = now or timezone.now()
    if not is_member_of(by, application.organisation):
        raise DomainError(_("Only a member of the organisation can apply for it."))
    application = CallApplication.objects.select_for_update().get(pk=application.pk)
    _check_open(application.call, now)
    if application.status == CallApplicationStatus.DECIDED:
        raise DomainError(_("This application has been decided and can no longer be changed."))
    missing = missing_questions(application)
    if missing:
        raise DomainError(
            _("Please answer every required question before submitting: %(questions)s")
            % {"questions": "; ".join(f"„{q.text}“" for q in missing)}
        )
    application.status = CallApplicationStatus.SUBMITTED
    application.submitted_at = now
    application._history_user = by
    application.save()
    return application


def others_visible(application: CallApplication, user: Any) -> bool:
    """Whether `user` may see the other reviews of `application`: only after submitting
    their own."""
    return Review.objects.filter(
        application=application, reviewer=user, submitted_at__isnull=False
    ).exists()


@transaction.atomic
def review_save(
    *,
    application: CallApplication,
    reviewer: Any,
    scores: dict[int, int | None],
    comment: str = "",
    submit: bool = False,
) -> Review:
    """Save a reviewer's own scores (criterion id → score); `submit` ends the review, after
    which it can no longer be changed."""
    if not is_reviewer(reviewer):
        raise DomainError(_("Only planning and the steering group review applications."))
    if application.status == CallApplicationStatus.DRAFT:
        raise DomainError(_("Only submitted applications are reviewed."))
    review, _created = Review.objects.select_for_update().get_or_create(
        application=application, reviewer=reviewer
    )
    if review.submitted_at is not None:
        raise DomainError(_("Your review is submitted and can no longer be changed."))
    criteria = {c.pk: c for c in ReviewCriterion.objects.filter(call=application.call_id)}
    for criterion_id, score in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise DomainError(_("This criterion does not belong to the call."))
        if score is None:
            ReviewScore.objects.filter(review=review, criterion=criterion).delete()
            continue
        if not 0 <= int(score) <= criterion.max_score:
            raise DomainError(
                _("The score for “%(criterion)s” must be between 0 and %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score}
            )
        row = ReviewScore.objects.filter(review=review, criterion=criterion).first()
        row = row or ReviewScore(review=review, criterion=criterion)
        row.score = int(score)
        row._history_user = reviewer
        row.save()
    if submit:
        scored = set(review.scores.values_list("criterion_id", flat=True))
        unscored = [c.name for c in criteria.values() if c.pk not in scored]
        if unscored:
            raise DomainError(
                _("Please score every criterion before submitting: %(criteria)s")
                % {"criteria": ", ".join(unscored)}
            )
        review.submitted_at = timezone.now()
    review.comment = (comment or "").strip()
    review._history_user = reviewer
    review.save()
    return review


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------


@dataclass
class Spread:
    mean: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    count: int = 0

    @classmethod
    def of(cls, values: list[Decimal]) -> Spread:
        if not values:
            return cls()
        mean = (sum(values, Decimal(0)) / len(values)).quantize(TWO_PLACES, ROUND_HALF_UP)
        return cls(mean=mean, low=min(values), high=max(values), count=len(values))


@dataclass
class ApplicationSummary:
    application: CallApplication
    per_criterion: list[tuple[ReviewCriterion, Spread]] = field(default_factory=list)
    overall: Spread = field(default_factory=Spread)


def _weighted(scores: dict[int, int], criteria: list[ReviewCriterion]) -> Decimal:
    total = sum((c.weight for c in criteria), Decimal(0))
    value = sum((c.weight * scores[c.pk] for c in criteria), Decimal(0)) / total
    return value.quantize(TWO_PLACES, ROUND_HALF_UP)


def review_summary(call: Call) -> list[ApplicationSummary]:
    """Per submitted application, over the submitted reviews: mean, lowest and highest score
    per criterion, and of each review's weighted mean (Σ weight·score / Σ weight)."""
    criteria = list(call.criteria.all())
    applications = (
        call.applications.exclude(status=CallApplicationStatus.DRAFT)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    result = []
    for application in applications:
        reviews = application.reviews.filter(submitted_at__isnull=False).prefetch_related("scores")
        by_review = [{s.criterion_id: s.score for s in r.scores.all()} for r in reviews]
        complete = [s for s in by_review if all(c.pk in s for c in criteria)]
        result.append(
            ApplicationSummary(
                application=application,
                per_criterion=[
                    (c, Spread.of([Decimal(s[c.pk]) for s in by_review if c.pk in s]))
                    for c in criteria
                ],
                overall=Spread.of([_weighted(s, criteria) for s in complete])
                if criteria
                else Spread(),
            )
        )
    return result


# --------------------------------------------------------------------------------------------
# Decision
# --------------------------------------------------------------------------------------------


@transaction.atomic
def call_decide(
    *,
    call: Call,
    application: CallApplication,
    body: str,
    decided_on: dt.date,
    by: Any,
    note: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> Position | None:
    """Record the decision for `application` (its deciding body and date); the other
    submitted applications are not successful. For a call that awards a planned position,
    the position is created with the successful organisation as its provider. `by` None
    is a command or the demo; a user must be planning."""
    if by is not None and getattr(by, "role", None) != Role.PLANNING:
        raise DomainError(_("Only planning records the decision of a call."))
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status == CallStatus.DECIDED:
        raise DomainError(_("This call has already been decided."))
    if application.call_id != call.pk:
        raise DomainError(_("This application does not belong to the call."))
    if application.status != CallApplicationStatus.SUBMITTED:
        raise DomainError(_("Only a submitted application can be chosen."))
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Please name the deciding body."))
    call.status = CallStatus.DECIDED
    call.deciding_body = body[:200]
    call.decided_on = decided_on
    call.decision_note = (note or "").strip()
    call._history_user = by
    call.save()
    for other in call.applications.exclude(status=CallApplicationStatus.DRAFT):
        other.status = CallApplicationStatus.DECIDED
        other.is_successful = other.pk == application.pk
        other._history_user = by
        other.save()
    planned = call.planned_position
    if planned is None:
        return None
    position = services.position_save(
        module=call.module or planned.module,
        title=f"{planned.name} – {application.organisation.name}"[:200],
        provider=application.organisation,
        areas=list(planned.areas.all()),
        fte=planned.fte,
        starts_on=starts_on or decided_on,
        ends_on=ends_on,
        planned=planned,
        is_demo=call.is_demo,
        by=by,
    )
    position.awarded_by = application
    position._history_user = by
    position.save()
    return position
