"""M5 steering: committees with composition rules and memberships over time; meetings with
agenda, attendance, minutes, decisions, action items and files; council papers and their
consultations (for OParl); the coordinators' activity log; measures from need to evaluation.

Names follow OParl where it has one (Meeting, AgendaItem, Paper, Consultation, File). People
are recorded by their public role only (name, function, organisation); nothing here holds
data of families.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from praeventionsnetz.funding.models import private_storage


class CommitteeKind(models.TextChoices):
    STEERING_GROUP = "steering_group", _("Steering group")
    WORKING_GROUP = "working_group", _("Working group")
    DISTRICT_TEAM = "district_team", _("District team")
    ROUND_TABLE = "round_table", _("District round table")
    WORKING_CIRCLE = "working_circle", _("Working circle")
    COUNCIL_COMMITTEE = "council_committee", _("Council committee")
    OTHER = "other", _("Other body")


class Committee(models.Model):
    """A body of the network (Gremium): steering group, working group, district team, …"""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeKind.choices)
    # The city for a city-wide body, a Stadtraum for a district team.
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("task"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    # Public bodies appear in the OParl API and their meetings on public pages.
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ("name",)
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=CommitteeKind.values), name="committee_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(founded_on__lte=F("dissolved_on")),
                name="committee_founded_before_dissolved",
            ),
        )

    def __str__(self) -> str:
        return self.name


class SeatCategory(models.Model):
    """A composition rule as data: e.g. “named by the public youth welfare provider”, exactly
    3 seats; or “local providers”, at least 2."""

    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="seat_categories",
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("seat category"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats"))
    # False: exactly `seats`; True: at least `seats`.
    is_minimum = models.BooleanField(_("at least"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seat category")
        verbose_name_plural = _("seat categories")
        ordering = ("committee", "order", "pk")
        constraints = (
            models.UniqueConstraint(fields=["committee", "key"], name="seat_category_unique"),
        )

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A person by their public role (OParl Person): name, function, organisation. The
    e-mail address is for invitations only and never published."""

    name = models.CharField(_("name"), max_length=200)
    role_title = models.CharField(_("function"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steering_person",
    )
    email = models.EmailField(_("e-mail address (not published)"), blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY = "deputy", _("Deputy chair")
    MEMBER = "member", _("Member")
    ADVISORY = "advisory", _("Advisory member")


class CommitteeMembership(models.Model):
    """A seat held by a person or an organisation from a date until a date (open: still)."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="memberships"
    )
    seat_category = models.ForeignKey(
        SeatCategory,
        verbose_name=_("seat category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        ordering = ("committee", "seat_category", "starts_on", "pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(person__isnull=False, organisation__isnull=True)
                | Q(person__isnull=True, organisation__isnull=False),
                name="committee_membership_person_or_organisation",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__lte=F("ends_on")),
                name="committee_membership_starts_before_end",
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="committee_membership_role"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person or self.organisation} · {self.committee}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INVITED = "invited", _("Invitations sent")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """A meeting (Sitzung) of a committee."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="meetings"
    )
    name = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("begins"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_taker = models.CharField(_("minutes taken by"), max_length=200, blank=True)
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("-starts_at", "pk")
        indexes = (models.Index(fields=["committee", "starts_at"]),)
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__lt=F("ends_at")),
                name="meeting_starts_before_end",
            ),
        )

    def __str__(self) -> str:
        return self.name or f"{self.committee} {self.starts_at:%Y-%m-%d}"


class AgendaItem(models.Model):
    """An item of a meeting's agenda (Tagesordnungspunkt)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    result = models.CharField(_("result"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("meeting", "order", "pk")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")
    GUEST = "guest", _("Guest")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ("meeting", "person__name")
        constraints = (
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique"),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values), name="attendance_status_valid"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} · {self.get_status_display()}"


class Decision(models.Model):
    """A decision (Beschluss) taken in a meeting, with its vote if one was taken."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    text = models.TextField(_("decision"))
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ("meeting", "order", "pk")

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}".strip()


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_ITEM_STATUSES = (ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS)


class ActionItem(models.Model):
    """A task agreed in a meeting (or by a committee between meetings): owner, due date,
    status. Overdue: still open after its due date."""

    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ("due_on", "pk")
        indexes = (models.Index(fields=["status", "due_on"]),)
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=ActionItemStatus.values), name="action_item_status_valid"
            ),
        )

    def __str__(self) -> str:
        return self.title


