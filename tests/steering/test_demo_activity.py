"""The activity log demo: entries of the demo coordinator in Stadtraum 16, loaded once."""

import datetime as dt

import pytest
from django.utils import timezone

from praeventionsnetz.areas.models import Level
from praeventionsnetz.core.models import Role
from praeventionsnetz.funding import services as funding_services
from praeventionsnetz.funding.models import Position
from praeventionsnetz.steering import activity
from praeventionsnetz.steering.demo_activity import load_activity_demo
from praeventionsnetz.steering.models import ActivityEntry
from tests.factories import AreaFactory, CityFactory, OrganisationFactory, UserFactory
from tests.funding.factories import ModuleFactory


@pytest.fixture
def gorbitz(db):
    city = CityFactory(code="dresden", name="Dresden")
    stadtraum = AreaFactory(city=city, parent=city, level=Level.STADTRAUM, code="16")
    user = UserFactory(username="koordination", role=Role.COORDINATOR)
    user.areas.add(stadtraum)
    kita = OrganisationFactory(name="Kita (Demodaten)", city=city, is_demo=True)
    kita.areas_served.add(stadtraum)
    return stadtraum


def test_the_demo_makes_a_position_when_the_funding_demo_has_none(gorbitz):
    written = load_activity_demo()
    assert written > 40
    entries = ActivityEntry.objects.all()
    assert entries.count() == written
    assert all(e.is_demo for e in entries)
    assert {e.task for e in entries} == {"a", "b", "c", "d", "e"}
    assert all(e.date < timezone.localdate() for e in entries)
    position = Position.objects.get()
    assert position.is_demo
    assert {e.position_id for e in entries} == {position.pk}
    user = entries.first().user
    account = activity.time_account_of(user, year=entries.first().date.year)
    assert account.total.target_minutes > 0
    assert load_activity_demo() == 0  # once
    assert ActivityEntry.objects.count() == written


def test_the_demo_uses_the_funding_demos_position(gorbitz):
    existing = funding_services.position_save(
        module=ModuleFactory(),
        title="Sozialraumkoordination Stadtraum 16 (Demodaten)",
        provider=OrganisationFactory(name="Träger"),
        areas=[gorbitz],
        fte="0.5",
        starts_on=dt.date(2019, 2, 1),
        is_demo=True,
    )
    load_activity_demo()
    assert Position.objects.count() == 1
    assert set(ActivityEntry.objects.values_list("position", flat=True)) == {existing.pk}


def test_no_demo_without_the_demo_coordinator(db):
    assert load_activity_demo() == 0
