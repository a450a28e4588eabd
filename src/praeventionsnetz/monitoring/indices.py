"""Composite indices as data: definitions, computation, ranks, classes and a sensitivity check.

A :class:`CompositeIndex` combines indicators of the areas of *one* level and period:

1. Every component value is oriented by its ``direction`` (+1: higher = more burden, -1: higher =
   less burden), so that after orientation a higher value always means more burden.
2. The oriented value is transformed: ``zscore`` ((x - mean) / sd across the areas), ``none``,
   ``rank_normal`` (Blom normal scores Φ⁻¹((r - 3/8) / (n + 1/4))), ``percentile_rank``
   (100 · r / n) or ``imd_exponential`` (English Index of Multiple Deprivation: R = r / n in
   (0, 1], X = -23 · ln(1 - R · (1 - exp(-100/23))), so X runs from ≈0 to 100). r is the
   ascending rank (ties share their mean rank), so the most burdened area gets r = n.
3. The transformed components are combined as weighted mean or weighted sum; optionally the
   result is z-standardised again (``result = "zscore"``).
4. Rank 1 is the most burdened area (highest value; ties share the better rank).
5. Classes are ordered intervals with upper bounds (``below``: value < bound, ``at_most``:
   value ≤ bound). Bounds are absolute values or, with ``threshold_unit = "sd"``, multiples of
   the standard deviation of the index around its mean.

Areas can be excluded before anything is computed (minimum number of inhabitants, explicit ids);
they do not take part in means and standard deviations either. :func:`sensitivity` moves each
component weight by -50 % and +50 % (one at a time) and reports every area's rank range.

Berlin's "Monitoring Soziale Stadtentwicklung" (MSS) is one such definition: z-scores with the
population standard deviation, unweighted sum, sum z-standardised again, thresholds -1 / +1 /
+1.5 (status) and -1 / +1 (dynamics); see data/indices/README.md.

This module is pure (numpy/pandas and the standard library): no Django import, so it can be
used from management commands, services and notebooks alike. Its errors carry a
`core.text.Message` (English msgid, named parameters) that the caller translates.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from statistics import NormalDist
from typing import Any, Literal, NoReturn, get_args

import numpy as np
import pandas as pd

from praeventionsnetz.core.tabular import joined, quoted
from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop

Transformation = Literal["zscore", "none", "rank_normal", "percentile_rank", "imd_exponential"]
Aggregation = Literal["weighted_mean", "weighted_sum"]
ResultTransformation = Literal["none", "zscore"]
ThresholdUnit = Literal["value", "sd"]
StandardDeviation = Literal["population", "sample"]

ID_COLUMN = "id"
RESULT_COLUMNS = ["id", "index", "value", "class", "rank"]
SENSITIVITY_COLUMNS = ["id", "index", "rank", "rank_min", "rank_max", "max_shift"]
# The IMD constant: with λ = 23 the most deprived tenth of areas spans roughly half the scale.
IMD_LAMBDA = 23.0
# Blom's constant for normal scores; a common compromise between the Van der Waerden (0) and
# Tukey (1/3) choices.
BLOM_ALPHA = 3 / 8
SENSITIVITY_FACTORS = (0.5, 1.5)


class _MessageError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


class DefinitionError(_MessageError):
    """The definition file is missing, not JSON or not a valid index definition.

    Messages about a place in the definition have the parameter ``path`` (e.g.
    ``indices[0].key``), which :func:`load_definitions` prefixes with the file name.
    """


class InputDataError(_MessageError):
    """The indicator data do not fit the definition (missing column, bad number, …)."""


# --------------------------------------------------------------------------------------------
# Definitions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Component:
    key: str
    weight: float = 1.0
    direction: int = 1
    transformation: Transformation = "zscore"


@dataclass(frozen=True)
class IndexClass:
    """One class; its upper bound is ``below`` (strict) or ``at_most`` (inclusive), none if last."""

    name: str
    below: float | None = None
    at_most: float | None = None

    @property
    def bound(self) -> float | None:
        return self.below if self.below is not None else self.at_most


@dataclass(frozen=True)
class CompositeIndex:
    key: str
    components: tuple[Component, ...]
    label: str = ""
    classes: tuple[IndexClass, ...] = ()
    aggregation: Aggregation = "weighted_mean"
    result: ResultTransformation = "none"
    threshold_unit: ThresholdUnit = "value"
    standard_deviation: StandardDeviation = "population"

    @property
    def ddof(self) -> int:
        return 0 if self.standard_deviation == "population" else 1

    @property
    def keys(self) -> list[str]:
        return [component.key for component in self.components]

    def with_weight(self, key: str, weight: float) -> CompositeIndex:
        components = tuple(
            replace(c, weight=weight) if c.key == key else c for c in self.components
        )
        return replace(self, components=components)


@dataclass(frozen=True)
class Exclusion:
    min_inhabitants: float | None = None
    inhabitants_key: str = "inhabitants"
    ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DefinitionSet:
    """The content of one definition file: one or more indices over the same set of areas."""

    key: str
    indices: tuple[CompositeIndex, ...]
    label: str = ""
    exclusion: Exclusion = Exclusion()

    @property
    def required_columns(self) -> list[str]:
        columns = [key for index in self.indices for key in index.keys]
        if self.exclusion.min_inhabitants is not None:
            columns.append(self.exclusion.inhabitants_key)
        return list(dict.fromkeys(columns))


# --------------------------------------------------------------------------------------------
# Parsing (JSON → definitions) with messages that name the offending place
# --------------------------------------------------------------------------------------------


def _fail(path: str, msgid: str, **params: Any) -> NoReturn:
    raise DefinitionError(Message(msgid, {"path": path, **params}))


def _object(value: Any, path: str, required: set[str], optional: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        _fail(path, gettext_noop("%(path)s: an object ({…}) is expected."))
    missing = sorted(required - value.keys())
    if missing:
        _fail(path, gettext_noop("%(path)s: “%(fields)s” is missing."), fields=", ".join(missing))
    unknown = sorted(value.keys() - required - optional)
    if unknown:
        _fail(
            path,
            gettext_noop("%(path)s: unknown field “%(fields)s” (allowed: %(allowed)s)."),
            fields=", ".join(unknown),
            allowed=", ".join(sorted(required | optional)),
        )
    return value


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(
            path,
            gettext_noop("%(path)s: a non-empty text is expected, found: %(found)s."),
            found=json.dumps(value),
        )
    return value.strip()


def _number(value: Any, path: str, *, positive: bool = False) -> float:
    # bool is an int subclass in Python; `true` must not pass as 1.
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        _fail(
            path,
            gettext_noop("%(path)s: a number is expected, found: %(found)s."),
            found=json.dumps(value),
        )
    if positive and value <= 0:
        _fail(
            path,
            gettext_noop("%(path)s: a number greater than 0 is expected, found: %(found)s."),
            found=str(value),
        )
    return float(value)


def _choice(value: Any, path: str, options: Iterable[Any]) -> Any:
    options = list(options)
    if isinstance(value, bool) or value not in options:
        _fail(
            path,
            gettext_noop("%(path)s: allowed are %(allowed)s; found: %(found)s."),
            allowed=", ".join(json.dumps(o) for o in options),
            found=json.dumps(value),
        )
    return value


def _list(value: Any, path: str, *, non_empty: bool = True) -> list[Any]:
    if not isinstance(value, list):
        _fail(path, gettext_noop("%(path)s: a list ([…]) is expected."))
    if non_empty and not value:
        _fail(path, gettext_noop("%(path)s: the list is empty."))
    return value


def _unique(keys: Sequence[str], path: str, msgid: str) -> None:
    """`msgid` names the kind of key, with the parameters path and names."""
    seen = {key for key in keys if keys.count(key) > 1}
    if seen:
        _fail(path, msgid, names=", ".join(sorted(seen)))


def _parse_component(raw: Any, path: str) -> Component:
    data = _object(raw, path, {"key"}, {"weight", "direction", "transformation", "description"})
    return Component(
        key=_string(data["key"], f"{path}.key"),
        weight=_number(data.get("weight", 1.0), f"{path}.weight", positive=True),
        direction=_choice(data.get("direction", 1), f"{path}.direction", [1, -1]),
        transformation=_choice(
            data.get("transformation", "zscore"),
            f"{path}.transformation",
            get_args(Transformation),
        ),
    )


def _parse_class(raw: Any, path: str, *, last: bool) -> IndexClass:
    data = _object(raw, path, {"name"}, {"below", "at_most", "description"})
    bounds = [key for key in ("below", "at_most") if key in data]
    if last and bounds:
        _fail(
            path,
            gettext_noop("%(path)s: the last class has no upper bound (no “below”/“at_most”)."),
        )
    if not last and len(bounds) != 1:
        _fail(
            path,
            gettext_noop(
                "%(path)s: exactly one upper bound is expected: “below” (<) or “at_most” (≤)."
            ),
        )
    return IndexClass(
        name=_string(data["name"], f"{path}.name"),
        below=_number(data["below"], f"{path}.below") if "below" in data else None,
        at_most=_number(data["at_most"], f"{path}.at_most") if "at_most" in data else None,
    )


def _parse_classes(raw: Any, path: str) -> tuple[IndexClass, ...]:
    items = _list(raw, path, non_empty=False)
    classes = tuple(
        _parse_class(item, f"{path}[{i}]", last=i == len(items) - 1) for i, item in enumerate(items)
    )
    _unique(
        [c.name for c in classes],
        path,
        gettext_noop("%(path)s: the class name “%(names)s” occurs more than once."),
    )
    bounds = [c.bound for c in classes[:-1]]
    if any(high <= low for low, high in pairwise(bounds)):
        _fail(
            path,
            gettext_noop("%(path)s: the upper bounds must strictly ascend, found: %(found)s."),
            found=str(bounds),
        )
    return classes


def _parse_index(raw: Any, path: str) -> CompositeIndex:
    optional = {
        "label",
        "description",
        "classes",
        "aggregation",
        "result",
        "threshold_unit",
        "standard_deviation",
    }
    data = _object(raw, path, {"key", "components"}, optional)
    items = _list(data["components"], f"{path}.components")
    components = tuple(
        _parse_component(item, f"{path}.components[{i}]") for i, item in enumerate(items)
    )
    _unique(
        [c.key for c in components],
        f"{path}.components",
        gettext_noop("%(path)s: the indicator “%(names)s” occurs more than once."),
    )
    return CompositeIndex(
        key=_string(data["key"], f"{path}.key"),
        label=_string(data["label"], f"{path}.label") if "label" in data else "",
        components=components,
        classes=_parse_classes(data.get("classes", []), f"{path}.classes"),
        aggregation=_choice(
            data.get("aggregation", "weighted_mean"), f"{path}.aggregation", get_args(Aggregation)
        ),
        result=_choice(
            data.get("result", "none"), f"{path}.result", get_args(ResultTransformation)
        ),
        threshold_unit=_choice(
            data.get("threshold_unit", "value"), f"{path}.threshold_unit", get_args(ThresholdUnit)
        ),
        standard_deviation=_choice(
            data.get("standard_deviation", "population"),
            f"{path}.standard_deviation",
            get_args(StandardDeviation),
        ),
    )


def _parse_exclusion(raw: Any, path: str) -> Exclusion:
    data = _object(raw, path, set(), {"min_inhabitants", "inhabitants_key", "ids", "description"})
    ids = _list(data.get("ids", []), f"{path}.ids", non_empty=False)
    for i, value in enumerate(ids):
        if not isinstance(value, str):
            # A JSON number would silently lose leading zeros ("01011101" → 1011101).
            _fail(
                f"{path}.ids[{i}]",
                gettext_noop("%(path)s: give area numbers as text, found: %(found)s."),
                found=str(value),
            )
    minimum = data.get("min_inhabitants")
    return Exclusion(
        min_inhabitants=None if minimum is None else _number(minimum, f"{path}.min_inhabitants"),
        inhabitants_key=_string(
            data.get("inhabitants_key", "inhabitants"), f"{path}.inhabitants_key"
        ),
        ids=frozenset(i.strip() for i in ids),
    )


def parse_definitions(raw: Any) -> DefinitionSet:
    """Build a :class:`DefinitionSet` from decoded JSON; raise :class:`DefinitionError`."""
    data = _object(raw, "Definition", {"key", "indices"}, {"label", "description", "exclusion"})
    items = _list(data["indices"], "indices")
    indices = tuple(_parse_index(item, f"indices[{i}]") for i, item in enumerate(items))
    _unique(
        [index.key for index in indices],
        "indices",
        gettext_noop("%(path)s: the index key “%(names)s” occurs more than once."),
    )
    return DefinitionSet(
        key=_string(data["key"], "key"),
        label=_string(data["label"], "label") if "label" in data else "",
        indices=indices,
        exclusion=_parse_exclusion(data.get("exclusion", {}), "exclusion"),
    )


def load_definitions(path: Path | str) -> DefinitionSet:
    """Read and parse a JSON definition file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DefinitionError(
            Message(
                gettext_noop("The definition file “%(path)s” does not exist."), {"path": str(path)}
            )
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(
            Message(
                gettext_noop("The definition file “%(path)s” cannot be read: %(error)s"),
                {"path": str(path), "error": str(exc)},
            )
        ) from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DefinitionError(
            Message(
                gettext_noop(
                    "The definition file “%(path)s” is not valid JSON "
                    "(line %(line)s, column %(column)s: %(error)s)."
                ),
                {"path": str(path), "line": exc.lineno, "column": exc.colno, "error": exc.msg},
            )
        ) from exc
    try:
        return parse_definitions(raw)
    except DefinitionError as exc:
        # The place in the file gets the file's name in front.
        params = {**exc.message.params, "path": f"{path}: {exc.message.params['path']}"}
        raise DefinitionError(replace(exc.message, params=params)) from exc


# --------------------------------------------------------------------------------------------
# Input data
# --------------------------------------------------------------------------------------------


def _examples(items: Sequence[Message | str], limit: int = 5) -> Message | str:
    shown = joined(list(items[:limit]))
    if len(items) <= limit:
        return shown
    return Message(
        gettext_noop("%(shown)s … (%(total)s in all)"), {"shown": shown, "total": len(items)}
    )


def prepare_input(
    raw: pd.DataFrame, definitions: DefinitionSet, decimal: str = "."
) -> pd.DataFrame:
    """Turn a frame of strings (as read from CSV) into numbers indexed by ``id``.

    Empty cells become NaN (allowed for areas that get excluded anyway); any other text that is
    not a finite number is an error. Columns not needed by the definition are dropped.
    """
    columns = [str(c).strip() for c in raw.columns]
    raw = raw.set_axis(columns, axis=1)
    missing = [c for c in [ID_COLUMN, *definitions.required_columns] if c not in columns]
    if missing:
        singular, plural = ngettext_noop(
            "The input lacks the column %(columns)s.", "The input lacks the columns %(columns)s."
        )
        raise InputDataError(
            Message(
                singular,
                {"columns": quoted(missing), "count": len(missing)},
                plural=plural,
                count_param="count",
            )
        )
    ids = raw[ID_COLUMN].astype("string").str.strip()
    if ids.isna().any() or (ids == "").any():
        raise InputDataError(
            Message(gettext_noop("In the column “id” at least one area number is empty."))
        )
    duplicated = sorted(set(ids[ids.duplicated()]))
    if duplicated:
        raise InputDataError(
            Message(
                gettext_noop("An area number occurs more than once: %(examples)s."),
                {"examples": _examples(duplicated)},
            )
        )
    values = {c: _numbers(raw[c], ids, c, decimal) for c in definitions.required_columns}
    return pd.DataFrame(values, index=pd.Index(ids.to_numpy(dtype=str), name=ID_COLUMN))


def _numbers(column: pd.Series, ids: pd.Series, name: str, decimal: str) -> np.ndarray:
    text = column.astype("string").str.strip().fillna("")
    if decimal != ".":
        text = text.str.replace(decimal, ".", regex=False)
    numbers = pd.to_numeric(text.replace("", pd.NA), errors="coerce").astype(float)
    bad = (text != "") & ~np.isfinite(numbers)
    if bad.any():
        found: list[Message | str] = [
            Message(gettext_noop("%(id)s: “%(value)s”"), {"id": i, "value": v})
            for i, v in zip(ids[bad], column[bad], strict=True)
        ]
        raise InputDataError(
            Message(
                gettext_noop("Invalid number in the column “%(column)s” (%(examples)s)."),
                {"column": name, "examples": _examples(found)},
            )
        )
    return numbers.to_numpy()


def _excluded(data: pd.DataFrame, exclusion: Exclusion) -> np.ndarray:
    mask = data.index.isin(list(exclusion.ids))
    if exclusion.min_inhabitants is not None:
        # An unknown number of inhabitants (NaN) cannot pass a minimum.
        passes = data[exclusion.inhabitants_key] >= exclusion.min_inhabitants
        mask |= ~passes.to_numpy()
    return mask


def select_areas(data: pd.DataFrame, exclusion: Exclusion) -> pd.DataFrame:
    """Drop the excluded areas; the rest must have every value."""
    selected = data[~_excluded(data, exclusion)]
    if selected.empty:
        raise InputDataError(Message(gettext_noop("No area is left after the exclusions.")))
    gaps = selected.columns[selected.isna().any()].tolist()
    if gaps:
        column = gaps[0]
        ids = selected.index[selected[column].isna()].tolist()
        raise InputDataError(
            Message(
                gettext_noop("Empty value in the column “%(column)s” (%(examples)s)."),
                {"column": column, "examples": _examples(ids)},
            )
        )
    return selected


def excluded_ids(data: pd.DataFrame, exclusion: Exclusion) -> list[str]:
    """Ids of the areas that :func:`select_areas` drops, in input order."""
    return data.index[_excluded(data, exclusion)].tolist()


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
