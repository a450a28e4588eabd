"""Factories of the steering models; every part of M5 builds on them."""

import datetime as dt

import factory
from django.utils import timezone

from praeventionsnetz.steering.models import (
    ActionItem,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    Meeting,
    Person,
    SeatCategory,
)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Gremium {n}")
    kind = CommitteeKind.STEERING_GROUP
    area = None  # pass the area (a city or a Stadtraum)


class SeatCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeatCategory

    committee = factory.SubFactory(CommitteeFactory)
    key = factory.Sequence(lambda n: f"sitz-{n}")
    name = factory.Sequence(lambda n: f"Sitzgruppe {n}")
    seats = 1


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    role_title = "Fachkraft"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMembership

    committee = factory.SelfAttribute("seat_category.committee")
    seat_category = factory.SubFactory(SeatCategoryFactory)
    person = factory.SubFactory(PersonFactory)
    starts_on = dt.date(2025, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    place = "Rathaus, Raum 101"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    committee = factory.SelfAttribute("meeting.committee")
    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Aufgabe {n}")
