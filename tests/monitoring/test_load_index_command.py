import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring.models import CompositeIndex, IndexResult
from praeventionsnetz.monitoring.services import indices as index_services
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


def test_errors_and_output_follow_the_language(tmp_path, grid, capsys):  # noqa: F811
    path = tmp_path / "belastung.json"
    path.write_text(json.dumps(DEFINITION), encoding="utf-8")
    args = ["load_index", str(path), "--city", "teststadt", "--level", "stadtraum"]
    with translation.override("en"):
        call_command(*args, "--period", "2024")
        with pytest.raises(CommandError) as english_error:
            call_command(*args, "--period", "1999")
    assert capsys.readouterr().out.startswith(
        "Index “Belastung” (belastung) saved.\n2024: 9 results new or changed.\n"
    )
    assert str(english_error.value) == "1999: There are no values of the indicators for 1999."
    with pytest.raises(CommandError) as german_error:
        call_command(*args, "--period", "1999")
    assert str(german_error.value) == "1999: Für 1999 liegen keine Werte der Indikatoren vor."


def test_a_bad_definition_is_refused_in_english_for_an_english_reader(db):
    bad = {**DEFINITION, "indices": []}
    with translation.override("en"), pytest.raises(DomainError) as info:
        index_services.composite_index_save(raw=bad)
    assert str(info.value) == "indices: the list is empty."
