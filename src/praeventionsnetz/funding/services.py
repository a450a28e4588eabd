"""Writes of funding: programmes from their files, decisions, payments, year-end closing.

Every change to money adds ledger entries (never edits them) in the same transaction as
the change it belongs to; the budget line's row is locked first (`select_for_update`), so
two decisions on one line run one after the other and the second sees the first one's
commitment. On SQLite the IMMEDIATE transactions (settings.SQLITE_OPTIONS) do the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.i18n import translate
from praeventionsnetz.core.text import Message, gettext_noop
from praeventionsnetz.core.uploads import upload_sha256
from praeventionsnetz.funding import config, selectors
from praeventionsnetz.funding.budget import Figures, cents_to_euros
from praeventionsnetz.funding.models import (
    ActionApplication,
    ApplicationSource,
    ApplicationStatus,
    BudgetLine,
    Criterion,
    CriterionCheck,
    EntryKind,
    LedgerEntry,
    Module,
    ModuleKind,
    Payment,
    PlannedPosition,
    Position,
    Programme,
    Receipt,
)


class ProgrammeError(DomainError):
    """A programme file cannot be loaded; `messages` are the translated problems."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def euro(cents: int) -> str:
    """An amount for messages and reasons: 1.234,56 € in German."""
    return f"{number_format(cents_to_euros(cents), 2, use_l10n=True, force_grouping=True)} €"


