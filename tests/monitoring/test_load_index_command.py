import json

import pytest
from django.core.management import CommandError, call_command

from praeventionsnetz.monitoring.models import CompositeIndex, IndexResult
from tests.monitoring.test_monitoring_views import grid  # noqa: F401 - fixture

DEFINITION = {
    "key": "belastung",
    "label": "Belastung",
    "indices": [
        {
            "key": "b",
            "components": [{"key": "hze", "weight": 1, "direction": 1}],
            "classes": [{"name": "niedrig", "at_most": 0}, {"name": "hoch"}],
        }
    ],
}


def test_definition_is_stored_and_computed(tmp_path, grid, capsys):  # noqa: F811
    path = tmp_path / "belastung.json"
    path.write_text(json.dumps(DEFINITION), encoding="utf-8")
    call_command(
        "load_index", str(path), "--city", "teststadt", "--level", "stadtraum", "--period", "2024"
    )
    assert CompositeIndex.objects.get(key="belastung").name == "Belastung"
    assert IndexResult.objects.filter(index__key="belastung").count() == 9
    assert "9 Ergebnisse" in capsys.readouterr().out


def test_bad_definition_is_refused_with_its_place(tmp_path, db):
    bad = {
        **DEFINITION,
        "indices": [
            {
                **DEFINITION["indices"][0],
                "components": [{"key": "hze", "weight": 0, "direction": 1}],
            }
        ],
    }
    path = tmp_path / "kaputt.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CommandError, match="weight"):
        call_command("load_index", str(path))
    assert not CompositeIndex.objects.exists()
