"""Writes of the monitoring analyses: district type assignments and model-area selections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from django.db import transaction
from django.utils.translation import gettext as _

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring import selection
from praeventionsnetz.monitoring.models import AreaType, AreaTypeAssignment, Indicator, SelectionRun
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


def selection_frame(areas: Sequence[Area], period: str, keys: Sequence[str]) -> pd.DataFrame:
    """Criteria values per area (by code) plus each area's district type code."""
    frame = monitoring.observations_frame(areas, period, keys).reindex([a.code for a in areas])
    types = dict(
        AreaTypeAssignment.objects.filter(area__in=areas).values_list(
            "area__code", "area_type__code"
        )
    )
    frame["type"] = [types.get(a.code) for a in areas]
    return frame


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
    by: Any = None,
) -> SelectionRun:
    """Rank the areas by the criteria, select `number` of them and store the run with its
    inputs, so that it can be reproduced and explained later.

    Reasons, explanation lines and notes are stored as messages (msgid and parameters, see
    `messages.message_data`), so that `selection_ranking` shows them in the reader's
    language."""
    indicators = {i.key: i for i in Indicator.objects.filter(key__in=[c.key for c in criteria])}
    labelled = [
        selection.Criterion(
            **{**c.to_dict(), "label": indicators[c.key].name, "unit": indicators[c.key].unit}
        )
        for c in criteria
    ]
    frame = selection_frame(areas, period, [c.key for c in criteria])
    try:
        result = selection.select_model_areas(frame, labelled, constraints, number)
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
            "explanation": [stored_text(line) for line in row.get("explanation", [])],
        }
        for row in run.result.get("ranking", [])
    ]


def selection_rerun(run: SelectionRun) -> list[str]:
    """The codes a stored run selects when computed again from its stored inputs."""
    frame = pd.DataFrame.from_dict(run.result["inputs"], orient="index")
    criteria = [selection.Criterion.from_dict(c) for c in run.criteria]
    constraints = selection.Constraints.from_dict(run.constraints)
    result = selection.select_model_areas(frame, criteria, constraints, run.number)
    return [str(code) for code in result.selected]