def _record_text(msgid: str, **params: Any) -> str:
    """A ledger reason in the platform's language, whoever acts in which language: the
    ledger is one record for everyone (and its export goes to the city's finance office)."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(msgid) % params


def _entry(
    line: BudgetLine, kind: str, cents: int, reason: str, by: Any, **links: Any
) -> LedgerEntry:
    entry = LedgerEntry(
        budget_line=line,
        kind=kind,
        amount_cents=cents,
        reason=reason[:300],
        at=timezone.now(),
        by=by if getattr(by, "is_authenticated", False) else None,
        **links,
    )
    entry._history_user = by
    entry.save()
    return entry


def _locked_figures(line: BudgetLine) -> tuple[BudgetLine, Figures]:
    """The line, locked for this transaction, and its figures read after the lock."""
    locked = BudgetLine.objects.select_for_update().get(pk=line.pk)
    return locked, selectors.figures_for([locked.pk])[locked.pk]


# --------------------------------------------------------------------------------------------
# Programmes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadSummary:
    programme: Programme
    modules: int
    lines_created: int
    plan_changes: int
    places: int


def _resolve_areas(conf: config.ProgrammeConf) -> tuple[Area | None, dict, list[Message]]:
    errors: list[Message] = []
    city = Area.objects.current().cities().filter(code=conf.city).first()
    if city is None:
        errors.append(
            Message(
                gettext_noop("%(path)s: the city “%(value)s” is not loaded."),
                {"path": "city", "value": conf.city},
            )
        )
        return None, {}, errors
    refs: set[tuple[config.AreaRef, str]] = set()
    for module in conf.modules:
        for row in module.budget:
            if row.area is not None:
                refs.add((row.area, f"{row.path}.area"))
        for place in module.positions:
            refs.update((ref, f"{place.path}.areas[{k}]") for k, ref in enumerate(place.areas))
    found = {
        (a.level, a.code): a
        for a in Area.objects.current().filter(
            city=city, code__in={ref.code for ref, _path in refs}
        )
    }
    for ref, path in sorted(refs, key=lambda r: r[1]):
        if (ref.level, ref.code) not in found:
            errors.append(
                Message(
                    gettext_noop("%(path)s: no area of level “%(level)s” with code “%(code)s”."),
                    {"path": path, "level": ref.level, "code": ref.code},
                )
            )
    return city, found, errors


@transaction.atomic
def programme_load(path: Path | str, *, by: Any = None, is_demo: bool = False) -> LoadSummary:
    """Create or update a programme from its file; re-running with the same file changes
    nothing. A changed amount adds a plan correction to the ledger (the difference)."""
    try:
        conf = config.read(Path(path))
    except config.ConfigError as exc:
        raise ProgrammeError([translate(m) for m in exc.messages]) from exc
    city, areas, errors = _resolve_areas(conf)
    if errors:
        raise ProgrammeError([translate(m) for m in errors])
    programme, _created = Programme.objects.update_or_create(
        key=conf.key,
        defaults={
            "name": conf.name,
            "city": city,
            "decision_reference": conf.decision_reference,
            "decided_on": conf.decided_on,
            "deciding_body": conf.deciding_body,
            "description": conf.description,
            "source": conf.source[:300],
            "call_questions": list(conf.call_questions),
            "is_demo": is_demo,
        },
    )
    lines_created = plan_changes = places = 0
    for order, mconf in enumerate(conf.modules):
        module, _created = Module.objects.update_or_create(
            programme=programme,
            key=mconf.key,
            defaults={
                "name": mconf.name,
                "kind": mconf.kind,
                "description": mconf.description,
                "order": order,
            },
        )
        for row in mconf.budget:
            area = areas[(row.area.level, row.area.code)] if row.area else None
            line, created = BudgetLine.objects.get_or_create(
                module=module, area=area, year=row.year, defaults={"is_demo": is_demo}
            )
            lines_created += created
            line, figures = _locked_figures(line)
            cut = figures.planned - row.cents
            if cut > figures.available:
                errors.append(
                    Message(
                        gettext_noop(
                            "%(path)s: only %(available)s of the line is not committed or "
                            "carried over; the plan cannot be cut by %(cut)s."
                        ),
                        {
                            "path": f"{row.path}.amount",
                            "available": euro(figures.available),
                            "cut": euro(cut),
                        },
                    )
                )
            elif cut:
                _entry(
                    line,
                    EntryKind.PLAN,
                    row.cents - figures.planned,
                    _record_text(
                        gettext_noop("Planned according to %(decision)s (%(file)s)"),
                        decision=conf.decision_reference or conf.name,
                        file=Path(path).name,
                    ),
                    by,
                )
                plan_changes += 1
        for place_order, prow in enumerate(mconf.positions):
            place, _created = PlannedPosition.objects.update_or_create(
                module=module,
                name=prow.name,
                defaults={"fte": prow.fte, "order": place_order},
            )
            place.areas.set([areas[(r.level, r.code)] for r in prow.areas])
            places += 1
    if errors:
        # Raised inside the transaction: what was written above is rolled back.
        raise ProgrammeError([translate(m) for m in errors])
    return LoadSummary(programme, len(conf.modules), lines_created, plan_changes, places)


@transaction.atomic
def budget_line_plan(
    *, module: Module, area: Area | None, year: int, cents: int, reason: str, by: Any = None
) -> BudgetLine:
    """Set what a line plans to `cents` (a plan entry with the difference)."""
    if cents < 0:
        raise DomainError(_("A planned amount cannot be negative."))
    line, _created = BudgetLine.objects.get_or_create(
        module=module, area=area, year=year, defaults={"is_demo": module.programme.is_demo}
    )
    line, figures = _locked_figures(line)
    if figures.planned != cents:
        if figures.available - (figures.planned - cents) < 0:
            raise DomainError(
                _("The line has only %(available)s left; it cannot plan %(cut)s less.")
                % {"available": euro(figures.available), "cut": euro(figures.planned - cents)}
            )
        _entry(line, EntryKind.PLAN, cents - figures.planned, reason, by)
    return line


# --------------------------------------------------------------------------------------------
# Action budget
# --------------------------------------------------------------------------------------------


@transaction.atomic
def application_record(
    *,
    budget_line: BudgetLine,
    title: str,
    what: str,
    amount_requested_cents: int,
    applicant_name: str,
    applicant_email: str = "",
    why: str = "",
    for_whom: str = "",
    participants: str = "",
    timing: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    source: str = ApplicationSource.PAPER,
    token_hash: str | None = None,
    is_demo: bool = False,
    by: Any = None,
) -> ActionApplication:
    """Record an application; a paper one (recorded by a coordinator) needs no confirmation."""
    if amount_requested_cents <= 0:
        raise DomainError(_("The amount requested must be more than 0 €."))
    application = ActionApplication(
        budget_line=budget_line,
        title=title,
        what=what,
        why=why,
        for_whom=for_whom,
        participants=participants,
        timing=timing,
        starts_on=starts_on,
        ends_on=ends_on,
        amount_requested_cents=amount_requested_cents,
        applicant_name=applicant_name,
        applicant_email=applicant_email,
        source=source,
        token_hash=token_hash,
        status=ApplicationStatus.SUBMITTED,
        submitted_at=timezone.now(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
        is_demo=is_demo,
    )
    application._history_user = by
    application.save()
    return application


# Outcomes of a decision and the status each one gives.
DECISIONS = {
    "approved": ApplicationStatus.APPROVED,
    "partially_approved": ApplicationStatus.PARTIALLY_APPROVED,
    "rejected": ApplicationStatus.REJECTED,
}


def _decidable(application: ActionApplication) -> bool:
    if application.status == ApplicationStatus.CONFIRMED:
        return True
    # An online application waits for its e-mail confirmation; a paper one does not.
    return (
        application.status == ApplicationStatus.SUBMITTED
        and application.source == ApplicationSource.PAPER
    )


@transaction.atomic
def application_decide(
    *,
    application: ActionApplication,
    outcome: str,
    by: Any,
    amount_cents: int | None = None,
    reason: str = "",
) -> ActionApplication:
    """Approve (in full or in part) or reject; an approval commits its amount on the line.

    Refused with a DomainError, changing nothing, when the line has less available than
    the amount, when the application is not waiting for a decision, or when an amount or
    reason does not fit the outcome.
    """
    if outcome not in DECISIONS:
        raise DomainError(_("Unknown decision."))
    # The line first, then the application: every writer on a line locks in this order.
    line, figures = _locked_figures(application.budget_line)
    application = ActionApplication.objects.select_for_update().get(pk=application.pk)
    if not _decidable(application):
        raise DomainError(
            _("This application is not waiting for a decision (status: %(status)s).")
            % {"status": application.get_status_display()}
        )
    requested = application.amount_requested_cents
    reason = reason.strip()
    if outcome == "approved":
        amount = requested if amount_cents is None else amount_cents
        if amount != requested:
            raise DomainError(
                _("A full approval grants the amount requested (%(requested)s).")
                % {"requested": euro(requested)}
            )
    elif outcome == "partially_approved":
        amount = amount_cents or 0
        if not 0 < amount < requested:
            raise DomainError(
                _("An approval in part grants more than 0 € and less than %(requested)s.")
                % {"requested": euro(requested)}
            )
    else:
        amount = 0
    if outcome != "approved" and not reason:
        raise DomainError(_("Please give the applicant a reason."))
    if amount > figures.available:
        raise DomainError(
            _(
                "The action budget has only %(available)s available; %(amount)s cannot be "
                "approved. Nothing was changed."
            )
            % {"available": euro(figures.available), "amount": euro(amount)}
        )
    application.status = DECISIONS[outcome]
    application.decided_amount_cents = amount
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = by if getattr(by, "is_authenticated", False) else None
    application._history_user = by
    application.save()
    if amount:
        _entry(
            line,
            EntryKind.COMMITMENT,
            -amount,
            _record_text(gettext_noop("Approved: %(title)s"), title=application.title),
            by,
            application=application,
        )
    return application


PAYABLE = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.PARTIALLY_APPROVED,
    ApplicationStatus.STARTED,
    ApplicationStatus.DONE,
)


@transaction.atomic
def payment_record(
    *,
    application: ActionApplication,
    amount_cents: int,
    paid_on: dt.date,
    by: Any,
    note: str = "",
) -> Payment:
    """Record a payment against an approved application, at most what is still open."""
    line, _figures = _locked_figures(application.budget_line)
    application = ActionApplication.objects.select_for_update().get(pk=application.pk)
    if application.status not in PAYABLE:
        raise DomainError(_("Only approved applications can be paid."))
    if amount_cents <= 0:
        raise DomainError(_("A payment must be more than 0 €."))
    paid = selectors.paid_cents(application)
    still_open = (application.decided_amount_cents or 0) - paid
    if amount_cents > still_open:
        raise DomainError(
            _("Only %(open)s of the approved amount is still to be paid.")
            % {"open": euro(still_open)}
        )
    payment = Payment(
        application=application,
        amount_cents=amount_cents,
        paid_on=paid_on,
        note=note,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
        recorded_at=timezone.now(),
    )
    payment._history_user = by
    payment.save()
    _entry(
        line,
        EntryKind.PAYMENT,
        -amount_cents,
        _record_text(gettext_noop("Paid: %(title)s"), title=application.title),
        by,
        application=application,
        payment=payment,
    )
    return payment


@transaction.atomic
def application_complete(
    *, application: ActionApplication, by: Any, done_on: dt.date, note: str = ""
) -> ActionApplication:
    """Mark an approved application done; what was approved but not paid is released."""
    line, _figures = _locked_figures(application.budget_line)
    application = ActionApplication.objects.select_for_update().get(pk=application.pk)
    if application.status not in PAYABLE or application.status == ApplicationStatus.DONE:
        raise DomainError(_("Only approved or started applications can be completed."))
    unpaid = (application.decided_amount_cents or 0) - selectors.paid_cents(application)
    if unpaid:
        _entry(
            line,
            EntryKind.RELEASE,
            unpaid,
            _record_text(gettext_noop("Released (not spent): %(title)s"), title=application.title),
            by,
            application=application,
        )
    application.status = ApplicationStatus.DONE
    application.done_on = done_on
    application.completion_note = note
    application._history_user = by
    application.save()
    return application


# --------------------------------------------------------------------------------------------
# Year-end closing
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClosingSummary:
    lines: int  # lines that carried something over
    carried_cents: int


@transaction.atomic
def year_end_close(*, programme: Programme, year: int, by: Any = None) -> ClosingSummary:
    """Carry what each line of `year` has available into next year's line of the same
    module and area (created when missing), earmarked. Open commitments stay on the old
    line, where they are paid. A second run finds nothing available and changes nothing."""
    lines = list(
        # of=self: the area of a city-wide line is the nullable side of an outer join,
        # which PostgreSQL cannot lock.
        BudgetLine.objects.select_for_update(of=("self",))
        .filter(module__programme=programme, year=year)
        .select_related("module", "area")
        .order_by("pk")
    )
    figures = selectors.figures_for([line.pk for line in lines])
    carried = count = 0
    for line in lines:
        available = figures[line.pk].available
        if available <= 0:
            continue
        target, _created = BudgetLine.objects.get_or_create(
            module=line.module, area=line.area, year=year + 1, defaults={"is_demo": line.is_demo}
        )
        target = BudgetLine.objects.select_for_update().get(pk=target.pk)
        out = _entry(
            line,
            EntryKind.CARRY_OUT,
            -available,
            _record_text(
                gettext_noop("Year-end closing %(year)s: carried over into %(next)s, earmarked"),
                year=year,
                next=year + 1,
            ),
            by,
        )
        into = _entry(
            target,
            EntryKind.CARRY_IN,
            available,
            _record_text(
                gettext_noop("Year-end closing %(year)s: carried over from %(year)s, earmarked"),
                year=year,
            ),
            by,
            counterpart=out,
        )
        out.counterpart = into
        out._history_user = by
        out.save(update_fields=["counterpart"])
        carried += available
        count += 1
    return ClosingSummary(count, carried)


# --------------------------------------------------------------------------------------------
# Positions
# --------------------------------------------------------------------------------------------


@transaction.atomic
def position_save(
    *,
    module: Module,
    title: str,
    provider: Any,
    areas: list[Area],
    fte: Any,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    planned: PlannedPosition | None = None,
    is_demo: bool = False,
    by: Any = None,
) -> Position:
    """Create or update (by module and title) a staffed position."""
    if ends_on is not None and ends_on <= starts_on:
        raise DomainError(_("A position must end after it starts."))
    if not areas:
        raise DomainError(_("A position needs at least one area."))
    position = Position.objects.filter(module=module, title=title).first() or Position(
        module=module, title=title
    )
    position.provider = provider
    position.fte = fte
    position.starts_on = starts_on
    position.ends_on = ends_on
    position.planned = planned
    position.is_demo = is_demo
    position._history_user = by
    position.save()
    position.areas.set(areas)
    return position


# --------------------------------------------------------------------------------------------
# Action budget: online applications, checklist, progress, receipts
# --------------------------------------------------------------------------------------------

RECEIPT_MAX_BYTES = 10 * 1024 * 1024
# Content types by their first bytes, and the file name endings each one may carry.
RECEIPT_KINDS = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def action_line_for(area: Area, *, year: int) -> BudgetLine | None:
    """The area's action-budget line of `year` (the first, should a city run two)."""
    return (
        BudgetLine.objects.filter(area=area, year=year, module__kind=ModuleKind.ACTION_BUDGET)
        .select_related("area", "module__programme")
        .order_by("pk")
        .first()
    )


