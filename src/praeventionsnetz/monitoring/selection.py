"""Criteria-based selection of model areas (Modellstadträume).

Method
------
Following the Dresden framework concept, areas are judged by criteria from four
dimensions: social structure, infrastructure, need and services, social space. A criterion
names an indicator (a column of the frame, one row per area) and brings

* a **threshold** (optional): a minimum or maximum the area must meet, or else it is not
  eligible, whatever its score;
* a **score contribution** = z × direction × weight, where z is the area's z-score of the
  indicator over *all* areas in the frame (population deviation, ddof = 0) and direction
  is +1 when a higher value means more need, −1 when it means less.

z-scores rather than percentile ranks: they keep the distances between areas (an area far
above the rest counts more than one just above), and a contribution can be explained in
one sentence ("1.2 standard deviations above the average"). The reference is every
area in the frame, so excluding an area does not change the others' scores. An indicator
with the same value everywhere contributes 0; a missing value contributes 0 (it counts as
average) and makes the area ineligible only when that criterion has a threshold.

The total score is the sum of the contributions (rounded to 12 decimals so that equal
scores reached by different sums tie). Areas are ranked by score, ties broken by the area
id, and then picked greedily in rank order: excluded and ineligible areas are skipped, and
with `one_per_type` an area whose type is already represented is skipped, so the best area
of each type is taken. Everything is deterministic; criteria and constraints round-trip
through plain dicts (JSON), so a stored run can be repeated exactly.

No Django here (an import-linter contract forbids it): these are pure functions. Reasons,
explanations, notes and errors are `core.text.Message` objects (English msgid, named
parameters); numbers in them are already formatted the German way (decimal comma). The
caller translates them where they are shown, and can store them as plain data to translate
later.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Literal

import numpy as np
import pandas as pd

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop

SPEC_VERSION = 1
ThresholdKind = Literal["min", "max"]


class Dimension(StrEnum):
    SOCIAL_STRUCTURE = "social_structure"
    INFRASTRUCTURE = "infrastructure"
    NEED_SERVICE = "need_service"
    SOCIAL_SPACE = "social_space"

    @property
    def label(self) -> Message:
        return Message(DIMENSION_LABELS[self])


DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.SOCIAL_STRUCTURE: gettext_noop("Social structure"),
    Dimension.INFRASTRUCTURE: gettext_noop("Infrastructure"),
    Dimension.NEED_SERVICE: gettext_noop("Needs and offers"),
    Dimension.SOCIAL_SPACE: gettext_noop("Social space"),
}

# Reasons in the result (msgids; the last three with parameters).
REASON_EXCLUDED = gettext_noop("excluded")
REASON_NO_TYPE = gettext_noop("no type assigned")
REASON_MISSING = gettext_noop("Value missing: %(criterion)s")
REASON_THRESHOLD = gettext_noop("Threshold not reached: %(value)s")
REASON_TYPE_TAKEN = gettext_noop("Type %(type)s already represented by %(area)s")
REASON_FULL = ngettext_noop(
    "Selection already complete (%(n)s area with a higher score)",
    "Selection already complete (%(n)s areas with a higher score)",
)


@dataclass(frozen=True)
class Criterion:
    """One indicator with its dimension, weight, direction and optional threshold.

    `label`, `unit` and `decimals` only shape the explanations; `label` defaults to the key.
    """

    key: str
    dimension: Dimension
    weight: float = 1.0
    direction: int = 1
    threshold: float | None = None
    threshold_kind: ThresholdKind = "min"
    label: str = ""
    unit: str = ""
    decimals: int = 1

    def __post_init__(self) -> None:
        # Accept the plain string too, as it comes from JSON or a form.
        object.__setattr__(self, "dimension", Dimension(self.dimension))
        if not self.key:
            raise ValueError(Message(gettext_noop("A criterion needs an indicator.")))
        key = {"key": self.key}
        if self.direction not in (1, -1):
            raise ValueError(
                Message(gettext_noop("The direction of “%(key)s” must be +1 or −1."), key)
            )
        if not (math.isfinite(self.weight) and self.weight >= 0):
            raise ValueError(
                Message(gettext_noop("The weight of “%(key)s” must be a number ≥ 0."), key)
            )
        if self.threshold is not None and not math.isfinite(self.threshold):
            raise ValueError(
                Message(gettext_noop("The threshold of “%(key)s” must be a number."), key)
            )
        if self.threshold_kind not in ("min", "max"):
            raise ValueError(
                Message(gettext_noop("The threshold kind of “%(key)s” must be min or max."), key)
            )

    @property
    def name(self) -> str:
        return self.label or self.key

    def meets(self, value: float) -> bool:
        if self.threshold is None:
            return True
        if self.threshold_kind == "min":
            return bool(value >= self.threshold)
        return bool(value <= self.threshold)

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["dimension"] = self.dimension.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Criterion:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Constraints:
    """Which areas may not be chosen, and whether each type may appear only once."""

    exclude: tuple[Hashable, ...] = ()
    one_per_type: bool = False
    type_column: str = "type"

    def __post_init__(self) -> None:
        object.__setattr__(self, "exclude", tuple(self.exclude))

    def to_dict(self) -> dict[str, Any]:
        return {
            "exclude": [_plain(a) for a in self.exclude],
            "one_per_type": self.one_per_type,
            "type_column": self.type_column,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Constraints:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class SelectionSpec:
    """Everything that defines a run besides the data, for storage as JSON."""

    criteria: tuple[Criterion, ...]
    constraints: Constraints = field(default_factory=Constraints)
    n: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "criteria", tuple(self.criteria))

    def run(self, frame: pd.DataFrame) -> SelectionResult:
        return select_model_areas(frame, self.criteria, self.constraints, self.n)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": SPEC_VERSION,
            "criteria": [c.to_dict() for c in self.criteria],
            "constraints": self.constraints.to_dict(),
            "n": self.n,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SelectionSpec:
        version = data.get("version", SPEC_VERSION)
        if version != SPEC_VERSION:
            raise ValueError(
                Message(
                    gettext_noop("Unknown version %(version)s of the stored selection."),
                    {"version": version},
                )
            )
        return cls(
            criteria=tuple(Criterion.from_dict(c) for c in data["criteria"]),
            constraints=Constraints.from_dict(data.get("constraints", {})),
            n=int(data["n"]),
        )


@dataclass(frozen=True)
class SelectionResult:
    """The ranked areas and why each was or was not selected.

    `ranking` (index: area id, in rank order) has the columns rank, score, one score per
    dimension (score_social_structure, …), eligible, selected, reason (a Message; "" when
    selected) and, with one_per_type, type. `details` has one row per area and criterion:
    area, criterion, label, dimension, value, threshold, threshold_kind, threshold_met (None
    without a threshold), z, weight, direction, contribution and text (a Message).
    """

    ranking: pd.DataFrame
    details: pd.DataFrame
    selected: tuple[Hashable, ...]
    n: int
    notes: tuple[Message, ...] = ()

    def explain(self, area: Hashable) -> list[Message | str]:
        """Lines for one area: the decision, then one line per criterion."""
        row = self.ranking.loc[area]
        params = {"rank": int(row["rank"]), "score": _de(row["score"], 2, signed=True)}
        if row["selected"]:
            head = Message(gettext_noop("Rank %(rank)s, score %(score)s: selected"), params)
        else:
            head = Message(
                gettext_noop("Rank %(rank)s, score %(score)s: not selected – %(reason)s"),
                {**params, "reason": row["reason"]},
            )
        lines = self.details.loc[self.details["area"] == area, "text"].tolist()
        return [head, *lines]


def select_model_areas(
    frame: pd.DataFrame,
    criteria: Sequence[Criterion],
    constraints: Constraints | None = None,
    n: int = 1,
) -> SelectionResult:
    """Rank the areas (rows of `frame`, index = area id) and select up to `n` of them."""
    constraints = constraints or Constraints()
    _validate(frame, criteria, constraints, n)
    ids = list(frame.index)

    contributions = pd.DataFrame(index=frame.index, dtype=float)
    rows: list[dict[str, Any]] = []
    failures: dict[Hashable, list[Message]] = {a: [] for a in ids}
    for criterion in criteria:
        values = frame[criterion.key].astype(float)
        z = _zscores(values)
        contribution = (z * criterion.direction * criterion.weight).fillna(0.0)
        contributions[criterion.key] = contribution
        for area, value, z_value, part in zip(
            ids, values.to_numpy(), z.to_numpy(), contribution.to_numpy(), strict=True
        ):
            missing = bool(np.isnan(value))
            met = None if criterion.threshold is None else (not missing and criterion.meets(value))
            if met is False:
                failures[area].append(
                    Message(REASON_MISSING, {"criterion": criterion.name})
                    if missing
                    else Message(REASON_THRESHOLD, {"value": _value_text(criterion, value, met)})
                )
            rows.append(
                {
                    "area": area,
                    "criterion": criterion.key,
                    "label": criterion.name,
                    "dimension": criterion.dimension.value,
                    "value": float(value),
                    "threshold": criterion.threshold,
                    "threshold_kind": criterion.threshold_kind,
                    "threshold_met": met,
                    "z": float(z_value),
                    "weight": criterion.weight,
                    "direction": criterion.direction,
                    "contribution": float(part),
                    "text": _criterion_text(criterion, value, met, z_value, part),
                }
            )

    # Rounded so that equal scores reached by differently ordered sums really tie.
    score = contributions.sum(axis=1).round(12)
    order = _rank_order(ids, dict(zip(ids, score.to_numpy().tolist(), strict=True)))
    excluded = set(constraints.exclude)
    types = frame[constraints.type_column] if constraints.one_per_type else None
    type_of = types.to_dict() if types is not None else {}

    selected: list[Hashable] = []
    holder: dict[Any, Hashable] = {}  # type → the area that represents it
    reasons: dict[Hashable, Message | str] = {}
    eligible: dict[Hashable, bool] = {}
    for area in order:
        if area in excluded:
            reasons[area], eligible[area] = Message(REASON_EXCLUDED), False
        elif failures[area]:
            reasons[area], eligible[area] = _semicolons(failures[area]), False
        elif types is not None and pd.isna(type_of[area]):
            reasons[area], eligible[area] = Message(REASON_NO_TYPE), False
        else:
            eligible[area] = True
            kind = type_of.get(area)
            if kind is not None and kind in holder:
                reasons[area] = Message(
                    REASON_TYPE_TAKEN, {"type": str(kind), "area": str(holder[kind])}
                )
            elif len(selected) >= n:
                singular, plural = REASON_FULL
                reasons[area] = Message(singular, {"n": int(n)}, plural=plural, count_param="n")
            else:
                selected.append(area)
                reasons[area] = ""
                if kind is not None:
                    holder[kind] = area

    ranking = pd.DataFrame(
        {
            "rank": np.arange(1, len(order) + 1),
            "score": score.loc[order].to_numpy(),
        },
        index=pd.Index(order, name=frame.index.name),
    )
    for dimension in Dimension:
        keys = [c.key for c in criteria if c.dimension is dimension]
        ranking[f"score_{dimension.value}"] = contributions.loc[order, keys].sum(axis=1).to_numpy()
    ranking["eligible"] = [eligible[a] for a in order]
    ranking["selected"] = [a in selected for a in order]
    ranking["reason"] = [reasons[a] for a in order]
    if types is not None:
        ranking["type"] = types.loc[order].to_numpy()

    notes: list[Message] = []
    if len(selected) < n:
        singular, plural = ngettext_noop(
            "Only %(selected)s of %(n)s requested areas meets all conditions.",
            "Only %(selected)s of %(n)s requested areas meet all conditions.",
        )
        notes.append(
            Message(
                singular,
                {"selected": len(selected), "n": int(n)},
                plural=plural,
                count_param="selected",
            )
        )
    return SelectionResult(
        ranking=ranking,
        details=pd.DataFrame(rows),
        selected=tuple(selected),
        n=n,
        notes=tuple(notes),
    )


def _validate(
    frame: pd.DataFrame, criteria: Sequence[Criterion], constraints: Constraints, n: int
) -> None:
    if not criteria:
        raise ValueError(Message(gettext_noop("No criterion is given.")))
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(Message(gettext_noop("At least one area must be selected.")))
    if not frame.index.is_unique:
        raise ValueError(Message(gettext_noop("Each area may appear only once in the data.")))
    keys = [c.key for c in criteria]
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    if doubled:
        raise ValueError(
            Message(
                gettext_noop(
                    "Indicator used more than once as a criterion: %(keys)s; please raise its "
                    "weight instead."
                ),
                {"keys": ", ".join(doubled)},
            )
        )
    absent = [k for k in keys if k not in frame.columns]
    if absent:
        raise ValueError(
            Message(
                gettext_noop("Indicators missing from the data: %(keys)s."),
                {"keys": ", ".join(absent)},
            )
        )
    non_numeric = [k for k in keys if not pd.api.types.is_numeric_dtype(frame[k])]
    if non_numeric:
        raise ValueError(
            Message(
                gettext_noop("Indicators are not numeric: %(keys)s."),
                {"keys": ", ".join(non_numeric)},
            )
        )
    if constraints.one_per_type and constraints.type_column not in frame.columns:
        raise ValueError(
            Message(
                gettext_noop("The type column “%(column)s” is missing from the data."),
                {"column": constraints.type_column},
            )
        )
    unknown = [str(a) for a in constraints.exclude if a not in frame.index]
    if unknown:
        raise ValueError(
            Message(
                gettext_noop("Excluded areas are missing from the data: %(areas)s."),
                {"areas": ", ".join(unknown)},
            )
        )


def _zscores(values: pd.Series) -> pd.Series:
    """z-scores over the areas with a value; 0 for a constant indicator."""
    std = values.std(ddof=0)
    if not std > 0:
        return values * 0.0  # keeps NaN where the value is missing
    return (values - values.mean()) / std


def _rank_order(ids: Iterable[Hashable], score: Mapping[Hashable, float]) -> list[Hashable]:
    """Highest score first; ties by area id (as text if ids of mixed kinds)."""
    ids = list(ids)
    try:
        return sorted(ids, key=lambda a: (-score[a], a))
    except TypeError:
        return sorted(ids, key=lambda a: (-score[a], str(a)))


def _value_text(criterion: Criterion, value: float, met: bool | None) -> Message | str:
    """E.g. "Anteil Alleinerziehende 12,3 % ≥ threshold 10 %"."""
    text = f"{criterion.name} {_with_unit(_de(value, criterion.decimals), criterion.unit)}"
    if criterion.threshold is None or met is None:
        return text
    passes = {"min": "≥", "max": "≤"}[criterion.threshold_kind]
    fails = {"min": "<", "max": ">"}[criterion.threshold_kind]
    limit = _with_unit(_de(criterion.threshold, criterion.decimals, trim=True), criterion.unit)
    return Message(
        gettext_noop("%(value)s %(sign)s threshold %(limit)s"),
        {"value": text, "sign": passes if met else fails, "limit": limit},
    )


def _criterion_text(
    criterion: Criterion, value: float, met: bool | None, z: float, contribution: float
) -> Message:
    if np.isnan(value):
        if criterion.threshold is not None:
            msgid = gettext_noop(
                "%(criterion)s: value missing – threshold cannot be checked; contribution 0 "
                "(counted as average)"
            )
        else:
            msgid = gettext_noop(
                "%(criterion)s: value missing; contribution 0 (counted as average)"
            )
        return Message(msgid, {"criterion": criterion.name})
    factors = {"z": _de(z, 2, signed=True), "weight": _de(criterion.weight, 2, trim=True)}
    reversed_ = criterion.direction < 0
    weighted = criterion.weight != 1
    if reversed_ and weighted:
        how: Message | str = Message(
            gettext_noop("z = %(z)s, reversed (higher = less need), weight %(weight)s"), factors
        )
    elif reversed_:
        how = Message(gettext_noop("z = %(z)s, reversed (higher = less need)"), factors)
    elif weighted:
        how = Message(gettext_noop("z = %(z)s, weight %(weight)s"), factors)
    else:
        how = f"z = {factors['z']}"
    params = {
        "value": _value_text(criterion, value, met),
        "contribution": _de(contribution, 2, signed=True),
        "factors": how,
    }
    if met is False:
        msgid = gettext_noop(
            "%(value)s – threshold not reached; contribution %(contribution)s (%(factors)s)"
        )
    else:
        msgid = gettext_noop("%(value)s; contribution %(contribution)s (%(factors)s)")
    return Message(msgid, params)


def _semicolons(items: Sequence[Message]) -> Message:
    """Items separated by semicolons, e.g. the reasons an area is not eligible."""
    result = items[-1]
    for item in reversed(items[:-1]):
        # Translators: joins the first of several reasons with the rest.
        result = Message(gettext_noop("%(first)s; %(rest)s"), {"first": item, "rest": result})
    return result


def _with_unit(number: str, unit: str) -> str:
    return f"{number} {unit}" if unit else number


def _de(number: float, digits: int, *, signed: bool = False, trim: bool = False) -> str:
    """German number format: decimal comma, thousands dot, true minus sign."""
    text = f"{number:{'+' if signed else ''},.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    if signed and text[1:].strip("0,.") == "":
        text = text[1:]  # "0,00", not "+0,00" or "−0,00"
    return text.replace("-", "−")


def _known(cls: type, data: Mapping[str, Any]) -> dict[str, Any]:
    """The dict's entries, refusing unknown keys so that a typo in stored JSON shows."""
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(
            Message(
                gettext_noop("Unknown entries for %(kind)s: %(names)s."),
                {"kind": cls.__name__, "names": ", ".join(unknown)},
            )
        )
    return dict(data)


def _plain(value: Any) -> Any:
    """numpy scalars as Python values, so the dict is JSON-serialisable."""
    return value.item() if isinstance(value, np.generic) else value
