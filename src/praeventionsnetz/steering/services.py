"""Writes of steering. Each part keeps its functions under its own header; every write runs
in a transaction and names the user in the audit trail (`_history_user`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.steering import composition
from praeventionsnetz.steering.models import (
    Committee,
    CommitteeMembership,
    MembershipRole,
    Person,
    SeatCategory,
)

# --------------------------------------------------------------------------------------------
# Committees: composition rules and memberships
# --------------------------------------------------------------------------------------------

COMMITTEE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "area",
    "description",
    "founded_on",
    "dissolved_on",
    "is_public",
)


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class SeatRow:
    """A seat category as typed in the committee form; pk None for a new one."""

    name: str
    seats: int
    is_minimum: bool = False
    key: str = ""
    pk: int | None = None


def _unique_key(wanted: str, taken: set[str]) -> str:
    base = slugify(wanted)[:50] or "sitz"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def committee_save(
    *,
    committee: Committee | None,
    fields: dict[str, Any],
    seats: list[SeatRow],
    by,
    is_demo: bool = False,
) -> Committee:
    """Create or change a committee with its seat categories in the order given. A category
    left out is removed, unless members held its seats (then the change is refused)."""
    founded, dissolved = fields.get("founded_on"), fields.get("dissolved_on")
    if founded and dissolved and dissolved < founded:
        raise DomainError(_("A committee cannot be dissolved before it was founded."))
    names = [s.name.strip().casefold() for s in seats]
    if len(set(names)) != len(names):
        raise DomainError(_("Two seat categories have the same name."))
    if committee is None:
        committee = Committee(is_demo=is_demo)
    for name in COMMITTEE_FIELDS:
        if name in fields:
            setattr(committee, name, fields[name])
    committee._history_user = by
    committee.save()
    existing = {c.pk: c for c in committee.seat_categories.all()}
    kept = {s.pk for s in seats if s.pk is not None}
    for pk in set(existing) - kept:
        category = existing.pop(pk)
        try:
            with transaction.atomic():
                category._history_user = by
                category.delete()
        except ProtectedError:
            raise DomainError(
                _(
                    "The seat category “%(name)s” cannot be removed: members have held its "
                    "seats. End their memberships and keep the category for the record."
                )
                % {"name": category.name}
            ) from None
    taken = {c.key for c in existing.values()}
    for order, row in enumerate(seats):
        if row.seats < 0:
            raise DomainError(_("The number of seats cannot be negative."))
        if row.pk is not None:
            category = existing.get(row.pk)
            if category is None:
                raise DomainError(_("This seat category belongs to another committee."))
        else:
            category = SeatCategory(committee=committee)
            category.key = _unique_key(row.key or row.name, taken)
            taken.add(category.key)
        category.name = row.name.strip()
        category.seats = row.seats
        category.is_minimum = row.is_minimum
        category.order = order
        category._history_user = by
        category.save()
    return committee


def _tenures(memberships) -> list[composition.Tenure]:
    return [
        composition.Tenure(
            str(m.seat_category_id) if m.seat_category_id else None, m.starts_on, m.ends_on
        )
        for m in memberships
    ]


def committee_composition(committee: Committee, on: dt.date) -> composition.Composition:
    """The composition on a day, from the committee's prefetched or stored rules and
    memberships."""
    rules = [
        composition.SeatRule(str(c.pk), c.name, c.seats, c.is_minimum)
        for c in committee.seat_categories.all()
    ]
    return composition.compose(
        rules, _tenures(committee.memberships.all()), on, founded_on=committee.founded_on
    )


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start <= (b_end or dt.date.max) and b_start <= (a_end or dt.date.max)


@transaction.atomic
def membership_add(
    *,
    committee: Committee,
    starts_on: dt.date,
    by,
    person: Person | None = None,
    new_person_name: str = "",
    new_person_role_title: str = "",
    organisation=None,
    seat_category: SeatCategory | None = None,
    role: str = MembershipRole.MEMBER,
    ends_on: dt.date | None = None,
    note: str = "",
    is_demo: bool = False,
) -> CommitteeMembership:
    """A person (chosen, or new by name and function) or an organisation joins a committee
    from a day, on a seat of a category or without a seat (a guest, an advisory member)."""
    new_person_name = new_person_name.strip()
    if new_person_name and person is None and organisation is None:
        person = Person(name=new_person_name, role_title=new_person_role_title.strip())
    # Lock the committee: two planners adding to the last seat go one after the other.
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if (person is None) == (organisation is None):
        raise DomainError(_("Please choose either a person or an organisation."))
    if seat_category is not None and seat_category.committee_id != committee.pk:
        raise DomainError(_("This seat category belongs to another committee."))
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("A membership cannot end before it starts."))
    if committee.dissolved_on and starts_on > committee.dissolved_on:
        raise DomainError(
            _("The committee was dissolved on %(date)s.") % {"date": _day(committee.dissolved_on)}
        )
    if role not in MembershipRole.values:
        raise DomainError(_("Unknown role."))
    others = list(committee.memberships.all())
    holder = person or organisation
    for other in others:
        same = (
            (person.pk is not None and other.person_id == person.pk)
            if person is not None
            else other.organisation_id == organisation.pk
        )
        if same and _overlaps(starts_on, ends_on, other.starts_on, other.ends_on):
            raise DomainError(
                _(
                    "%(name)s is already a member of this committee from %(start)s; one "
                    "person or organisation holds one seat at a time."
                )
                % {"name": holder, "start": _day(other.starts_on)}
            )
    if seat_category is not None and not seat_category.is_minimum:
        held, day = composition.most_held(
            _tenures(others), str(seat_category.pk), starts_on, ends_on
        )
        if held >= seat_category.seats:
            raise DomainError(
                _(
                    "All %(seats)s seats of “%(category)s” are held on %(date)s. End a "
                    "membership first (the successor can start the day the predecessor "
                    "leaves), or add the person without a seat."
                )
                % {"seats": seat_category.seats, "category": seat_category.name, "date": _day(day)}
            )
    if person is not None and person.pk is None:
        person.is_demo = is_demo
        person._history_user = by
        person.save()
    membership = CommitteeMembership(
        committee=committee,
        seat_category=seat_category,
        person=person,
        organisation=organisation,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        is_demo=is_demo,
    )
    membership._history_user = by
    membership.save()
    return membership


@transaction.atomic
def person_create(
    *, name: str, role_title: str = "", organisation=None, by, is_demo: bool = False
) -> Person:
    name = name.strip()
    if not name:
        raise DomainError(_("Please enter the person's name."))
    person = Person(
        name=name, role_title=role_title.strip(), organisation=organisation, is_demo=is_demo
    )
    person._history_user = by
    person.save()
    return person


@transaction.atomic
def membership_end(*, membership: CommitteeMembership, left_on: dt.date, by) -> CommitteeMembership:
    """The member leaves on `left_on`: the first day without the seat. The membership runs
    through the day before; the seat is vacant from `left_on` unless a successor starts."""
    membership = CommitteeMembership.objects.select_for_update().get(pk=membership.pk)
    if left_on <= membership.starts_on:
        raise DomainError(
            _(
                "The membership started on %(start)s; the member can leave on %(first)s at "
                "the earliest."
            )
            % {
                "start": _day(membership.starts_on),
                "first": _day(membership.starts_on + composition.ONE_DAY),
            }
        )
    if membership.ends_on is not None and membership.ends_on < left_on - composition.ONE_DAY:
        raise DomainError(
            _("This membership already ended on %(date)s.") % {"date": _day(membership.ends_on)}
        )
    membership.ends_on = left_on - composition.ONE_DAY
    membership._history_user = by
    membership.save(update_fields=["ends_on"])
    return membership
