"""Composite index definitions: the data model, its JSON form, parsing with clear errors."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, NoReturn, get_args

from praeventionsnetz.core.text import Message, gettext_noop

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
