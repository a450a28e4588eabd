import pytest
from django.utils import translation

from praeventionsnetz.areas.models import Level
from praeventionsnetz.core import tabular
from praeventionsnetz.monitoring.models import (
    Dimension,
    ImportBatch,
    IndicatorKind,
    Observation,
)
from praeventionsnetz.monitoring.services import imports
from tests.factories import AreaFactory
from tests.monitoring.factories import IndicatorFactory

OPTIONS = imports.ImportOptions(first_year=2000, last_year=2030)


@pytest.fixture
def births(db):
    return IndicatorFactory(
        key="geburten",
        name_de="Geburten",
        kind=IndicatorKind.COUNT,
        dimension=Dimension.SOCIAL_STRUCTURE,
    )


@pytest.fixture
def share(db):
    return IndicatorFactory(
        key="ae_anteil",
        name_de="Anteil Alleinerziehende",
        kind=IndicatorKind.RATE,
        dimension=Dimension.SOCIAL_STRUCTURE,
    )


@pytest.fixture
def quarters(city, district):
    return [
        AreaFactory(
            city=city, parent=district, level=Level.STADTTEIL, code="11", name="Nordviertel"
        ),
        AreaFactory(
            city=city, parent=district, level=Level.STADTTEIL, code="12", name="Südviertel"
        ),
    ]


def run(city, text, *, commit=False, by=None, options=OPTIONS):
    kwargs = {
        "content": text.encode("utf-8"),
        "file_name": "daten.csv",
        "city": city,
        "level": Level.STADTTEIL,
        "options": options,
    }
    if commit:
        return imports.observations_import(**kwargs, by=by)
    return imports.observations_preview(**kwargs)


GOOD = "gebiet;indikator;periode;wert\n11;geburten;2024;1.234\n12 Südviertel;geburten;2024;66\n"


def test_preview_shows_what_would_be_created_and_writes_nothing(city, quarters, births):
    preview = run(city, GOOD)
    assert preview.is_valid
    assert [(r.area.code, r.value, r.action) for r in preview.rows] == [
        ("11", 1234.0, "create"),
        ("12", 66.0, "create"),
    ]
    assert not Observation.objects.exists()


def test_import_writes_with_provenance_and_aggregates(city, district, quarters, births, planner):
    batch = run(city, GOOD, commit=True, by=planner)
    assert batch.created == 2
    assert batch.imported_by == planner
    assert len(batch.sha256) == 64
    assert batch.file_name == "daten.csv"
    parent = Observation.objects.get(area=district, indicator=births, period="2024")
    assert (parent.value, parent.is_aggregated) == (1300.0, True)
    assert Observation.objects.get(area=city, indicator=births, period="2024").value == 1300.0


def test_the_same_import_twice_changes_nothing(city, quarters, births):
    run(city, GOOD, commit=True)
    versions = Observation.history.count()
    preview = run(city, GOOD)
    assert preview.count("unchanged") == 2
    batch = run(city, GOOD, commit=True)
    assert (batch.created, batch.updated, batch.unchanged) == (0, 0, 2)
    assert Observation.history.count() == versions


def test_a_changed_value_is_an_update_with_old_and_new(city, quarters, births):
    run(city, GOOD, commit=True)
    preview = run(city, GOOD.replace("66", "70"))
    changed = [r for r in preview.rows if r.action == "update"]
    assert [(r.old_value, r.value) for r in changed] == [(66.0, 70.0)]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("99;geburten;2024;5", "Unbekanntes Gebiet „99“"),
        ("11;gibtsnicht;2024;5", "Unbekannter Indikator „gibtsnicht“"),
        ("12;geburten;2024;zwölf", "„zwölf“ ist keine Zahl"),
        ("12;geburten;1850;5", "außerhalb von 2000–2030"),
        ("11;geburten;2024;7", "Doppelt: Nordviertel, geburten, 2024 steht schon in Zeile 2"),
        ("12;geburten;2024;-4", "Eine Anzahl kann nicht negativ sein"),
        ("12;geburten;letztes Jahr;4", "ist kein Zeitraum"),
        ("12;geburten;2024;1e999", "„1e999“ ist eine zu große Zahl"),
        ("12;geburten;2024;3,5", "Eine Anzahl ist eine ganze Zahl"),
    ],
)
def test_one_bad_row_means_nothing_is_written(city, quarters, births, bad_line, message):
    text = "gebiet;indikator;periode;wert\n11;geburten;2024;5\n" + bad_line + "\n"
    preview = run(city, text)
    assert any(message in str(e) for e in preview.errors), preview.errors
    assert any(e.row == 3 for e in preview.errors)
    with pytest.raises(imports.ImportRejected, match="nichts gespeichert"):
        run(city, text, commit=True)
    assert not Observation.objects.exists()
    assert not ImportBatch.objects.exists()


