"""Stewardship writes beyond the service's own fields: places, opening hours, sending back.

Places and opening hours are facts the organisation knows best: they go live at once and
the audit trail keeps every change. They never take a published offer offline (the offer's
own fields wait for review as a revision, see revisions.py).
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
    *, service: Service, location: Location, by: Any, at: ServiceAtLocation | None = None
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
    location.save()
    if at is None:
        at, _created = ServiceAtLocation.objects.get_or_create(service=service, location=location)
    elif at.location_id != location.pk:
        at.location = location
    at._history_user = by
    at.save()
    return at


@transaction.atomic
def service_location_remove(*, at: ServiceAtLocation, by: Any) -> None:
    # The offer's row lock orders this removal against other writes to the same offer.
    Service.objects.select_for_update().get(pk=at.service_id)
    for schedule in at.schedules.all():
        schedule._history_user = by
        schedule.delete()
    at._history_user = by
    at.delete()


@transaction.atomic
def opening_hours_set(
    *, at: ServiceAtLocation, week: dict[int, list[Interval]], note: str, by: Any
) -> int:
    """Replace the weekly hours of an offer at a place; returns the number of intervals."""
    ServiceAtLocation.objects.select_for_update().get(pk=at.pk)
    for schedule in at.schedules.all():
        schedule._history_user = by
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
