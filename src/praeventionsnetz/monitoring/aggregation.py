"""Aggregation of observations up the area hierarchy.

Counts are summed. Rates are recomputed from the summed numerators and denominators,
never averaged (an average of shares weights a small district like a large one). Plain
values (e.g. a survey median) cannot be aggregated and are left out. Suppression of small
numbers is applied afterwards, when figures are shown, so that a parent's sum of small
counts may be shown while its children's counts are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

COLUMNS = ["area", "period", "value", "numerator", "denominator"]


def aggregate(
    frame: pd.DataFrame, parent_of: Mapping[Any, Any], *, kind: str, scale: float = 100.0
) -> pd.DataFrame:
    """Figures per parent and period from figures per child (columns as COLUMNS).

    The result has the columns of COLUMNS plus `children` (how many children had data).
    """
    if kind not in {"count", "rate"} or frame.empty:
        return pd.DataFrame(columns=[*COLUMNS, "children"])
    data = frame.assign(parent=frame["area"].map(parent_of)).dropna(subset=["parent"])
    if kind == "count":
        data = data.dropna(subset=["value"])
        grouped = data.groupby(["parent", "period"], sort=True)
        result = grouped.agg(value=("value", "sum"), children=("value", "size")).reset_index()
        result["numerator"] = np.nan
        result["denominator"] = np.nan
    else:
        data = data.dropna(subset=["numerator", "denominator"])
        grouped = data.groupby(["parent", "period"], sort=True)
        result = grouped.agg(
            numerator=("numerator", "sum"),
            denominator=("denominator", "sum"),
            children=("numerator", "size"),
        ).reset_index()
        with np.errstate(divide="ignore", invalid="ignore"):
            value = result["numerator"] / result["denominator"] * scale
        result["value"] = value.where(result["denominator"] > 0)
    return result.rename(columns={"parent": "area"})[[*COLUMNS, "children"]]
