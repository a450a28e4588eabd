"""Reads of funding: what a user may see, a line's figures and ledger, staffing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, Sum

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.core.models import Role
from praeventionsnetz.funding import budget, positions
from praeventionsnetz.funding.models import (
    ActionApplication,
    BudgetLine,
    EntryKind,
    LedgerEntry,
    Module,
    PlannedPosition,
    Position,
    Programme,
)


def coordinated_area_ids(user) -> set[int] | None:
    """The areas a user's funding pages are scoped to; None means every area."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.role in (Role.PLANNING, Role.STEERING):
        return None
    if user.role == Role.COORDINATOR:
        return area_selectors.areas_below(list(user.areas.values_list("pk", flat=True)))
    return set()


def budget_lines_visible_to(user) -> QuerySet[BudgetLine]:
    """Planning and steering see every line; a coordinator the lines of their areas (and of
    areas below them); everyone else none."""
    qs = BudgetLine.objects.select_related("module__programme", "area")
    scope = coordinated_area_ids(user)
    if scope is None:
        return qs
    return qs.filter(area__in=scope)


def lines_of(
    lines: QuerySet[BudgetLine], *, programme_key: str = "", year: int | None = None
) -> QuerySet[BudgetLine]:
    """The lines of one programme and/or one fiscal year (all when not given)."""
    if programme_key:
        lines = lines.filter(module__programme__key=programme_key)
    if year:
        lines = lines.filter(year=year)
    return lines


def programmes_visible_to(user) -> QuerySet[Programme]:
    scope = coordinated_area_ids(user)
    qs = Programme.objects.all()
    if scope is None:
        return qs
    return qs.filter(modules__budget_lines__area__in=scope).distinct()


def figures_for(line_ids: Iterable[int]) -> dict[int, budget.Figures]:
    """Each line's figures, summed from its ledger in one query (lines without entries: 0)."""
    ids = list(line_ids)
    sums: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        LedgerEntry.objects.filter(budget_line__in=ids)
        .values_list("budget_line", "kind")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    )
    for line_id, kind, total in rows:
        sums[line_id][kind] = int(total)
    return {pk: budget.figures_from_sums(sums.get(pk, {})) for pk in ids}


def paid_cents(application: ActionApplication) -> int:
    total = application.payments.aggregate(total=Sum("amount_cents"))["total"]
    return int(total or 0)


@dataclass(frozen=True)
class LineRow:
    line: BudgetLine
    figures: budget.Figures


def line_rows(lines: QuerySet[BudgetLine]) -> list[LineRow]:
    """Lines with their figures, in programme, year, module and area order (two queries)."""
    ordered = list(lines.order_by("module__programme__name", "year", "module__order", "area__code"))
    figures = figures_for(line.pk for line in ordered)
    return [LineRow(line, figures[line.pk]) for line in ordered]


@dataclass(frozen=True)
class LedgerRow:
    entry: LedgerEntry
    available_after: int


def ledger_of(line: BudgetLine) -> list[LedgerRow]:
    entries = list(line.entries.select_related("by", "application").order_by("at", "pk"))
    balances = budget.running_available((e.kind, e.amount_cents) for e in entries)
    return [LedgerRow(e, b) for e, b in zip(entries, balances, strict=True)]


def applications_of(line: BudgetLine) -> QuerySet[ActionApplication]:
    return line.applications.order_by("-submitted_at", "pk")


# --------------------------------------------------------------------------------------------
# Positions
# --------------------------------------------------------------------------------------------


def position_modules() -> QuerySet[Module]:
    """Modules that plan or staff positions."""
    return (
        Module.objects.filter(Q(planned_positions__isnull=False) | Q(positions__isnull=False))
        .select_related("programme")
        .distinct()
        .order_by("programme__name", "order")
    )


