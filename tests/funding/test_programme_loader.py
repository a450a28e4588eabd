"""The programme file: loads, re-loads without duplicates, refuses errors with their place."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from praeventionsnetz.funding import config, selectors, services
from praeventionsnetz.funding.models import (
    BudgetLine,
    LedgerEntry,
    Module,
    PlannedPosition,
    Programme,
)

FILE = Path(settings.BASE_DIR) / "data" / "programmes" / "dresden_2018.json"


def raw():
    return json.loads(FILE.read_text(encoding="utf-8"))


def write(tmp_path, doc) -> Path:
    path = tmp_path / "programm.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_dresden_programme_loads_with_its_amounts_and_twenty_places(dresden):
    summary = services.programme_load(FILE)
    programme = summary.programme
    assert programme.decision_reference == "A0446/18"
    assert list(programme.modules.values_list("name", flat=True)) == [
        "Steuerungsmodul",
        "Praxismodul",
    ]
    rows = selectors.line_rows(BudgetLine.objects.filter(module__programme=programme))
    by_module = {}
    for row in rows:
        by_module[row.line.module.key] = by_module.get(row.line.module.key, 0) + row.figures.planned
    assert by_module == {"steuerung": 10_000_000, "praxis": 30_000_000}
    practice_2018 = BudgetLine.objects.get(module__key="praxis", year=2018, area=None)
    assert selectors.figures_for([practice_2018.pk])[practice_2018.pk].planned == 30_000_000
    places = PlannedPosition.objects.filter(module__key="praxis")
    assert places.count() == 20
    assert {str(p.fte) for p in places} == {"0.50"}
    schoenfeld = places.get(name="Ortschaft Schönfeld-Weißig")
    assert sorted(schoenfeld.areas.values_list("code", flat=True)) == ["45", "46", "47"]


def test_loading_again_changes_nothing(dresden):
    services.programme_load(FILE)
    counts = (
        Programme.objects.count(),
        Module.objects.count(),
        BudgetLine.objects.count(),
        LedgerEntry.objects.count(),
        PlannedPosition.objects.count(),
    )
    summary = services.programme_load(FILE)
    assert (summary.lines_created, summary.plan_changes) == (0, 0)
    assert counts == (
        Programme.objects.count(),
        Module.objects.count(),
        BudgetLine.objects.count(),
        LedgerEntry.objects.count(),
        PlannedPosition.objects.count(),
    )


def test_a_changed_amount_is_booked_as_the_difference(dresden, tmp_path):
    services.programme_load(FILE)
    doc = raw()
    doc["modules"][1]["budget"][0]["amount"] = "310000.50"
    services.programme_load(write(tmp_path, doc))
    line = BudgetLine.objects.get(module__key="praxis", year=2018)
    corrections = list(line.entries.order_by("pk").values_list("amount_cents", flat=True))
    assert corrections == [30_000_000, 1_000_050]
    assert selectors.figures_for([line.pk])[line.pk].planned == 31_000_050


def test_errors_are_reported_per_row_and_nothing_is_stored(dresden, tmp_path):
    doc = raw()
    doc["modules"][0]["budget"][1]["amount"] = "12,5"
    doc["modules"][0]["budget"][2]["year"] = "zwei"
    doc["modules"][1]["positions"][3]["fte"] = "0"
    doc["modules"][1]["kind"] = "praxis"
    with translation.override("en"), pytest.raises(services.ProgrammeError) as caught:
        services.programme_load(write(tmp_path, doc))
    text = "\n".join(caught.value.messages)
    assert "modules[0].budget[1].amount: “12,5” is not an amount." in text
    assert "modules[0].budget[2].year: “zwei” is not a year." in text
    assert "modules[1].positions[3].fte:" in text
    assert "modules[1].kind: “praxis” is not a module kind" in text
    assert len(caught.value.messages) == 4
    assert not Programme.objects.exists()
    assert not LedgerEntry.objects.exists()


def test_an_unknown_area_is_reported_with_its_place_and_nothing_is_stored(dresden, tmp_path):
    doc = raw()
    doc["modules"][1]["positions"][0]["areas"][0]["code"] = "42"
    with translation.override("en"), pytest.raises(services.ProgrammeError) as caught:
        services.programme_load(write(tmp_path, doc))
    assert caught.value.messages == [
        "modules[1].positions[0].areas[0]: no area of level “stadtraum” with code “42”."
    ]
    assert not Programme.objects.exists()


def test_a_file_that_is_not_json_is_refused(dresden, tmp_path):
    path = tmp_path / "kaputt.json"
    path.write_text("{nicht json", encoding="utf-8")
    with pytest.raises(services.ProgrammeError, match="JSON"):
        services.programme_load(path)


def test_the_parser_needs_no_database():
    doc = raw()
    doc["modules"][0]["budget"][0]["amount"] = "1.001"
    with pytest.raises(config.ConfigError) as caught:
        config.parse(doc)
    assert caught.value.messages[0].params["path"] == "modules[0].budget[0].amount"
    assert config.parse(raw()).modules[1].budget[0].cents == 30_000_000


def test_the_command_loads_and_reports_errors(dresden, tmp_path, capsys):
    call_command("load_programme", str(FILE))
    assert "Präventionsbudget" in capsys.readouterr().out
    doc = raw()
    doc["modules"] = []
    with pytest.raises(CommandError):
        call_command("load_programme", str(write(tmp_path, doc)))


def test_missing_top_level_fields_and_an_unknown_city_are_named(db, tmp_path):
    doc = raw()
    del doc["name"]
    with translation.override("en"), pytest.raises(services.ProgrammeError) as caught:
        services.programme_load(write(tmp_path, doc))
    assert caught.value.messages == ["name: is missing."]
    with translation.override("en"), pytest.raises(services.ProgrammeError) as caught:
        services.programme_load(FILE)  # no Dresden in this database
    assert caught.value.messages == ["city: the city “dresden” is not loaded."]


def test_a_plan_cut_below_what_is_committed_is_refused_and_nothing_changes(dresden, tmp_path):
    from tests.funding.factories import paper_application

    services.programme_load(FILE)
    line = BudgetLine.objects.get(module__key="praxis", year=2018)
    services.application_decide(
        application=paper_application(line, cents=29_000_000), outcome="approved", by=None
    )
    doc = raw()
    doc["modules"][1]["budget"][0]["amount"] = "200000.00"
    doc["modules"][0]["budget"][0]["amount"] = "50000.00"  # fine alone, rolled back with it
    entries = LedgerEntry.objects.count()
    with translation.override("en"), pytest.raises(services.ProgrammeError) as caught:
        services.programme_load(write(tmp_path, doc))
    assert caught.value.messages == [
        "modules[1].budget[0].amount: only 10,000.00 € of the line is not committed or "
        "carried over; the plan cannot be cut by 100,000.00 €."
    ]
    assert LedgerEntry.objects.count() == entries
