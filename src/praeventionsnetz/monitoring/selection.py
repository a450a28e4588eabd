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
one sentence ("1,2 Standardabweichungen über dem Durchschnitt"). The reference is every
area in the frame, so excluding an area does not change the others' scores. An indicator
with the same value everywhere contributes 0; a missing value contributes 0 (it counts as
average) and makes the area ineligible only when that criterion has a threshold.

The total score is the sum of the contributions (rounded to 12 decimals so that equal
scores reached by different sums tie). Areas are ranked by score, ties broken by the area
id, and then picked greedily in rank order: excluded and ineligible areas are skipped, and
with `one_per_type` an area whose type is already represented is skipped, so the best area
of each type is taken. Everything is deterministic; criteria and constraints round-trip
through plain dicts (JSON), so a stored run can be repeated exactly.

No Django here (an import-linter contract forbids it): these are pure functions.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Literal

import numpy as np
import pandas as pd

SPEC_VERSION = 1
ThresholdKind = Literal["min", "max"]


class Dimension(StrEnum):
    SOCIAL_STRUCTURE = "social_structure"
    INFRASTRUCTURE = "infrastructure"
    NEED_SERVICE = "need_service"
    SOCIAL_SPACE = "social_space"

    @property
    def label(self) -> str:
        return DIMENSION_LABELS[self]


DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.SOCIAL_STRUCTURE: "Sozialstruktur",
    Dimension.INFRASTRUCTURE: "Infrastruktur",
    Dimension.NEED_SERVICE: "Bedarfe und Angebote",
    Dimension.SOCIAL_SPACE: "Sozialraum",
}

# Reasons in the result; the UI may filter on their beginnings.
REASON_EXCLUDED = "ausgeschlossen"
REASON_THRESHOLD = "Schwelle nicht erreicht"
REASON_MISSING = "Wert fehlt"
REASON_NO_TYPE = "kein Typ zugeordnet"
REASON_TYPE_TAKEN = "Typ {type} bereits vertreten durch {area}"
REASON_FULL = "Auswahl bereits vollständig ({n} Gebiete mit höherer Punktzahl)"


