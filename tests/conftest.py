"""Personas and shared fixtures: one user per role, scoped where the role is scoped."""

import pytest
from django.conf import settings
from django.utils import translation

from praeventionsnetz.areas.models import Level
from praeventionsnetz.core.models import Role
from tests.factories import AreaFactory, CityFactory, OrganisationFactory, UserFactory, square
from tests.monitoring.factories import CompositeIndexFactory, IndicatorFactory, SelectionRunFactory
from tests.offers.factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory


def pytest_configure(config):
    """Hash passwords with MD5 in the whole suite, browser tests included.

    The production hasher (PBKDF2) takes about a second per password on a busy 2-core
    machine, and the role × URL matrix alone logs in hundreds of users.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """A test that chose English must not leave it active for the next test of its worker."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


PERSONAS = ["anonymous", "planner", "coordinator", "other_coordinator", "steering", "member"]


@pytest.fixture
def city(db):
    return CityFactory(code="teststadt", name="Teststadt")


@pytest.fixture
def district(city):
    return AreaFactory(
        city=city,
        parent=city,
        level=Level.STADTRAUM,
        code="01",
        name="Nordraum",
        geometry=square(13.0, 51.0, 0.02),
    )


@pytest.fixture
def other_district(city):
    return AreaFactory(
        city=city,
        parent=city,
        level=Level.STADTRAUM,
        code="02",
        name="Südraum",
        geometry=square(13.02, 51.0, 0.02),
    )


@pytest.fixture
def quarter(city, district):
    return AreaFactory(
        city=city,
        parent=district,
        level=Level.STADTTEIL,
        code="11",
        name="Nordviertel",
        geometry=square(13.0, 51.0, 0.01),
    )


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Familienzentrum Nord")


@pytest.fixture
def planner(db):
    return UserFactory(username="planerin", role=Role.PLANNING)


@pytest.fixture
def coordinator(district):
    user = UserFactory(username="koordinatorin", role=Role.COORDINATOR)
    user.areas.add(district)
    return user


@pytest.fixture
def other_coordinator(other_district):
    user = UserFactory(username="koordinator-sued", role=Role.COORDINATOR)
    user.areas.add(other_district)
    return user


@pytest.fixture
def steering(db):
    return UserFactory(username="steuerung", role=Role.STEERING)


@pytest.fixture
def member(organisation):
    return UserFactory(username="traegerin", role=Role.ORGANISATION, organisation=organisation)


@pytest.fixture
def persona_client(request, client):
    """A test client logged in as the persona named by the test's parameter."""
    name = request.param
    if name != "anonymous":
        client.force_login(request.getfixturevalue(name))
    return client


@pytest.fixture
def index_object(db):

    return CompositeIndexFactory(
        key="test_index",
        name="Testindex",
        definition={
            "key": "test_index",
            "indices": [{"key": "i", "components": [{"key": "x", "weight": 1, "direction": 1}]}],
        },
    )


@pytest.fixture
def selection_object(city, district, other_district):

    return SelectionRunFactory(
        city=city,
        name="Testauswahl",
        level=Level.STADTRAUM,
        period="2024",
        criteria=[
            {
                "key": "x",
                "dimension": "social_structure",
                "weight": 1.0,
                "direction": 1,
                "threshold": None,
                "threshold_kind": "min",
                "label": "x",
                "unit": "",
                "decimals": 1,
            }
        ],
        constraints={"exclude": [], "one_per_type": False, "type_column": "type"},
        number=1,
        result={
            "ranking": [
                {
                    "code": "01",
                    "name": "Nordraum",
                    "rank": 1,
                    "score": 1.0,
                    "selected": True,
                    "eligible": True,
                    "reason": "",
                    "explanation": ["Platz 1"],
                },
                {
                    "code": "02",
                    "name": "Südraum",
                    "rank": 2,
                    "score": -1.0,
                    "selected": False,
                    "eligible": True,
                    "reason": "Auswahl bereits vollständig",
                    "explanation": ["Platz 2"],
                },
            ],
            "notes": [],
            "inputs": {"01": {"x": 2.0, "type": None}, "02": {"x": 1.0, "type": None}},
        },
    )


@pytest.fixture
def indicator_object(db):
    from praeventionsnetz.monitoring.models import Dimension, IndicatorKind

    return IndicatorFactory(
        key="test_kennzahl",
        name_de="Testkennzahl",
        kind=IndicatorKind.COUNT,
        dimension=Dimension.SOCIAL_STRUCTURE,
    )


