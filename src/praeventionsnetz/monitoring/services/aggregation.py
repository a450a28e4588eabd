"""Writing aggregated observations for the levels above an imported level."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from praeventionsnetz.areas.models import Area
from praeventionsnetz.monitoring.aggregation import aggregate
from praeventionsnetz.monitoring.models import Indicator, IndicatorKind, Observation


@transaction.atomic
def observations_aggregate(
    *, city: Area, indicator: Indicator, from_level: str, periods: Sequence[str], by: Any = None
) -> int:
    """Aggregate one indicator from `from_level` up to the city, level by level.

    Imported figures of a parent are never overwritten; only aggregated ones are updated.
    Returns the number of observations written.
    """
    if indicator.kind == IndicatorKind.VALUE:
        return 0
    written = 0
    level = from_level
    while True:
        children = Area.objects.current().filter(city=city, level=level)
        parent_of = dict(children.values_list("pk", "parent_id"))
        if not parent_of or all(p is None for p in parent_of.values()):
            return written
        rows = Observation.objects.filter(
            indicator=indicator, area__in=parent_of.keys(), period__in=periods
        ).values("area", "period", "value", "numerator", "denominator")
        frame = pd.DataFrame.from_records(
            list(rows), columns=["area", "period", "value", "numerator", "denominator"]
        )
        result = aggregate(frame, parent_of, kind=indicator.kind, scale=indicator.scale)
        written += _store(result, indicator, by)
        parents = Area.objects.filter(pk__in=set(parent_of.values()) - {None})
        levels = set(parents.values_list("level", flat=True))
        if len(levels) != 1:
            return written
        level = levels.pop()


def _store(result: pd.DataFrame, indicator: Indicator, by: Any) -> int:
    if result.empty:
        return 0
    existing = {
        (o.area_id, o.period): o
        for o in Observation.objects.select_for_update().filter(
            indicator=indicator, area__in=set(result["area"]), period__in=set(result["period"])
        )
    }
    new, changed = [], []
    for row in result.itertuples(index=False):
        numerator = None if pd.isna(row.numerator) else float(row.numerator)
        denominator = None if pd.isna(row.denominator) else float(row.denominator)
        value = None if pd.isna(row.value) else float(row.value)
        obs = existing.get((row.area, row.period))
        if obs is None:
            new.append(
                Observation(
                    area_id=row.area,
                    indicator=indicator,
                    period=row.period,
                    value=value,
                    numerator=numerator,
                    denominator=denominator,
                    is_aggregated=True,
                )
            )
        elif obs.is_aggregated and (obs.value, obs.numerator, obs.denominator) != (
            value,
            numerator,
            denominator,
        ):
            obs.value, obs.numerator, obs.denominator = value, numerator, denominator
            changed.append(obs)
    if new:
        bulk_create_with_history(
            new, Observation, batch_size=2000, default_user=by, default_change_reason="aggregation"
        )
    if changed:
        bulk_update_with_history(
            changed,
            Observation,
            ["value", "numerator", "denominator"],
            batch_size=2000,
            default_user=by,
            default_change_reason="aggregation",
        )
    return len(new) + len(changed)
