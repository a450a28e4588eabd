"""The funding API for the city's finance and reporting tools (issue M4): budget lines with
their figures, paper applications to the action budget, and decisions on them.

Every call needs a personal API key (`Authorization: Bearer <key>`) and has its owner's
rights, as in the web: planning and steering read every line, a coordinator the lines of
their areas; applications and decisions are for planning and the area's coordinator.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from praeventionsnetz.api.auth import api_key
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding import selectors, services
from praeventionsnetz.funding.models import ActionApplication, BudgetLine

router = Router(tags=["Förderung"], auth=api_key)


class Refused(Schema):
    detail: str


class BudgetLineOut(Schema):
    id: int
    programme: str
    module: str
    area: str | None = Field(description="Gebietsschlüssel; leer bei stadtweiten Linien")
    year: int
    planned_cents: int
    committed_cents: int
    paid_cents: int
    carried_in_cents: int = Field(description="aus dem Vorjahr übertragen")
    carried_over_cents: int = Field(description="ins Folgejahr übertragen")
    available_cents: int


class PaperApplicationIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    applicant_name: str = Field(min_length=1, max_length=200)
    amount_requested_cents: int = Field(gt=0)
    description: str = Field(min_length=1, description="was geplant ist")


class ApplicationOut(Schema):
    id: int
    budget_line: int
    title: str
    status: str
    amount_requested_cents: int
    decided_amount_cents: int | None
    decision_reason: str


class DecisionIn(Schema):
    decision: Literal["approved", "partially_approved", "rejected"]
    amount_cents: int | None = Field(default=None, ge=0)
    reason: str = ""


def _line_out(line: BudgetLine, figures) -> dict:
    return {
        "id": line.pk,
        "programme": line.module.programme.name,
        "module": line.module.name,
        "area": line.area.code if line.area_id else None,
        "year": line.year,
        "planned_cents": figures.planned,
        "committed_cents": figures.committed,
        "paid_cents": figures.paid,
        "carried_in_cents": figures.carried_in,
        "carried_over_cents": figures.carried_out,
        "available_cents": figures.available,
    }


def _application_out(application: ActionApplication) -> dict:
    return {
        "id": application.pk,
        "budget_line": application.budget_line_id,
        "title": application.title,
        "status": application.status,
        "amount_requested_cents": application.amount_requested_cents,
        "decided_amount_cents": application.decided_amount_cents,
        "decision_reason": application.decision_reason,
    }


@router.get(
    "/budgets",
    response={200: list[BudgetLineOut], 401: Refused},
    summary="Haushaltslinien mit ihren Zahlen",
    description="Die Linien, die der Inhaber des Schlüssels sehen darf; `area` (Gebietsschlüssel) "
    "und `year` grenzen ein. Alle Beträge in Cent, Summen der Buchungen jeder Linie.",
)
def budgets(request: HttpRequest, area: str = "", year: int | None = None):
    lines = selectors.budget_lines_visible_to(request.auth)
    if area:
        lines = lines.filter(area__code=area)
    if year is not None:
        lines = lines.filter(year=year)
    return [_line_out(row.line, row.figures) for row in selectors.line_rows(lines)]


@router.post(
    "/budgets/{line_id}/applications",
    response={201: ApplicationOut, 401: Refused, 403: Refused, 404: Refused, 409: Refused},
    summary="Einen Papierantrag erfassen",
    description="Für die Jugendhilfeplanung und die Koordination des Gebiets der Linie.",
)
def paper_application(request: HttpRequest, line_id: int, payload: PaperApplicationIn):
    line = get_object_or_404(BudgetLine, pk=line_id)
    if not request.auth.has_perm("funding.decide_application", line):
        return Status(403, {"detail": "Diese Haushaltslinie gehört nicht zu Ihren Gebieten."})
    try:
        application = services.application_record(
            budget_line=line,
            title=payload.title,
            what=payload.description,
            amount_requested_cents=payload.amount_requested_cents,
            applicant_name=payload.applicant_name,
            by=request.auth,
        )
    except DomainError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, _application_out(application))


@router.post(
    "/applications/{application_id}/decision",
    response={200: ApplicationOut, 401: Refused, 403: Refused, 404: Refused, 409: Refused},
    summary="Über einen Antrag entscheiden",
    description="409 mit einer deutschen Begründung, wenn die Linie den Betrag nicht mehr "
    "tragen kann oder der Antrag nicht auf eine Entscheidung wartet; dann ändert sich nichts.",
)
def decision(request: HttpRequest, application_id: int, payload: DecisionIn):
    application = get_object_or_404(
        ActionApplication.objects.select_related("budget_line"), pk=application_id
    )
    if not request.auth.has_perm("funding.decide_application", application.budget_line):
        return Status(403, {"detail": "Dieser Antrag gehört nicht zu Ihren Gebieten."})
    try:
        application = services.application_decide(
            application=application,
            outcome=payload.decision,
            amount_cents=payload.amount_cents,
            reason=payload.reason,
            by=request.auth,
        )
    except DomainError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, _application_out(application))
