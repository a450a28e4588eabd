"""The compute_index command: output format and error cases (no database needed)."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.utils import translation

DEFINITION = {
    "key": "test",
    "exclusion": {"min_inhabitants": 300, "ids": ["03"]},
    "indices": [
        {
            "key": "burden",
            "aggregation": "weighted_sum",
            "components": [{"key": "a"}, {"key": "b", "direction": -1}],
            "classes": [{"name": "gering", "at_most": 0}, {"name": "hoch"}],
        }
    ],
}
GOOD_CSV = (
    "id,name,inhabitants,a,b\n01,Nord,500,1,3\n02,Süd,800,3,1\n03,Ost,900,9,9\n04,West,20,,\n"
)


@pytest.fixture
def files(tmp_path):
    definition = tmp_path / "definition.json"
    definition.write_text(json.dumps(DEFINITION), encoding="utf-8")
    source = tmp_path / "in.csv"
    source.write_text(GOOD_CSV, encoding="utf-8")
    return {"definition": definition, "input": source, "output": tmp_path / "out.csv"}


def run(**options):
    stdout = io.StringIO()
    call_command("compute_index", stdout=stdout, **options)
    return stdout.getvalue()


def test_writes_one_row_per_area_and_index_without_excluded_areas(files):
    message = run(**files)
    # z(a) = (-1, 1), z(-b) = (-1, 1): sums -2 and 2.
    assert files["output"].read_text(encoding="utf-8") == (
        "id,index,value,class,rank\n01,burden,-2.0,gering,2\n02,burden,2.0,hoch,1\n"
    )
    assert "für 2 Gebiete" in message
    assert "ausgeschlossen (2): 03, 04" in message


def test_semicolon_and_decimal_comma(files):
    files["input"].write_text("id;inhabitants;a;b\n01;500;1,5;3\n02;800;2,5;1\n", encoding="utf-8")
    run(**files, delimiter=";", decimal=",")
    assert "01,burden,-2.0" in files["output"].read_text(encoding="utf-8")


def test_values_are_rounded_to_six_decimals(files):
    files["input"].write_text("id,inhabitants,a,b\n1,500,1,1\n2,500,2,1\n3,500,4,1\n", "utf-8")
    run(**files)
    values = [line.split(",")[2] for line in files["output"].read_text("utf-8").splitlines()[1:]]
    assert values == ["-1.069045", "-0.267261", "1.336306"]


def test_sensitivity_file(files, tmp_path):
    run(**files, sensitivity=tmp_path / "sens.csv")
    assert (tmp_path / "sens.csv").read_text("utf-8").splitlines() == [
        "id,index,rank,rank_min,rank_max,max_shift",
        "01,burden,2,2,2,0",
        "02,burden,1,1,1,0",
    ]


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("id,inhabitants,a\n01,500,1\n", "In der Eingabe fehlt die Spalte „b“."),
        ("id,a,b\n01,1,2\n", "In der Eingabe fehlt die Spalte „inhabitants“."),
        (
            "id,inhabitants,a,b\n01,500,1,2\n02,500,x1,2\n",
            "Ungültige Zahl in der Spalte „a“ (02: „x1“).",
        ),
        ("id,inhabitants,a,b\n01,viele,1,2\n", "Ungültige Zahl in der Spalte „inhabitants“"),
        ("id,inhabitants,a,b\n01,500,1,\n02,500,1,2\n", "Leerer Wert in der Spalte „b“ (01)."),
        (
            "id,inhabitants,a,b\n01,500,1,2\n01,500,1,2\n",
            "Die Gebietsnummer kommt mehrfach vor: 01.",
        ),
        ("", "ist leer"),
    ],
)
def test_bad_input(files, csv, message):
    files["input"].write_text(csv, encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        run(**files)
    assert message in str(excinfo.value)
    assert not files["output"].exists()


def test_unknown_input_file(files, tmp_path):
    with pytest.raises(CommandError, match=r"Die Eingabedatei „.*fehlt\.csv“ gibt es nicht\."):
        run(**{**files, "input": tmp_path / "fehlt.csv"})


def test_unknown_definition_file(files, tmp_path):
    with pytest.raises(CommandError, match=r"Die Definitionsdatei „.*fehlt\.json“ gibt es nicht\."):
        run(**{**files, "definition": tmp_path / "fehlt.json"})


def test_invalid_definition(files):
    files["definition"].write_text(json.dumps({"key": "x", "indices": [{"key": "i"}]}), "utf-8")
    with pytest.raises(CommandError, match=r"indices\[0\]: es fehlt „components“"):
        run(**files)


def test_unwritable_output(files, tmp_path):
    with pytest.raises(CommandError, match="kann nicht geschrieben werden"):
        run(**{**files, "output": tmp_path / "kein" / "ordner" / "out.csv"})


def test_command_line_exits_non_zero_with_the_message(files):
    completed = subprocess.run(
        [sys.executable, "-m", "praeventionsnetz", "compute_index"]
        + [f"--{name}={path}" for name, path in files.items()]
        + ["--delimiter=;"],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert completed.returncode != 0
    assert "In der Eingabe fehlen die Spalten „id“, „a“, „b“, „inhabitants“." in completed.stderr
    assert "Stimmt das Trennzeichen (--delimiter)?" in completed.stderr


def test_output_and_errors_are_english_for_an_english_reader(files):
    with translation.override("en"):
        message = run(**files)
        files["input"].write_text("id;a\n01;1\n", encoding="utf-8")
        with pytest.raises(CommandError) as excinfo:
            run(**files, delimiter=",")
    assert message.startswith("Computed: burden for 2 areas; excluded (2): 03, 04. Result: ")
    assert str(excinfo.value) == (
        "The input lacks the columns “id”, “a”, “b”, “inhabitants”. "
        "Is the field separator right (--delimiter)?"
    )


def test_help_follows_the_language():
    with translation.override("de"):
        parser = load_command_class("praeventionsnetz.monitoring", "compute_index").create_parser(
            "praeventionsnetz", "compute_index"
        )
        assert "Berechnet die zusammengesetzten Indizes" in parser.format_help()
    with translation.override("en"):
        parser = load_command_class("praeventionsnetz.monitoring", "compute_index").create_parser(
            "praeventionsnetz", "compute_index"
        )
        assert "Compute the composite indices" in parser.format_help()
