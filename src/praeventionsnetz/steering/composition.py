"""Whether a committee's composition is complete and valid on a day.

Composition rules are data: seat categories with a number of seats, exact (“3 named by the
public youth welfare provider”) or a minimum (“at least 2 local providers”). A membership
counts on every day from its first day through its last day (both included); memberships
without a seat category (guests, advisory members) do not count.

A seat is vacant since the first day without its holder: the day after the latest end of a
membership of its category before the day asked about. A seat never filled is vacant since
the committee was founded (None when that is unknown).

Pure: no Django, only dates and numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class SeatRule:
    key: str
    name: str
    seats: int
    is_minimum: bool = False


@dataclass(frozen=True)
class Tenure:
    """A membership as far as composition goes: its seat category (None: no seat) and days."""

    seat_key: str | None
    starts_on: dt.date
    ends_on: dt.date | None = None  # None: still a member

    def holds_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


@dataclass(frozen=True)
class CategoryStatus:
    rule: SeatRule
    held: int
    # One entry per vacant seat, the longest vacant first; None: never filled and the
    # committee's founding is unknown.
    vacant_since: tuple[dt.date | None, ...]

    @property
    def required(self) -> int:
        return self.rule.seats

    @property
    def missing(self) -> int:
        return max(self.rule.seats - self.held, 0)

    @property
    def surplus(self) -> int:
        """Seats held beyond an exact number (a minimum has no surplus)."""
        if self.rule.is_minimum:
            return 0
        return max(self.held - self.rule.seats, 0)

    @property
    def is_complete(self) -> bool:
        return self.missing == 0

    @property
    def is_valid(self) -> bool:
        return self.missing == 0 and self.surplus == 0


@dataclass(frozen=True)
class Composition:
    on: dt.date
    categories: tuple[CategoryStatus, ...]

    @property
    def missing(self) -> int:
        return sum(c.missing for c in self.categories)

    @property
    def surplus(self) -> int:
        return sum(c.surplus for c in self.categories)

    @property
    def held(self) -> int:
        return sum(c.held for c in self.categories)

    @property
    def required(self) -> int:
        return sum(c.required for c in self.categories)

    @property
    def is_complete(self) -> bool:
        return self.missing == 0

    @property
    def is_valid(self) -> bool:
        return self.missing == 0 and self.surplus == 0

    @property
    def vacancies(self) -> list[tuple[SeatRule, dt.date | None]]:
        """Every vacant seat with the day since when it is vacant, the longest vacant first
        (never filled and unknown founding first of all)."""
        rows = [(c.rule, since) for c in self.categories for since in c.vacant_since]
        return sorted(rows, key=lambda r: (r[1] is not None, r[1] or dt.date.min))

    @property
    def vacant_since(self) -> dt.date | None:
        """The longest vacancy's first day (None also when there is no vacancy)."""
        rows = self.vacancies
        return rows[0][1] if rows else None


def held_on(tenures: Iterable[Tenure], key: str, day: dt.date) -> int:
    return sum(1 for t in tenures if t.seat_key == key and t.holds_on(day))


def _vacant_since(
    tenures: Sequence[Tenure], key: str, day: dt.date, missing: int, founded_on: dt.date | None
) -> tuple[dt.date | None, ...]:
    if missing <= 0:
        return ()
    # Each membership of the category that ended before the day freed a seat the day after
    # its end; the latest ends are the vacancies (an earlier end may have been refilled).
    freed = sorted(
        (
            t.ends_on + ONE_DAY
            for t in tenures
            if t.seat_key == key and t.ends_on and t.ends_on < day
        ),
        reverse=True,
    )
    since: list[dt.date | None] = list(freed[:missing])
    since += [founded_on] * (missing - len(since))
    return tuple(sorted(since, key=lambda d: (d is not None, d or dt.date.min)))


def compose(
    rules: Iterable[SeatRule],
    tenures: Iterable[Tenure],
    on: dt.date,
    *,
    founded_on: dt.date | None = None,
) -> Composition:
    """The composition on the day `on`; rules in the order given."""
    tenures = [t for t in tenures if t.seat_key is not None]
    categories = []
    for rule in rules:
        held = held_on(tenures, rule.key, on)
        missing = max(rule.seats - held, 0)
        categories.append(
            CategoryStatus(
                rule=rule,
                held=held,
                vacant_since=_vacant_since(tenures, rule.key, on, missing, founded_on),
            )
        )
    return Composition(on=on, categories=tuple(categories))


def most_held(
    tenures: Iterable[Tenure], key: str, starts_on: dt.date, ends_on: dt.date | None
) -> tuple[int, dt.date]:
    """The most seats of a category held on one day of a period (the first such day):
    the count only rises where a membership starts, so those days and the first suffice."""
    tenures = [t for t in tenures if t.seat_key == key]
    days = {starts_on} | {
        t.starts_on
        for t in tenures
        if t.starts_on >= starts_on and (ends_on is None or t.starts_on <= ends_on)
    }
    best = (-1, starts_on)
    for day in sorted(days):
        count = held_on(tenures, key, day)
        if count > best[0]:
            best = (count, day)
    return best
