"""The time account: sums by task and month, targets from the FTE (pure, no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from praeventionsnetz.steering import timeaccount as ta
from praeventionsnetz.steering.timeaccount import Entry, PositionSpan

D = dt.date
HALF = PositionSpan(id=1, fte=Decimal("0.5"), starts_on=D(2019, 2, 1))


@pytest.mark.parametrize(
    ("month", "days"),
    [(2, 20), (5, 21), (3, 22), (7, 23)],  # 2026: February, May, March, July
)
def test_working_days_of_months_with_20_to_23(month, days):
    first, last = ta._month_bounds(2026, month)
    assert ta.working_days(first, last) == days
    # Cross-check by walking the days.
    walked = sum(
        1 for n in range((last - first).days + 1) if (first + dt.timedelta(n)).weekday() < 5
    )
    assert walked == days


def test_working_days_of_an_empty_span_is_zero():
    assert ta.working_days(D(2026, 3, 5), D(2026, 3, 4)) == 0
    assert ta.working_days(D(2026, 3, 7), D(2026, 3, 8)) == 0  # a weekend


@pytest.mark.parametrize(("month", "minutes"), [(2, 4680), (5, 4914), (3, 5148), (7, 5382)])
def test_target_of_half_a_position_is_fte_times_39_hours_times_days_over_five(month, minutes):
    account = ta.account([], [HALF], year=2026)
    # 0.5 × 39 h × days / 5 = 3.9 h = 234 min per working day.
    assert account.months[month - 1].target_minutes == minutes
    assert minutes == 234 * {2: 20, 5: 21, 3: 22, 7: 23}[month]


def test_a_position_starting_mid_month_is_prorated_by_its_working_days():
    full = PositionSpan(id=2, fte=Decimal("1"), starts_on=D(2026, 7, 15))
    account = ta.account([], [full], year=2026)
    # 15–31 July 2026: 3 + 5 + 5 = 13 working days × 7.8 h.
    assert [m.target_minutes for m in account.months[:6]] == [0] * 6
    assert account.months[6].target_minutes == 13 * 468 == 6084


def test_two_positions_add_their_targets_and_an_end_stops_one():
    quarter = PositionSpan(
        id=2, fte=Decimal("0.25"), starts_on=D(2026, 7, 15), ends_on=D(2026, 8, 7)
    )
    account = ta.account([], [HALF, quarter], year=2026)
    assert account.months[6].target_minutes == 5382 + 13 * 117  # 117 min a day at 0.25
    # August 2026: 21 working days for the half; 3–7 August (5 days) for the quarter.
    assert account.months[7].target_minutes == 21 * 234 + 5 * 117
    assert account.months[8].target_minutes == 22 * 234
    assert account.total.target_minutes == sum(m.target_minutes for m in account.months)


def test_sums_by_task_and_month_with_total_balance_and_shares():
    entries = [
        Entry(D(2026, 3, 2), 120, "a", 1),
        Entry(D(2026, 3, 3), 90, "a", 1),
        Entry(D(2026, 3, 31), 30, "c", 1),
        Entry(D(2026, 4, 1), 45, "e", 1),
        Entry(D(2025, 12, 31), 600, "a", 1),  # another year
        Entry(D(2026, 4, 2), 60, "b", None),  # no position: counted, no target
    ]
    account = ta.account(entries, [HALF], year=2026)
    march, april = account.months[2], account.months[3]
    assert march.key == "2026-03"
    assert march.minutes_by_task == {"a": 210, "b": 0, "c": 30, "d": 0, "e": 0}
    assert march.total_minutes == 240
    assert march.balance_minutes == 240 - 5148
    assert march.shares == {"a": 0.875, "b": 0.0, "c": 0.125, "d": 0.0, "e": 0.0}
    assert april.minutes_by_task == {"a": 0, "b": 60, "c": 0, "d": 0, "e": 45}
    assert account.months[0].shares == dict.fromkeys("abcde")
    assert account.total.minutes_by_task == {"a": 210, "b": 60, "c": 30, "d": 0, "e": 45}
    assert account.total.total_minutes == 345
    assert account.total.key == "2026"


def test_until_ends_the_target_on_that_day():
    account = ta.account([], [HALF], year=2026, until=D(2026, 3, 10))
    # 2–6 and 9–10 March: 7 working days.
    assert account.months[2].target_minutes == 7 * 234
    assert account.months[3].target_minutes == 0
    assert account.total.target_minutes == (22 + 20 + 7) * 234  # January, February, March


def test_weekly_hours_are_a_parameter():
    account = ta.account([], [HALF], year=2026, weekly_hours=Decimal(40))
    assert account.months[1].target_minutes == 20 * 240


def test_years_lists_each_year_with_entries():
    entries = [Entry(D(2025, 6, 2), 60, "d", 1), Entry(D(2026, 1, 5), 30, "a", 1)]
    periods = ta.years(entries, [HALF], until=D(2026, 1, 5))
    assert [p.key for p in periods] == ["2025", "2026"]
    assert periods[0].minutes_by_task["d"] == 60
    assert periods[1].target_minutes == 3 * 234  # 1, 2, 5 January 2026 (until the 5th)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1:30", 90),
        ("1,5", 90),
        ("1.5", 90),
        ("2", 120),
        ("0,25", 15),
        ("2 h", 120),
        ("45 min", 45),
        ("45m", 45),
        ("0:05", 5),
        ("", None),
        ("zwei", None),
        ("1:75", None),
        ("-1", None),
    ],
)
def test_durations_are_read_in_hours_and_minutes_or_german_decimals(text, minutes):
    assert ta.parse_duration(text) == minutes


def test_minutes_are_shown_as_hours_and_minutes():
    assert ta.format_minutes(90) == "1:30"
    assert ta.format_minutes(-5) == "−0:05"
    assert ta.hours(90) == Decimal("1.50")
