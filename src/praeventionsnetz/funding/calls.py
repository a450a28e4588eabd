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
from django.db.models import F
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
    CallQuestion,
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
        # Rounded only here: a mean of rounded weighted scores could be off by a cent.
        mean = (sum(values, Decimal(0)) / len(values)).quantize(TWO_PLACES, ROUND_HALF_UP)
        low, high = (v.quantize(TWO_PLACES, ROUND_HALF_UP) for v in (min(values), max(values)))
        return cls(mean=mean, low=low, high=high, count=len(values))


@dataclass
class ApplicationSummary:
    application: CallApplication
    per_criterion: list[tuple[ReviewCriterion, Spread]] = field(default_factory=list)
    overall: Spread = field(default_factory=Spread)


def _weighted(scores: dict[int, int], criteria: list[ReviewCriterion]) -> Decimal:
    total = sum((c.weight for c in criteria), Decimal(0))
    return sum((c.weight * scores[c.pk] for c in criteria), Decimal(0)) / total


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


# --------------------------------------------------------------------------------------------
# Setting up a call (planning)
# --------------------------------------------------------------------------------------------


@dataclass
class QuestionRow:
    text: str
    is_required: bool = True
    pk: int | None = None


@dataclass
class CriterionRow:
    name: str
    weight: Decimal
    max_score: int = 5
    pk: int | None = None


def _check_planner(by: Any) -> None:
    if getattr(by, "role", None) != Role.PLANNING:
        raise DomainError(_("Only planning sets up a call."))


def _sync_questions(call: Call, rows: list[QuestionRow], by: Any) -> None:
    current = {q.pk: q for q in call.questions.all()}
    kept = {row.pk for row in rows if row.pk is not None}
    if kept - set(current):
        raise DomainError(_("This question does not belong to the call."))
    answered = set(
        CallAnswer.objects.filter(question__call=call)
        .exclude(text="")
        .values_list("question_id", flat=True)
    )
    for pk, question in current.items():
        if pk not in kept:
            if pk in answered:
                raise DomainError(
                    _("The question “%(question)s” has answers and cannot be removed.")
                    % {"question": question.text[:80]}
                )
            # Empty answers (a draft's untouched box) go with their question.
            CallAnswer.objects.filter(question=question, text="").delete()
            question._history_user = by
            question.delete()
    # Out of the way first (unrecorded), so that a new order never meets an old one.
    call.questions.update(order=F("order") + 1000)
    current = {q.pk: q for q in call.questions.all()}
    for order, row in enumerate(rows, start=1):
        question = current.get(row.pk) if row.pk else None
        question = question or CallQuestion(call=call)
        question.order = order
        question.text = row.text.strip()[:2000]
        question.is_required = row.is_required
        question._history_user = by
        question.save()


def _sync_criteria(call: Call, rows: list[CriterionRow], by: Any) -> None:
    current = {c.pk: c for c in call.criteria.all()}
    kept = {row.pk for row in rows if row.pk is not None}
    if kept - set(current):
        raise DomainError(_("This criterion does not belong to the call."))
    names = [row.name.strip().casefold() for row in rows]
    if len(set(names)) != len(names):
        raise DomainError(_("Every criterion needs a name of its own."))
    scored = set(
        ReviewScore.objects.filter(criterion__call=call).values_list("criterion_id", flat=True)
    )
    for row in rows:
        if row.weight <= 0 or row.weight >= 1000:
            raise DomainError(_("A weight is a number above 0 and below 1,000."))
        if not 1 <= row.max_score <= 100:
            raise DomainError(_("The highest score is a whole number from 1 to 100."))
        old = current.get(row.pk)
        if (
            old is not None
            and old.pk in scored
            and (old.weight != row.weight or old.max_score != row.max_score)
        ):
            raise DomainError(
                _(
                    "Reviewers have scored “%(criterion)s”; its weight and highest score can "
                    "no longer be changed."
                )
                % {"criterion": old.name}
            )
    if scored and (kept != set(current) or any(row.pk is None for row in rows)):
        raise DomainError(
            _("Reviewers have started scoring; criteria can no longer be added or removed.")
        )
    for pk, criterion in current.items():
        if pk not in kept:
            criterion._history_user = by
            criterion.delete()
    # Out of the way first (unrecorded), so that names and orders can swap.
    for pk in kept:
        ReviewCriterion.objects.filter(pk=pk).update(order=F("order") + 1000, name=f"~{pk}~")
    current = {c.pk: c for c in call.criteria.all()}
    for order, row in enumerate(rows, start=1):
        criterion = current.get(row.pk) if row.pk else None
        criterion = criterion or ReviewCriterion(call=call)
        criterion.order = order
        criterion.name = row.name.strip()[:200]
        criterion.weight = row.weight
        criterion.max_score = row.max_score
        criterion._history_user = by
        criterion.save()


