"""Organisations of the prevention network and their cooperation ties (M2).

Ties are reported by one side (reporter → partner), in a survey wave or by a coordinator;
the analysis tells reciprocated from one-sided ties. Only organisations and aggregated
relations are stored, never people or cases.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from praeventionsnetz.core.text import tel_number


class Sector(models.TextChoices):
    HEALTH = "health", _("Health")
    YOUTH_WELFARE = "youth_welfare", _("Youth welfare")
    SCHOOL = "school", _("School and education")
    ADMINISTRATION = "administration", _("Administration")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    EMPLOYMENT = "employment", _("Employment")
    OTHER = "other", _("Other")


class OrgLevel(models.TextChoices):
    FACILITY = "facility", _("Facility")
    PROVIDER = "provider", _("Provider")
    DISTRICT = "district", _("District")
    CITY = "city", _("City")
    STATE = "state", _("State")


class OrgKind(models.TextChoices):
    KITA = "kita", _("Day-care centre (Kita)")
    SCHOOL = "school", _("School")
    YOUTH_CLUB = "youth_club", _("Youth club (open youth work)")
    SCHOOL_SOCIAL_WORK = "school_social_work", _("School social work")
    AFTER_SCHOOL = "after_school", _("After-school care (Hort)")
    COUNSELLING = "counselling", _("Counselling centre")
    FAMILY_CENTRE = "family_centre", _("Family centre")
    ASD = "asd", _("General social service (ASD)")
    HEALTH_OFFICE = "health_office", _("Health office")
    MEDICAL = "medical", _("Medical practice or clinic")
    JOBCENTER = "jobcenter", _("Jobcenter")
    ASSOCIATION = "association", _("Association or initiative")
    PROVIDER = "provider", _("Provider (Träger)")
    ADMINISTRATION = "administration", _("Administration")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=30, choices=OrgKind.choices, default=OrgKind.OTHER
    )
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER
    )
    level = models.CharField(
        _("level"), max_length=20, choices=OrgLevel.choices, default=OrgLevel.FACILITY
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=200, blank=True, help_text=_("e.g. § 22 SGB VIII")
    )
    provider = models.ForeignKey(
        "self",
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilities",
    )
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    # The organisation's own contact (an office address, not a person's): survey links and
    # reminders go to `email`; `phone` also tells duplicates apart.
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    city = models.ForeignKey(
        "areas.Area",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    # The areas that contain the address, at every level (point-in-polygon).
    located_in = models.ManyToManyField(
        "areas.Area", blank=True, related_name="located", verbose_name=_("located in")
    )
    areas_served = models.ManyToManyField(
        "areas.Area", blank=True, related_name="served_by", verbose_name=_("areas served")
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown to the public; otherwise internal.")
    )
    external_id = models.CharField(_("external id"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Invented for the demo, not real.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[areas_served])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)
        indexes = (models.Index(fields=["city", "sector"]), models.Index(fields=["external_id"]))
        constraints = (
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True) | models.Q(lon__gte=-180, lon__lte=180),
                name="organisation_lon_range",
            ),
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True) | models.Q(lat__gte=-90, lat__lte=90),
                name="organisation_lat_range",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def phone_href(self) -> str:
        """The phone number for a tel: link."""
        return tel_number(self.phone)

    @property
    def address(self) -> str:
        return ", ".join(p for p in (self.street, f"{self.postcode} {self.town}".strip()) if p)


class Membership(models.Model):
    """An organisation member's link to the one organisation they act for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class TieKind(models.TextChoices):
    INFORMATION = "information", _("Information exchange")
    CASE = "case", _("Case-related cooperation")
    JOINT_OFFER = "joint_offer", _("Joint offer")
    REFERRAL = "referral", _("Referral")
    AGREEMENT = "agreement", _("Formal cooperation agreement")
    # Vertical: a facility run by its provider (Träger); taken from the registry.
    PROVIDER = "provider", _("Run by the provider")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("once or twice a year")
    RARELY = "rarely", _("less often")


class TieSource(models.TextChoices):
    SURVEY = "survey", _("Survey answer")
    COORDINATOR = "coordinator", _("Coordinator entry")
    REGISTRY = "registry", _("Registry (provider of a facility)")


