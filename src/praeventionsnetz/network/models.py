"""Organisations of the prevention network (M2). The registry grows in its own issue;
the foundation needs an organisation to scope organisation members to."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Invented for the demo, not real.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name
