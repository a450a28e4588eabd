"""Users and their roles. Domain data lives in the capability apps."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
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
