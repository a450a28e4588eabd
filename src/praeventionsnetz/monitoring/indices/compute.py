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
    keys = [c.key for c in index.components]
    return pd.DataFrame(_component_matrix(index, data), index=data.index, columns=keys)


def _component_matrix(index: CompositeIndex, data: pd.DataFrame) -> np.ndarray:
    """:func:`transformed_components` as a column-major matrix (areas × components).

    Column by column on plain arrays, with the arithmetic of :func:`zscores` (same results to
    the last bit), without a Series per column.
    """
    matrix = np.empty((len(data), len(index.components)), dtype=float, order="F")
    for position, component in enumerate(index.components):
        column = data[component.key].to_numpy(dtype=float)
        oriented = column * component.direction
        if component.transformation == "zscore":
            oriented = _zscore_column(oriented, index.ddof)
        elif component.transformation != "none":
            series = pd.Series(oriented, index=data.index)
            oriented = transform(series, component.transformation, index.ddof).to_numpy()
        matrix[:, position] = oriented
    return matrix


def _zscore_column(values: np.ndarray, ddof: int) -> np.ndarray:
    """:func:`zscores` of an array; missing values (NaN) stay missing."""
    missing = np.isnan(values)
    if missing.any():
        return zscores(pd.Series(values), ddof).to_numpy()
    count = len(values)
    if count - ddof <= 0:
        return np.zeros_like(values)
    mean = values.sum() / count
    sd = np.sqrt(((mean - values) ** 2).sum() / (count - ddof))
    if not np.isfinite(sd) or sd == 0:
        return np.zeros_like(values)
    return (values - mean) / sd


# --------------------------------------------------------------------------------------------
# Index, ranks, classes
# --------------------------------------------------------------------------------------------


def index_values(index: CompositeIndex, data: pd.DataFrame) -> pd.Series:
    """The index value per area (higher = more burden)."""
    return pd.Series(_index_array(index, data), index=data.index, name=index.key)


def _index_array(index: CompositeIndex, data: pd.DataFrame) -> np.ndarray:
    weights = np.array([c.weight for c in index.components])
    if index.aggregation == "weighted_mean":
        weights = weights / weights.sum()
    values = _component_matrix(index, data) @ weights
    if index.result == "zscore":
        values = _zscore_column(values, index.ddof)
    return values


def ranks(values: pd.Series) -> pd.Series:
    """Rank 1 = highest value = most burdened; ties share the better rank."""
    return pd.Series(_rank_array(values.to_numpy(dtype=float)), index=values.index)


def _rank_array(values: np.ndarray) -> np.ndarray:
    """Ranks like pandas' rank(ascending=False, method="min") for values without NaN."""
    if np.isnan(values).any():
        return pd.Series(values).rank(ascending=False, method="min").astype(int).to_numpy()
    order = np.argsort(-values)
    ordered = values[order]
    positions = np.arange(len(values))
    starts = np.empty(len(values), dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    # Within a run of equal values every area gets the position where the run starts.
    first = np.maximum.accumulate(np.where(starts, positions, 0))
    result = np.empty(len(values), dtype=np.int64)
    result[order] = first + 1
    return result


def class_bounds(index: CompositeIndex, values: pd.Series) -> list[float]:
    """The upper class bounds as absolute values."""
    bounds = [c.bound for c in index.classes[:-1]]
    if index.threshold_unit == "sd":
        mean, sd = values.mean(), values.std(ddof=index.ddof)
        return [mean + b * sd for b in bounds]
    return [float(b) for b in bounds]


def classify(index: CompositeIndex, values: pd.Series) -> pd.Series:
    """The class name per area; empty text when the index has no classes."""
    return pd.Series(_class_array(index, values), index=values.index, dtype=object)


def _class_array(index: CompositeIndex, values: pd.Series) -> np.ndarray:
    if not index.classes:
        return np.full(len(values), "", dtype=object)
    numbers = values.to_numpy(dtype=float)
    names = np.array([c.name for c in index.classes], dtype=object)
    # The first class whose bound the value meets; bounds ascend, so that is the right class.
    # Without any (or for NaN) the last class, like np.select's default.
    chosen = np.full(len(numbers), len(names) - 1)
    bounds = class_bounds(index, values)
    for position in reversed(range(len(bounds))):
        bound, cls = bounds[position], index.classes[position]
        meets = numbers < bound if cls.below is not None else numbers <= bound
        chosen[meets] = position
    return names[chosen]


def compute_index(index: CompositeIndex, data: pd.DataFrame) -> pd.DataFrame:
    """Value, class and rank per area for areas that have already been selected."""
    values = index_values(index, data)
    return pd.DataFrame(
        {
            "value": values.to_numpy(),
            "class": _class_array(index, values),
            "rank": _rank_array(values.to_numpy()),
        },
        index=data.index,
    )


def compute(definitions: DefinitionSet, data: pd.DataFrame) -> pd.DataFrame:
    """All indices of a definition in long form: id, index, value, class, rank.

    ``data`` is numeric and indexed by id (see :func:`prepare_input`); excluded areas are
    dropped first and do not appear in the result.
    """
    selected = select_areas(data, definitions.exclusion)
    count, parts = len(selected), definitions.indices
    values = [_index_array(index, selected) for index in parts]
    ids = selected.index.append([selected.index] * (len(parts) - 1))
    keys = np.repeat(np.array([index.key for index in parts], dtype=object), count)
    classes = np.concatenate(
        [_class_array(index, pd.Series(v)) for index, v in zip(parts, values, strict=True)]
    )
    return pd.DataFrame(
        {
            "id": ids.array,
            "index": pd.array(keys, dtype=ids.dtype),
            "value": np.concatenate(values),
            "class": pd.Series(classes, dtype=object),
            "rank": np.concatenate([_rank_array(v) for v in values]),
        },
        columns=RESULT_COLUMNS,
    )


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
