"""Funding (M4): programmes, budget lines and their ledger, positions, calls, action budgets.

Money is integer cents (``*_cents``, BigIntegerField). A budget line stores no totals: its
planned, committed, paid, carried-over and available figures are sums of its ledger
entries (see ``budget.py`` for the signs), so they reconcile to the cent by construction
and a decision only has to lock the line's row to see a consistent balance.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def private_storage() -> FileSystemStorage:
    """Receipts live under var/private, which no web server serves; views stream them after
    a permission check. A callable keeps the path out of the migrations."""
    return FileSystemStorage(location=settings.VAR_DIR / "private", base_url=None)


class Programme(models.Model):
    """A funding programme decided by a council body (e.g. Dresden's prevention budget)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    city = models.ForeignKey(
        "areas.Area",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reference = models.CharField(_("decision"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    deciding_body = models.CharField(_("deciding body"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # The statements the decision asks of every applicant to its calls; a new call starts
    # with them.
    call_questions = models.JSONField(_("questions of its calls"), default=list, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ("-decided_on", "name")

    def __str__(self) -> str:
        return self.name


class ModuleKind(models.TextChoices):
    STEERING = "steering", _("Steering module")
    PRACTICE = "practice", _("Practice module")
    ACTION_BUDGET = "action_budget", _("Action budget")
    OTHER = "other", _("Other")


class Module(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="modules"
    )
    key = models.SlugField(_("key"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ModuleKind.choices, default=ModuleKind.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ("programme", "order", "name")
        constraints = (
            models.UniqueConstraint(fields=["programme", "key"], name="module_key_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=ModuleKind.values), name="module_kind_valid"
            ),
        )

    def __str__(self) -> str:
        return self.name


class BudgetLine(models.Model):
    """The money of one module for one area (or the whole city) in one fiscal year."""

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        help_text=_("Empty for a city-wide line."),
    )
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    is_demo = models.BooleanField(_("demo record"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ("year", "module__order", "area__code")
        constraints = (
            models.UniqueConstraint(
                fields=["module", "area", "year"],
                condition=Q(area__isnull=False),
                name="budget_line_unique_per_area",
            ),
            models.UniqueConstraint(
                fields=["module", "year"],
                condition=Q(area__isnull=True),
                name="budget_line_unique_city_wide",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2200), name="budget_line_year_range"
            ),
        )

    def __str__(self) -> str:
        where = self.area.name if self.area_id else _("city-wide")
        return f"{self.module} · {where} · {self.year}"


class EntryKind(models.TextChoices):
    # Signs (see budget.py): plan ±, carry-in +, carry-out −, commitment −, release +,
    # payment −. Available is the sum of every entry except payments.
    PLAN = "plan", _("Planned funds")
    CARRY_IN = "carry_in", _("Carried over from the previous year")
    CARRY_OUT = "carry_out", _("Carried over into the next year")
    COMMITMENT = "commitment", _("Commitment")
    RELEASE = "release", _("Release of a commitment")
    PAYMENT = "payment", _("Payment")


class LedgerEntry(models.Model):
    """One movement of money on a budget line; never changed or deleted, only added."""

    budget_line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(_("time"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    application = models.ForeignKey(
        "ActionApplication",
        verbose_name=_("action application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    payment = models.OneToOneField(
        "Payment",
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entry",
    )
    # A carry-out and the carry-in it made on the next year's line point at each other.
    counterpart = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The ledger is append-only; the trail records who wrote each entry (and the one later
    # change: a carry-out learning its counterpart).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ("at", "pk")
        indexes = (models.Index(fields=["budget_line", "kind"]),)
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="ledger_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    (Q(kind=EntryKind.PLAN) & ~Q(amount_cents=0))
                    | Q(kind__in=[EntryKind.CARRY_IN, EntryKind.RELEASE], amount_cents__gt=0)
                    | Q(
                        kind__in=[EntryKind.CARRY_OUT, EntryKind.COMMITMENT, EntryKind.PAYMENT],
                        amount_cents__lt=0,
                    )
                ),
                name="ledger_entry_sign_by_kind",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_cents}"


class PlannedPosition(models.Model):
    """A place the decision plans a position for: e.g. 0.5 FTE in one Stadtraum, or in a
    group of Ortschaften (20 places in Dresden's A0446/18)."""

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="planned_positions"
    )
    name = models.CharField(_("name"), max_length=200)
    areas = models.ManyToManyField("areas.Area", verbose_name=_("areas"), related_name="+")
    fte = models.DecimalField(_("FTE"), max_digits=4, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        verbose_name = _("planned position")
        verbose_name_plural = _("planned positions")
        ordering = ("module", "order")
        constraints = (
            models.UniqueConstraint(fields=["module", "name"], name="planned_position_unique"),
            models.CheckConstraint(condition=Q(fte__gt=0), name="planned_position_fte_positive"),
        )

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """A staffed position (Stelle) with a provider, e.g. a coordinator at 0.5 FTE."""

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="positions"
    )
    planned = models.ForeignKey(
        PlannedPosition,
        verbose_name=_("planned position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="funded_positions",
    )
    areas = models.ManyToManyField("areas.Area", verbose_name=_("areas"), related_name="+")
    fte = models.DecimalField(_("FTE"), max_digits=4, decimal_places=2)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    awarded_by = models.ForeignKey(
        "CallApplication",
        verbose_name=_("awarded through"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ("starts_on", "pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=2), name="position_fte_range"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__lt=F("ends_on")),
                name="position_starts_before_end",
            ),
        )

    def __str__(self) -> str:
        return self.title


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Decided")


class Call(models.Model):
    """A call for expressions of interest (Interessenbekundungsverfahren)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    module = models.ForeignKey(
        Module,
        verbose_name=_("module awarded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calls",
    )
    planned_position = models.ForeignKey(
        PlannedPosition,
        verbose_name=_("position awarded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calls",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    opens_at = models.DateTimeField(_("open from"), null=True, blank=True)
    deadline_at = models.DateTimeField(_("deadline"))
    deciding_body = models.CharField(_("deciding body"), max_length=200)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call for expressions of interest")
        verbose_name_plural = _("calls for expressions of interest")
        ordering = ("-deadline_at",)
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=CallStatus.values), name="call_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(module__isnull=False) | Q(planned_position__isnull=False),
                name="call_awards_something",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(opens_at__lt=F("deadline_at")),
                name="call_opens_before_deadline",
            ),
        )

    def __str__(self) -> str:
        return self.title


class CallQuestion(models.Model):
    """A statement every applicant must make (A0446/18 item 4 a and b)."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question"))
    is_required = models.BooleanField(_("required"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call question")
        verbose_name_plural = _("call questions")
        ordering = ("call", "order")
        constraints = (
            models.UniqueConstraint(fields=["call", "order"], name="call_question_order_unique"),
        )

    def __str__(self) -> str:
        return self.text[:80]


class ReviewCriterion(models.Model):
    """A weighted criterion reviewers score the applications of a call by."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ("call", "order")
        constraints = (
            models.UniqueConstraint(fields=["call", "name"], name="review_criterion_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="review_criterion_weight_gt0"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="review_criterion_max_gt0"),
        )

    def __str__(self) -> str:
        return self.name


class CallApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    DECIDED = "decided", _("Decided")


class CallApplication(models.Model):
    """An organisation's expression of interest in a call."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="call_applications",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CallApplicationStatus.choices,
        default=CallApplicationStatus.DRAFT,
    )
    is_successful = models.BooleanField(_("successful"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ("call", "organisation__name")
        constraints = (
            models.UniqueConstraint(
                fields=["call", "organisation"], name="call_application_one_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CallApplicationStatus.values),
                name="call_application_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=CallApplicationStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="call_application_submitted_has_time",
            ),
        )

    def __str__(self) -> str:
        return f"{self.organisation} · {self.call}"


class CallAnswer(models.Model):
    application = models.ForeignKey(
        CallApplication,
        verbose_name=_("expression of interest"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        CallQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    text = models.TextField(_("answer"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = (
            models.UniqueConstraint(
                fields=["application", "question"], name="call_answer_one_per_question"
            ),
        )

    def __str__(self) -> str:
        return self.text[:80]


class Review(models.Model):
    """One reviewer's review of one expression of interest. Reviewers score alone first:
    the others' scores and the summary with its spread are shown to a reviewer only once
    their own review is submitted (`submitted_at`)."""

    application = models.ForeignKey(
        CallApplication,
        verbose_name=_("expression of interest"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = (
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_one_per_reviewer"
            ),
        )

    def __str__(self) -> str:
        return f"{self.application} · {self.reviewer}"


class ReviewScore(models.Model):
    """The score of one review on one weighted criterion (the weight is the criterion's)."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        ReviewCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review score")
        verbose_name_plural = _("review scores")
        constraints = (
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_unique"),
        )

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    APPROVED = "approved", _("Approved")
    PARTIALLY_APPROVED = "partially_approved", _("Approved in part")
    REJECTED = "rejected", _("Rejected")
    STARTED = "started", _("Started")
    DONE = "done", _("Done")


class ApplicationSource(models.TextChoices):
    ONLINE = "online", _("Online form")
    PAPER = "paper", _("Paper application, recorded by the coordinator")


class ActionApplication(models.Model):
    """An application to a district's action budget (Aktionsbudget)."""

    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    title = models.CharField(_("title"), max_length=200)
    what = models.TextField(_("what is planned"))
    why = models.TextField(_("why"), blank=True)
    for_whom = models.TextField(_("for whom"), blank=True)
    participants = models.TextField(_("who takes part"), blank=True)
    amount_requested_cents = models.BigIntegerField(_("amount requested (cents)"))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    timing = models.CharField(_("timing"), max_length=200, blank=True)
    # Personal data: never shown on public pages.
    applicant_name = models.CharField(_("applicant"), max_length=200)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    source = models.CharField(
        _("received as"),
        max_length=10,
        choices=ApplicationSource.choices,
        default=ApplicationSource.ONLINE,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    decided_amount_cents = models.BigIntegerField(
        _("amount decided (cents)"), null=True, blank=True
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    completion_note = models.TextField(_("completion note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("action budget application")
        verbose_name_plural = _("action budget applications")
        ordering = ("-submitted_at", "pk")
        indexes = (models.Index(fields=["budget_line", "status"]),)
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="action_application_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(amount_requested_cents__gt=0),
                name="action_application_requested_gt0",
            ),
            models.CheckConstraint(
                condition=Q(decided_amount_cents__isnull=True)
                | Q(
                    decided_amount_cents__gte=0,
                    decided_amount_cents__lte=F("amount_requested_cents"),
                ),
                name="action_application_decided_within_request",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=F("ends_on")),
                name="action_application_starts_before_end",
            ),
        )

    def __str__(self) -> str:
        return self.title


class Criterion(models.TextChoices):
    """The award criteria of the action budget (framework concept, 2017)."""

    NEED = "need", _("Concrete need in the district")
    PARTICIPATION = "participation", _("Participation of residents")
    PREVENTION = "prevention", _("Preventive effect")
    NO_SUBSTITUTE = "no_substitute", _("Not a substitute for regular funding")


class CriterionCheck(models.Model):
    application = models.ForeignKey(
        ActionApplication,
        verbose_name=_("action budget application"),
        on_delete=models.CASCADE,
        related_name="checks",
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    is_met = models.BooleanField(_("met"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion check")
        verbose_name_plural = _("criterion checks")
        constraints = (
            models.UniqueConstraint(
                fields=["application", "criterion"], name="criterion_check_unique"
            ),
            models.CheckConstraint(
                condition=Q(criterion__in=Criterion.values), name="criterion_check_valid"
            ),
        )

    def __str__(self) -> str:
        return self.get_criterion_display()


class Payment(models.Model):
    application = models.ForeignKey(
        ActionApplication,
        verbose_name=_("action budget application"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("paid_on", "pk")
        constraints = (
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="payment_amount_gt0"),
        )

    def __str__(self) -> str:
        return f"{self.application} · {self.amount_cents}"


class Receipt(models.Model):
    """A receipt for the proof of use; the file is outside the web root (private_storage)."""

    application = models.ForeignKey(
        ActionApplication,
        verbose_name=_("action budget application"),
        on_delete=models.PROTECT,
        related_name="receipts",
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="receipts/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    amount_cents = models.BigIntegerField(_("amount (cents)"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ("uploaded_at", "pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="receipt_content_type_allowed",
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__isnull=True) | Q(amount_cents__gte=0),
                name="receipt_amount_gte0",
            ),
        )

    def __str__(self) -> str:
        return self.original_name