class MeetingFile(models.Model):
    """A file of a meeting (invitation, presentation, signed minutes); OParl File. Stored
    outside the web root and served after a permission check."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="files"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="files",
    )
    name = models.CharField(_("name"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to="meetings/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    is_public = models.BooleanField(_("public"), default=True)
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
        verbose_name = _("meeting file")
        verbose_name_plural = _("meeting files")
        ordering = ("meeting", "uploaded_at", "pk")

    def __str__(self) -> str:
        return self.name


class Paper(models.Model):
    """A council paper (Vorlage, Bericht, Beschlussausfertigung); OParl Paper."""

    reference = models.CharField(_("reference"), max_length=60, blank=True)
    name = models.CharField(_("title"), max_length=300)
    paper_type = models.CharField(_("type"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    main_file = models.ForeignKey(
        MeetingFile,
        verbose_name=_("main file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ("-date", "pk")

    def __str__(self) -> str:
        return f"{self.reference} {self.name}".strip()


class Consultation(models.Model):
    """A paper on the agenda of a meeting (OParl Consultation)."""

    paper = models.ForeignKey(
        Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="consultations"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    authoritative = models.BooleanField(_("decides"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ("paper", "pk")

    def __str__(self) -> str:
        return f"{self.paper} · {self.meeting}"


# --------------------------------------------------------------------------------------------
# The coordinators' activity log
# --------------------------------------------------------------------------------------------


class Task(models.TextChoices):
    """The five tasks of every coordinator position (Dresden, A0446/18 item 5)."""

    COOPERATION = "a", _("a: cooperation relationships")
    ACCESS = "b", _("b: access to offers")
    PREVENTION = "c", _("c: preventive measures")
    COORDINATORS = "d", _("d: cooperation among coordinators")
    YOUTH_OFFICE = "e", _("e: with the youth office's area staff")


class ActivityEntry(models.Model):
    """Time a coordinator spent on one task: date, duration, areas, organisations involved
    and a short note (never personal data of families)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="activity_entries",
    )
    position = models.ForeignKey(
        "funding.Position",
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activity_entries",
    )
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("duration (minutes)"))
    task = models.CharField(_("task"), max_length=1, choices=Task.choices)
    areas = models.ManyToManyField("areas.Area", verbose_name=_("areas"), related_name="+")
    organisations = models.ManyToManyField(
        "network.Organisation", verbose_name=_("organisations involved"), related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[areas, organisations])

    class Meta:
        verbose_name = _("activity entry")
        verbose_name_plural = _("activity entries")
        ordering = ("-date", "-pk")
        indexes = (models.Index(fields=["user", "date"]),)
        constraints = (
            models.CheckConstraint(condition=Q(task__in=Task.values), name="activity_task_valid"),
            # A day has 24 hours; more is a typo.
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(minutes__lte=24 * 60),
                name="activity_minutes_range",
            ),
        )

    def __str__(self) -> str:
        return f"{self.date} {self.get_task_display()} {self.minutes} min"


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    EVALUATED = "evaluated", _("Evaluated")
    STOPPED = "stopped", _("Stopped")


class Measure(models.Model):
    """A measure or project (Maßnahme) from need to evaluation: need → goals → activities →
    indicators → evaluation result."""

    title = models.CharField(_("title"), max_length=300)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    need = models.TextField(_("need"))
    need_indicators = models.ManyToManyField(
        "monitoring.Indicator",
        verbose_name=_("indicators showing the need"),
        blank=True,
        related_name="+",
    )
    # Life phases (offers.LifePhase values) whose gap in the area's prevention chain the
    # measure answers.
    gap_life_phases = models.JSONField(_("gaps in the prevention chain"), default=list, blank=True)
    goals = models.TextField(_("goals"))
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    life_phases = models.JSONField(_("life phases"), default=list, blank=True)
    partners = models.ManyToManyField(
        "network.Organisation", verbose_name=_("partners"), blank=True, related_name="+"
    )
    activities = models.TextField(_("activities"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    evaluation = models.TextField(_("evaluation result"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    action_applications = models.ManyToManyField(
        "funding.ActionApplication",
        verbose_name=_("funded action-budget projects"),
        blank=True,
        related_name="measures",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[partners, need_indicators, action_applications])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ("-starts_on", "title", "pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=MeasureStatus.values), name="measure_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(starts_on__lte=F("ends_on")),
                name="measure_starts_before_end",
            ),
        )

    def __str__(self) -> str:
        return self.title


class MeasureIndicator(models.Model):
    """How a measure's goal is measured: baseline, target and the latest value."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    indicator = models.ForeignKey(
        "monitoring.Indicator",
        verbose_name=_("monitoring indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    current = models.DecimalField(
        _("latest value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure indicator")
        verbose_name_plural = _("measure indicators")
        ordering = ("measure", "order", "pk")

    def __str__(self) -> str:
        return self.name
