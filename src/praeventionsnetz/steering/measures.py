"""Measures (Maßnahmen/Projekte) from need to evaluation: need → goals → activities →
indicators → evaluation result.

The need points at evidence: the area's M1 indicators and the life phases that are gaps in
the area's prevention chain (M3, the same definition of a gap as the coverage page). A
measure may name the funded action-budget projects (M4) of its own area that carry it out.

Writes run in one transaction, name the acting user in the audit trail and refuse with a
plain-language DomainError; the views only parse and show.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from praeventionsnetz.areas.models import Area
from praeventionsnetz.areas.selectors import areas_below
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Role
from praeventionsnetz.core.suppression import is_small
from praeventionsnetz.funding.models import ActionApplication
from praeventionsnetz.funding.selectors import FUNDED
from praeventionsnetz.monitoring.models import Indicator
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers import chain, coverage
from praeventionsnetz.offers.models import LifePhase
from praeventionsnetz.steering.models import Measure, MeasureIndicator, MeasureStatus

# Free texts of a measure, stripped on saving.
TEXT_FIELDS = ("need", "goals", "target_group", "activities", "evaluation")


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a measure as entered: an existing one (pk) or a new one."""

    name: str
    unit: str = ""
    indicator: Indicator | None = None
    baseline: Decimal | None = None
    target: Decimal | None = None
    current: Decimal | None = None
    pk: int | None = None


# --------------------------------------------------------------------------------------------
# Reads
# --------------------------------------------------------------------------------------------


def measures_list(
    *, area: Area | None = None, status: str = "", life_phase: str = ""
) -> QuerySet[Measure]:
    """Measures for the list and the export, filtered; related rows in a fixed number of
    queries."""
    qs = Measure.objects.select_related("area", "committee").prefetch_related(
        Prefetch("indicators", queryset=MeasureIndicator.objects.select_related("indicator"))
    )
    if area is not None:
        qs = qs.filter(area=area)
    if status:
        qs = qs.filter(status=status)
    if life_phase:
        # JSON "contains" is not available on SQLite: one query for the pks instead.
        keep = [
            pk for pk, phases in qs.values_list("pk", "life_phases") if life_phase in (phases or [])
        ]
        qs = qs.filter(pk__in=keep)
    return qs.order_by("area__name", "-starts_on", "title", "pk")


def measure_get(pk: int) -> Measure:
    return Measure.objects.select_related("area", "committee", "created_by").get(pk=pk)


def measures_of_area(area: Area) -> list[Measure]:
    """The area's measures for its page (one query)."""
    return list(
        Measure.objects.filter(area=area)
        .only("title", "status", "starts_on", "ends_on", "is_demo", "area_id")
        .order_by("-starts_on", "title", "pk")
    )


def editable_area_ids(user) -> set[int] | None:
    """Areas whose measures the user may change; None means every area (planning)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.role == Role.PLANNING:
        return None
    if user.role == Role.COORDINATOR:
        return areas_below(list(user.areas.values_list("pk", flat=True)))
    return set()


def areas_for_new_measure(user) -> QuerySet[Area]:
    """The areas the user may start a measure in."""
    qs = Area.objects.current().select_related("city").order_by("city__name", "level", "code")
    scope = editable_area_ids(user)
    if scope is None:
        return qs
    return qs.filter(pk__in=scope)


def need_indicators_for(area: Area) -> QuerySet[Indicator]:
    """The M1 indicators with figures for the area (the evidence a need can point to)."""
    return Indicator.objects.filter(observations__area=area).distinct().order_by("name_de")


def partners_for(area: Area) -> QuerySet[Organisation]:
    """The organisations of the area's city (M2): the possible partners."""
    city_id = area.city_id or area.pk
    return Organisation.objects.filter(city_id=city_id).order_by("name", "pk")


