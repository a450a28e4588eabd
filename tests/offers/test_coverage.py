"""Coverage figures on a small case, by hand."""

import math

from praeventionsnetz.offers.coverage import OfferRecord, coverage_matrix, missing_transitions

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
