"""The steering demo: Dresden's bodies, members and a year of meetings, loaded once."""

import datetime as dt

import pytest
from django.utils import timezone

from praeventionsnetz.areas.models import Level
from praeventionsnetz.network.models import Sector
from praeventionsnetz.steering import services
from praeventionsnetz.steering.demo import STEERING_GROUP, load_steering_demo
from praeventionsnetz.steering.models import (
    ActionItem,
    ActionItemStatus,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    Consultation,
    Meeting,
    MeetingStatus,
    Paper,
    Person,
)
from tests.factories import AreaFactory, CityFactory, OrganisationFactory


@pytest.fixture
def dresden(db):
    city = CityFactory(code="dresden", name="Dresden")
    for n in range(1, 18):
        AreaFactory(
            city=city,
            parent=city,
            level=Level.STADTRAUM,
            code=f"{n:02d}",
            name=f"Stadtraum {n:02d}",
        )
    return city


def _counts():
    return tuple(
        model.objects.count()
        for model in (Committee, CommitteeMembership, Person, Meeting, ActionItem, Consultation)
    )


def test_the_demo_loads_once_with_a_vacancy_in_the_steering_group(dresden):
    raum = dresden.children.get(code="16")
    for n in range(4):
        org = OrganisationFactory(
            name=f"Träger {n} (Demodaten)", city=dresden, is_demo=True, sector=Sector.YOUTH_WELFARE
        )
        org.areas_served.add(raum)
    assert load_steering_demo() == 7
    counts = _counts()
    assert load_steering_demo() == 0
    assert _counts() == counts

    assert Committee.objects.filter(is_demo=False).count() == 0
    assert all("(Demodaten)" in c.name for c in Committee.objects.all())
    assert all(p.is_demo and "(Demodaten)" in p.name for p in Person.objects.all())
    assert not CommitteeMembership.objects.filter(is_demo=False).exists()

    group = Committee.objects.get(name=STEERING_GROUP)
    assert [(c.seats, c.is_minimum) for c in group.seat_categories.all()] == [
        (3, False),
        (3, False),
        (1, False),
    ]
    today = timezone.localdate()
    status = services.committee_composition(group, today)
    assert (status.required, status.held, status.missing) == (7, 6, 1)
    assert status.vacancies[0][0].name == "Gewählt vom Jugendhilfeausschuss"
    assert status.vacant_since == today - dt.timedelta(days=41)
    six_weeks_ago = today - dt.timedelta(days=42)
    assert services.committee_composition(group, six_weeks_ago).is_valid

    assert Committee.objects.get(kind=CommitteeKind.COUNCIL_COMMITTEE).seat_categories.count() == 0
    teams = Committee.objects.filter(kind=CommitteeKind.DISTRICT_TEAM)
    assert sorted(t.area.code for t in teams) == ["04", "16"]
    team16 = teams.get(area=raum)
    assert services.committee_composition(team16, today).is_valid
    assert not services.committee_composition(teams.get(area__code="04"), today).is_complete

    meetings = group.meetings.all()
    assert meetings.filter(status=MeetingStatus.HELD).count() >= 4
    upcoming = meetings.filter(starts_at__gt=timezone.now())
    assert upcoming.count() == 1
    assert upcoming.get().status == MeetingStatus.INVITED
    assert all(m.is_demo for m in Meeting.objects.all())
    first = meetings.order_by("starts_at").first()
    assert first.minutes
    assert first.attendances.exists()
    assert first.decisions.exists()

    items = ActionItem.objects.filter(committee=group)
    assert set(items.values_list("status", flat=True)) >= {
        ActionItemStatus.DONE,
        ActionItemStatus.OPEN,
        ActionItemStatus.IN_PROGRESS,
    }
    assert items.filter(status=ActionItemStatus.OPEN, due_on__lt=today).exists()  # overdue

    paper = Paper.objects.get(reference="A0446/18")
    assert not paper.is_demo
    assert paper.area == dresden
    assert paper.paper_type == "Beschlussausfertigung"
    assert paper.date == dt.date(2018, 11, 1)
    assert paper.consultations.get().meeting == first


def test_without_dresden_nothing_is_loaded(db):
    assert load_steering_demo() == 0
    assert not Committee.objects.exists()