@transaction.atomic
def call_save(
    *,
    call: Call | None,
    fields: dict[str, Any],
    questions: list[QuestionRow],
    criteria: list[CriterionRow],
    by: Any,
) -> Call:
    """Create a call (a draft) or change one that is not decided: its fields (title,
    description, programme, module, planned_position, opens_at, deadline_at,
    deciding_body), its questions and its weighted criteria in the order given. Answered
    questions stay; once reviewers have scored, the criteria keep their weights."""
    _check_planner(by)
    if call is not None:
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.status == CallStatus.DECIDED:
            raise DomainError(_("This call has already been decided."))
    else:
        call = Call(status=CallStatus.DRAFT)
    module = fields.get("module")
    planned = fields.get("planned_position")
    programme = fields["programme"]
    if module is None and planned is None:
        raise DomainError(_("Please choose what the call awards: a position or a module."))
    if planned is not None:
        module = module or planned.module
        if planned.module_id != module.pk:
            raise DomainError(_("The position awarded belongs to another module."))
    if module.programme_id != programme.pk:
        raise DomainError(_("The module belongs to another programme."))
    opens_at, deadline_at = fields.get("opens_at"), fields["deadline_at"]
    if opens_at is not None and opens_at >= deadline_at:
        raise DomainError(_("The call must open before its deadline."))
    if not (fields.get("deciding_body") or "").strip():
        raise DomainError(_("Please name the deciding body."))
    if not questions:
        raise DomainError(_("A call needs at least one question to the applicants."))
    if not criteria:
        raise DomainError(_("A call needs at least one criterion for the reviews."))
    call.programme = programme
    call.module = module
    call.planned_position = planned
    call.title = fields["title"].strip()[:300]
    call.description = (fields.get("description") or "").strip()
    call.opens_at = opens_at
    call.deadline_at = deadline_at
    call.deciding_body = fields["deciding_body"].strip()[:200]
    call._history_user = by
    call.save()
    _sync_questions(call, questions, by)
    _sync_criteria(call, criteria, by)
    return call


@transaction.atomic
def call_publish(*, call: Call, by: Any, now: dt.datetime | None = None) -> Call:
    """Open a draft for applications; its deadline must lie ahead."""
    _check_planner(by)
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.DRAFT:
        raise DomainError(_("Only a draft can be published."))
    if call.deadline_at <= now:
        raise DomainError(_("The deadline has passed; please set a new one before publishing."))
    if not call.questions.exists() or not call.criteria.exists():
        raise DomainError(_("A call needs questions and criteria before it is published."))
    call.status = CallStatus.OPEN
    call._history_user = by
    call.save(update_fields=["status"])
    return call


@transaction.atomic
def call_close(*, call: Call, by: Any) -> Call:
    """End the applications before the deadline; the reviews and the decision go on."""
    _check_planner(by)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.OPEN:
        raise DomainError(_("Only an open call can be closed."))
    call.status = CallStatus.CLOSED
    call._history_user = by
    call.save(update_fields=["status"])
    return call
