"""The action budget for its coordinators: applications per district, paper applications,
the criteria checklist, decisions, progress, payments, receipts and the completion.

Planning, or a coordinator of the line's area (`funding.decide_application` on the line);
everyone else 403, the public the login. Each POST calls one service; a DomainError comes
back as a form error with what was typed, and nothing is changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.core import audit
from praeventionsnetz.core.access import LoginRequired, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.uploads import private_download
from praeventionsnetz.funding import selectors, services
from praeventionsnetz.funding.forms import (
    ApplicationForm,
    CompleteForm,
    CriteriaForm,
    DecisionForm,
    PaymentForm,
    ReceiptForm,
    StartForm,
)
from praeventionsnetz.funding.models import (
    ActionApplication,
    ApplicationSource,
    ApplicationStatus,
    BudgetLine,
    Criterion,
    ModuleKind,
    Receipt,
)

PERM = "funding.decide_application"


def _check(request: HttpRequest, line: BudgetLine) -> None:
    if not request.user.has_perm(PERM, line):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied


def _line_for(request: HttpRequest, pk: int) -> BudgetLine:
    """An action-budget line the user manages: 404 unknown, 403 forbidden."""
    line = get_object_or_404(
        BudgetLine.objects.select_related("area", "module__programme"),
        pk=pk,
        module__kind=ModuleKind.ACTION_BUDGET,
    )
    _check(request, line)
    return line


def _application_for(request: HttpRequest, pk: int) -> ActionApplication:
    application = get_object_or_404(
        ActionApplication.objects.select_related("budget_line__area", "budget_line__module"),
        pk=pk,
    )
    _check(request, application.budget_line)
    return application


@requires("funding.view_funding")
@require_GET
def action_budgets(request: HttpRequest) -> HttpResponse:
    """The action-budget lines the user manages, with their applications per status."""
    lines = [
        line
        for line in selectors.budget_lines_visible_to(request.user).filter(
            module__kind=ModuleKind.ACTION_BUDGET
        )
        if request.user.has_perm(PERM, line)
    ]
    rows = selectors.line_rows(BudgetLine.objects.filter(pk__in=[line.pk for line in lines]))
    counts: dict[int, dict[str, int]] = {}
    for row in (
        ActionApplication.objects.filter(budget_line__in=[line.pk for line in lines])
        .values_list("budget_line", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row[0], {})[row[1]] = row[2]
    return render(
        request,
        "funding/action_budgets.html",
        {
            "rows": [(r, counts.get(r.line.pk, {})) for r in rows],
            "statuses": ApplicationStatus.choices,
        },
    )


@requires("funding.view_funding")
@require_GET
def action_applications(request: HttpRequest, pk: int) -> HttpResponse:
    line = _line_for(request, pk)
    applications = list(selectors.applications_of(line))
    groups = [
        (value, label, [a for a in applications if a.status == value])
        for value, label in ApplicationStatus.choices
    ]
    return render(
        request,
        "funding/action_applications.html",
        {
            "line": line,
            "groups": groups,
            "figures": selectors.figures_for([line.pk])[line.pk],
        },
    )


@requires("funding.view_funding")
@require_http_methods(["GET", "POST"])
def paper_application(request: HttpRequest, pk: int) -> HttpResponse:
    line = _line_for(request, pk)
    form = ApplicationForm(request.POST or None, paper=True)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_record(
                budget_line=line,
                applicant_email=form.cleaned_data["applicant_email"],
                source=ApplicationSource.PAPER,
                by=request.user,
                **form.service_fields(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Paper application recorded."))
            return redirect("funding:application-detail", pk=application.pk)
    return render(
        request,
        "funding/paper_application.html",
        {"line": line, "form": form},
        status=400 if form.errors else 200,
    )


def _detail(request: HttpRequest, application: ActionApplication, status: int = 200, **forms_):
    checks = {c.criterion: c for c in application.checks.select_related("checked_by")}
    today = timezone.localdate()
    context = {
        "application": application,
        "line": application.budget_line,
        "figures": selectors.figures_for([application.budget_line_id])[application.budget_line_id],
        "checks": [(key, label, checks.get(key)) for key, label in Criterion.choices],
        "criteria_form": forms_.get("criteria_form") or CriteriaForm(checks=checks),
        "decision_form": forms_.get("decision_form") or DecisionForm(auto_id="decision_%s"),
        "start_form": forms_.get("start_form")
        or StartForm(initial={"started_on": today}, auto_id="start_%s"),
        "payment_form": forms_.get("payment_form")
        or PaymentForm(initial={"paid_on": today}, auto_id="payment_%s"),
        "receipt_form": forms_.get("receipt_form") or ReceiptForm(auto_id="receipt_%s"),
        "complete_form": forms_.get("complete_form")
        or CompleteForm(initial={"done_on": today}, auto_id="complete_%s"),
        "payments": list(application.payments.order_by("paid_on", "pk")),
        "paid": selectors.paid_cents(application),
        "receipts": list(application.receipts.order_by("uploaded_at", "pk")),
        "is_undecided": application.status in services.UNDECIDED,
        "is_decidable": services._decidable(application),
        "is_approved": application.status
        in (ApplicationStatus.APPROVED, ApplicationStatus.PARTIALLY_APPROVED),
        # A refused form stays visible with its error, whatever the status.
        "is_payable": application.status in services.PAYABLE
        or any(name in forms_ for name in ("start_form", "payment_form", "receipt_form")),
        "is_done": application.status == ApplicationStatus.DONE,
    }
    if request.user.has_perm("core.view_audit"):
        context["history"] = audit.history_of(application)
    return render(request, "funding/application_detail.html", context, status=status)


@requires("funding.view_funding")
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _application_for(request, pk))


def _post(request, pk, form_class, name, action, success):
    """One POST on an application: parse, call the service, redirect or show the error."""
    application = _application_for(request, pk)
    # Several forms share a page: each its own ids (decision_amount, payment_amount, …).
    form = form_class(request.POST, request.FILES, auto_id=name.replace("_form", "_%s"))
    if form.is_valid():
        try:
            action(application, form.cleaned_data, form)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, success)
            return redirect("funding:application-detail", pk=application.pk)
    application.refresh_from_db()
    return _detail(request, application, status=400, **{name: form})


@requires("funding.view_funding")
@require_POST
def application_criteria(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    form = CriteriaForm(request.POST)
    if form.is_valid():
        try:
            services.criteria_record(application=application, by=request.user, checks=form.checks())
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Checklist saved."))
            return redirect("funding:application-detail", pk=application.pk)
    return _detail(request, application, status=400, criteria_form=form)


@requires("funding.view_funding")
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application, data, form):
        services.application_decide(
            application=application,
            outcome=data["outcome"],
            amount_cents=data["amount"],
            reason=data["reason"],
            by=request.user,
        )

    return _post(request, pk, DecisionForm, "decision_form", act, _("Decision saved."))


@requires("funding.view_funding")
@require_POST
def application_start(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application, data, form):
        services.application_start(
            application=application, by=request.user, started_on=data["started_on"]
        )

    return _post(request, pk, StartForm, "start_form", act, _("Marked as started."))


@requires("funding.view_funding")
@require_POST
def application_pay(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application, data, form):
        services.payment_record(
            application=application,
            amount_cents=data["amount"],
            paid_on=data["paid_on"],
            note=data["note"],
            by=request.user,
        )

    return _post(request, pk, PaymentForm, "payment_form", act, _("Payment recorded."))


@requires("funding.view_funding")
@require_POST
def receipt_upload(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application, data, form):
        services.receipt_add(
            application=application,
            by=request.user,
            upload=data["file"],
            amount_cents=data["amount"],
        )

    return _post(request, pk, ReceiptForm, "receipt_form", act, _("Receipt saved."))


@requires("funding.view_funding")
@require_POST
def application_complete(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application, data, form):
        services.application_complete(
            application=application, by=request.user, done_on=data["done_on"], note=data["note"]
        )

    return _post(request, pk, CompleteForm, "complete_form", act, _("Marked as done."))


@requires("funding.view_funding")
@require_GET
def receipt_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt as a download, to the area's coordinator and planning only; never shown
    inline, so that a crafted file cannot run in the site's origin."""
    receipt = get_object_or_404(
        Receipt.objects.select_related("application__budget_line__area"), pk=pk
    )
    _check(request, receipt.application.budget_line)
    return private_download(
        receipt.file, filename=receipt.original_name, content_type=receipt.content_type
    )
