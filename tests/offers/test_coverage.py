"""Coverage figures on a small case, by hand."""

import math

from praeventionsnetz.offers.coverage import (
    COVERED,
    GAP,
    UNINHABITED,
    OfferRecord,
    cell_state,
    coverage_matrix,
    missing_transitions,
)

OFFERS = [
    OfferRecord(1, ("0-1", "1-3"), ("family-daycare",), ("A",)),
    OfferRecord(2, ("1-3",), (), ("A", "B")),
    OfferRecord(3, ("3-6",), ("daycare-primary",), ("B",)),
]
POPULATION = {("0-1", "A"): 200, ("1-3", "A"): 400, ("1-3", "B"): 1000, ("3-6", "B"): 500}


def cell(frame, phase, area):
    return frame[(frame.phase == phase) & (frame.area == area)].iloc[0]


def test_offers_per_1000_children_and_gaps():
    frame = coverage_matrix(
        OFFERS, phases=["0-1", "1-3", "3-6"], areas=["A", "B"], population=POPULATION, threshold=1.5
    )
    a01 = cell(frame, "0-1", "A")
    assert (a01.offers, a01.per_1000, a01.gap) == (1, 5.0, False)
    b13 = cell(frame, "1-3", "B")
    assert (b13.offers, b13.per_1000, b13.gap) == (1, 1.0, True)  # 1 per 1,000 < 1.5
    a36 = cell(frame, "3-6", "A")
    assert a36.offers == 0
    assert a36.gap
    assert math.isnan(a36.per_1000)  # no population figure: no rate
    b01 = cell(frame, "0-1", "B")
    assert b01.gap  # no offer at all


def test_transitions_without_offers():
    missing = missing_transitions(
        OFFERS, transitions=["family-daycare", "daycare-primary"], areas=["A", "B"]
    )
    assert missing == {"A": ["daycare-primary"], "B": ["family-daycare"]}


def test_a_threshold_per_phase():
    frame = coverage_matrix(
        OFFERS,
        phases=["0-1", "1-3"],
        areas=["A", "B"],
        population=POPULATION,
        threshold={"0-1": 6.0},
    )
    assert cell(frame, "0-1", "A").gap  # 5 per 1,000 < 6
    # 1-3 has no threshold: 1 per 1,000 in B is no gap, as long as there is an offer.
    assert not cell(frame, "1-3", "B").gap


def test_places_count_not_only_offers():
    # Offer 1 is held at three places in A, offer 2 serves A without a place there.
    offers = [
        OfferRecord(1, ("0-1",), (), ("A", "B"), places={"A": 3}),
        OfferRecord(2, ("0-1",), (), ("A",)),
    ]
    frame = coverage_matrix(
        offers,
        phases=["0-1"],
        areas=["A", "B"],
        population={("0-1", "A"): 1000, ("0-1", "B"): 1000},
        threshold=3.0,
    )
    a = cell(frame, "0-1", "A")
    assert (a.offers, a.places, a.per_1000, a.gap) == (2, 4, 4.0, False)
    b = cell(frame, "0-1", "B")  # served without a place: counts once, below 3 per 1,000
    assert (b.offers, b.places, b.per_1000, b.gap) == (1, 1, 1.0, True)


def test_uninhabited_areas_are_never_gaps():
    frame = coverage_matrix(
        OFFERS,
        phases=["0-1", "1-3"],
        areas=["A", "B"],
        population=POPULATION,
        threshold=100.0,
        uninhabited=["B"],
    )
    assert set(frame[frame.area == "B"].state) == {UNINHABITED}
    assert not frame[frame.area == "B"].gap.any()
    assert cell(frame, "0-1", "A").gap  # 5 per 1,000 < 100 where people live
    missing = missing_transitions(
        OFFERS, transitions=["family-daycare"], areas=["A", "B"], uninhabited=["B"]
    )
    assert missing == {"A": [], "B": []}


def test_one_rule_for_a_gap():
    assert cell_state(places=0, rate=math.nan, threshold=None) == GAP
    assert cell_state(places=2, rate=math.nan, threshold=4.0) == COVERED  # no children known
    assert cell_state(places=2, rate=3.9, threshold=4.0) == GAP
    assert cell_state(places=2, rate=4.0, threshold=4.0) == COVERED
    assert cell_state(places=0, rate=math.nan, threshold=4.0, inhabited=False) == UNINHABITED
