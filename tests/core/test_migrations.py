"""Upgrading a database made before a model moved keeps its rows.

The test migrates back to the state before the move, writes rows with the models of that
state, migrates forward and reads them with today's models. It runs on SQLite and, in CI,
on PostgreSQL.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_MONITORING_MOVED = [("areas", "0003_monitoring"), ("monitoring", None)]


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
def test_monitoring_rows_survive_the_move_out_of_areas():
    old = _migrate(BEFORE_MONITORING_MOVED)
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

    _migrate(_leaves())

    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.monitoring.models import CompositeIndex, Indicator, Observation

    assert Area.objects.get(code="01").name == "Mitte"
    indicator = Indicator.objects.get(key="geburten")
    assert sorted(
        Observation.objects.filter(indicator=indicator).values_list("period", "value")
    ) == [("2024", 17.0), ("2025", 2.0)]
    assert Observation.objects.get(period="2024").area.code == "01"
    assert CompositeIndex.objects.get().key == "mss"
    assert Indicator._meta.db_table == "monitoring_indicator"
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "areas_indicator" not in tables
