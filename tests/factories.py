import factory

from praeventionsnetz.areas import geo
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.models import Role, User
from praeventionsnetz.network.models import Membership, Organisation


def square(x: float, y: float, size: float = 0.01) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"stadt{n}")
    name = factory.Sequence(lambda n: f"Teststadt {n}")
    level = Level.CITY
    geometry = square(13.0, 51.0, 0.04)
    display_geometry = factory.LazyAttribute(
        lambda o: geo.display_version(geo.parse_area_geometry(o.geometry))
    )


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"{n:02d}")
    name = factory.Sequence(lambda n: f"Testgebiet {n}")
    level = Level.STADTTEIL
    city = factory.SubFactory(CityFactory)
    parent = factory.LazyAttribute(lambda o: o.city)
    geometry = square(13.0, 51.0)
    display_geometry = factory.LazyAttribute(
        lambda o: geo.display_version(geo.parse_area_geometry(o.geometry))
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testträger {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("richtig-gutes-passwort")
    role = Role.PLANNING

    @factory.post_generation
    def organisation(obj, create, extracted, **kwargs):
        """`UserFactory(organisation=…)` makes the user a member of that organisation."""
        if extracted is not None:
            Membership.objects.create(user=obj, organisation=extracted)