@dataclass(frozen=True)
class Criterion:
    """One indicator with its dimension, weight, direction and optional threshold.

    `label`, `unit` and `decimals` only shape the German explanations; `label` defaults to
    the key.
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
            raise ValueError("Ein Kriterium braucht einen Indikator.")
        if self.direction not in (1, -1):
            raise ValueError(f"Richtung von „{self.key}“ muss +1 oder −1 sein.")
        if not (math.isfinite(self.weight) and self.weight >= 0):
            raise ValueError(f"Gewicht von „{self.key}“ muss eine Zahl ≥ 0 sein.")
        if self.threshold is not None and not math.isfinite(self.threshold):
            raise ValueError(f"Schwelle von „{self.key}“ muss eine Zahl sein.")
        if self.threshold_kind not in ("min", "max"):
            raise ValueError(f"Schwellenart von „{self.key}“ muss min oder max sein.")

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
            raise ValueError(f"Unbekannte Version {version} der gespeicherten Auswahl.")
        return cls(
            criteria=tuple(Criterion.from_dict(c) for c in data["criteria"]),
            constraints=Constraints.from_dict(data.get("constraints", {})),
            n=int(data["n"]),
        )


@dataclass(frozen=True)
class SelectionResult:
    """The ranked areas and why each was or was not selected.

    `ranking` (index: area id, in rank order) has the columns rank, score, one score per
    dimension (score_social_structure, …), eligible, selected, reason and, with
    one_per_type, type. `details` has one row per area and criterion: area, criterion,
    label, dimension, value, threshold, threshold_kind, threshold_met (None without a
    threshold), z, weight, direction, contribution and a German text.
    """

    ranking: pd.DataFrame
    details: pd.DataFrame
    selected: tuple[Hashable, ...]
    n: int
    notes: tuple[str, ...] = ()

    def explain(self, area: Hashable) -> list[str]:
        """German lines for one area: the decision, then one line per criterion."""
        row = self.ranking.loc[area]
        head = f"Platz {int(row['rank'])}, Punktzahl {_de(row['score'], 2, signed=True)}: " + (
            "ausgewählt" if row["selected"] else f"nicht ausgewählt – {row['reason']}"
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
    failures: dict[Hashable, list[str]] = {a: [] for a in ids}
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
                    f"{REASON_MISSING}: {criterion.name}"
                    if missing
                    else f"{REASON_THRESHOLD}: {_value_text(criterion, value, met)}"
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
    reasons: dict[Hashable, str] = {}
    eligible: dict[Hashable, bool] = {}
    for area in order:
        if area in excluded:
            reasons[area], eligible[area] = REASON_EXCLUDED, False
        elif failures[area]:
            reasons[area], eligible[area] = "; ".join(failures[area]), False
        elif types is not None and pd.isna(type_of[area]):
            reasons[area], eligible[area] = REASON_NO_TYPE, False
        else:
            eligible[area] = True
            kind = type_of.get(area)
            if kind is not None and kind in holder:
                reasons[area] = REASON_TYPE_TAKEN.format(type=kind, area=holder[kind])
            elif len(selected) >= n:
                reasons[area] = REASON_FULL.format(n=n)
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

    notes: list[str] = []
    if len(selected) < n:
        notes.append(f"Nur {len(selected)} von {n} gewünschten Gebieten erfüllen alle Bedingungen.")
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
        raise ValueError("Es ist kein Kriterium angegeben.")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError("Es muss mindestens ein Gebiet ausgewählt werden.")
    if not frame.index.is_unique:
        raise ValueError("Jedes Gebiet darf nur einmal in den Daten stehen.")
    keys = [c.key for c in criteria]
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    if doubled:
        raise ValueError(
            f"Indikator mehrfach als Kriterium: {', '.join(doubled)}; bitte stattdessen das "
            "Gewicht erhöhen."
        )
    absent = [k for k in keys if k not in frame.columns]
    if absent:
        raise ValueError(f"Indikatoren fehlen in den Daten: {', '.join(absent)}.")
    non_numeric = [k for k in keys if not pd.api.types.is_numeric_dtype(frame[k])]
    if non_numeric:
        raise ValueError(f"Indikatoren sind nicht numerisch: {', '.join(non_numeric)}.")
    if constraints.one_per_type and constraints.type_column not in frame.columns:
        raise ValueError(f"Die Typ-Spalte „{constraints.type_column}“ fehlt in den Daten.")
    unknown = [str(a) for a in constraints.exclude if a not in frame.index]
    if unknown:
        raise ValueError(f"Ausgeschlossene Gebiete fehlen in den Daten: {', '.join(unknown)}.")


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


def _value_text(criterion: Criterion, value: float, met: bool | None) -> str:
    """E.g. "Anteil Alleinerziehende 12,3 % ≥ Schwelle 10 %"."""
    text = f"{criterion.name} {_with_unit(_de(value, criterion.decimals), criterion.unit)}"
    if criterion.threshold is None or met is None:
        return text
    passes = {"min": "≥", "max": "≤"}[criterion.threshold_kind]
    fails = {"min": "<", "max": ">"}[criterion.threshold_kind]
    limit = _with_unit(_de(criterion.threshold, criterion.decimals, trim=True), criterion.unit)
    return f"{text} {passes if met else fails} Schwelle {limit}"


def _criterion_text(
    criterion: Criterion, value: float, met: bool | None, z: float, contribution: float
) -> str:
    if np.isnan(value):
        text = f"{criterion.name}: {REASON_MISSING}"
        if criterion.threshold is not None:
            text += " – Schwelle nicht prüfbar"
        return text + "; Beitrag 0 (als Durchschnitt gewertet)"
    text = _value_text(criterion, value, met)
    if met is False:
        text += f" – {REASON_THRESHOLD}"
    factors = [f"z = {_de(z, 2, signed=True)}"]
    if criterion.direction < 0:
        factors.append("umgekehrt (höher = weniger Bedarf)")
    if criterion.weight != 1:
        factors.append(f"Gewicht {_de(criterion.weight, 2, trim=True)}")
    return f"{text}; Beitrag {_de(contribution, 2, signed=True)} ({', '.join(factors)})"


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
        raise ValueError(f"Unbekannte Angaben für {cls.__name__}: {', '.join(unknown)}.")
    return dict(data)


def _plain(value: Any) -> Any:
    """numpy scalars as Python values, so the dict is JSON-serialisable."""
    return value.item() if isinstance(value, np.generic) else value