class SurveyWave(models.Model):
    """A round of the network survey for an area (or a whole city)."""

    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="survey_waves"
    )
    name = models.CharField(_("name"), max_length=200)
    started_on = models.DateField(_("started on"))
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey wave")
        verbose_name_plural = _("survey waves")
        ordering = ("-started_on", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(started_on__lte=models.F("closes_on")),
                name="wave_starts_before_it_closes",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class SurveyInvitation(models.Model):
    """One organisation's personal link to one wave; the nonce makes each link unique."""

    wave = models.ForeignKey(SurveyWave, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    nonce = models.CharField(max_length=32)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = (
            models.UniqueConstraint(
                fields=["wave", "organisation"], name="one_invitation_per_wave"
            ),
        )

    def __str__(self) -> str:
        return f"{self.wave} – {self.organisation}"


class Tie(models.Model):
    reporter = models.ForeignKey(
        Organisation,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="ties_reported",
    )
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="ties_received",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TieKind.choices)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    intensity = models.PositiveSmallIntegerField(_("intensity (1–5)"), null=True, blank=True)
    # PARTNER tool scores: trust and value of the partner, 1 (low) to 4 (high).
    trust = models.PositiveSmallIntegerField(_("trust (1–4)"), null=True, blank=True)
    value = models.PositiveSmallIntegerField(_("value (1–4)"), null=True, blank=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=TieSource.choices)
    wave = models.ForeignKey(
        SurveyWave,
        verbose_name=_("survey wave"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ties",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperation tie")
        verbose_name_plural = _("cooperation ties")
        ordering = ("reporter", "partner", "kind")
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(reporter=models.F("partner")), name="tie_not_to_itself"
            ),
            models.UniqueConstraint(
                fields=["reporter", "partner", "kind", "wave"], name="tie_unique_per_wave"
            ),
            models.CheckConstraint(
                condition=models.Q(intensity__isnull=True)
                | models.Q(intensity__gte=1, intensity__lte=5),
                name="tie_intensity_range",
            ),
            models.CheckConstraint(
                condition=models.Q(trust__isnull=True) | models.Q(trust__gte=1, trust__lte=4),
                name="tie_trust_range",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=4),
                name="tie_value_range",
            ),
        )

    def __str__(self) -> str:
        return f"{self.reporter} → {self.partner} ({self.get_kind_display()})"


class SurveyDraft(models.Model):
    """What a respondent has entered so far, saved as they go; replaced by the sent answer.

    `rows` lists the partners added, each a dict with the answer fields of the form
    (partner, art, haeufigkeit, vertrauen, nutzen) as typed; `new_names` is the text of
    the field for organisations that are not in the register.
    """

    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.CASCADE, related_name="draft"
    )
    rows = models.JSONField(default=list)
    new_names = models.TextField(blank=True)
    saved_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey draft")
        verbose_name_plural = _("survey drafts")

    def __str__(self) -> str:
        return f"{self.invitation} ({len(self.rows)})"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("awaiting review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class PartnerSuggestion(models.Model):
    """A partner named in a survey answer that is not in the register of the wave's city.

    It waits for the wave's owner (or planning), who creates the organisation in the wave's
    city, matches it to an existing one there, or rejects it; the tie is recorded on
    acceptance. A link can name only a limited number (services.SUGGESTIONS_PER_LINK).
    """

    invitation = models.ForeignKey(
        SurveyInvitation, on_delete=models.CASCADE, related_name="suggestions"
    )
    name = models.CharField(_("name"), max_length=300)
    # The folded name (network.names.fold): one suggestion per name and link.
    key = models.CharField(max_length=300)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner suggestion")
        verbose_name_plural = _("partner suggestions")
        ordering = ("created_at", "pk")
        constraints = (
            models.UniqueConstraint(fields=["invitation", "key"], name="one_suggestion_per_name"),
        )

    def __str__(self) -> str:
        return self.name


class NetworkLayout(models.Model):
    """Where the network map puts each organisation, and the network's measures, for one
    city, wave (none: the registry) and filter: computed on the first request and kept.

    Derived data, no record of its own: `digest` is a hash of what the layout and measures
    depend on (the organisations with sector and level, and the reported ties), so a change
    of ties or organisations is noticed on the next request, which computes them anew.
    Deleted with its wave or city.
    """

    city = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    wave = models.ForeignKey(
        SurveyWave, null=True, blank=True, on_delete=models.CASCADE, related_name="layouts"
    )
    choice = models.CharField(max_length=200)  # wave, area, sector and kind of tie
    digest = models.CharField(max_length=64)
    positions = models.JSONField(default=dict)  # organisation id → [x, y] in [0, 1]²
    summary = models.JSONField(default=dict)  # layouts.map_summary: figures, ties per node
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network layout")
        verbose_name_plural = _("network layouts")
        constraints = (
            models.UniqueConstraint(fields=["city", "choice"], name="one_layout_per_choice"),
        )

    def __str__(self) -> str:
        return f"{self.city_id} {self.choice}"
