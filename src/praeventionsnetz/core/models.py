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
    areas = models.ManyToManyField(
        "areas.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="coordinators",
        help_text=_("For coordinators: the areas they are responsible for."),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_("For organisation members: the organisation they act for."),
    )
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
