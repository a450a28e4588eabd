"""Aggregation of observations to coarser areas.

Counts are summed. Rates are recomputed from the summed numerators and denominators,
never averaged (an average of shares weights a small district like a large one). Plain
values (e.g. a survey median) cannot be aggregated and are left out. Suppression of small
numbers is applied afterwards, when figures are shown, so that a parent's sum of small
counts may be shown while its children's counts are not.

A parent's figure is a total only when it is complete: every child that belongs to it
(and is required, i.e. inhabited) has a figure for the period, and every child that lies
only partly in it has a documented share. A child with a share counts with that share of
its count (or of its numerator and denominator); the result is then an estimate. An
incomplete parent gets no figure; `completeness` says what is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

COLUMNS = ["area", "period", "value", "numerator", "denominator"]

# Child → {parent: share}; a share of 1.0 is the whole child, None a part of unknown size.
Links = Mapping[Any, Mapping[Any, float | None]]


def as_links(parent_of: Mapping[Any, Any]) -> dict[Any, dict[Any, float | None]]:
    """Links from a plain child → parent mapping or from child → {parent: share}."""
    links: dict[Any, dict[Any, float | None]] = {}
    for child, parent in parent_of.items():
        if isinstance(parent, Mapping):
            links[child] = dict(parent)
        elif parent is not None and not (isinstance(parent, float) and np.isnan(parent)):
            links[child] = {parent: 1.0}
    return links


@dataclass(frozen=True)
class Completeness:
    """Why a parent has no total in a period."""

    parent: Any
    period: str
    expected: int  # required children
    missing: int  # required children without a figure
    unsplit: int  # children only partly in the parent, with no documented share

    @property
    def is_complete(self) -> bool:
        return self.missing == 0 and self.unsplit == 0


def completeness(
    frame: pd.DataFrame,
    parent_of: Mapping[Any, Any],
    *,
    kind: str,
    required: Collection[Any] | None = None,
) -> dict[tuple[Any, str], Completeness]:
    """For every parent and period of `frame`: how many children are missing or unsplit."""
    links = as_links(parent_of)
    required = set(links) if required is None else set(required)
    members: dict[Any, list[tuple[Any, float | None]]] = defaultdict(list)
    for child, parents in links.items():
        for parent, share in parents.items():
            members[parent].append((child, share))
    present = _present(frame, kind)
    result = {}
    for period in sorted(set(frame["period"])) if not frame.empty else []:
        have = present.get(period, set())
        for parent, children in members.items():
            wanted = [c for c, _s in children if c in required]
            missing = sum(1 for c in wanted if c not in have)
            unsplit = sum(1 for c, share in children if share is None)
            result[(parent, period)] = Completeness(parent, period, len(wanted), missing, unsplit)
    return result


def _present(frame: pd.DataFrame, kind: str) -> dict[str, set[Any]]:
    if frame.empty:
        return {}
    cols = ["value"] if kind == "count" else ["numerator", "denominator"]
    data = frame.dropna(subset=cols)
    present: dict[str, set[Any]] = defaultdict(set)
    for area, period in zip(data["area"], data["period"], strict=True):
        present[period].add(area)
    return present


def aggregate(
    frame: pd.DataFrame,
    parent_of: Mapping[Any, Any],
    *,
    kind: str,
    scale: float = 100.0,
    required: Collection[Any] | None = None,
) -> pd.DataFrame:
    """Figures per parent and period from figures per child (columns as COLUMNS).

    `parent_of` maps a child to its parent, or to {parent: share} (see `Links`). Only
    complete parents are in the result. It has the columns of COLUMNS plus `children`
    (how many children had data) and `is_estimated` (a share of a child was used).
    """
    empty = pd.DataFrame(columns=[*COLUMNS, "children", "is_estimated"])
    if kind not in {"count", "rate"} or frame.empty:
        return empty
    links = as_links(parent_of)
    status = completeness(frame, links, kind=kind, required=required)
    pairs = [
        (child, parent, share)
        for child, parents in links.items()
        for parent, share in parents.items()
        if share is not None
    ]
    link_frame = pd.DataFrame(pairs, columns=["area", "parent", "share"])
    data = frame.merge(link_frame, on="area", how="inner")
    data = data.dropna(subset=["value"] if kind == "count" else ["numerator", "denominator"])
    data = data[
        [
            status[(p, per)].is_complete
            for p, per in zip(data["parent"], data["period"], strict=True)
        ]
    ]
    if data.empty:
        return empty
    data = data.assign(
        estimated=data["share"] < 1.0,
        value=data["value"] * data["share"],
        numerator=data["numerator"] * data["share"],
        denominator=data["denominator"] * data["share"],
    )
    grouped = data.groupby(["parent", "period"], sort=True)
    if kind == "count":
        result = grouped.agg(
            value=("value", "sum"), children=("value", "size"), is_estimated=("estimated", "any")
        ).reset_index()
        result["numerator"] = np.nan
        result["denominator"] = np.nan
    else:
        result = grouped.agg(
            numerator=("numerator", "sum"),
            denominator=("denominator", "sum"),
            children=("numerator", "size"),
            is_estimated=("estimated", "any"),
        ).reset_index()
        with np.errstate(divide="ignore", invalid="ignore"):
            value = result["numerator"] / result["denominator"] * scale
        result["value"] = value.where(result["denominator"] > 0)
    return result.rename(columns={"parent": "area"})[[*COLUMNS, "children", "is_estimated"]]
