"""The coordinators' activity log: record, change and delete one's own entries; what the
entry form offers first; the time accounts built from the entries.

A coordinator logs time for their own areas (and the areas below them) only, against a
position whose areas meet theirs and that runs on the day. The note must never hold
personal data of families; the form says so, the log cannot check it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.areas.models import LEVEL_ORDER, Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Role, User
from praeventionsnetz.funding.models import Position
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.steering import timeaccount
from praeventionsnetz.steering.models import ActivityEntry, Task

RECENT_DAYS = 90
NOTE_MAX = 500


def weekly_hours() -> Decimal:
    """Full-time hours per week (setting STEERING_WEEKLY_HOURS, 39 as in the TVöD)."""
    value = getattr(settings, "STEERING_WEEKLY_HOURS", timeaccount.DEFAULT_WEEKLY_HOURS)
    return Decimal(str(value).replace(",", "."))


# --------------------------------------------------------------------------------------------
# What a coordinator may pick
# --------------------------------------------------------------------------------------------


def own_area_ids(user) -> set[int]:
    """The user's areas and every area below them."""
    if getattr(user, "role", None) != Role.COORDINATOR:
        return set()
    return area_selectors.areas_below(list(user.areas.values_list("pk", flat=True)))


def areas_for(user, *, area_ids: set[int] | None = None) -> list[Area]:
    """The areas a coordinator may log time for: coarse levels first (their Stadträume before
    the Stadtteile below), then by code."""
    ids = own_area_ids(user) if area_ids is None else area_ids
    areas = Area.objects.current().filter(pk__in=ids)
    return sorted(areas, key=lambda a: (LEVEL_ORDER.get(a.level, 99), a.code, a.name))


