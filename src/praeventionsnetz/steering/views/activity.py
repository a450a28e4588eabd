"""Pages: the coordinators' activity log and the time accounts.

A coordinator logs and sees their own entries and account; planning and steering see every
coordinator's account. Another coordinator's entry is not found (404), as if it did not
exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from praeventionsnetz.core import exports
from praeventionsnetz.core.access import requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.steering import activity
from praeventionsnetz.steering import timeaccount as ta
from praeventionsnetz.steering.activity_forms import AccountFilterForm, ActivityForm
from praeventionsnetz.steering.models import ActivityEntry, Task
from praeventionsnetz.steering.timechart import stacked_bars

LIST_LENGTH = 100


def _month_label(period: ta.Period) -> str:
    return formats.date_format(period.first, "M")


def _task_labels() -> dict[str, str]:
    return {str(t.value): str(t.label) for t in Task}


def _entry_form_page(
    request: HttpRequest, form: ActivityForm, *, entry: ActivityEntry | None, status: int = 200
) -> HttpResponse:
    if entry is None:
        template = "steering/activity_log.html"
        entries = list(activity.entries_of(request.user)[:LIST_LENGTH])
        today = timezone.localdate()
        month = activity.time_account_of(request.user, year=today.year, today=today).months[
            today.month - 1
        ]
    else:
        template, entries, month = "steering/activity_edit.html", [], None
    return render(
        request,
        template,
        {"form": form, "entry": entry, "entries": entries, "month": month},
        status=status,
    )


def _save(request: HttpRequest, form: ActivityForm, entry: ActivityEntry | None) -> bool:
    if not form.is_valid():
        return False
    try:
        if entry is None:
            activity.activity_record(by=request.user, **form.values())
        else:
            activity.activity_change(entry=entry, by=request.user, **form.values())
    except DomainError as error:
        form.add_error(None, str(error))
        return False
    return True


def _entries_export(request: HttpRequest, fmt: str) -> HttpResponse:
    header = [
        _("Date"),
        _("Duration (h)"),
        _("Task"),
        _("Areas"),
        _("Organisations involved"),
        _("Position"),
        _("Note"),
    ]
    rows = [
        [
            e.date,
            _hours(e.minutes),
            e.get_task_display(),
            ", ".join(a.name for a in e.areas.all()),
            ", ".join(o.name for o in e.organisations.all()),
            e.position.title if e.position else "",
            e.note,
        ]
        for e in activity.entries_of(request.user)
    ]
    return _table(header, rows, filename=_("activity-log"), fmt=fmt)


@requires("steering.log_activity")
@require_http_methods(["GET", "POST"])
def activity_log(request: HttpRequest) -> HttpResponse:
    fmt = FilterForm(request.GET).export_format if request.method == "GET" else None
    if fmt:
        return _entries_export(request, fmt)
    if request.method == "POST":
        form = ActivityForm(request.POST, user=request.user)
        if _save(request, form, None):
            data = form.cleaned_data
            messages.success(
                request,
                _("Logged: %(duration)s h for task %(task)s on %(date)s.")
                % {
                    "duration": ta.format_minutes(data["minutes"]),
                    "task": data["aufgabe"],
                    "date": formats.date_format(data["datum"], "SHORT_DATE_FORMAT"),
                },
            )
            return redirect("steering:activity-log")
        return _entry_form_page(request, form, entry=None, status=400)
    return _entry_form_page(request, ActivityForm(user=request.user), entry=None)


def _own_entry(request: HttpRequest, pk: int) -> ActivityEntry:
    return get_object_or_404(ActivityEntry, pk=pk, user=request.user)


@requires("steering.log_activity")
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_entry(request, pk)
    if request.method == "POST":
        form = ActivityForm(request.POST, user=request.user, entry=entry)
        if _save(request, form, entry):
            messages.success(request, _("Entry changed."))
            return redirect("steering:activity-log")
        return _entry_form_page(request, form, entry=entry, status=400)
    return _entry_form_page(request, ActivityForm(user=request.user, entry=entry), entry=entry)


@requires("steering.log_activity")
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_entry(request, pk)
    if request.method == "POST":
        activity.activity_delete(entry=entry, by=request.user)
        messages.success(request, _("Entry deleted."))
        return redirect("steering:activity-log")
    return render(request, "steering/activity_delete.html", {"entry": entry})


# --------------------------------------------------------------------------------------------
# Time accounts
# --------------------------------------------------------------------------------------------


def _hours(minutes: int) -> float:
    return float(ta.hours(minutes))


def _account_header() -> list[str]:
    return [
        _("Coordinator"),
        _("Position"),
        _("FTE"),
        _("Period"),
        *[_("Task %(task)s (h)") % {"task": t} for t in ta.TASKS],
        _("Total (h)"),
        _("Target (h)"),
        _("Balance (h)"),
    ]


def _account_rows(rows: Sequence[tuple[str, str, object, Sequence[ta.Period]]]) -> list[list]:
    return [
        [
            name,
            position,
            fte,
            period.key,
            *[_hours(period.minutes_by_task[t]) for t in ta.TASKS],
            _hours(period.total_minutes),
            _hours(period.target_minutes),
            _hours(period.balance_minutes),
        ]
        for name, position, fte, periods in rows
        for period in periods
    ]


def _table(header, rows, *, filename: str, fmt: str, source: str = "") -> HttpResponse:
    """Every download of these pages: the entries, one's own account, all accounts."""
    return exports.table_response(
        header=header, rows=rows, filename=filename, fmt=fmt, source=source
    )