@pytest.fixture
def batch_object(db):
    from praeventionsnetz.monitoring.models import ImportBatch

    return ImportBatch.objects.create(file_name="daten.csv", sha256="0" * 64, layout="long")


@pytest.fixture
def organisation_object(organisation):
    return organisation


@pytest.fixture
def api_token_object(planner):
    from praeventionsnetz.core import tokens

    return tokens.token_create(user=planner, name="Finanzverfahren")[0]


@pytest.fixture
def job_object(coordinator):
    from praeventionsnetz.core.models import Job

    return Job.objects.create(task_path="tests.task", title="Import", owner=coordinator)


@pytest.fixture
def wave_object(district, organisation):
    import datetime as dt

    from django.utils import timezone

    from praeventionsnetz.network import services

    organisation.areas_served.add(district)
    return services.wave_start(
        area=district, name="Testbefragung", closes_on=timezone.localdate() + dt.timedelta(days=7)
    )


@pytest.fixture
def token_object(wave_object):
    from praeventionsnetz.network import services

    return services.invitation_token(wave_object.invitations.first())


@pytest.fixture
def offer_object(organisation):
    from praeventionsnetz.offers.models import Status

    return ServiceFactory(
        organisation=organisation, name="Erziehungsberatung", status=Status.PUBLISHED
    )


@pytest.fixture
def offer_place_object(offer_object):

    location = LocationFactory(
        organisation=offer_object.organisation, name="Beratungsstelle", lat=51.05, lon=13.74
    )
    at = ServiceAtLocationFactory(service=offer_object, location=location)
    return {"pk": offer_object.pk, "at_pk": at.pk}


@pytest.fixture
def budget_line_object(district):
    """An action budget line of the coordinator's district with a plan and one approval."""
    from praeventionsnetz.funding import services
    from tests.funding.factories import budget_line, paper_application

    line = budget_line(area=district, cents=500_000)
    services.application_decide(
        application=paper_application(line, cents=120_000), outcome="approved", by=None
    )
    return line


@pytest.fixture
def receipt_storage(tmp_path, monkeypatch):
    """Receipts go to a temporary folder instead of var/private."""
    from django.core.files.storage import FileSystemStorage

    from praeventionsnetz.funding.models import Receipt

    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(Receipt._meta.get_field("file"), "storage", storage)
    return storage


@pytest.fixture
def action_line(district):
    """The coordinator's district with an action budget of 5,000 € in the current year."""
    from django.utils import timezone

    from tests.funding.factories import budget_line

    return budget_line(area=district, year=timezone.localdate().year, cents=500_000)


@pytest.fixture
def action_area_object(action_line):
    return action_line.area


@pytest.fixture
def action_link_object(action_line):
    """The kwargs of an online application's personal link."""
    from praeventionsnetz.funding import services

    _application, token = services.application_submit(
        budget_line=action_line,
        base_url="http://testserver/",
        applicant_email="anwohnerin@example.org",
        title="Hoffest",
        what="Ein Fest im Hof",
        amount_requested_cents=30_000,
        applicant_name="Anna Anwohnerin",
        timing="im Juni",
    )
    return {"token": token}


@pytest.fixture
def action_application_object(budget_line_object):
    return budget_line_object.applications.first()