def gap_phases(area: Area) -> set[str]:
    """The life phases that are gaps in the area's prevention chain (M3), as the coverage
    page shows them: a hidden children's figure hides the rate, so then only "no offer at
    all" is a gap."""
    city = area.city if area.city_id else area
    if area.pk == city.pk:
        return set()
    result = chain.coverage_for(city=city, level=area.level, thresholds=chain.thresholds_for(city))
    gaps = set()
    for row in result.frame.itertuples(index=False):
        if row.area != area.pk:
            continue
        children = row.children if row.children == row.children else None
        hidden = area.pk in result.hidden.get(row.phase, {}) or is_small(
            children, min_cell=result.min_cell.get(row.phase, 3)
        )
        state = coverage.cell_state(
            places=row.places,
            rate=math.nan if hidden else row.per_1000,
            threshold=result.thresholds.get(row.phase),
            inhabited=area.pk not in result.uninhabited,
        )
        if state == coverage.GAP:
            gaps.add(row.phase)
    return gaps


def linkable_applications(measure: Measure) -> QuerySet[ActionApplication]:
    """Funded action-budget projects of the measure's area not yet linked to it."""
    return (
        ActionApplication.objects.filter(budget_line__area_id=measure.area_id, status__in=FUNDED)
        .exclude(measures=measure)
        .select_related("budget_line")
        .order_by("-decided_at", "title", "pk")
    )


def progress(row: MeasureIndicator) -> int | None:
    """How far the latest value has come from the baseline toward the target, 0–100 %;
    None without the three figures or when baseline and target are equal."""
    if row.baseline is None or row.target is None or row.current is None:
        return None
    span = row.target - row.baseline
    if span == 0:
        return None
    share = (row.current - row.baseline) / span * 100
    return int(max(Decimal(0), min(Decimal(100), share)).to_integral_value())


# --------------------------------------------------------------------------------------------
# Writes
# --------------------------------------------------------------------------------------------


def _check_may_manage(by: Any, measure: Measure) -> None:
    if not by.has_perm("steering.manage_measure", measure):
        raise DomainError(_("You may only plan measures in your own areas."))


def _check_status(status: str, evaluation: str) -> None:
    if status not in MeasureStatus.values:
        raise DomainError(_("Unknown status of a measure."))
    if status == MeasureStatus.EVALUATED and not evaluation.strip():
        raise DomainError(
            _("Please write down the evaluation result before marking the measure as evaluated.")
        )


def _phases(values: list[str], label: str) -> list[str]:
    unknown = [v for v in values if v not in LifePhase.values]
    if unknown:
        raise DomainError(_("Unknown life phase in “%(field)s”.") % {"field": label})
    # In the order of the life course, each once.
    return [p for p in LifePhase.values if p in values]