def _export(rows, *, filename: str, fmt: str) -> HttpResponse:
    return _table(
        _account_header(),
        _account_rows(rows),
        filename=filename,
        fmt=fmt,
        source=_(
            "Target: FTE × %(hours)s hours a week × working days (Monday to Friday, "
            "no public holidays) / 5, up to today."
        )
        % {"hours": formats.number_format(activity.weekly_hours())},
    )


def _own_periods(request: HttpRequest, form: AccountFilterForm):
    """The periods of the chosen view, their labels, the view and the year's total (in the
    month view)."""
    view = form.value("ansicht")
    if view == "jahr":
        periods = activity.years_of(request.user)
        return periods, [p.key for p in periods], view, None
    account = activity.time_account_of(request.user, year=form.value("jahr"))
    return account.months, [_month_label(p) for p in account.months], view, account.total


@requires("steering.log_activity")
@require_GET
def time_account(request: HttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET, years=activity.entry_years(request.user))
    periods, labels, view, total = _own_periods(request, form)
    year = form.value("jahr")
    columns = list(zip(periods, labels, strict=True))
    task_rows = [
        (
            task,
            [p.minutes_by_task[task.value] for p in periods],
            total.minutes_by_task[task.value] if total else None,
        )
        for task in Task
    ]
    chart = stacked_bars(
        periods,
        labels=labels,
        task_labels=_task_labels(),
        title=_("Hours by task and month") if view == "monat" else _("Hours by task and year"),
        target_label=_("target hours"),
    )
    return render(
        request,
        "steering/time_account.html",
        {
            "form": form,
            "year": year,
            "years": form.years,
            "view": view,
            "columns": columns,
            "task_rows": task_rows,
            "total": total,
            "chart": chart,
            "weekly_hours": activity.weekly_hours(),
            "export_query": request.GET.urlencode(),
        },
    )


@requires("steering.log_activity")
@require_GET
def time_account_export(request: HttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET, years=activity.entry_years(request.user))
    periods, _labels, _view, total = _own_periods(request, form)
    if total is not None:
        periods = [*periods, total]
    name = request.user.get_username()
    return _export(
        [(name, "", "", periods)],
        filename=_("time-account-%(year)s") % {"year": form.value("jahr")},
        fmt=form.export_format or "xlsx",
    )


@requires("steering.view_time_accounts")
@require_GET
def time_accounts(request: HttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET, years=activity.entry_years())
    year = form.value("jahr")
    rows = activity.time_accounts(year=year)
    if form.export_format:
        return _export(
            [
                (
                    r.user.get_username(),
                    r.position.title if r.position else "",
                    r.position.fte if r.position else "",
                    [*r.account.months, r.account.total],
                )
                for r in rows
            ],
            filename=_("time-accounts-%(year)s") % {"year": year},
            fmt=form.export_format,
        )
    months = [dt.date(year, m, 1) for m in range(1, 13)]
    return render(
        request,
        "steering/time_accounts.html",
        {
            "form": form,
            "year": year,
            "years": form.years,
            "rows": rows,
            "months": months,
            "weekly_hours": activity.weekly_hours(),
            "export_query": f"jahr={year}",
        },
    )


urlpatterns = [
    path("steuerung/taetigkeiten/", activity_log, name="activity-log"),
    path("steuerung/taetigkeiten/<int:pk>/", activity_edit, name="activity-edit"),
    path("steuerung/taetigkeiten/<int:pk>/loeschen/", activity_delete, name="activity-delete"),
    path("steuerung/zeitkonto/", time_account, name="time-account"),
    path("steuerung/zeitkonto/export/", time_account_export, name="time-account-export"),
    path("steuerung/zeitkonten/", time_accounts, name="time-accounts"),
]