def test_rate_from_numerator_and_denominator(city, quarters, share):
    text = "gebiet;indikator;periode;zaehler;nenner\n11;ae_anteil;2024;5;200\n"
    run(city, text, commit=True)
    obs = Observation.objects.get(indicator=share, area__code="11")
    assert (obs.value, obs.numerator, obs.denominator) == (2.5, 5, 200)


def test_wide_layout_with_mapping(city, quarters, births, share):
    text = "Stadtteil;Jahr;Geb;AE_Z;AE_N\n11 Nordviertel;2023;1.001;5;100\n"
    options = imports.ImportOptions(
        layout="wide",
        first_year=2000,
        last_year=2030,
        wide_mapping=tabular.WideMapping(
            area="Stadtteil",
            period="Jahr",
            columns={"Geb": "geburten", "AE_Z": "ae_anteil:zaehler", "AE_N": "ae_anteil:nenner"},
        ),
    )
    run(city, text, commit=True, options=options)
    assert Observation.objects.get(indicator=births, area__code="11").value == 1001
    assert Observation.objects.get(indicator=share, area__code="11").value == 5.0


def test_the_import_is_in_the_audit_trail(city, quarters, births, planner):
    run(city, GOOD, commit=True, by=planner)
    record = Observation.history.filter(area__code="11").first()
    assert record.history_user == planner


def test_command_line_import_and_dry_run(tmp_path, city, quarters, births, capsys):
    from django.core.management import call_command

    path = tmp_path / "geburten.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command(
        "import_observations", str(path), "--city", city.code, "--level", "stadtteil", "--dry-run"
    )
    assert "Probelauf: 2 neu" in capsys.readouterr().out
    assert not Observation.objects.exists()
    call_command("import_observations", str(path), "--city", city.code, "--level", "stadtteil")
    assert "Gespeichert: 2 neu" in capsys.readouterr().out
    assert Observation.objects.filter(area__level="stadtteil").count() == 2


def test_command_line_import_reports_row_errors(tmp_path, city, quarters, births, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "geburten.csv"
    path.write_text(GOOD + "77;geburten;2024;1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nichts gespeichert"):
        call_command("import_observations", str(path), "--city", city.code, "--level", "stadtteil")
    assert "Zeile 4" in capsys.readouterr().err
    assert not Observation.objects.exists()


def test_row_errors_of_the_file_are_shown_in_the_reader_language(city, quarters, births):
    preview = run(city, "gebiet;indikator;periode;wert\n11;geburten;2024;zwölf\n")
    assert [str(e) for e in preview.errors] == ["Zeile 2, Spalte „wert“: „zwölf“ ist keine Zahl."]
    with translation.override("en"):
        assert [str(e) for e in preview.errors] == [
            "Row 2, column “wert”: “zwölf” is not a number."
        ]


def test_a_refused_import_is_english_for_an_english_reader(city, quarters, births):
    text = "gebiet;indikator;periode;wert\n99;geburten;2024;5\n"
    with translation.override("en"):
        with pytest.raises(imports.ImportRejected) as info:
            run(city, text, commit=True)
        assert str(info.value) == "Import refused: 1 faulty row; nothing was saved."
        assert str(info.value.preview.errors[0]) == "Row 2: Unknown area “99” on this level."
    with pytest.raises(imports.ImportRejected) as info:
        run(city, text, commit=True)
    assert str(info.value) == (
        "Import abgelehnt: 1 fehlerhafte Zeile(n); es wurde nichts gespeichert."
    )
