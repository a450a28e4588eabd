"""Positions against the plan: vacancies, overlaps, positions ending soon."""

import datetime as dt
from decimal import Decimal

import pytest

from praeventionsnetz.funding import positions, selectors, services
from praeventionsnetz.funding.models import PlannedPosition
from tests.funding.factories import ModuleFactory

TODAY = dt.date(2026, 6, 15)
HALF = Decimal("0.5")


def place(pk, *areas):
    return positions.Place(pk, f"Platz {pk}", HALF, frozenset(areas))


def staffing(pk, *areas, starts=dt.date(2019, 2, 1), ends=None, fte=HALF, place_id=None):
    return positions.Staffing(
        pk, f"Stelle {pk}", "Träger", fte, frozenset(areas), starts, ends, place_id
    )


def test_a_place_without_a_running_position_is_vacant():
    report = positions.report(
        [place(1, 10), place(2, 20)],
        [staffing(1, 10), staffing(2, 20, ends=TODAY - dt.timedelta(days=1))],
        today=TODAY,
    )
    assert [p.place.id for p in report.vacancies] == [2]
    assert report.filled_fte == HALF
    assert report.planned_fte == 1


def test_a_position_that_starts_later_does_not_fill_the_place_yet():
    report = positions.report(
        [place(1, 10)], [staffing(1, 10, starts=TODAY + dt.timedelta(days=1))], today=TODAY
    )
    assert report.places[0].is_vacant


def test_two_positions_in_one_area_at_the_same_time_overlap():
    report = positions.report(
        [place(1, 10)],
        [
            staffing(1, 10, ends=TODAY + dt.timedelta(days=40)),
            staffing(2, 10, starts=TODAY + dt.timedelta(days=30)),  # starts before 1 ends
            staffing(3, 20),
        ],
        today=TODAY,
    )
    assert [(a.id, b.id) for a, b in report.overlaps] == [(1, 2)]
    assert report.unplaced == [report.unplaced[0]]
    assert report.unplaced[0].id == 3


def test_a_seamless_hand_over_is_no_overlap_and_past_overlaps_are_history():
    report = positions.report(
        [place(1, 10)],
        [
            staffing(1, 10, ends=TODAY + dt.timedelta(days=40)),
            staffing(2, 10, starts=TODAY + dt.timedelta(days=41)),
            staffing(3, 10, starts=dt.date(2019, 1, 1), ends=dt.date(2020, 1, 1)),
            staffing(4, 10, starts=dt.date(2019, 6, 1), ends=dt.date(2020, 6, 1)),
        ],
        today=TODAY,
    )
    assert report.overlaps == []


def test_positions_ending_within_three_months_are_listed():
    report = positions.report(
        [place(1, 10), place(2, 20), place(3, 30)],
        [
            staffing(1, 10, ends=dt.date(2026, 9, 15)),  # exactly three months
            staffing(2, 20, ends=dt.date(2026, 9, 16)),
            staffing(3, 30, ends=TODAY),
        ],
        today=TODAY,
    )
    assert [s.id for s in report.ending_soon] == [3, 1]


def test_a_position_assigned_to_a_place_counts_there_whatever_its_areas():
    report = positions.report(
        [place(1, 10), place(2, 20)], [staffing(1, 10, place_id=2)], today=TODAY
    )
    assert report.places[0].is_vacant
    assert report.places[1].filled_fte == HALF


def test_over_and_under_staffing():
    report = positions.report(
        [place(1, 10), place(2, 20)],
        [staffing(1, 10, fte=Decimal("0.75")), staffing(2, 20, fte=Decimal("0.25"))],
        today=TODAY,
    )
    assert report.places[0].is_overstaffed
    assert report.places[1].is_understaffed
    assert report.filled_fte == Decimal("0.75")  # 0.5 counted for the overstaffed place


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 10, 1), 3, dt.date(2027, 1, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert positions.add_months(day, months) == expected


def test_the_selector_reads_places_and_positions_and_limits_them_to_a_scope(
    district, other_district, organisation
):
    module = ModuleFactory(name="Praxismodul")
    mine = PlannedPosition.objects.create(module=module, name="Nord", fte=HALF)
    mine.areas.set([district])
    theirs = PlannedPosition.objects.create(module=module, name="Süd", fte=HALF)
    theirs.areas.set([other_district])
    services.position_save(
        module=module,
        title="Koordination Nord",
        provider=organisation,
        areas=[district],
        fte=HALF,
        starts_on=dt.date(2019, 2, 1),
        ends_on=TODAY + dt.timedelta(days=20),
        planned=mine,
    )
    report, _rows = selectors.staffing_report(module, today=TODAY)
    assert [p.is_vacant for p in report.places] == [False, True]
    assert [s.title for s in report.ending_soon] == ["Koordination Nord"]
    scoped, _rows = selectors.staffing_report(module, today=TODAY, scope={other_district.pk})
    assert [p.place.name for p in scoped.places] == ["Süd"]
    assert scoped.ending_soon == []
