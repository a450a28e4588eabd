"""Funding pages: programme overview, utilisation, a budget line's ledger, positions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from praeventionsnetz.core import exports
from praeventionsnetz.core.access import get_for, requires
from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.funding import selectors
from praeventionsnetz.funding.budget import Figures, cents_to_euros
from praeventionsnetz.funding.forms import UtilisationFilterForm
from praeventionsnetz.funding.models import BudgetLine

FIGURE_HEADER = [
    gettext_lazy("Planned (€)"),
    gettext_lazy("Carried over from the previous year (€)"),
    gettext_lazy("Committed (€)"),
    gettext_lazy("Paid (€)"),
    gettext_lazy("Carried over into the next year (€)"),
    gettext_lazy("Available (€)"),
]


def _figure_cells(figures) -> list:
    return [
        cents_to_euros(v)
        for v in (
            figures.planned,
            figures.carried_in,
            figures.committed,
            figures.paid,
            figures.carried_out,
            figures.available,
        )
    ]


@requires("funding.view_funding")
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    rows = selectors.line_rows(selectors.budget_lines_visible_to(request.user))
    return render(
        request,
        "funding/overview.html",
        {"summaries": selectors.programme_summaries(rows)},
    )


@requires("funding.view_funding")
@require_GET
def utilisation(request: HttpRequest) -> HttpResponse:
    lines = selectors.budget_lines_visible_to(request.user)
    programmes = list(selectors.programmes_visible_to(request.user).order_by("name"))
    years = sorted(set(lines.values_list("year", flat=True)))
    form = UtilisationFilterForm(request.GET, programmes=programmes, years=years)
    programme_key, year = form.value("programm"), form.value("jahr")
    rows = selectors.line_rows(selectors.lines_of(lines, programme_key=programme_key, year=year))
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[
                _("Programme"),
                _("Module"),
                _("Area"),
                _("Fiscal year"),
                *[str(h) for h in FIGURE_HEADER],
                _("Demo data"),
            ],
            rows=[
                [
                    r.line.module.programme.name,
                    r.line.module.name,
                    r.line.area.name if r.line.area else _("city-wide"),
                    r.line.year,
                    *_figure_cells(r.figures),
                    _("yes") if r.line.is_demo else "",
                ]
                for r in rows
            ],
            filename=_("funding-utilisation"),
            fmt=fmt,
        )
    return render(
        request,
        "funding/utilisation.html",
        {
            "rows": rows,
            "total": sum((r.figures for r in rows), Figures()),
            "programmes": programmes,
            "programme_key": programme_key,
            "years": years,
            "year": year,
            "export_query": request.GET.urlencode(),
        },
    )


@requires("funding.view_funding")
@require_GET
def ledger(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_for(request, BudgetLine, pk, perm="funding.view_budget_line")
    rows = selectors.ledger_of(line)
    figures = selectors.figures_for([line.pk])[line.pk]
    fmt = FilterForm(request.GET).export_format
    if fmt:
        return exports.table_response(
            header=[
                _("Time"),
                _("Kind"),
                _("Reason"),
                _("By"),
                _("Amount (€)"),
                _("Available after (€)"),
            ],
            rows=[
                [
                    timezone.localtime(r.entry.at),
                    r.entry.get_kind_display(),
                    r.entry.reason,
                    r.entry.by.get_username() if r.entry.by else _("system"),
                    cents_to_euros(r.entry.amount_cents),
                    cents_to_euros(r.available_after),
                ]
                for r in rows
            ],
            filename=_("ledger-%(line)s") % {"line": line.pk},
            fmt=fmt,
        )
    return render(
        request,
        "funding/ledger.html",
        {
            "line": line,
            "rows": rows,
            "figures": figures,
            # Shown as a check: the ledger's last balance is the available amount.
            "reconciles": (rows[-1].available_after if rows else 0) == figures.available,
            "export_query": "",
        },
    )


@requires("funding.view_funding")
@require_GET
def positions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    scope = selectors.coordinated_area_ids(request.user)
    reports = []
    for module in selectors.position_modules():
        report, _rows = selectors.staffing_report(module, today=today, scope=scope)
        if report.places or report.unplaced:
            reports.append({"module": module, "report": report})
    return render(request, "funding/positions.html", {"reports": reports, "today": today})