def application_link(token: str, *, base_url: str) -> str:
    """The applicant's absolute link: it confirms the e-mail address and then shows the status."""
    return base_url.rstrip("/") + reverse("funding:action-confirm", args=[token])


def _confirmation_message(application: ActionApplication, link: str) -> EmailMessage:
    subject = _("Your application to the action budget of %(area)s: please confirm") % {
        "area": application.budget_line.area.name
    }
    body = _(
        "Hello %(name)s,\n\n"
        "thank you for your application “%(title)s” (%(amount)s) to the action budget of "
        "%(area)s.\n\n"
        "Please confirm it with this link; the coordinator sees it only then:\n%(link)s\n\n"
        "Keep this e-mail: the same link shows you later how your application stands and "
        "what was decided. Please do not pass it on.\n\n"
        "If you did not apply, you can ignore this e-mail.\n"
    ) % {
        "name": application.applicant_name,
        "title": application.title,
        "amount": euro(application.amount_requested_cents),
        "area": application.budget_line.area.name,
        "link": link,
    }
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[application.applicant_email],
    )


def application_submit(
    *, budget_line: BudgetLine, base_url: str, applicant_email: str, **fields: Any
) -> tuple[ActionApplication, str]:
    """An application from the public form: stored as submitted with the hash of a random
    token, and an e-mail with the link that confirms it. The e-mail goes out inside the
    transaction, so an application whose e-mail could not be sent is not stored (OSError).
    Returns the application and its token (shown nowhere else)."""
    if not applicant_email:
        raise DomainError(_("Please give an e-mail address: the confirmation link goes there."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        application = application_record(
            budget_line=budget_line,
            applicant_email=applicant_email,
            source=ApplicationSource.ONLINE,
            token_hash=token_hash(token),
            **fields,
        )
        with translation.override(settings.LANGUAGE_CODE):
            _confirmation_message(application, application_link(token, base_url=base_url)).send()
    return application, token


def application_by_token(token: str) -> ActionApplication | None:
    """The application of a link, or None for a wrong or unknown one (never says which)."""
    if not token or len(token) > 100:
        return None
    return (
        ActionApplication.objects.filter(token_hash=token_hash(token))
        .select_related("budget_line__area")
        .first()
    )


@transaction.atomic
def application_confirm(*, application: ActionApplication) -> ActionApplication:
    """The applicant confirmed through the e-mail link; again later, nothing changes."""
    application = ActionApplication.objects.select_for_update().get(pk=application.pk)
    if application.status == ApplicationStatus.SUBMITTED:
        application.status = ApplicationStatus.CONFIRMED
        application.confirmed_at = timezone.now()
        application._history_user = None
        application._change_reason = _record_text(gettext_noop("confirmed by the e-mail link"))
        application.save()
    return application


UNDECIDED = (ApplicationStatus.SUBMITTED, ApplicationStatus.CONFIRMED)


@transaction.atomic
def criteria_record(
    *, application: ActionApplication, by: Any, checks: dict[str, tuple[bool | None, str]]
) -> list[CriterionCheck]:
    """Save the checklist: per criterion whether it is met (None: not yet judged) and a note."""
    application = ActionApplication.objects.select_for_update().get(pk=application.pk)
    if application.status not in UNDECIDED:
        raise DomainError(_("The checklist is closed: the application is decided."))
    saved = []
    now = timezone.now()
    for criterion, (is_met, note) in checks.items():
        if criterion not in Criterion.values:
            raise DomainError(_("Unknown criterion."))
        check = CriterionCheck.objects.filter(application=application, criterion=criterion).first()
        check = check or CriterionCheck(application=application, criterion=criterion)
        if check.pk and check.is_met == is_met and check.note == note.strip():
            saved.append(check)
            continue
        check.is_met, check.note = is_met, note.strip()
        check.checked_by = by if getattr(by, "is_authenticated", False) else None
        check.checked_at = now
        check._history_user = by
        check.save()
        saved.append(check)
    return saved


@transaction.atomic
def application_start(
    *, application: ActionApplication, by: Any, started_on: dt.date
) -> ActionApplication:
    """The approved action has begun."""
    application = ActionApplication.objects.select_for_update().get(pk=application.pk)
    if application.status not in (ApplicationStatus.APPROVED, ApplicationStatus.PARTIALLY_APPROVED):
        raise DomainError(_("Only an approved application can be marked as started."))
    application.status = ApplicationStatus.STARTED
    application.started_on = started_on
    application._history_user = by
    application.save()
    return application


def receipt_kind(head: bytes, file_name: str) -> str:
    """The content type of a receipt from its first bytes, checked against its name's ending;
    DomainError when the content is not PDF, JPEG or PNG or does not fit the name."""
    kind = next((k for k, (magic, _e) in RECEIPT_KINDS.items() if head.startswith(magic)), None)
    if kind is None:
        raise DomainError(
            _("Receipts can be PDF, JPEG or PNG files; this file's content is none of them.")
        )
    if not file_name.lower().endswith(RECEIPT_KINDS[kind][1]):
        raise DomainError(
            _(
                "The file's content is %(kind)s, but its name “%(name)s” says otherwise. "
                "Please check the file."
            )
            % {"kind": kind.split("/")[1].upper(), "name": file_name}
        )
    return kind


@transaction.atomic
def receipt_add(
    *,
    application: ActionApplication,
    by: Any,
    upload: Any,
    amount_cents: int | None = None,
) -> Receipt:
    """Store a receipt for the proof of use, outside the web root; refused (nothing stored)
    when too large or not a PDF, JPEG or PNG by its content."""
    application = ActionApplication.objects.select_for_update().get(pk=application.pk)
    if application.status not in PAYABLE:
        raise DomainError(_("Receipts belong to approved applications."))
    if upload.size > RECEIPT_MAX_BYTES:
        raise DomainError(
            _("The file is larger than %(mb)s MB.") % {"mb": RECEIPT_MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(16)
    name = Path(upload.name or "").name[:200]
    kind = receipt_kind(head, name)
    receipt = Receipt(
        application=application,
        original_name=name,
        content_type=kind,
        size=upload.size,
        sha256=upload_sha256(upload),
        amount_cents=amount_cents,
        uploaded_at=timezone.now(),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    # A random stored name: the applicant's file name never becomes a path.
    ending = RECEIPT_KINDS[kind][1][0]
    receipt.file.save(f"{secrets.token_hex(16)}{ending}", upload, save=False)
    receipt._history_user = by
    receipt.save()
    return receipt
