import factory

from praeventionsnetz.monitoring.models import (
    AreaType,
    AreaTypeAssignment,
    CompositeIndex,
    Dimension,
    Indicator,
    IndicatorKind,
    Observation,
    SelectionRun,
)
from tests.factories import AreaFactory, CityFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    key = factory.Sequence(lambda n: f"kennzahl_{n}")
    name_de = factory.Sequence(lambda n: f"Kennzahl {n}")
    kind = IndicatorKind.COUNT
    dimension = Dimension.SOCIAL_STRUCTURE


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    area = factory.SubFactory(AreaFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    period = "2024"
    value = 1.0


class CompositeIndexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompositeIndex

    key = factory.Sequence(lambda n: f"index_{n}")
    name = factory.Sequence(lambda n: f"Index {n}")
    definition = factory.LazyAttribute(
        lambda o: {
            "key": o.key,
            "indices": [{"key": "i", "components": [{"key": "x", "weight": 1, "direction": 1}]}],
        }
    )


class AreaTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaType

    city = factory.SubFactory(CityFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Typ {n}")


class AreaTypeAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaTypeAssignment

    area = factory.SubFactory(AreaFactory)
    area_type = factory.SubFactory(AreaTypeFactory)


class SelectionRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionRun

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"Auswahl {n}")
    level = "stadtraum"
    period = "2024"
    criteria = factory.LazyFunction(list)
    number = 1
    result = factory.LazyFunction(dict)
