"""Territorial units: cities and their districts at every level, with history.

Several cities can live in one instance: each is a root `Area` (level city). Boundary
changes keep history: a changed area gets `valid_to` and a new version is created.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Level(models.TextChoices):
    CITY = "city", _("City")
    STADTBEZIRK = "stadtbezirk", _("City district (Stadtbezirk)")
    STADTRAUM = "stadtraum", _("Social space (Stadtraum)")
    STADTTEIL = "stadtteil", _("Quarter (Stadtteil)")
    ORTSCHAFT = "ortschaft", _("Locality (Ortschaft)")
    BEZIRK = "bezirk", _("Borough (Bezirk)")
    PROGNOSERAUM = "prognoseraum", _("Forecast area (Prognoseraum)")
    BEZIRKSREGION = "bezirksregion", _("District region (Bezirksregion)")
    PLANUNGSRAUM = "planungsraum", _("Planning area (Planungsraum)")


# Coarse to fine; used to order levels in pages and lookups.
LEVEL_ORDER = {level: rank for rank, level in enumerate(Level.values)}

LEVEL_PLURALS = {
    Level.CITY: _("Cities"),
    Level.STADTBEZIRK: _("City districts"),
    Level.STADTRAUM: _("Social spaces"),
    Level.STADTTEIL: _("Quarters"),
    Level.ORTSCHAFT: _("Localities"),
    Level.BEZIRK: _("Boroughs"),
    Level.PROGNOSERAUM: _("Forecast areas"),
    Level.BEZIRKSREGION: _("District regions"),
    Level.PLANUNGSRAUM: _("Planning areas"),
}


class AreaQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None) -> "AreaQuerySet":
        """Areas valid on a day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=on),
        )

    def cities(self) -> "AreaQuerySet":
        return self.filter(level=Level.CITY, parent__isnull=True)


class Area(models.Model):
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    city = models.ForeignKey(
        "self",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The root area this area belongs to; empty for a city itself."),
    )
    also_in = models.ManyToManyField(
        "self",
        verbose_name=_("partly also in"),
        symmetrical=False,
        blank=True,
        related_name="partly_contains",
        help_text=_("Further parent areas that this area straddles."),
    )
    has_residents = models.BooleanField(
        _("has residents"),
        default=True,
        help_text=_(
            "Uninhabited areas (forest, airport) are missing from population statistics; "
            "a total over their level is complete without them."
        ),
    )
    geometry = models.JSONField(_("geometry (GeoJSON)"), null=True, blank=True)
    # A simplified copy for maps, so pages stay light; derived from `geometry`.
    display_geometry = models.JSONField(null=True, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source and licence"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The coordinators' scope: a coordinator is responsible for these areas and everything
    # below them. Declared here so that the user model knows no feature app.
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="areas",
        help_text=_("For coordinators: the areas they are responsible for."),
    )

    history = HistoricalRecords(excluded_fields=["display_geometry"])
    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ("code",)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_from__lt=models.F("valid_to")),
                name="area_valid_from_before_valid_to",
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=Level.values), name="area_level_valid"
            ),
            models.UniqueConstraint(
                fields=["city", "level", "code"],
                condition=models.Q(valid_to__isnull=True, city__isnull=False),
                name="area_current_code_unique_in_city",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(valid_to__isnull=True, city__isnull=True),
                name="area_current_city_code_unique",
            ),
        )
        indexes = (models.Index(fields=["city", "level"]),)

    def __str__(self) -> str:
        return self.name

    @property
    def is_city(self) -> bool:
        return self.parent_id is None and self.level == Level.CITY

    @property
    def level_plural(self) -> str:
        return str(LEVEL_PLURALS[Level(self.level)])


class AreaMembership(models.Model):
    """An area belongs to a further area besides its parent, wholly or in part.

    A Dresden Stadtteil has two parents: its Stadtraum (`Area.parent`) and its Stadtbezirk,
    and a Stadtraum need not lie in one Stadtbezirk. Figures are summed to a level along
    the memberships toward that level (see `selectors.containers_toward`). A membership
    in part has a `share` (the part's share of the residents) when a documented split
    exists; without one, the container cannot be summed from this area.
    """

    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="memberships"
    )
    container = models.ForeignKey(
        Area,
        verbose_name=_("belongs to"),
        on_delete=models.CASCADE,
        related_name="member_links",
    )
    is_partial = models.BooleanField(
        _("only in part"), default=False, help_text=_("Only part of the area lies in it.")
    )
    share = models.FloatField(
        _("share of a part"),
        null=True,
        blank=True,
        help_text=_("For a part: its share of the residents (0 to 1), if documented."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area membership")
        verbose_name_plural = _("area memberships")
        ordering = ("area", "container")
        constraints = (
            models.UniqueConstraint(fields=["area", "container"], name="area_membership_unique"),
            models.CheckConstraint(
                condition=models.Q(share__isnull=True)
                | (models.Q(share__gt=0) & models.Q(share__lte=1)),
                name="area_membership_share_in_0_1",
            ),
            models.CheckConstraint(
                condition=models.Q(share__isnull=True) | models.Q(is_partial=True),
                name="area_membership_share_only_for_part",
            ),
        )

    def __str__(self) -> str:
        return f"{self.area} → {self.container}"
