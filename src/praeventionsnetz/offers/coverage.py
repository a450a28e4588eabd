"""Coverage of the prevention chain: places of offers per life phase and area, per 1,000
children.

Pure: plain records in, a pandas frame out. What is counted is the places where an offer is
held: an offer counts once for every one of its places in an area (an offer at three places
serves three neighbourhoods), and once in an area it serves without a place there. It counts
for every life phase it names, and for the transitions it declares (never inferred from its
ages). The rate divides by the children of that age band in the area (e.g. births for
0–1); without a population figure the rate stays empty rather than pretending.

One definition of a gap, used by the coverage page and by the chain (``cell_state``): an
area where nobody lives is never a gap ("uninhabited"); elsewhere a gap is no offer at all,
or a rate below the planner's threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

GAP = "gap"
COVERED = "covered"
UNINHABITED = "uninhabited"


@dataclass(frozen=True)
class OfferRecord:
    key: int
    phases: tuple[str, ...]
    transitions: tuple[str, ...]
    areas: tuple[str, ...]
    # Places of the offer per area (of those in `areas`); an area without one counts once.
    places: Mapping[str, int] = field(default_factory=dict)

    def count_in(self, area: str) -> int:
        return max(1, self.places.get(area, 0))


def cell_state(*, places: int, rate: float, threshold: float | None, inhabited: bool = True) -> str:
    """GAP, COVERED or UNINHABITED for one life phase in one area.

    ``rate`` is NaN when the children are not known (or may not be shown): then only "no
    offer at all" is a gap.
    """
    if not inhabited:
        return UNINHABITED
    if places == 0:
        return GAP
    if threshold is not None and not np.isnan(rate) and rate < threshold:
        return GAP
    return COVERED


def rate_per_1000(places: int, children: float | None) -> float:
    return places / children * 1000 if children else np.nan


def coverage_matrix(
    offers: Iterable[OfferRecord],
    *,
    phases: Sequence[str],
    areas: Sequence[str],
    population: Mapping[tuple[str, str], float],
    threshold: float | Mapping[str, float],
    uninhabited: Iterable[str] = (),
) -> pd.DataFrame:
    """Long frame: phase, area, offers, places, children, per_1000, state, gap.

    `threshold` is one rate for all phases or one per phase (a phase without one has none,
    so only "no offer at all" is a gap there). The rate counts places; `uninhabited` areas
    are never gaps.
    """
    limits = threshold if isinstance(threshold, Mapping) else dict.fromkeys(phases, threshold)
    empty = set(uninhabited)
    counts = {(p, a): 0 for p in phases for a in areas}
    places = dict(counts)
    for offer in offers:
        for phase in offer.phases:
            for area in offer.areas:
                if (phase, area) in counts:
                    counts[(phase, area)] += 1
                    places[(phase, area)] += offer.count_in(area)
    rows = []
    for (phase, area), n in counts.items():
        children = population.get((phase, area))
        rate = rate_per_1000(places[(phase, area)], children)
        state = cell_state(
            places=places[(phase, area)],
            rate=rate,
            threshold=limits.get(phase),
            inhabited=area not in empty,
        )
        rows.append(
            {
                "phase": phase,
                "area": area,
                "offers": n,
                "places": places[(phase, area)],
                "children": children,
                "per_1000": rate,
                "state": state,
                "gap": state == GAP,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["phase", "area", "offers", "places", "children", "per_1000", "state", "gap"],
    )


def missing_transitions(
    offers: Iterable[OfferRecord],
    *,
    transitions: Sequence[str],
    areas: Sequence[str],
    uninhabited: Iterable[str] = (),
) -> dict[str, list[str]]:
    """Per area, the declared transitions no offer there covers (none where nobody lives)."""
    empty = set(uninhabited)
    covered: dict[str, set[str]] = {a: set() for a in areas}
    for offer in offers:
        for area in offer.areas:
            if area in covered:
                covered[area].update(offer.transitions)
    return {a: [] if a in empty else [t for t in transitions if t not in covered[a]] for a in areas}
