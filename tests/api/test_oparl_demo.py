"""The demo's committees through the OParl API: every object the demo gives, of every type,
validates against the OParl 1.1 schema."""

import pytest

from praeventionsnetz.network.models import Sector
from praeventionsnetz.steering.demo import load_steering_demo
from tests.api.test_oparl import _objects, crawl, validate
from tests.factories import OrganisationFactory
from tests.steering.test_committee_demo import dresden  # noqa: F401 (fixture)


@pytest.fixture
def demo(dresden):  # noqa: F811
    raum = dresden.children.get(code="16")
    for n in range(4):
        org = OrganisationFactory(
            name=f"Träger {n} (Demodaten)", city=dresden, is_demo=True, sector=Sector.YOUTH_WELFARE
        )
        org.areas_served.add(raum)
    load_steering_demo()


def test_every_object_of_the_demo_validates(client, demo):
    kinds: dict[str, int] = {}
    for data in crawl(client).values():
        if isinstance(data, bytes):
            continue
        for obj in _objects(data):
            validate(obj)
            kind = obj["type"].rsplit("/", 1)[1]
            kinds[kind] = kinds.get(kind, 0) + 1
    # The demo has no uploaded files; File objects are validated in test_oparl.py.
    assert set(kinds) >= {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "Location",
    }, kinds
    assert kinds["Meeting"] >= 10