@pytest.fixture
def receipt_object(budget_line_object, receipt_storage):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from praeventionsnetz.funding import services

    return services.receipt_add(
        application=budget_line_object.applications.first(),
        by=None,
        upload=SimpleUploadedFile("beleg.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )


def make_call(*, area, deadline=None, status="open", title="Koordination Nordraum"):
    """A call for a 0.5 FTE position in `area` with two required questions and two weighted
    criteria (weights 2 and 1, highest score 5)."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from praeventionsnetz.funding.models import (
        Call,
        CallQuestion,
        ModuleKind,
        PlannedPosition,
        ReviewCriterion,
    )
    from tests.funding.factories import ModuleFactory

    module = ModuleFactory(name="Praxismodul", kind=ModuleKind.PRACTICE)
    planned = PlannedPosition.objects.create(
        module=module, name=f"Koordination {area.name}", fte=Decimal("0.5")
    )
    planned.areas.add(area)
    call = Call.objects.create(
        programme=module.programme,
        module=module,
        planned_position=planned,
        title=title,
        status=status,
        deadline_at=deadline or timezone.now() + dt.timedelta(days=14),
        deciding_body="Jugendhilfeausschuss",
    )
    CallQuestion.objects.create(call=call, order=1, text="Wie sehen Sie Ihre Rolle?")
    CallQuestion.objects.create(call=call, order=2, text="Wie organisieren Sie Transfer?")
    CallQuestion.objects.create(call=call, order=3, text="Sonstiges", is_required=False)
    ReviewCriterion.objects.create(call=call, order=1, name="Fachlichkeit", weight=2)
    ReviewCriterion.objects.create(call=call, order=2, name="Vernetzung", weight=1)
    return call


@pytest.fixture
def call_object(district):
    """An open call with one submitted application (of the member's organisation)."""
    from praeventionsnetz.funding import calls

    call = make_call(area=district)
    organisation = OrganisationFactory(name="Träger Süd")
    applicant = UserFactory(
        username="bewerberin", role=Role.ORGANISATION, organisation=organisation
    )
    application = calls.call_application_save(
        call=call,
        organisation=organisation,
        answers={q.pk: "Antwort" for q in call.questions.all()},
        by=applicant,
    )
    calls.call_application_submit(application=application, by=applicant)
    return call


@pytest.fixture
def call_application_object(call_object):
    return call_object.applications.first()


@pytest.fixture
def committee_object(city):
    """A steering group with one seat category and one member."""
    from praeventionsnetz.steering.models import CommitteeKind
    from tests.steering.factories import CommitteeFactory, MembershipFactory, SeatCategoryFactory

    committee = CommitteeFactory(
        name="Steuerungsgruppe", kind=CommitteeKind.STEERING_GROUP, area=city
    )
    category = SeatCategoryFactory(committee=committee, key="projekttraeger", name="Projektträger")
    MembershipFactory(seat_category=category)
    return committee


@pytest.fixture
def committee_membership_object(committee_object):
    return committee_object.memberships.first()


@pytest.fixture
def activity_entry_object(coordinator, district):
    """Two hours of task a, logged by the coordinator in their district."""
    from django.utils import timezone

    from praeventionsnetz.steering import activity

    return activity.activity_record(
        by=coordinator,
        date=timezone.localdate(),
        minutes=120,
        task="a",
        areas=[district],
        note="Stadtteilrunde vorbereitet",
    )


@pytest.fixture
def measure_object(district):
    """A planned measure in the coordinator's district."""
    from praeventionsnetz.steering.models import Measure

    return Measure.objects.create(
        title="Elterncafé Nordraum", area=district, need="Wenig Angebote", goals="Eltern erreichen"
    )


@pytest.fixture
def meeting_storage(tmp_path, monkeypatch):
    """Meeting files go to a temporary folder instead of var/private."""
    from django.core.files.storage import FileSystemStorage

    from praeventionsnetz.steering.models import MeetingFile

    storage = FileSystemStorage(location=tmp_path / "meetings", base_url=None)
    monkeypatch.setattr(MeetingFile._meta.get_field("file"), "storage", storage)
    return storage


@pytest.fixture
def meeting_committee_object(district):
    """A district team of the coordinator's district."""
    from praeventionsnetz.steering.models import CommitteeKind
    from tests.steering.factories import CommitteeFactory

    return CommitteeFactory(
        name="Stadtraumteam Nordraum", kind=CommitteeKind.DISTRICT_TEAM, area=district
    )


@pytest.fixture
def meeting_object(meeting_committee_object):
    """A meeting of that team with one agenda item and one open action item."""
    import datetime as dt

    from django.utils import timezone

    from praeventionsnetz.steering import meetings

    meeting = meetings.meeting_save(
        committee=meeting_committee_object,
        by=None,
        starts_at=timezone.now() + dt.timedelta(days=3),
        place="Rathaus",
        agenda=["Begrüßung"],
    )
    meetings.action_item_add(
        committee=meeting_committee_object, meeting=meeting, by=None, title="Einladen"
    )
    return meeting


@pytest.fixture
def action_item_object(meeting_object):
    return meeting_object.action_items.first()


@pytest.fixture
def meeting_file_object(meeting_object, meeting_storage):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from praeventionsnetz.steering import meeting_files

    return meeting_files.meeting_file_add(
        meeting=meeting_object,
        by=None,
        upload=SimpleUploadedFile("folien.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
