"""Reads of the stewardship: the offers a member keeps, a coordinator reviews, and stale ones."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from praeventionsnetz.areas.selectors import areas_below
from praeventionsnetz.core.rules import is_coordinator, is_planner
from praeventionsnetz.offers.models import (
    OPEN_REVISION,
    RevisionStatus,
    Service,
    ServiceRevision,
    Status,
)

STALE_AFTER_DAYS = 365


def offers_kept_by(user) -> QuerySet[Service]:
    """The offers of the user's organisation, by name, with their review notes."""
    if not user.organisation_id:
        return Service.objects.none()
    return (
        Service.objects.filter(organisation_id=user.organisation_id)
        .order_by("name")
        .prefetch_related(
            "review_notes",
            Prefetch(
                "revisions",
                queryset=ServiceRevision.objects.filter(status__in=OPEN_REVISION),
                to_attr="open_revisions",
            ),
        )
    )


def offers_reviewable_by(user, services: QuerySet[Service] | None = None) -> QuerySet[Service]:
    """The offers (of ``services``, else all) this user may review, as one query.

    Must match the permission ``offers.review_service`` in core/rules.py (``is_planner |
    coordinates_offer``) offer for offer: planners review every offer, a coordinator the
    offers that serve, or whose organisation lies in or serves, one of their areas or an
    area below it. tests/offers/test_selectors.py compares the two.
    """
    services = Service.objects.all() if services is None else services
    if is_planner(user):
        return services
    if not is_coordinator(user):
        return services.none()
    areas = areas_below(list(user.areas.values_list("pk", flat=True)))
    return services.filter(
        Q(areas_served__in=areas)
        | Q(organisation__located_in__in=areas)
        | Q(organisation__areas_served__in=areas)
    ).distinct()


def offers_to_review_by(user) -> QuerySet[Service]:
    """The offers waiting for this user's review, by name."""
    waiting = offers_reviewable_by(user, Service.objects.filter(status=Status.REVIEW))
    return waiting.select_related("organisation").order_by("name")


def revisions_to_review_by(user) -> QuerySet[ServiceRevision]:
    """Changes to published offers waiting for this user's review, by offer name."""
    offers = offers_reviewable_by(
        user,
        Service.objects.filter(status=Status.PUBLISHED, revisions__status=RevisionStatus.PENDING),
    )
    return (
        ServiceRevision.objects.filter(status=RevisionStatus.PENDING, service__in=offers)
        .select_related("service__organisation")
        .order_by("service__name")
    )


def offers_stale_for(user) -> QuerySet[Service]:
    """Published offers not verified for ``STALE_AFTER_DAYS`` that this user can act on,
    oldest first: reviewers see those they may review, members their organisation's."""
    stale_before = timezone.localdate() - dt.timedelta(days=STALE_AFTER_DAYS)
    stale = Service.objects.filter(status=Status.PUBLISHED).filter(
        Q(last_verified_on__lt=stale_before) | Q(last_verified_on__isnull=True)
    )
    stale = (
        offers_reviewable_by(user, stale)
        if is_planner(user) or is_coordinator(user)
        else stale.filter(organisation_id=user.organisation_id or 0)
    )
    return stale.select_related("organisation").order_by("last_verified_on", "name")
