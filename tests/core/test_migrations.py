"""Upgrading a database made before a model moved keeps its rows.

The test migrates back to the state before the move, writes rows with the models of that
state, migrates forward and reads them with today's models. It runs on SQLite and, in CI,
on PostgreSQL.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The graph as main had it before monitoring got its own app and the user model stopped
# pointing at areas and organisations.
BEFORE_THE_MOVES = [
    ("areas", "0003_monitoring"),
    ("monitoring", None),
    ("core", "0002_initial"),
    ("network", "0002_registry_ties_waves"),
]


def _migrate(targets):
    """Migrate to the targets and return the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_rows_survive_the_moves_of_monitoring_and_of_the_user_scopes():
    old = _migrate(BEFORE_THE_MOVES)
    area_model = old.get_model("areas", "Area")
    indicator_model = old.get_model("areas", "Indicator")
    observation_model = old.get_model("areas", "Observation")
    index_model = old.get_model("areas", "CompositeIndex")
    city = area_model.objects.create(code="altstadt", name="Altstadt", level="city")
    quarter = area_model.objects.create(
        code="01", name="Mitte", level="stadtteil", parent=city, city=city
    )
    births = indicator_model.objects.create(
        key="geburten", name_de="Geburten", dimension="social_structure", kind="count"
    )
    observation_model.objects.create(area=quarter, indicator=births, period="2024", value=17)
    observation_model.objects.create(area=quarter, indicator=births, period="2025", value=2)
    index_model.objects.create(key="mss", name="MSS", definition={"indices": []})
    organisation = old.get_model("network", "Organisation").objects.create(name="Kita Mitte")
    user_model = old.get_model("core", "User")
    member = user_model.objects.create(
        username="traeger", role="organisation", organisation=organisation
    )
    coordinator = user_model.objects.create(username="koordination", role="coordinator")
    coordinator.areas.add(quarter)

    _migrate(_leaves())

    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.core.models import User
    from praeventionsnetz.monitoring.models import CompositeIndex, Indicator, Observation

    assert Area.objects.get(code="01").name == "Mitte"
    indicator = Indicator.objects.get(key="geburten")
    assert sorted(
        Observation.objects.filter(indicator=indicator).values_list("period", "value")
    ) == [("2024", 17.0), ("2025", 2.0)]
    assert Observation.objects.get(period="2024").area.code == "01"
    assert CompositeIndex.objects.get().key == "mss"
    assert User.objects.get(pk=member.pk).organisation.name == "Kita Mitte"
    assert [a.code for a in User.objects.get(pk=coordinator.pk).areas.all()] == ["01"]
    assert User.objects.get(pk=coordinator.pk).organisation is None
    assert Indicator._meta.db_table == "monitoring_indicator"
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "areas_indicator" not in tables
    assert "core_user_areas" not in tables
