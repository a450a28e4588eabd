"""Time accounts of coordinators: logged minutes by task against the target from the FTE.

Counting rules
- A month's target for a position is FTE × full-time hours per week × working days / 5.
  Working days are Monday to Friday; public holidays, leave and sick days are not known
  here and count as working days.
- A position counts only on the working days between its start and its end (both
  included): a position starting mid-month gets the target of its working days in it.
- `until` (e.g. today) ends the target as if every position ended that day, so that the
  balance of a running month or year compares work done with the target so far.
- Entries without a position count in the sums by task but have no target.
- The share of a task is its minutes over all minutes of the period (None without any).

Pure: no Django, so it is tested without a database and reused by reports.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TASKS = ("a", "b", "c", "d", "e")
DEFAULT_WEEKLY_HOURS = Decimal(39)  # full time under TVöD (municipal employers)
MIN_MINUTES = 5
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class Entry:
    date: dt.date
    minutes: int
    task: str
    position_id: int | None = None


@dataclass(frozen=True)
class PositionSpan:
    id: int
    fte: Decimal
    starts_on: dt.date
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class Period:
    """The figures of one month (key "2026-03") or one year (key "2026")."""

    key: str
    first: dt.date
    last: dt.date
    minutes_by_task: dict[str, int]
    target_minutes: int

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes_by_task.values())

    @property
    def balance_minutes(self) -> int:
        return self.total_minutes - self.target_minutes

    @property
    def shares(self) -> dict[str, float | None]:
        total = self.total_minutes
        return {t: (m / total if total else None) for t, m in self.minutes_by_task.items()}


@dataclass(frozen=True)
class Account:
    year: int
    months: list[Period]
    total: Period
    weekly_hours: Decimal = field(default=DEFAULT_WEEKLY_HOURS)


def working_days(first: dt.date, last: dt.date) -> int:
    """Monday to Friday from `first` to `last`, both included (0 when last < first)."""
    if last < first:
        return 0
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    start = first.weekday()
    count += sum(1 for i in range(rest) if (start + i) % 7 < 5)
    return count


def target_minutes(
    positions: Iterable[PositionSpan],
    first: dt.date,
    last: dt.date,
    *,
    weekly_hours: Decimal = DEFAULT_WEEKLY_HOURS,
    until: dt.date | None = None,
) -> int:
    """The target of these positions from `first` to `last`, in whole minutes."""
    total = Decimal(0)
    for position in positions:
        start = max(first, position.starts_on)
        end = min(d for d in (last, position.ends_on, until) if d is not None)
        days = working_days(start, end)
        # hours per day = weekly hours / 5; minutes = × 60, so × 12 per day.
        total += Decimal(position.fte) * Decimal(weekly_hours) * 12 * days
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def period(
    key: str,
    first: dt.date,
    last: dt.date,
    entries: Iterable[Entry],
    positions: Sequence[PositionSpan],
    *,
    weekly_hours: Decimal = DEFAULT_WEEKLY_HOURS,
    until: dt.date | None = None,
) -> Period:
    minutes = dict.fromkeys(TASKS, 0)
    for entry in entries:
        if first <= entry.date <= last:
            minutes[entry.task] = minutes.get(entry.task, 0) + entry.minutes
    return Period(
        key=key,
        first=first,
        last=last,
        minutes_by_task=minutes,
        target_minutes=target_minutes(
            positions, first, last, weekly_hours=weekly_hours, until=until
        ),
    )


def account(
    entries: Iterable[Entry],
    positions: Sequence[PositionSpan],
    *,
    year: int,
    weekly_hours: Decimal = DEFAULT_WEEKLY_HOURS,
    until: dt.date | None = None,
) -> Account:
    """Every month of `year` and the year itself."""
    entries = [e for e in entries if e.date.year == year]
    months = [
        period(
            f"{year}-{month:02d}",
            *_month_bounds(year, month),
            entries,
            positions,
            weekly_hours=weekly_hours,
            until=until,
        )
        for month in range(1, 13)
    ]
    total = Period(
        key=str(year),
        first=dt.date(year, 1, 1),
        last=dt.date(year, 12, 31),
        minutes_by_task={t: sum(m.minutes_by_task[t] for m in months) for t in TASKS},
        target_minutes=sum(m.target_minutes for m in months),
    )
    return Account(year=year, months=months, total=total, weekly_hours=weekly_hours)


def years(
    entries: Iterable[Entry],
    positions: Sequence[PositionSpan],
    *,
    weekly_hours: Decimal = DEFAULT_WEEKLY_HOURS,
    until: dt.date | None = None,
) -> list[Period]:
    """One period per year that has entries, oldest first."""
    entries = list(entries)
    return [
        account(entries, positions, year=y, weekly_hours=weekly_hours, until=until).total
        for y in sorted({e.date.year for e in entries})
    ]


def hours(minutes: int) -> Decimal:
    """Minutes as hours with two decimals."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_minutes(minutes: int) -> str:
    """1:30 h style, with a minus sign for a negative balance."""
    sign = "−" if minutes < 0 else ""
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h}:{m:02d}"


_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")
_DECIMAL = re.compile(r"^(\d{1,2})(?:[,.](\d{1,2}))?$")


def parse_duration(text: str) -> int | None:
    """Minutes from "1:30", "1,5", "1.5", "2" (hours) or "45 min"; None when unreadable.

    A plain number up to 24 is hours; "45 min" or "45m" are minutes.
    """
    text = text.strip().lower().replace(" ", "").removesuffix("h")
    if not text:
        return None
    for suffix in ("min", "m"):
        if text.endswith(suffix) and text[: -len(suffix)].isdigit():
            return int(text[: -len(suffix)])
    if match := _CLOCK.match(text):
        return int(match[1]) * 60 + int(match[2])
    if match := _DECIMAL.match(text):
        fraction = Decimal(f"0.{match[2]}") if match[2] else Decimal(0)
        value = (Decimal(match[1]) + fraction) * 60
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return None
