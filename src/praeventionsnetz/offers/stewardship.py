"""Stewardship writes beyond the service's own fields: places, opening hours, sending back.

These write the places and opening hours themselves: an offer that is not published yet
changes at once, a published one only when the review approves a revision that proposes
the change (revisions.py, place_revisions.py). The audit trail keeps every change; none of
them takes a published offer offline.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers.hours import Interval
from praeventionsnetz.offers.models import (
    Location,
    ReviewNote,
    Schedule,
    Service,
    ServiceAtLocation,
    Status,
)


@transaction.atomic
def service_place_save(
    *,
    service: Service,
    location: Location,
    by: Any,
    at: ServiceAtLocation | None = None,
    reason: str | None = None,
) -> ServiceAtLocation:
    """Save a new or changed place of the organisation for this offer.

    A place that other offers share is not changed under them: this offer gets its own
    copy with the changes, and keeps its opening hours.
    """
    service = Service.objects.select_for_update().get(pk=service.pk)
    if location.organisation_id != service.organisation_id:
        raise DomainError(_("This place belongs to another organisation."))
    if (
        at is not None
        and location.pk is not None
        and ServiceAtLocation.objects.filter(location=location).exclude(pk=at.pk).exists()
    ):
        location.pk = None
        location.id = None
        location._state.adding = True
    location._history_user = by
    location._change_reason = reason
    location.save()
    if at is None:
        # Created here rather than by get_or_create, so its history names the user too.
        at = ServiceAtLocation.objects.filter(service=service, location=location).first()
        at = at or ServiceAtLocation(service=service, location=location)
    elif at.location_id != location.pk:
        at.location = location
    at._history_user = by
    at._change_reason = reason
    at.save()
    return at


@transaction.atomic
def service_location_remove(*, at: ServiceAtLocation, by: Any, reason: str | None = None) -> None:
    # The offer's row lock orders this removal against other writes to the same offer.
    Service.objects.select_for_update().get(pk=at.service_id)
    for schedule in at.schedules.all():
        schedule._history_user = by
        schedule._change_reason = reason
        schedule.delete()
    at._history_user = by
    at._change_reason = reason
    at.delete()


@transaction.atomic
def opening_hours_set(
    *,
    at: ServiceAtLocation,
    week: dict[int, list[Interval]],
    note: str,
    by: Any,
    reason: str | None = None,
) -> int:
    """Replace the weekly hours of an offer at a place; returns the number of intervals."""
    ServiceAtLocation.objects.select_for_update().get(pk=at.pk)
    for schedule in at.schedules.all():
        schedule._history_user = by
        schedule._change_reason = reason
        schedule.delete()
    count = 0
    for weekday, intervals in sorted(week.items()):
        for opens, closes in intervals:
            schedule = Schedule(
                service_at_location=at,
                weekday=weekday,
                opens_at=opens,
                closes_at=closes,
                note=note,
            )
            schedule._history_user = by
            schedule._change_reason = reason
            schedule.save()
            count += 1
    return count


@transaction.atomic
def service_return(*, service: Service, text: str, by: Any) -> ReviewNote:
    """The reviewer sends the offer back to its organisation as a draft, saying why."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.status != Status.REVIEW:
        raise DomainError(_("Only offers waiting for review can be sent back."))
    service.status = Status.DRAFT
    service._history_user = by
    service.save(update_fields=["status", "updated_at"])
    note = ReviewNote(service=service, author=by, text=text.strip())
    note._history_user = by
    note.save()
    return note