def positions_for(user, on: dt.date, *, area_ids: set[int] | None = None) -> QuerySet[Position]:
    """Positions whose areas meet the user's and that run on the day."""
    ids = own_area_ids(user) if area_ids is None else area_ids
    return (
        Position.objects.filter(areas__in=ids, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("provider")
        .distinct()
        .order_by("title", "pk")
    )


def organisations_for(
    user, *, area_ids: set[int] | None = None, also: Iterable[int] = ()
) -> QuerySet[Organisation]:
    """Organisations located in or serving the user's areas (the list the form offers), and
    those with the ids in `also` (recently used or already chosen ones)."""
    ids = own_area_ids(user) if area_ids is None else area_ids
    return (
        Organisation.objects.filter(
            Q(located_in__in=ids) | Q(areas_served__in=ids) | Q(pk__in=list(also))
        )
        .distinct()
        .order_by("name", "pk")
    )


def _recent(user, field: str, today: dt.date) -> list[int]:
    since = today - dt.timedelta(days=RECENT_DAYS)
    pks = ActivityEntry.objects.filter(user=user, date__gte=since, date__lte=today).values_list(
        f"{field}__pk", flat=True
    )
    counts = Counter(pk for pk in pks if pk is not None)
    # Most used first; a tie keeps the lower id first, so the order is stable.
    return [pk for pk, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def recent_area_ids(user, *, today: dt.date | None = None) -> list[int]:
    """The areas of the user's entries in the last 90 days, most used first."""
    return _recent(user, "areas", today or timezone.localdate())


def recent_organisation_ids(user, *, today: dt.date | None = None) -> list[int]:
    """The organisations of the user's entries in the last 90 days, most used first."""
    return _recent(user, "organisations", today or timezone.localdate())


def recent_first(items: Iterable, recent: Sequence[int]) -> list:
    """Items with the recent ones first (in their order), then the rest as they came."""
    rank = {pk: i for i, pk in enumerate(recent)}
    items = list(items)
    return sorted(items, key=lambda o: rank.get(o.pk, len(rank)))


# --------------------------------------------------------------------------------------------
# Writes
# --------------------------------------------------------------------------------------------


def _check(
    *,
    by,
    date: dt.date,
    minutes: int,
    task: str,
    areas: Sequence[Area],
    position: Position | None,
    note: str,
) -> None:
    if getattr(by, "role", None) != Role.COORDINATOR:
        raise DomainError(_("Only coordinators keep an activity log."))
    if date > timezone.localdate():
        raise DomainError(_("The date lies in the future. Log what you have done."))
    if not timeaccount.MIN_MINUTES <= minutes <= timeaccount.MAX_MINUTES:
        raise DomainError(_("The duration must be between 5 minutes and 24 hours."))
    if task not in Task.values:
        raise DomainError(_("Choose one of the five tasks."))
    if len(note) > NOTE_MAX:
        raise DomainError(_("The note may have at most 500 characters."))
    if not areas:
        raise DomainError(_("Choose at least one area."))
    own = own_area_ids(by)
    foreign = [a.name for a in areas if a.pk not in own]
    if foreign:
        raise DomainError(
            _("You do not coordinate %(areas)s. Choose among your own areas.")
            % {"areas": ", ".join(foreign)}
        )
    if (
        position is not None
        and not positions_for(by, date, area_ids=own).filter(pk=position.pk).exists()
    ):
        raise DomainError(
            _("The position %(position)s does not run on that day or not in your areas.")
            % {"position": position.title}
        )


@transaction.atomic
def activity_record(
    *,
    by: User,
    date: dt.date,
    minutes: int,
    task: str,
    areas: Sequence[Area],
    organisations: Sequence[Organisation] = (),
    position: Position | None = None,
    note: str = "",
    is_demo: bool = False,
) -> ActivityEntry:
    """Log time of the acting coordinator."""
    note = note.strip()
    _check(by=by, date=date, minutes=minutes, task=task, areas=areas, position=position, note=note)
    entry = ActivityEntry(
        user=by,
        position=position,
        date=date,
        minutes=minutes,
        task=task,
        note=note,
        is_demo=is_demo,
    )
    entry._history_user = by
    entry.save()
    entry.areas.set(areas)
    entry.organisations.set(organisations)
    return entry


@transaction.atomic
def activity_change(
    *,
    entry: ActivityEntry,
    by: User,
    date: dt.date,
    minutes: int,
    task: str,
    areas: Sequence[Area],
    organisations: Sequence[Organisation] = (),
    position: Position | None = None,
    note: str = "",
) -> ActivityEntry:
    """Change one of one's own entries."""
    if entry.user_id != by.pk:
        raise DomainError(_("You can only change your own entries."))
    note = note.strip()
    _check(by=by, date=date, minutes=minutes, task=task, areas=areas, position=position, note=note)
    entry.date, entry.minutes, entry.task = date, minutes, task
    entry.position, entry.note = position, note
    entry._history_user = by
    entry.save()
    entry.areas.set(areas)
    entry.organisations.set(organisations)
    return entry


@transaction.atomic
def activity_delete(*, entry: ActivityEntry, by: User) -> None:
    """Delete one of one's own entries (the audit trail keeps it)."""
    if entry.user_id != by.pk:
        raise DomainError(_("You can only delete your own entries."))
    entry._history_user = by
    entry.delete()


# --------------------------------------------------------------------------------------------
# Reads
# --------------------------------------------------------------------------------------------


def entries_of(user) -> QuerySet[ActivityEntry]:
    return (
        ActivityEntry.objects.filter(user=user)
        .select_related("position")
        .prefetch_related("areas", "organisations")
        .order_by("-date", "-pk")
    )


def _span(position: Position) -> timeaccount.PositionSpan:
    return timeaccount.PositionSpan(
        id=position.pk, fte=position.fte, starts_on=position.starts_on, ends_on=position.ends_on
    )


def _entries(qs) -> list[tuple[int, timeaccount.Entry]]:
    return [
        (user_id, timeaccount.Entry(date=d, minutes=m, task=t, position_id=p))
        for user_id, d, m, t, p in qs.values_list(
            "user_id", "date", "minutes", "task", "position_id"
        )
    ]


def time_account_of(user, *, year: int, today: dt.date | None = None) -> timeaccount.Account:
    """The user's account of a year against the positions they logged time for."""
    today = today or timezone.localdate()
    entries = [e for _u, e in _entries(ActivityEntry.objects.filter(user=user, date__year=year))]
    positions = Position.objects.filter(pk__in={e.position_id for e in entries})
    return timeaccount.account(
        entries,
        [_span(p) for p in positions],
        year=year,
        weekly_hours=weekly_hours(),
        until=today,
    )


def years_of(user, *, today: dt.date | None = None) -> list[timeaccount.Period]:
    """One period per year the user logged time in."""
    today = today or timezone.localdate()
    entries = [e for _u, e in _entries(ActivityEntry.objects.filter(user=user))]
    positions = Position.objects.filter(pk__in={e.position_id for e in entries})
    return timeaccount.years(
        entries, [_span(p) for p in positions], weekly_hours=weekly_hours(), until=today
    )


def entry_years(user=None) -> list[int]:
    qs = ActivityEntry.objects.all() if user is None else ActivityEntry.objects.filter(user=user)
    return sorted({d.year for d in qs.dates("date", "year")}, reverse=True)


@dataclass(frozen=True)
class AccountRow:
    """One coordinator's account for one position (or for entries without one)."""

    user: User
    position: Position | None
    account: timeaccount.Account


def time_accounts(*, year: int, today: dt.date | None = None) -> list[AccountRow]:
    """Every coordinator's account per position for a year (three queries)."""
    today = today or timezone.localdate()
    entries = _entries(ActivityEntry.objects.filter(date__year=year))
    groups: dict[tuple[int, int | None], list[timeaccount.Entry]] = {}
    for user_id, entry in entries:
        groups.setdefault((user_id, entry.position_id), []).append(entry)
    users = {u.pk: u for u in User.objects.filter(pk__in={k[0] for k in groups})}
    positions = {
        p.pk: p
        for p in Position.objects.filter(pk__in={k[1] for k in groups if k[1]}).select_related(
            "provider"
        )
    }
    rows = []
    for (user_id, position_id), group in groups.items():
        position = positions.get(position_id) if position_id else None
        rows.append(
            AccountRow(
                user=users[user_id],
                position=position,
                account=timeaccount.account(
                    group,
                    [_span(position)] if position else [],
                    year=year,
                    weekly_hours=weekly_hours(),
                    until=today,
                ),
            )
        )
    rows.sort(key=lambda r: (r.user.get_username(), r.position.title if r.position else "~"))
    return rows