def staffing_report(
    module: Module, *, today: dt.date, scope: set[int] | None = None
) -> tuple[positions.Report, dict[int, Position]]:
    """The module's planned places against its positions on `today`; limited to places and
    positions touching `scope` (area ids) when given. Also returns the Position rows by id."""
    places_qs = PlannedPosition.objects.filter(module=module).prefetch_related("areas")
    position_qs = (
        Position.objects.filter(module=module)
        .select_related("provider")
        .prefetch_related(Prefetch("areas"))
    )
    places = [
        positions.Place(
            p.pk,
            p.name,
            p.fte,
            frozenset(a.pk for a in p.areas.all()),
            tuple(a.name for a in p.areas.all()),
        )
        for p in places_qs
    ]
    rows = list(position_qs)
    staffing = [
        positions.Staffing(
            id=p.pk,
            title=p.title,
            provider=p.provider.name,
            fte=p.fte,
            area_ids=frozenset(a.pk for a in p.areas.all()),
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            place_id=p.planned_id,
        )
        for p in rows
    ]
    if scope is not None:
        places = [p for p in places if p.area_ids & scope]
        staffing = [s for s in staffing if s.area_ids & scope]
    area_names = {a.pk: a for p in places_qs for a in p.areas.all()}
    return positions.report(places, staffing, today=today), {
        "positions": {p.pk: p for p in rows},
        "areas": area_names,
    }


def entry_kinds() -> list[tuple[str, str]]:
    return list(EntryKind.choices)


@dataclass
class ModuleYear:
    module: Module
    year: int
    lines: int
    figures: budget.Figures


@dataclass
class ProgrammeSummary:
    programme: Programme
    rows: list[ModuleYear]

    @property
    def total(self) -> budget.Figures:
        return sum((r.figures for r in self.rows), budget.Figures())


def programme_summaries(rows: list[LineRow]) -> list[ProgrammeSummary]:
    """Lines summed per programme, year and module, in the order of `rows`."""
    summaries: dict[int, ProgrammeSummary] = {}
    cells: dict[tuple[int, int], ModuleYear] = {}
    for row in rows:
        module = row.line.module
        programme = module.programme
        summary = summaries.setdefault(programme.pk, ProgrammeSummary(programme, []))
        cell = cells.get((module.pk, row.line.year))
        if cell is None:
            cell = cells[(module.pk, row.line.year)] = ModuleYear(
                module, row.line.year, 0, budget.Figures()
            )
            summary.rows.append(cell)
        cell.lines += 1
        cell.figures = cell.figures + row.figures
    for summary in summaries.values():
        summary.rows.sort(key=lambda c: (c.year, c.module.order))
    return list(summaries.values())


# --------------------------------------------------------------------------------------------
# Action budget, public
# --------------------------------------------------------------------------------------------

FUNDED = ("approved", "partially_approved", "started", "done")


@dataclass
class ActionYear:
    year: int
    figures: budget.Figures
    funded: list[ActionApplication]


def action_budget_years(area) -> list[ActionYear]:
    """Per fiscal year (newest first) the area's action-budget figures and what was funded,
    in the order of the decisions. Only the fields a public page may show are loaded."""
    lines = list(
        BudgetLine.objects.filter(area=area, module__kind="action_budget").order_by("-year", "pk")
    )
    figures = figures_for(line.pk for line in lines)
    funded = (
        ActionApplication.objects.filter(budget_line__in=lines, status__in=FUNDED)
        .only(
            "budget_line_id",
            "title",
            "decided_amount_cents",
            "status",
            "decided_at",
            "started_on",
            "done_on",
            "is_demo",
        )
        .order_by("decided_at", "pk")
    )
    years: dict[int, ActionYear] = {}
    by_line = {line.pk: line.year for line in lines}
    for line in lines:
        year = years.setdefault(line.year, ActionYear(line.year, budget.Figures(), []))
        year.figures = year.figures + figures[line.pk]
    for application in funded:
        years[by_line[application.budget_line_id]].funded.append(application)
    return list(years.values())
