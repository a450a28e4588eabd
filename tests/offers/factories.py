import datetime as dt

import factory

from praeventionsnetz.offers.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Status,
    Topic,
)
from tests.factories import OrganisationFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    code = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Angebot {n}")
    status = Status.DRAFT  # as the model: a new offer is a draft until it is published


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Ort {n}")


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(
        LocationFactory, organisation=factory.SelfAttribute("..service.organisation")
    )


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    service_at_location = factory.SubFactory(ServiceAtLocationFactory)
    weekday = 1
    opens_at = dt.time(9)
    closes_at = dt.time(12)
