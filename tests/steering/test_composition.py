"""The composition of a committee on a day, around membership changes (pure)."""

import datetime as dt

import pytest

from praeventionsnetz.steering.composition import SeatRule, Tenure, compose, most_held

D = dt.date
DRESDEN = [
    SeatRule("oeffentlich", "Benannt vom öffentlichen Träger", 3),
    SeatRule("jha", "Gewählt vom Jugendhilfeausschuss", 3),
    SeatRule("projekt", "Projektträger", 1),
]
START = D(2019, 2, 1)


def _full():
    tenures = [Tenure(key, START) for key in ["oeffentlich"] * 3 + ["jha"] * 3 + ["projekt"]]
    return tenures


def _category(result, key):
    return next(c for c in result.categories if c.rule.key == key)


def test_all_seats_held_is_complete_and_valid():
    result = compose(DRESDEN, _full(), D(2020, 1, 1))
    assert result.is_complete
    assert result.is_valid
    assert (result.held, result.required, result.missing, result.surplus) == (7, 7, 0, 0)
    assert result.vacancies == []
    assert result.vacant_since is None


@pytest.mark.parametrize(
    ("day", "held", "since"),
    [
        (D(2026, 6, 29), 3, ()),  # the day before the last day
        (D(2026, 6, 30), 3, ()),  # the last day counts
        (D(2026, 7, 1), 2, (D(2026, 7, 1),)),  # the day after: vacant since that day
        (D(2026, 9, 1), 2, (D(2026, 7, 1),)),
    ],
)
def test_a_membership_counts_through_its_last_day(day, held, since):
    tenures = [*_full()[:4], Tenure("jha", START, D(2026, 6, 30)), *_full()[5:]]
    result = compose(DRESDEN, tenures, day)
    jha = _category(result, "jha")
    assert jha.held == held
    assert jha.vacant_since == since
    assert result.is_complete is (held == 3)
    assert result.is_valid is (held == 3)


def test_a_membership_counts_from_its_first_day():
    tenures = [t for t in _full() if t.seat_key != "projekt"] + [Tenure("projekt", D(2026, 3, 1))]
    assert not compose(DRESDEN, tenures, D(2026, 2, 28)).is_complete
    assert compose(DRESDEN, tenures, D(2026, 3, 1)).is_complete


def test_a_successor_starting_the_next_day_leaves_no_gap():
    tenures = [
        *[t for t in _full() if t.seat_key != "projekt"],
        Tenure("projekt", START, D(2026, 6, 30)),
        Tenure("projekt", D(2026, 7, 1)),
    ]
    for day in (D(2026, 6, 30), D(2026, 7, 1), D(2027, 1, 1)):
        result = compose(DRESDEN, tenures, day)
        assert result.is_valid, day
        assert _category(result, "projekt").held == 1


def test_a_successor_starting_later_leaves_a_gap():
    tenures = [
        *[t for t in _full() if t.seat_key != "projekt"],
        Tenure("projekt", START, D(2026, 6, 30)),
        Tenure("projekt", D(2026, 8, 1)),
    ]
    gap = compose(DRESDEN, tenures, D(2026, 7, 15))
    assert gap.vacancies == [(DRESDEN[2], D(2026, 7, 1))]
    assert compose(DRESDEN, tenures, D(2026, 8, 1)).is_valid


def test_overlapping_memberships_over_an_exact_count_are_complete_but_not_valid():
    tenures = [*_full(), Tenure("projekt", D(2026, 6, 1), D(2026, 6, 30))]
    result = compose(DRESDEN, tenures, D(2026, 6, 15))
    projekt = _category(result, "projekt")
    assert (projekt.held, projekt.missing, projekt.surplus) == (2, 0, 1)
    assert result.is_complete
    assert not result.is_valid
    assert compose(DRESDEN, tenures, D(2026, 7, 1)).is_valid


def test_a_minimum_has_no_surplus_and_counts_what_is_missing():
    rules = [SeatRule("traeger", "Träger vor Ort", 2, is_minimum=True)]
    one = compose(rules, [Tenure("traeger", START)], D(2026, 1, 1), founded_on=START)
    assert (one.missing, one.is_complete, one.vacancies) == (1, False, [(rules[0], START)])
    many = compose(rules, [Tenure("traeger", START)] * 5, D(2026, 1, 1))
    assert (many.held, many.surplus, many.is_valid) == (5, 0, True)


def test_a_minimum_of_zero_is_always_complete():
    rules = [SeatRule("weitere", "Weitere Felder", 0, is_minimum=True)]
    assert compose(rules, [], D(2026, 1, 1)).is_valid


def test_never_filled_seats_are_vacant_since_the_founding_or_unknown():
    founded = compose(DRESDEN, [], D(2026, 1, 1), founded_on=START)
    assert founded.missing == 7
    assert {since for _rule, since in founded.vacancies} == {START}
    unknown = compose(DRESDEN, [], D(2026, 1, 1))
    assert {since for _rule, since in unknown.vacancies} == {None}
    assert unknown.vacant_since is None
    assert not unknown.is_complete


def test_several_vacancies_take_the_latest_ends_longest_first():
    rules = [SeatRule("s", "Sitz", 3)]
    tenures = [
        Tenure("s", START, D(2020, 1, 31)),  # refilled by the next one
        Tenure("s", D(2020, 2, 1), D(2026, 3, 31)),
        Tenure("s", START, D(2026, 5, 31)),
        Tenure("s", START),
    ]
    result = compose(rules, tenures, D(2026, 7, 1), founded_on=START)
    assert _category(result, "s").vacant_since == (D(2026, 4, 1), D(2026, 6, 1))
    assert result.vacant_since == D(2026, 4, 1)


def test_memberships_without_a_seat_do_not_count():
    rules = [SeatRule("projekt", "Projektträger", 1)]
    result = compose(rules, [Tenure(None, START), Tenure(None, START)], D(2026, 1, 1))
    assert result.held == 0
    assert result.missing == 1


def test_a_future_membership_does_not_count_yet():
    rules = [SeatRule("projekt", "Projektträger", 1)]
    result = compose(rules, [Tenure("projekt", D(2027, 1, 1))], D(2026, 12, 31))
    assert result.missing == 1


def test_most_held_looks_at_every_start_in_the_period():
    tenures = [Tenure("s", START, D(2026, 6, 30)), Tenure("s", D(2026, 8, 1))]
    assert most_held(tenures, "s", D(2026, 7, 1), D(2026, 7, 31)) == (0, D(2026, 7, 1))
    assert most_held(tenures, "s", D(2026, 7, 1), None) == (1, D(2026, 8, 1))
    assert most_held(tenures, "s", D(2026, 6, 30), None) == (1, D(2026, 6, 30))
    assert most_held(tenures, "other", D(2026, 6, 30), None) == (0, D(2026, 6, 30))
