"""Ranking the areas of a selection, with the reasons and explanations per area."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop
from praeventionsnetz.monitoring.selection.spec import (
    REASON_EXCLUDED,
    REASON_FULL,
    REASON_MISSING,
    REASON_NO_TYPE,
    REASON_THRESHOLD,
    REASON_TYPE_TAKEN,
    Constraints,
    Criterion,
    Dimension,
    SelectionResult,
    german_number,
)


def select_model_areas(
    frame: pd.DataFrame,
    criteria: Sequence[Criterion],
    constraints: Constraints | None = None,
    n: int = 1,
    hidden: Collection[tuple[Hashable, str]] = (),
) -> SelectionResult:
    """Rank the areas (rows of `frame`, index = area id) and select up to `n` of them.

    `hidden` holds the (area, criterion key) whose figure pages do not show (a small count,
    or one withheld so that it cannot be worked out). They count in the ranking as they
    are, but no explanation states them: not the value, not its z-score or contribution,
    and not the area's score, from which they could be worked back.
    """
    constraints = constraints or Constraints()
    hidden = set(hidden)
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
            is_hidden = not missing and (area, criterion.key) in hidden
            if met is False:
                failures[area].append(
                    Message(REASON_MISSING, {"criterion": criterion.name})
                    if missing
                    else Message(
                        REASON_THRESHOLD,
                        {"value": _value_text(criterion, value, met, hidden=is_hidden)},
                    )
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
                    "hidden": is_hidden,
                    "text": (
                        _hidden_text(criterion, met)
                        if is_hidden
                        else _criterion_text(criterion, value, met, z_value, part)
                    ),
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
    ranking["score_hidden"] = [any((a, c.key) in hidden for c in criteria) for a in order]
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


def _value_text(
    criterion: Criterion, value: float, met: bool | None, *, hidden: bool = False
) -> Message | str:
    """E.g. "Anteil Alleinerziehende 12,3 % ≥ threshold 10 %"; a hidden figure is named,
    never given."""
    if hidden:
        text: Message | str = Message(
            gettext_noop("%(criterion)s (figure not shown)"), {"criterion": criterion.name}
        )
    else:
        shown = _with_unit(german_number(value, criterion.decimals), criterion.unit)
        text = f"{criterion.name} {shown}"
    if criterion.threshold is None or met is None:
        return text
    passes = {"min": "≥", "max": "≤"}[criterion.threshold_kind]
    fails = {"min": "<", "max": ">"}[criterion.threshold_kind]
    limit = _with_unit(
        german_number(criterion.threshold, criterion.decimals, trim=True), criterion.unit
    )
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
    factors = {
        "z": german_number(z, 2, signed=True),
        "weight": german_number(criterion.weight, 2, trim=True),
    }
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
        "contribution": german_number(contribution, 2, signed=True),
        "factors": how,
    }
    if met is False:
        msgid = gettext_noop(
            "%(value)s – threshold not reached; contribution %(contribution)s (%(factors)s)"
        )
    else:
        msgid = gettext_noop("%(value)s; contribution %(contribution)s (%(factors)s)")
    return Message(msgid, params)


def _hidden_text(criterion: Criterion, met: bool | None) -> Message:
    params = {"value": _value_text(criterion, 0.0, met, hidden=True)}
    if met is False:
        msgid = gettext_noop(
            "%(value)s – threshold not reached; it counts in the score, which is therefore "
            "not shown either (a small number)"
        )
    else:
        msgid = gettext_noop(
            "%(value)s; it counts in the score, which is therefore not shown either "
            "(a small number)"
        )
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