@transaction.atomic
def measure_save(
    *,
    measure: Measure | None,
    area: Area,
    fields: dict[str, Any],
    indicators: list[IndicatorRow],
    by: Any,
) -> Measure:
    """Create a measure in `area` or change one: its texts (title, need, goals, target_group,
    activities, evaluation), status, period (starts_on, ends_on, evaluated_on), responsible
    committee, need indicators, gap life phases, life phases, partners, and its indicators in
    the order given (rows left out are removed)."""
    if measure is not None:
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        if measure.area_id != area.pk:
            raise DomainError(_("A measure stays in its area; start a new one for another area."))
    else:
        measure = Measure(area=area, created_by=by if getattr(by, "pk", None) else None)
    _check_may_manage(by, Measure(area=area))
    title = (fields.get("title") or "").strip()
    if not title:
        raise DomainError(_("Please give the measure a title."))
    if not (fields.get("need") or "").strip():
        raise DomainError(_("Please describe the need the measure answers."))
    if not (fields.get("goals") or "").strip():
        raise DomainError(_("Please name the goals of the measure."))
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on and ends_on and starts_on > ends_on:
        raise DomainError(_("The measure must start before it ends."))
    status = fields.get("status") or MeasureStatus.PLANNED
    evaluation = (fields.get("evaluation") or "").strip()
    _check_status(status, evaluation)
    committee = fields.get("committee")
    gap_life_phases = _phases(list(fields.get("gap_life_phases") or []), _("gaps"))
    life_phases = _phases(list(fields.get("life_phases") or []), _("life phases"))
    city_id = area.city_id or area.pk
    partners = list(fields.get("partners") or [])
    if any(p.city_id != city_id for p in partners):
        raise DomainError(_("Partners must be organisations of the measure's city."))
    names = [r for r in indicators if r.name.strip()]
    measure.title = title[:300]
    for name in TEXT_FIELDS:
        setattr(measure, name, (fields.get(name) or "").strip())
    measure.target_group = measure.target_group[:300]
    measure.committee = committee
    measure.gap_life_phases = gap_life_phases
    measure.life_phases = life_phases
    measure.starts_on, measure.ends_on = starts_on, ends_on
    measure.status = status
    measure.evaluated_on = fields.get("evaluated_on") or (
        (measure.evaluated_on or timezone.localdate())
        if status == MeasureStatus.EVALUATED
        else measure.evaluated_on
    )
    measure._history_user = by
    measure.save()
    measure.need_indicators.set(list(fields.get("need_indicators") or []))
    measure.partners.set(partners)
    _sync_indicators(measure, names, by)
    return measure


def _sync_indicators(measure: Measure, rows: list[IndicatorRow], by: Any) -> None:
    existing = {i.pk: i for i in measure.indicators.all()}
    kept: set[int] = set()
    for order, row in enumerate(rows, start=1):
        item = existing.get(row.pk) if row.pk else None
        if item is None:
            item = MeasureIndicator(measure=measure)
        item.name = row.name.strip()[:200]
        item.unit = row.unit.strip()[:40]
        item.indicator = row.indicator
        item.baseline, item.target, item.current = row.baseline, row.target, row.current
        item.order = order
        item._history_user = by
        item.save()
        kept.add(item.pk)
    for pk, item in existing.items():
        if pk not in kept:
            item._history_user = by
            item.delete()


@transaction.atomic
def measure_status_change(
    *,
    measure: Measure,
    status: str,
    by: Any,
    evaluation: str | None = None,
    evaluated_on: dt.date | None = None,
) -> Measure:
    """Move a measure to another status; "evaluated" needs an evaluation result (given
    here or already written down)."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    _check_may_manage(by, measure)
    if evaluation is not None:
        measure.evaluation = evaluation.strip()
    _check_status(status, measure.evaluation)
    measure.status = status
    if status == MeasureStatus.EVALUATED:
        measure.evaluated_on = evaluated_on or measure.evaluated_on or timezone.localdate()
    measure._history_user = by
    measure.save()
    return measure


@transaction.atomic
def measure_link_application(
    *, measure: Measure, application: ActionApplication, by: Any
) -> Measure:
    """Name a funded action-budget project of the measure's area as part of the measure."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    _check_may_manage(by, measure)
    application = ActionApplication.objects.select_related("budget_line").get(pk=application.pk)
    if application.budget_line.area_id != measure.area_id:
        raise DomainError(_("Only projects of the measure's own area can be linked."))
    if application.status not in FUNDED:
        raise DomainError(
            _("Only funded projects (approved, approved in part, started or done) can be linked.")
        )
    measure._history_user = by
    measure.action_applications.add(application)
    return measure


@transaction.atomic
def measure_unlink_application(
    *, measure: Measure, application: ActionApplication, by: Any
) -> Measure:
    """Take an action-budget project off the measure (the project itself stays)."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    _check_may_manage(by, measure)
    if not measure.action_applications.filter(pk=application.pk).exists():
        raise DomainError(_("This project is not linked to the measure."))
    measure._history_user = by
    measure.action_applications.remove(application)
    return measure
