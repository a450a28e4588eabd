"""Users and their roles. Domain data lives in the capability apps."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    PLANNING = "planning", _("Youth welfare planning")
    COORDINATOR = "coordinator", _("Coordinator")
    STEERING = "steering", _("Steering group member")
    ORGANISATION = "organisation", _("Organisation member")


class User(AbstractUser):
    """A person who logs in. The public uses the platform without an account."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    is_demo = models.BooleanField(_("demo account"), default=False)

    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(role__in=[*Role.values, ""]),
                name="user_role_valid",
            ),
        )

    # A coordinator's areas (`user.areas`) and a member's organisation live in the apps that
    # own areas and organisations (areas.Area.coordinators, network.Membership), so that
    # this model depends on no feature app.
    @property
    def organisation(self):
        """The organisation an organisation member acts for, or None."""
        membership = getattr(self, "membership", None)
        return membership.organisation if membership is not None else None

    @property
    def organisation_id(self) -> int | None:
        membership = getattr(self, "membership", None)
        return membership.organisation_id if membership is not None else None


class Upload(models.Model):
    """A file uploaded for an import preview, kept until the import is confirmed (core.uploads).

    The confirmation claims it once: `consumed_at` is set and the content dropped in the
    import's transaction, so a second confirmation of the same preview imports nothing.
    """

    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=40)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(db_index=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consumed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return self.file_name


class ApiToken(models.Model):
    """A personal key for the API (`Authorization: Bearer <key>`), with its owner's rights.

    The key is shown once when it is made; only its SHA-256 digest is kept (the key is 256
    random bits, so a plain hash cannot be reversed), plus its first characters to tell
    keys apart. A revoked key stays listed, so that its owner sees when it was used last.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("begins with"), max_length=16)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["digest", "last_used_at"])

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Job(models.Model):
    """A background task started by a user, with its progress and outcome (core.jobs).

    The task itself lives in the task backend (django-tasks); this row is what the task page
    (/aufgaben/<id>/) shows, so the page survives a reload and does not depend on the backend.
    `error` is the plain text shown to the user; the traceback goes to the log only.
    """

    class State(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("task state", "Waiting")
        RUNNING = "running", pgettext_lazy("task state", "Running")
        DONE = "done", pgettext_lazy("task state", "Done")
        FAILED = "failed", pgettext_lazy("task state", "Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_path = models.CharField(_("task"), max_length=200)
    task_result_id = models.CharField(max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=300)
    # What the task works on, e.g. "network-layouts:city=3:wave=7": a second start of the same
    # work while one waits or runs joins it (core.jobs.job_start).
    subject = models.CharField(max_length=200, blank=True, db_index=True)
    language = models.CharField(max_length=10, blank=True)
    owner = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        ordering = ("-created_at",)
        indexes = (models.Index(fields=["state", "created_at"]),)

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def percent(self) -> int | None:
        if self.state == self.State.DONE:
            return 100
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
