"""Writes of the monitoring analyses: district type assignments and model-area selections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils.translation import gettext as _

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring import selection
from praeventionsnetz.monitoring.models import (
    AreaType,
    AreaTypeAssignment,
    CompositeIndex,
    IndexResult,
    Indicator,
    IndicatorKind,
    SelectionRun,
)
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.services.messages import error_text, message_data, stored_text


@transaction.atomic
def area_type_assign(
    *,
    area: Area,
    area_type: AreaType,
    ratings_n: int,
    ratings_mean: float | None,
    expert_description: str = "",
    is_demo: bool = False,
    by: Any = None,
) -> AreaTypeAssignment:
    """Assign an area to a district type with the experts' agreement ratings."""
    if area_type.city_id != (area.city_id or area.pk):
        raise DomainError(_("The district type belongs to another city."))
    if ratings_mean is not None and ratings_n < 1:
        raise DomainError(_("A mean needs at least one rating."))
    assignment = AreaTypeAssignment.objects.select_for_update().filter(area=area).first()
    assignment = assignment or AreaTypeAssignment(area=area)
    assignment.area_type = area_type
    assignment.ratings_n = ratings_n
    assignment.ratings_mean = ratings_mean
    assignment.expert_description = expert_description
    assignment.is_demo = is_demo
    if by is not None:
        assignment._history_user = by
    assignment.save()
    return assignment


@transaction.atomic
def area_type_of(*, city: Area, code: str, name: str = "", by: Any = None) -> AreaType:
    """The city's district type with this code; created with `name` when it is new."""
    area_type = AreaType.objects.select_for_update().filter(city=city, code=code).first()
    if area_type is not None:
        return area_type
    if not name:
        raise DomainError(_("A new type needs a name."))
    area_type = AreaType(city=city, code=code, name=name)
    if by is not None:
        area_type._history_user = by
    area_type.save()
    return area_type


INDEX_PREFIX = "index:"


def index_criterion_key(index_key: str, part: str) -> str:
    """The criterion key of a composite index part, e.g. "index:dresden_prekarisierung_demo:…"."""
    return f"{INDEX_PREFIX}{index_key}:{part}"


def index_criteria_of(areas: Sequence[Area]) -> list[tuple[str, str]]:
    """(criterion key, label) of every composite index part with results for these areas."""
    from praeventionsnetz.monitoring import indices

    found = set(
        IndexResult.objects.filter(area__in=areas)
        .order_by()
        .values_list("index_id", "part")
        .distinct()
    )
    choices = []
    for index in CompositeIndex.objects.filter(pk__in={i for i, _p in found}).order_by("key"):
        try:
            labels = {s.key: s.label for s in indices.parse_definitions(index.definition).indices}
        except indices.DefinitionError:
            labels = {}
        for part in sorted(p for i, p in found if i == index.pk):
            label = labels.get(part, "")
            name = index.name if label in ("", index.name) else f"{index.name}: {label}"
            choices.append((index_criterion_key(index.key, part), name))
    return choices


