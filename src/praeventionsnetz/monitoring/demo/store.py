"""Writing the demo's indicators and figures: unchanged rows stay, the rest is upserted."""

from __future__ import annotations

from collections.abc import Iterable

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from praeventionsnetz.monitoring.demo.catalogue import Spec
from praeventionsnetz.monitoring.models import Indicator, Observation


def indicators_ensure(specs: Iterable[Spec]) -> dict[str, Indicator]:
    found = {}
    for spec in specs:
        fields = {k: v for k, v in spec.__dict__.items() if k != "key"}
        indicator, created = Indicator.objects.get_or_create(key=spec.key, defaults=fields)
        if not created and any(getattr(indicator, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(indicator, k, v)
            indicator._change_reason = "demo"
            indicator.save()
        found[spec.key] = indicator
    return found


Figures = dict[tuple[int, str], tuple[float | None, float | None, float | None]]


def observations_upsert(indicator: Indicator, figures: Figures) -> int:
    """Store {(area_pk, period): (value, numerator, denominator)}; unchanged ones stay."""
    existing = {
        (o.area_id, o.period): o
        for o in Observation.objects.filter(indicator=indicator, area__in={a for a, _ in figures})
    }
    new, changed = [], []
    for (area_pk, period), (value, numerator, denominator) in figures.items():
        obs = existing.get((area_pk, period))
        if obs is None:
            new.append(
                Observation(
                    area_id=area_pk,
                    indicator=indicator,
                    period=period,
                    value=value,
                    numerator=numerator,
                    denominator=denominator,
                )
            )
        elif (obs.value, obs.numerator, obs.denominator) != (value, numerator, denominator):
            obs.value, obs.numerator, obs.denominator = value, numerator, denominator
            changed.append(obs)
    if new:
        bulk_create_with_history(new, Observation, batch_size=2000, default_change_reason="demo")
    if changed:
        bulk_update_with_history(
            changed,
            Observation,
            ["value", "numerator", "denominator"],
            batch_size=2000,
            default_change_reason="demo",
        )
    return len(new) + len(changed)
