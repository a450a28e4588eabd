"""Coverage of the prevention chain: offers per life phase and area, per 1,000 children.

Pure: plain records in, a pandas frame out. An offer counts in every area it serves and for
every life phase it names. The rate divides by the children of that age band in the area
(e.g. births for 0–1); without a population figure the rate stays empty rather than
pretending. A gap is a rate below the planner's threshold, or no offer at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class OfferRecord:
    key: int
    phases: tuple[str, ...]
    transitions: tuple[str, ...]
    areas: tuple[str, ...]


def coverage_matrix(
    offers: Iterable[OfferRecord],
    *,
    phases: Sequence[str],
    areas: Sequence[str],
    population: Mapping[tuple[str, str], float],
    threshold: float | Mapping[str, float],
) -> pd.DataFrame:
    """Long frame: phase, area, offers, children, per_1000, gap.

    `threshold` is one rate for all phases or one per phase (a phase without one has none,
    so only "no offer at all" is a gap there).
    """
    limits = threshold if isinstance(threshold, Mapping) else dict.fromkeys(phases, threshold)
    counts = {(p, a): 0 for p in phases for a in areas}
    for offer in offers:
        for phase in offer.phases:
            for area in offer.areas:
                if (phase, area) in counts:
                    counts[(phase, area)] += 1
    rows = []
    for (phase, area), n in counts.items():
        children = population.get((phase, area))
        rate = n / children * 1000 if children else np.nan
        limit = limits.get(phase)
        gap = n == 0 or (limit is not None and not np.isnan(rate) and rate < limit)
        rows.append(
            {
                "phase": phase,
                "area": area,
                "offers": n,
                "children": children,
                "per_1000": rate,
                "gap": bool(gap),
            }
        )
    return pd.DataFrame(rows, columns=["phase", "area", "offers", "children", "per_1000", "gap"])


def missing_transitions(
    offers: Iterable[OfferRecord], *, transitions: Sequence[str], areas: Sequence[str]
) -> dict[str, list[str]]:
    """Per area, the transitions no offer there covers."""
    covered: dict[str, set[str]] = {a: set() for a in areas}
    for offer in offers:
        for area in offer.areas:
            if area in covered:
                covered[area].update(offer.transitions)
    return {a: [t for t in transitions if t not in covered[a]] for a in areas}