def index_period(areas: Sequence[Area], key: str, period: str) -> str | None:
    """The period of an index part used for a run of `period`: the same, else the latest
    before it, else the earliest after it (an index is computed less often than figures)."""
    index_key, part = key.removeprefix(INDEX_PREFIX).rsplit(":", 1)
    periods = sorted(
        IndexResult.objects.filter(index__key=index_key, part=part, area__in=areas)
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    if not periods:
        return None
    if period in periods:
        return period
    before = [p for p in periods if p < period]
    return before[-1] if before else periods[0]


def selection_frame(areas: Sequence[Area], period: str, keys: Sequence[str]) -> pd.DataFrame:
    """Criteria values per area (by code) plus each area's district type code.

    Indicators are read at `period`; a composite index (key "index:<index>:<part>") at the
    period `index_period` gives."""
    indicator_keys = [k for k in keys if not k.startswith(INDEX_PREFIX)]
    codes = [a.code for a in areas]
    frame = monitoring.observations_frame(areas, period, indicator_keys).reindex(codes)
    for key in keys:
        if not key.startswith(INDEX_PREFIX):
            continue
        index_key, part = key.removeprefix(INDEX_PREFIX).rsplit(":", 1)
        used = index_period(areas, key, period)
        values = dict(
            IndexResult.objects.filter(
                index__key=index_key, part=part, period=used, area__in=areas
            ).values_list("area__code", "value")
        )
        frame[key] = [values.get(code) for code in codes]
        frame[key] = frame[key].astype(float)
    frame = frame.reindex(columns=list(keys))
    types = dict(
        AreaTypeAssignment.objects.filter(area__in=areas).values_list(
            "area__code", "area_type__code"
        )
    )
    frame["type"] = [types.get(a.code) for a in areas]
    return frame


def hidden_figures(areas: Sequence[Area], period: str, frame: pd.DataFrame) -> set[tuple[str, str]]:
    """(area code, indicator key) of the figures in `frame` that pages do not show."""
    keys = [k for k in frame.columns if not k.startswith(INDEX_PREFIX) and k != "type"]
    shown = monitoring.shown_frame(areas, period, keys).reindex(index=frame.index, columns=keys)
    hidden = (frame[keys].notna() & shown.isna()).to_numpy()
    rows, columns = np.nonzero(hidden)
    return {(str(frame.index[r]), keys[c]) for r, c in zip(rows, columns, strict=True)}


def criteria_labelled(
    criteria: Sequence[selection.Criterion], areas: Sequence[Area], period: str
) -> list[selection.Criterion]:
    """The criteria with the catalogue's names and units, so that a stored run shows names,
    never keys; an index criterion names its index and the period of its results."""
    indicators = {i.key: i for i in Indicator.objects.filter(key__in=[c.key for c in criteria])}
    index_labels = dict(index_criteria_of(areas))
    labelled = []
    for c in criteria:
        if c.key.startswith(INDEX_PREFIX):
            used = index_period(areas, c.key, period) or period
            name = index_labels.get(c.key, c.key.removeprefix(INDEX_PREFIX))
            extra = {"label": f"{name} ({used})", "unit": "", "decimals": 2}
        else:
            indicator = indicators[c.key]
            extra = {
                "label": indicator.name,
                "unit": indicator.unit,
                # Counts as whole numbers ("120 Fälle", not "120,0 Fälle").
                "decimals": 0 if indicator.kind == IndicatorKind.COUNT else 1,
            }
        labelled.append(selection.Criterion(**{**c.to_dict(), **extra}))
    return labelled


@transaction.atomic
def selection_run_create(
    *,
    city: Area,
    level: str,
    period: str,
    name: str,
    criteria: Sequence[selection.Criterion],
    constraints: selection.Constraints,
    number: int,
    areas: Sequence[Area],
    description: str = "",
    by: Any = None,
) -> SelectionRun:
    """Rank the areas by the criteria, select `number` of them and store the run with its
    inputs, so that it can be reproduced and explained later.

    Reasons, explanation lines and notes are stored as messages (msgid and parameters, see
    `messages.message_data`), so that `selection_ranking` shows them in the reader's
    language."""
    labelled = criteria_labelled(criteria, areas, period)
    frame = selection_frame(areas, period, [c.key for c in criteria])
    try:
        result = selection.select_model_areas(
            frame, labelled, constraints, number, hidden=hidden_figures(areas, period, frame)
        )
    except ValueError as exc:
        raise DomainError(error_text(exc)) from exc
    names = {a.code: a.name for a in areas}
    ranking = [
        {
            "code": str(code),
            "name": names.get(str(code), str(code)),
            "rank": int(row["rank"]),
            "score": float(row["score"]),
            "selected": bool(row["selected"]),
            "score_hidden": bool(row["score_hidden"]),
            "eligible": bool(row["eligible"]),
            "reason": message_data(row["reason"] or ""),
            "explanation": [message_data(line) for line in result.explain(code)],
        }
        for code, row in result.ranking.iterrows()
    ]
    inputs = {
        str(code): {k: (None if pd.isna(v) else v) for k, v in row.items()}
        for code, row in frame.iterrows()
    }
    run = SelectionRun(
        city=city,
        level=level,
        period=period,
        name=name,
        description=description,
        criteria=[c.to_dict() for c in labelled],
        constraints=constraints.to_dict(),
        number=number,
        result={
            "ranking": ranking,
            "notes": [message_data(note) for note in result.notes],
            "inputs": inputs,
        },
        created_by=by,
    )
    if by is not None:
        run._history_user = by
    run.save()
    return run


def selection_ranking(run: SelectionRun) -> list[dict[str, Any]]:
    """The stored ranking with reasons and explanations in the active language.

    Runs stored before explanations became messages hold German text; it is shown as is.
    """
    return [
        {
            **row,
            "reason": stored_text(row.get("reason", "")),
            "has_no_type": isinstance(row.get("reason"), dict)
            and row["reason"].get("msgid") == selection.REASON_NO_TYPE,
            "explanation": [stored_text(line) for line in row.get("explanation", [])],
        }
        for row in run.result.get("ranking", [])
    ]


def selection_notes(run: SelectionRun) -> list[str]:
    """The stored notes of a run (e.g. fewer areas than requested) in the active language."""
    return [stored_text(note) for note in run.result.get("notes", [])]


def selection_rerun(run: SelectionRun) -> list[str]:
    """The codes a stored run selects when computed again from its stored inputs."""
    frame = pd.DataFrame.from_dict(run.result["inputs"], orient="index")
    criteria = [selection.Criterion.from_dict(c) for c in run.criteria]
    constraints = selection.Constraints.from_dict(run.constraints)
    result = selection.select_model_areas(frame, criteria, constraints, run.number)
    return [str(code) for code in result.selected]
