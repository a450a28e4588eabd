"""Computing an index: transformations, combination, ranks, classes and the sensitivity."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from praeventionsnetz.core.text import Message, gettext_noop
from praeventionsnetz.monitoring.indices.definitions import (
    BLOM_ALPHA,
    IMD_LAMBDA,
    RESULT_COLUMNS,
    SENSITIVITY_COLUMNS,
    SENSITIVITY_FACTORS,
    CompositeIndex,
    DefinitionSet,
    Transformation,
)
from praeventionsnetz.monitoring.indices.inputs import (
    select_areas,
)

# --------------------------------------------------------------------------------------------
# Transformations
# --------------------------------------------------------------------------------------------


def zscores(values: pd.Series, ddof: int = 0) -> pd.Series:
    """(x - mean) / sd; a constant column carries no information and becomes 0."""
    sd = values.std(ddof=ddof)
    if not np.isfinite(sd) or sd == 0:
        return pd.Series(0.0, index=values.index)
    return (values - values.mean()) / sd


def rank_proportions(values: pd.Series) -> pd.Series:
    """Ascending rank divided by n, in (0, 1]; ties share their mean rank."""
    return values.rank(method="average") / len(values)


def normal_scores(values: pd.Series) -> pd.Series:
    """Blom normal scores of the ascending ranks."""
    ranks = values.rank(method="average")
    p = (ranks - BLOM_ALPHA) / (len(values) + 1 - 2 * BLOM_ALPHA)
    inverse = np.frompyfunc(NormalDist().inv_cdf, 1, 1)
    return pd.Series(inverse(p.to_numpy()).astype(float), index=values.index)


def imd_exponential(proportions: pd.Series | np.ndarray, lam: float = IMD_LAMBDA) -> Any:
    """IMD exponential transformation of rank proportions R ∈ (0, 1] onto (0, 100]."""
    return -lam * np.log(1 - proportions * (1 - np.exp(-100 / lam)))


def transform(values: pd.Series, transformation: Transformation, ddof: int = 0) -> pd.Series:
    """Apply one transformation to already oriented values (higher = more burden)."""
    if transformation == "zscore":
        return zscores(values, ddof)
    if transformation == "none":
        return values.astype(float)
    if transformation == "rank_normal":
        return normal_scores(values)
    if transformation == "percentile_rank":
        return 100 * rank_proportions(values)
    if transformation == "imd_exponential":
        return imd_exponential(rank_proportions(values))
    raise ValueError(
        Message(gettext_noop("Unknown transformation “%(name)s”."), {"name": transformation})
    )


def transformed_components(index: CompositeIndex, data: pd.DataFrame) -> pd.DataFrame:
    """One column per component: oriented by direction, then transformed."""
    return pd.DataFrame(
        {
            c.key: transform(c.direction * data[c.key].astype(float), c.transformation, index.ddof)
            for c in index.components
        },
        index=data.index,
    )


# --------------------------------------------------------------------------------------------
# Index, ranks, classes
# --------------------------------------------------------------------------------------------


def index_values(index: CompositeIndex, data: pd.DataFrame) -> pd.Series:
    """The index value per area (higher = more burden)."""
    parts = transformed_components(index, data)
    weights = np.array([c.weight for c in index.components])
    if index.aggregation == "weighted_mean":
        weights = weights / weights.sum()
    values = pd.Series(parts.to_numpy() @ weights, index=data.index, name=index.key)
    if index.result == "zscore":
        values = zscores(values, index.ddof)
    return values


def ranks(values: pd.Series) -> pd.Series:
    """Rank 1 = highest value = most burdened; ties share the better rank."""
    return values.rank(ascending=False, method="min").astype(int)


def class_bounds(index: CompositeIndex, values: pd.Series) -> list[float]:
    """The upper class bounds as absolute values."""
    bounds = [c.bound for c in index.classes[:-1]]
    if index.threshold_unit == "sd":
        mean, sd = values.mean(), values.std(ddof=index.ddof)
        return [mean + b * sd for b in bounds]
    return [float(b) for b in bounds]


def classify(index: CompositeIndex, values: pd.Series) -> pd.Series:
    """The class name per area; empty text when the index has no classes."""
    if not index.classes:
        return pd.Series("", index=values.index, dtype=object)
    conditions = [
        values < bound if cls.below is not None else values <= bound
        for cls, bound in zip(index.classes, class_bounds(index, values), strict=False)
    ]
    names = [c.name for c in index.classes]
    # np.select takes the first true condition; bounds ascend, so that is the right class.
    chosen = np.select(conditions, names[:-1], default=names[-1]) if conditions else names[-1]
    return pd.Series(chosen, index=values.index, dtype=object)


def compute_index(index: CompositeIndex, data: pd.DataFrame) -> pd.DataFrame:
    """Value, class and rank per area for areas that have already been selected."""
    values = index_values(index, data)
    return pd.DataFrame(
        {"value": values, "class": classify(index, values), "rank": ranks(values)},
        index=data.index,
    )


def compute(definitions: DefinitionSet, data: pd.DataFrame) -> pd.DataFrame:
    """All indices of a definition in long form: id, index, value, class, rank.

    ``data`` is numeric and indexed by id (see :func:`prepare_input`); excluded areas are
    dropped first and do not appear in the result.
    """
    selected = select_areas(data, definitions.exclusion)
    frames = [
        compute_index(index, selected).reset_index().assign(index=index.key)
        for index in definitions.indices
    ]
    return pd.concat(frames, ignore_index=True)[RESULT_COLUMNS]


# --------------------------------------------------------------------------------------------
# Sensitivity
# --------------------------------------------------------------------------------------------


def sensitivity(
    index: CompositeIndex,
    data: pd.DataFrame,
    factors: Sequence[float] = SENSITIVITY_FACTORS,
) -> pd.DataFrame:
    """Rank range per area when each weight is multiplied by each factor, one at a time.

    ``data`` holds the selected areas only. Columns: rank (with the defined weights),
    rank_min, rank_max (over all scenarios including the defined one) and max_shift (largest
    absolute difference to the defined rank).
    """
    base = ranks(index_values(index, data))
    scenarios = [
        ranks(index_values(index.with_weight(c.key, c.weight * f), data))
        for c in index.components
        for f in factors
    ]
    table = pd.concat([base, *scenarios], axis=1).to_numpy()
    return pd.DataFrame(
        {
            "rank": base,
            "rank_min": table.min(axis=1),
            "rank_max": table.max(axis=1),
            "max_shift": np.abs(table - base.to_numpy()[:, None]).max(axis=1),
        },
        index=data.index,
    )


def sensitivity_all(
    definitions: DefinitionSet,
    data: pd.DataFrame,
    factors: Sequence[float] = SENSITIVITY_FACTORS,
) -> pd.DataFrame:
    """:func:`sensitivity` for every index of a definition, long form like :func:`compute`."""
    selected = select_areas(data, definitions.exclusion)
    frames = [
        sensitivity(index, selected, factors).reset_index().assign(index=index.key)
        for index in definitions.indices
    ]
    return pd.concat(frames, ignore_index=True)[SENSITIVITY_COLUMNS]
