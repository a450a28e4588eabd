"""Positions against the plan, without Django.

A planned place (e.g. 0.5 FTE in Stadtraum 04) is staffed by the positions assigned to it
(or, without an assignment, by those sharing one of its areas) that run on the day:

- vacant:       no FTE on the day
- understaffed: some, but less than planned
- overstaffed:  more than planned
- overlap:      two positions that share an area and whose periods meet, today or later
                (the same place paid twice, or a hand-over planned with a gap of zero days)
- ending soon:  a position that runs today and ends within three months
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

SOON_MONTHS = 3


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    fte: Decimal
    area_ids: frozenset[int]
    area_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Staffing:
    id: int
    title: str
    provider: str
    fte: Decimal
    area_ids: frozenset[int]
    starts_on: dt.date
    ends_on: dt.date | None  # the last day; None for open-ended
    place_id: int | None = None

    def runs_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def meets(self, other: Staffing, since: dt.date) -> bool:
        """Both run on a common day on or after `since`."""
        start = max(self.starts_on, other.starts_on, since)
        end = min(
            self.ends_on or dt.date.max,
            other.ends_on or dt.date.max,
        )
        return start <= end


@dataclass
class PlaceReport:
    place: Place
    filled_fte: Decimal = Decimal(0)
    positions: list[Staffing] = field(default_factory=list)

    @property
    def is_vacant(self) -> bool:
        return self.filled_fte == 0

    @property
    def is_understaffed(self) -> bool:
        return 0 < self.filled_fte < self.place.fte

    @property
    def is_overstaffed(self) -> bool:
        return self.filled_fte > self.place.fte


@dataclass(frozen=True)
class Report:
    places: list[PlaceReport]
    overlaps: list[tuple[Staffing, Staffing]]
    ending_soon: list[Staffing]
    unplaced: list[Staffing]  # running positions that belong to no planned place

    @property
    def planned_fte(self) -> Decimal:
        return sum((p.place.fte for p in self.places), Decimal(0))

    @property
    def filled_fte(self) -> Decimal:
        return sum((min(p.filled_fte, p.place.fte) for p in self.places), Decimal(0))

    @property
    def vacancies(self) -> list[PlaceReport]:
        return [p for p in self.places if p.is_vacant]


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def place_of(position: Staffing, places: Sequence[Place]) -> Place | None:
    if position.place_id is not None:
        return next((p for p in places if p.id == position.place_id), None)
    return next((p for p in places if p.area_ids & position.area_ids), None)


def report(places: Sequence[Place], positions: Sequence[Staffing], *, today: dt.date) -> Report:
    """Staffing of every planned place on `today`, with overlaps and positions ending soon."""
    rows = {p.id: PlaceReport(p) for p in places}
    unplaced = []
    running = [s for s in positions if s.runs_on(today)]
    for position in running:
        place = place_of(position, places)
        if place is None:
            unplaced.append(position)
            continue
        rows[place.id].positions.append(position)
        rows[place.id].filled_fte += position.fte
    ordered = sorted(positions, key=lambda s: (s.starts_on, s.id))
    overlaps = [
        (a, b)
        for i, a in enumerate(ordered)
        for b in ordered[i + 1 :]
        if a.area_ids & b.area_ids and a.meets(b, today)
    ]
    horizon = add_months(today, SOON_MONTHS)
    ending_soon = [s for s in running if s.ends_on is not None and today <= s.ends_on <= horizon]
    ending_soon.sort(key=lambda s: (s.ends_on, s.id))
    return Report(list(rows.values()), overlaps, ending_soon, unplaced)
