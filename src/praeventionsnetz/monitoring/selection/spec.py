"""What a model-area selection is made of: criteria, constraints, the spec and the result."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
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
    EDUCATION = "education"

    @property
    def label(self) -> Message:
        return Message(DIMENSION_LABELS[self])


DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.SOCIAL_STRUCTURE: gettext_noop("Social structure"),
    Dimension.INFRASTRUCTURE: gettext_noop("Infrastructure"),
    Dimension.NEED_SERVICE: gettext_noop("Needs and offers"),
    Dimension.SOCIAL_SPACE: gettext_noop("Social space"),
    Dimension.EDUCATION: gettext_noop("Education"),
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
        # Imported here: the ranking module builds on the data classes of this one.
        from praeventionsnetz.monitoring.selection.ranking import select_model_areas

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
    selected), score_hidden (the score rests on a hidden figure and is not shown) and, with
    one_per_type, type. `details` has one row per area and criterion: area, criterion, label,
    dimension, value, threshold, threshold_kind, threshold_met (None without a threshold), z,
    weight, direction, contribution, hidden and text (a Message).
    """

    ranking: pd.DataFrame
    details: pd.DataFrame
    selected: tuple[Hashable, ...]
    n: int
    notes: tuple[Message, ...] = ()

    def explain(self, area: Hashable) -> list[Message | str]:
        """Lines for one area: the decision, then one line per criterion."""
        row = self.ranking.loc[area]
        params = {"rank": int(row["rank"]), "score": german_number(row["score"], 2, signed=True)}
        if row.get("score_hidden", False):
            # A score over a hidden figure would give it back (see select_model_areas).
            del params["score"]
            if row["selected"]:
                head = Message(gettext_noop("Rank %(rank)s: selected"), params)
            else:
                head = Message(
                    gettext_noop("Rank %(rank)s: not selected – %(reason)s"),
                    {**params, "reason": row["reason"]},
                )
        elif row["selected"]:
            head = Message(gettext_noop("Rank %(rank)s, score %(score)s: selected"), params)
        else:
            head = Message(
                gettext_noop("Rank %(rank)s, score %(score)s: not selected – %(reason)s"),
                {**params, "reason": row["reason"]},
            )
        lines = self.details.loc[self.details["area"] == area, "text"].tolist()
        return [head, *lines]


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


def german_number(number: float, digits: int, *, signed: bool = False, trim: bool = False) -> str:
    """German number format: decimal comma, thousands dot, true minus sign."""
    text = f"{number:{'+' if signed else ''},.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    if signed and text[1:].strip("0,.") == "":
        text = text[1:]  # "0,00", not "+0,00" or "−0,00"
    return text.replace("-", "−")
