"""Monitoring (M1): indicators, observations and their imports, composite indices, district
types and model-area selections. Only aggregated figures per area, never case data."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from praeventionsnetz.areas.models import Area, Level


class Dimension(models.TextChoices):
    """The four dimensions of the small-area analysis (framework concept, Dresden 2017), and
    education, which planners read beside them (school recommendations, Kita attendance)."""

    SOCIAL_STRUCTURE = "social_structure", _("Social structure")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    NEED_SERVICE = "need_service", _("Need and services")
    SOCIAL_SPACE = "social_space", _("Lived social space")
    EDUCATION = "education", _("Education")


class IndicatorKind(models.TextChoices):
    COUNT = "count", _("Count")
    RATE = "rate", _("Rate (numerator/denominator)")
    VALUE = "value", _("Value")


class Direction(models.IntegerChoices):
    BURDEN = 1, _("Higher means more burden")
    NEUTRAL = 0, _("Neutral")
    RESOURCE = -1, _("Higher means less burden")


class Indicator(models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    direction = models.SmallIntegerField(
        _("direction"), choices=Direction.choices, default=Direction.NEUTRAL
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices)
    # A rate is numerator / denominator × scale (100 for per cent, 1000 per mille).
    scale = models.FloatField(_("scale of a rate"), default=100)
    min_cell = models.PositiveSmallIntegerField(
        _("minimum cell size"),
        default=3,
        help_text=_("Counts below this number are suppressed in pages, exports and the API."),
    )
    # Imports refuse values outside this range; empty means the default of the kind and
    # unit (see `plausible_range`).
    plausible_min = models.FloatField(
        _("plausible minimum"),
        null=True,
        blank=True,
        help_text=_("Imports refuse smaller values. Empty: 0 for counts, rates and shares."),
    )
    plausible_max = models.FloatField(
        _("plausible maximum"),
        null=True,
        blank=True,
        help_text=_(
            "Imports refuse larger values. Empty: the scale for rates (100 %, 1000 ‰), "
            "100 for a value in %."
        ),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demo, not real.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ("dimension", "key")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(scale__gt=0), name="indicator_scale_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(plausible_min__isnull=True)
                | models.Q(plausible_max__isnull=True)
                | models.Q(plausible_min__lte=models.F("plausible_max")),
                name="indicator_plausible_min_not_above_max",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def plausible_range(self) -> tuple[float | None, float | None]:
        """The values an import accepts: the indicator's own bounds, else by kind and unit.

        Counts and rates are never negative; a rate is at most its scale (100 %, 1000 ‰);
        a plain value in % or ‰ lies between 0 and 100 or 1000.
        """
        low: float | None = None
        high: float | None = None
        unit = self.unit.strip()
        if self.kind in {IndicatorKind.COUNT, IndicatorKind.RATE}:
            low = 0.0
        if self.kind == IndicatorKind.RATE:
            high = float(self.scale)
        elif self.kind == IndicatorKind.VALUE and unit in {"%", "‰"}:
            low, high = 0.0, 100.0 if unit == "%" else 1000.0
        return (
            low if self.plausible_min is None else self.plausible_min,
            high if self.plausible_max is None else self.plausible_max,
        )

    @property
    def citation(self) -> str:
        """Source with licence, as shown beside every figure."""
        if self.licence and self.licence != "–" and self.licence not in self.source:
            return f"{self.source} ({self.licence})"
        return self.source

    @property
    def name(self) -> str:
        if (get_language() or "de").startswith("en") and self.name_en:
            return self.name_en
        return self.name_de


class ImportBatch(models.Model):
    """Provenance of an import: which file, who, when, what it did."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    layout = models.CharField(_("layout"), max_length=10)
    city = models.ForeignKey(
        Area,
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-imported_at",)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class Observation(models.Model):
    """One figure of one indicator for one area and period; aggregated counts only."""

    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="observations"
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    # "2024" for a year, "2024-Q1" for a quarter; sorts chronologically as text.
    period = models.CharField(_("period"), max_length=10)
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    is_aggregated = models.BooleanField(
        _("aggregated"),
        default=False,
        help_text=_("Computed from the areas below, not imported."),
    )
    is_estimated = models.BooleanField(
        _("estimated"),
        default=False,
        help_text=_("Aggregated with a share of an area that lies only partly in this one."),
    )
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ("indicator", "period", "area")
        constraints = (
            models.UniqueConstraint(
                fields=["area", "indicator", "period"], name="observation_unique_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(denominator__isnull=True) | models.Q(denominator__gte=0),
                name="observation_denominator_not_negative",
            ),
        )
        indexes = (
            # With the area, the index covers the counts of complete periods and the
            # suppression's reading of a city's figures: no table row is read for them.
            models.Index(
                fields=["indicator", "period", "area"], name="observation_ind_period_area"
            ),
        )

    def __str__(self) -> str:
        return f"{self.indicator.key} {self.area} {self.period}"


class CompositeIndex(models.Model):
    """An index over several indicators; its definition is the engine's JSON (indices.py)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    definition = models.JSONField(_("definition"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("composite index")
        verbose_name_plural = _("composite indices")
        ordering = ("key",)

    def __str__(self) -> str:
        return self.name


class IndexResult(models.Model):
    index = models.ForeignKey(CompositeIndex, on_delete=models.CASCADE, related_name="results")
    # One definition may hold several indices (e.g. status and dynamics).
    part = models.CharField(_("index"), max_length=80)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="index_results")
    period = models.CharField(_("period"), max_length=10)
    value = models.FloatField(_("value"))
    class_label = models.CharField(_("class"), max_length=80, blank=True)
    rank = models.PositiveIntegerField(_("rank"))
    computed_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("index result")
        verbose_name_plural = _("index results")
        ordering = ("index", "part", "period", "rank")
        constraints = (
            models.UniqueConstraint(
                fields=["index", "part", "area", "period"], name="index_result_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.part} {self.area_id} {self.period}: {self.class_label}"


class AreaType(models.Model):
    """A district type (Stadtraumtyp) of a city, e.g. D "Buntes Viertel"."""

    city = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="area_types")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("district type")
        verbose_name_plural = _("district types")
        ordering = ("city", "code")
        constraints = (
            models.UniqueConstraint(fields=["city", "code"], name="area_type_code_unique"),
        )

    def __str__(self) -> str:
        return gettext("%(code)s “%(name)s”") % {"code": self.code, "name": self.name}


class AreaTypeAssignment(models.Model):
    """The experts' assignment of an area to a type, with their agreement ratings."""

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="type_assignment")
    area_type = models.ForeignKey(
        AreaType,
        verbose_name=_("district type"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    ratings_n = models.PositiveSmallIntegerField(_("number of ratings"), default=0)
    ratings_mean = models.FloatField(_("mean rating"), null=True, blank=True)
    expert_description = models.TextField(_("expert description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("district type assignment")
        verbose_name_plural = _("district type assignments")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(ratings_mean__isnull=True) | models.Q(ratings_n__gt=0),
                name="type_assignment_mean_needs_ratings",
            ),
        )

    def __str__(self) -> str:
        return f"{self.area} → {self.area_type}"


class SelectionRun(models.Model):
    """A dated, reproducible model-area selection: criteria, constraints and the result."""

    city = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="selection_runs")
    name = models.CharField(_("name"), max_length=200)
    # What the run is for and how to read it, e.g. how it differs from an earlier choice.
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    period = models.CharField(_("period"), max_length=10)
    criteria = models.JSONField(_("criteria"))
    constraints = models.JSONField(_("constraints"), default=dict)
    number = models.PositiveSmallIntegerField(_("number of areas to select"))
    result = models.JSONField(_("result"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("model-area selection")
        verbose_name_plural = _("model-area selections")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.name

    @property
    def selected_count(self) -> int:
        """How many areas the run selected (at most `number`)."""
        return sum(1 for row in self.result.get("ranking", []) if row.get("selected"))
