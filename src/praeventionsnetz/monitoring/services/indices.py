"""Composite indices in the database: definitions from JSON, results per area and period."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring import indices
from praeventionsnetz.monitoring.models import CompositeIndex, IndexResult
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.services.messages import error_text


def composite_index_save(
    *, raw: dict[str, Any], source: str = "", is_demo: bool = False, by: Any = None
) -> CompositeIndex:
    """Store a definition (validated by the engine's parser) under its key."""
    try:
        parsed = indices.parse_definitions(raw)
    except indices.DefinitionError as exc:
        raise DomainError(error_text(exc)) from exc
    index = CompositeIndex.objects.filter(key=parsed.key).first() or CompositeIndex(key=parsed.key)
    changed = (
        index.pk is None
        or index.definition != raw
        or index.name != parsed.label
        or index.is_demo != is_demo
    )
    if changed:
        index.name = parsed.label or parsed.key
        index.description = raw.get("description", "")
        index.definition = raw
        index.source = source
        index.is_demo = is_demo
        if by is not None:
            index._history_user = by
        index.save()
    return index


def composite_index_load(path: Path, **kwargs: Any) -> CompositeIndex:
    return composite_index_save(raw=json.loads(path.read_text(encoding="utf-8")), **kwargs)


def definitions_of(index: CompositeIndex) -> indices.DefinitionSet:
    return indices.parse_definitions(index.definition)


def index_input(index: CompositeIndex, areas: list[Area], period: str):
    definitions = definitions_of(index)
    frame = monitoring.observations_frame(areas, period, definitions.required_columns)
    return definitions, frame


@transaction.atomic
def index_compute(*, index: CompositeIndex, areas: list[Area], period: str, by: Any = None) -> int:
    """Compute all parts of an index for areas and a period and store the results."""
    definitions, frame = index_input(index, areas, period)
    if frame.empty:
        raise DomainError(
            _("There are no values of the indicators for %(period)s.") % {"period": period}
        )
    missing = frame.columns[frame.isna().all()].tolist()
    if missing:
        raise DomainError(_("Values are missing for: %(keys)s.") % {"keys": ", ".join(missing)})
    try:
        result = indices.compute(definitions, frame)
    except (indices.InputDataError, ValueError) as exc:
        raise DomainError(error_text(exc)) from exc
    by_code = {a.code: a for a in areas}
    existing = {
        (r.part, r.area_id): r
        for r in IndexResult.objects.select_for_update().filter(
            index=index, period=period, area__in=areas
        )
    }
    new, changed = [], []
    for row in result.itertuples(index=False):
        area = by_code[row.id]
        label = "" if row[3] is None or str(row[3]) == "nan" else str(row[3])
        value, rank = float(row.value), int(row.rank)
        old = existing.pop((row.index, area.pk), None)
        if old is None:
            new.append(
                IndexResult(
                    index=index,
                    part=row.index,
                    area=area,
                    period=period,
                    value=value,
                    class_label=label,
                    rank=rank,
                )
            )
        elif (old.value, old.class_label, old.rank) != (value, label, rank):
            old.value, old.class_label, old.rank = value, label, rank
            changed.append(old)
    if existing:  # areas no longer included (e.g. fewer residents now)
        IndexResult.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()
    if new:
        bulk_create_with_history(new, IndexResult, batch_size=2000, default_user=by)
    if changed:
        bulk_update_with_history(
            changed, IndexResult, ["value", "class_label", "rank"], batch_size=2000, default_user=by
        )
    return len(new) + len(changed)
