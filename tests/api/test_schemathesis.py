"""Property-based checks of the whole API against its own OpenAPI schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from praeventionsnetz.config.wsgi import application
from tests.factories import AreaFactory, CityFactory

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def some_areas(db):
    city = CityFactory(code="dresden")
    AreaFactory.create_batch(3, city=city, parent=city)


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, some_areas):
    # Uncompressed: the WSGI transport hands the checks the body as sent, gzip included.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
