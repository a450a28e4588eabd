"""Undoing an import as a whole.

An import batch is undone in one transaction: the observations it created are deleted,
the ones it changed get back the values they had before (from their history), and the
aggregates above are computed again, so totals that are no longer complete disappear.
Observations a later import has changed since belong to that import and stay. The batch
itself stays on record, marked as undone with who and when; every observation change is
in the audit trail with the reason "import undone".
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring.models import ImportBatch, Observation
from praeventionsnetz.monitoring.services.aggregation import observations_aggregate

RESTORED = ("value", "numerator", "denominator", "batch_id", "is_aggregated", "is_estimated")
REASON = "import undone"


@transaction.atomic
def import_batch_undo(*, batch: ImportBatch, by: Any = None) -> ImportBatch:
    """Take back everything an import wrote and recompute the totals above it."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.undone_at is not None:
        raise DomainError(_("This import has already been undone."))
    observations = list(
        Observation.objects.select_for_update(of=("self",))
        .filter(batch=batch)
        .select_related("area", "indicator", "area__city")
    )
    before = _values_before(batch, [o.pk for o in observations])
    restored, deleted = [], []
    touched: dict[tuple[int, str, int], set[str]] = defaultdict(set)
    for obs in observations:
        city = obs.area.city or obs.area
        touched[(city.pk, obs.area.level, obs.indicator_id)].add(obs.period)
        previous = before.get(obs.pk)
        if previous is None:
            deleted.append(obs)
            continue
        for name in RESTORED:
            setattr(obs, name, getattr(previous, name))
        restored.append(obs)
    if restored:
        bulk_update_with_history(
            restored,
            Observation,
            [name.removesuffix("_id") for name in RESTORED],
            batch_size=2000,
            default_user=by,
            default_change_reason=REASON,
        )
    for obs in deleted:
        obs._change_reason = REASON
        if by is not None:
            obs._history_user = by
        obs.delete()
    cities = {o.area.city_id or o.area_id: (o.area.city or o.area) for o in observations}
    indicators = {o.indicator_id: o.indicator for o in observations}
    for (city_pk, level, indicator_pk), periods in sorted(touched.items()):
        observations_aggregate(
            city=cities[city_pk],
            indicator=indicators[indicator_pk],
            from_level=level,
            periods=sorted(periods),
            by=by,
        )
    batch.undone_at = timezone.now()
    batch.undone_by = by if by is not None and by.is_authenticated else None
    batch._change_reason = REASON
    if by is not None:
        batch._history_user = by
    batch.save(update_fields=["undone_at", "undone_by"])
    return batch


def _values_before(batch: ImportBatch, pks: list[int]) -> dict[int, Any]:
    """Per observation, its history record just before this batch first wrote it.

    None (left out) when the batch created it.
    """
    records: dict[int, list[Any]] = defaultdict(list)
    for record in Observation.history.filter(id__in=pks).order_by(
        "id", "history_date", "history_id"
    ):
        records[record.id].append(record)
    before = {}
    for pk, history in records.items():
        first = next((i for i, r in enumerate(history) if r.batch_id == batch.pk), None)
        if first:  # not None and not 0: there is a record before the batch's first
            previous = history[first - 1]
            if previous.history_type != "-":
                before[pk] = previous
    return before
