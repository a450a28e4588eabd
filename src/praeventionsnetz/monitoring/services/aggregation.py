"""Writing aggregated observations for the levels above an imported level.

Each coarser level is summed straight from the imported level along the memberships
toward that level (`areas.selectors.Hierarchy.toward`), so a Stadtbezirk is summed from
its own Stadtteile, not through a Stadtraum that crosses its border. Only complete parents
get a total; an aggregated figure of a parent that is no longer complete (e.g. after an
import was undone) is removed. Imported figures of a parent are never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from praeventionsnetz.areas.models import LEVEL_ORDER, Area
from praeventionsnetz.areas.selectors import hierarchy_of
from praeventionsnetz.monitoring.aggregation import COLUMNS, aggregate
from praeventionsnetz.monitoring.models import Indicator, IndicatorKind, Observation


@transaction.atomic
def observations_aggregate(
    *, city: Area, indicator: Indicator, from_level: str, periods: Sequence[str], by: Any = None
) -> int:
    """Aggregate one indicator from `from_level` to every coarser level of the city.

    Returns the number of observations written or removed.
    """
    if indicator.kind == IndicatorKind.VALUE or not periods:
        return 0
    hierarchy = hierarchy_of(city)
    children = [pk for pk, level in hierarchy.levels.items() if level == from_level]
    required = set(
        Area.objects.filter(pk__in=children, has_residents=True).values_list("pk", flat=True)
    )
    rows = Observation.objects.filter(
        indicator=indicator, area__in=children, period__in=periods
    ).values(*COLUMNS)
    frame = pd.DataFrame.from_records(list(rows), columns=COLUMNS)
    coarser = sorted(
        {lvl for lvl in hierarchy.levels.values() if LEVEL_ORDER[lvl] < LEVEL_ORDER[from_level]},
        key=LEVEL_ORDER.__getitem__,
    )
    written = 0
    for level in coarser:
        links = {child: hierarchy.toward(child, level) for child in children}
        result = aggregate(
            frame, links, kind=indicator.kind, scale=indicator.scale, required=required
        )
        parents = [pk for pk, lvl in hierarchy.levels.items() if lvl == level]
        written += _store(result, indicator, by, parents=parents, periods=periods)
    return written


def _store(
    result: pd.DataFrame,
    indicator: Indicator,
    by: Any,
    *,
    parents: Sequence[int],
    periods: Sequence[str],
) -> int:
    existing = {
        (o.area_id, o.period): o
        for o in Observation.objects.select_for_update().filter(
            indicator=indicator, area__in=parents, period__in=periods
        )
    }
    new, changed, kept = [], [], set()
    fields = ("value", "numerator", "denominator", "is_estimated")
    for row in result.itertuples(index=False):
        kept.add((row.area, row.period))
        numbers = (
            None if pd.isna(row.value) else float(row.value),
            None if pd.isna(row.numerator) else float(row.numerator),
            None if pd.isna(row.denominator) else float(row.denominator),
            bool(row.is_estimated),
        )
        obs = existing.get((row.area, row.period))
        if obs is None:
            new.append(
                Observation(
                    area_id=row.area,
                    indicator=indicator,
                    period=row.period,
                    is_aggregated=True,
                    **dict(zip(fields, numbers, strict=True)),
                )
            )
        elif obs.is_aggregated and tuple(getattr(obs, f) for f in fields) != numbers:
            for name, number in zip(fields, numbers, strict=True):
                setattr(obs, name, number)
            changed.append(obs)
    stale = [o for key, o in existing.items() if o.is_aggregated and key not in kept]
    if new:
        bulk_create_with_history(
            new, Observation, batch_size=2000, default_user=by, default_change_reason="aggregation"
        )
    if changed:
        bulk_update_with_history(
            changed,
            Observation,
            list(fields),
            batch_size=2000,
            default_user=by,
            default_change_reason="aggregation",
        )
    for obs in stale:
        # No longer complete: the total is withdrawn (one history row each).
        obs._change_reason = "aggregation incomplete"
        if by is not None:
            obs._history_user = by
        obs.delete()
    return len(new) + len(changed) + len(stale)
