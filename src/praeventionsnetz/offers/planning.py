"""Writes of coverage planning: the planner's thresholds per life phase."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from praeventionsnetz.areas.models import Area
from praeventionsnetz.offers.models import CoverageThreshold


@transaction.atomic
def thresholds_set(*, city: Area, values: Mapping[str, Decimal], by: Any) -> int:
    """Store the thresholds that changed; returns how many changed."""
    current = {t.phase: t for t in CoverageThreshold.objects.select_for_update().filter(city=city)}
    changed = 0
    for phase, value in values.items():
        threshold = current.get(phase) or CoverageThreshold(city=city, phase=phase)
        if threshold.pk and threshold.per_1000 == value:
            continue
        threshold.per_1000 = value
        threshold._history_user = by
        threshold.save()
        changed += 1
    return changed
