"""Support offers along a child's life course (M3), aligned with Open Referral HSDS 3.0.

HSDS: an organisation offers services; a service is delivered at locations (service at
location) with schedules; services carry languages, taxonomy terms and a contact by role.
Our own fields say where an offer sits in the prevention chain: life phases, transitions,
access threshold, legal basis, areas served, and when it was last verified.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from praeventionsnetz.core.text import tel_number
from praeventionsnetz.offers.languages import language_names


class LifePhase(models.TextChoices):
    PREGNANCY = "pregnancy", _("Pregnancy")
    AGE_0_1 = "0-1", _("0–1 years")
    AGE_1_3 = "1-3", _("1–3 years")
    AGE_3_6 = "3-6", _("3–6 years")
    AGE_6_10 = "6-10", _("6–10 years")
    AGE_10_14 = "10-14", _("10–14 years")
    AGE_14_18 = "14-18", _("14–18 years")
    AGE_18_27 = "18-27", _("18–27 years")
    PARENTS = "parents", _("Parents")


# Age bounds in years (inclusive lower, exclusive upper) for the age-of-child search.
PHASE_AGES = {
    LifePhase.AGE_0_1: (0, 1),
    LifePhase.AGE_1_3: (1, 3),
    LifePhase.AGE_3_6: (3, 6),
    LifePhase.AGE_6_10: (6, 10),
    LifePhase.AGE_10_14: (10, 14),
    LifePhase.AGE_14_18: (14, 18),
    LifePhase.AGE_18_27: (18, 27),
}


class Transition(models.TextChoices):
    FAMILY_DAYCARE = "family-daycare", _("Family → day care")
    DAYCARE_PRIMARY = "daycare-primary", _("Day care → primary school")
    PRIMARY_SECONDARY = "primary-secondary", _("Primary → secondary school")
    SCHOOL_WORK = "school-work", _("School → work")


class Access(models.TextChoices):
    OPEN = "open", _("Open access, just come")
    APPOINTMENT = "appointment", _("By appointment")
    REFERRAL = "referral", _("Only with a referral")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    INACTIVE = "inactive", _("No longer offered")


class Topic(models.Model):
    """A taxonomy term (HSDS taxonomy_term) of our own small taxonomy of topics."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    taxonomy = models.CharField(_("taxonomy"), max_length=120, default="praeventionsnetz")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    eligibility = models.TextField(_("who it is for"), blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    fees = models.CharField(_("costs"), max_length=300, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639-1 codes, e.g. de, en, ar")
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    application_process = models.TextField(_("how to get it"), blank=True)
    life_phases = models.JSONField(_("life phases"), default=list, blank=True)
    transitions = models.JSONField(_("transitions"), default=list, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="services"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    access = models.CharField(
        _("access"), max_length=20, choices=Access.choices, default=Access.APPOINTMENT
    )
    areas_served = models.ManyToManyField(
        "areas.Area", verbose_name=_("areas served"), blank=True, related_name="services"
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    contact_role = models.CharField(_("contact (role)"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("website"), blank=True)
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    external_id = models.CharField(max_length=80, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ("name",)
        indexes = (models.Index(fields=["status"]), models.Index(fields=["external_id"]))

    def __str__(self) -> str:
        return self.name

    @property
    def phone_href(self) -> str:
        """The phone number for a tel: link: digits and a leading +, nothing else."""
        return tel_number(self.contact_phone)

    @property
    def language_names(self) -> str:
        """ "Deutsch, Arabisch, Ukrainisch" for the stored codes, in the page's language."""
        return language_names(self.languages or [])


class Location(models.Model):
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=300)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def of_organisation(cls, organisation) -> Location:
        """An unsaved place at the organisation's own address, the usual first place."""
        return cls(
            organisation=organisation,
            name=organisation.name,
            street=organisation.street,
            postcode=organisation.postcode,
            town=organisation.town,
            lon=organisation.lon,
            lat=organisation.lat,
        )


class ServiceAtLocation(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_here")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer at location")
        verbose_name_plural = _("offers at locations")
        constraints = (
            models.UniqueConstraint(
                fields=["service", "location"], name="service_once_per_location"
            ),
        )

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Schedule(models.Model):
    """Opening hours of a service at a location (HSDS schedule, weekly)."""

    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="schedules"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 1 Monday … 7 Sunday, ISO
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ("weekday", "opens_at")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(weekday__gte=1, weekday__lte=7), name="schedule_weekday_range"
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="schedule_opens_before_it_closes",
            ),
        )

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens_at}–{self.closes_at}"

    @property
    def weekday_short(self) -> str:
        """Mo, Di, … in German, Mon, Tue, … in English (Django's catalogue; 0 is Monday)."""
        return str(WEEKDAYS_ABBR[self.weekday - 1])


class SearchDocument(models.Model):
    """The index terms of one offer for the family search (offers/search/ makes them),
    space-separated: those of its name, and those of its other texts only.

    The databases' full-text engines look them up: SQLite through the FTS5 table
    offers_searchdocument_fts, kept in step by triggers; PostgreSQL through the generated
    tsvector column search_vector with a GIN index (migration 0004_search_documents).
    Neither is part of the model state, so models and makemigrations are the same on both.
    """

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    name_terms = models.TextField()
    body_terms = models.TextField()

    def __str__(self) -> str:
        return self.name_terms


class ReviewNote(models.Model):
    """A coordinator's or member's note in the draft → review → published workflow."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="review_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.text[:60]


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    RETURNED = "returned", _("Sent back")
    APPROVED = "approved", _("Approved")


# A revision is open (the organisation may still change it) until it is approved.
OPEN_REVISION = (RevisionStatus.PENDING, RevisionStatus.RETURNED)


class ServiceRevision(models.Model):
    """Changes an organisation proposes to a published offer.

    The published fields of the offer stay live (page, search, map, chain) until a reviewer
    approves the revision; ``proposed`` holds the proposed value of every field of the
    offer form (topics as their ids) and, under "places", the proposed places with their
    opening hours (place_revisions.py). ``version`` counts every change of the revision,
    so a decision made on an outdated view of it is refused.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="revisions")
    status = models.CharField(
        _("status"), max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    proposed = models.JSONField(_("proposed values"), default=dict)
    version = models.PositiveIntegerField(default=1)
    note = models.TextField(_("note from the review"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=["service"],
                condition=models.Q(status__in=["pending", "returned"]),
                name="one_open_revision_per_service",
            ),
        )

    def __str__(self) -> str:
        return f"{self.service_id}: {self.status} v{self.version}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVISION


class CoverageThreshold(models.Model):
    """The planner's threshold: fewer offers per 1,000 children of the band is a gap."""

    city = models.ForeignKey(
        "areas.Area", on_delete=models.CASCADE, related_name="coverage_thresholds"
    )
    phase = models.CharField(_("life phase"), max_length=20, choices=LifePhase.choices)
    per_1000 = models.DecimalField(_("offers per 1,000 children"), max_digits=7, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coverage threshold")
        verbose_name_plural = _("coverage thresholds")
        constraints = (
            models.UniqueConstraint(fields=["city", "phase"], name="threshold_once_per_phase"),
            models.CheckConstraint(
                condition=models.Q(per_1000__gte=0), name="threshold_not_negative"
            ),
        )

    def __str__(self) -> str:
        return f"{self.phase}: {self.per_1000}"
