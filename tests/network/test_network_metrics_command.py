"""The network_metrics command: output and error cases (no database: no `db` fixture)."""

import io
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from praeventionsnetz.network.metrics.graph import graph_from_ties
from praeventionsnetz.network.metrics.summary import network_summary

# 001 → 002 ⇄ 003 → 004, 005 only in the node table; sectors: 001, 002 health, 003, 004 school.
TIES = "source,target,weight\n001,002,2\n002,003,1\n003,002,3\n003,004,1\n"
NODES = "id,sector,level\n001,health,facility\n002,health,city\n003,school,facility\n"
NODES += "004,school,district\n005,,facility\n"


@pytest.fixture
def files(tmp_path):
    ties, nodes = tmp_path / "ties.csv", tmp_path / "nodes.csv"
    ties.write_text(TIES, encoding="utf-8")
    nodes.write_text(NODES, encoding="utf-8")
    return {"ties": ties, "nodes": nodes, "output": tmp_path / "out.json"}


def run(**options):
    stdout = io.StringIO()
    call_command("network_metrics", stdout=stdout, **options)
    return stdout.getvalue()


def test_writes_the_network_summary(files):
    message = run(**files, directed=True, group_by="sector")
    assert message.startswith("Ausgewertet: 5 Organisationen, 4 Verbindungen.")
    result = json.loads(files["output"].read_text(encoding="utf-8"))
    assert list(result["nodes"]) == ["001", "002", "003", "004", "005"]  # leading zeros kept
    assert result["density"] == pytest.approx(4 / 20)
    assert result["reciprocity"] == pytest.approx(2 / 4)
    assert result["components"] == 2
    assert result["isolates"] == ["005"]
    assert result["articulation_points"] == ["002", "003"]
    assert result["bridges"] == [["001", "002"], ["002", "003"], ["003", "004"]]
    # 001 → 002 within health, 003 → 004 within school, 002 ⇄ 003 across: (2 − 2) / 4.
    assert result["ei_index"] == 0.0
    assert result["nodes"]["002"]["degree"] == {"in": 2, "out": 1, "total": 3}
    # 001 → 002 → 003: health, health, school.
    assert result["nodes"]["002"]["brokerage"]["representative"] == 1
    # 002 → 003 → 004: health, school, school.
    assert result["nodes"]["003"]["brokerage"]["gatekeeper"] == 1
    assert result["nodes"]["005"]["brokerage"] is None  # no sector
    # Exactly what the pure module computes.
    tiny = graph_from_ties(pd.DataFrame({"source": ["a"], "target": ["b"]}))
    assert set(result) == set(network_summary(tiny))


def test_output_and_errors_in_english_when_english_is_active(files):
    with translation.override("en"):
        assert run(**files, directed=True).startswith("Analysed: 5 organisations, 4 ties.")
        files["ties"].write_text("source\n001\n", encoding="utf-8")
        with pytest.raises(CommandError, match=r"The tie table has no column “target”\."):
            run(**files)


def test_undirected_without_node_table(files):
    run(ties=files["ties"], output=files["output"])
    result = json.loads(files["output"].read_text(encoding="utf-8"))
    assert result["directed"] is False
    assert list(result["nodes"]) == ["001", "002", "003", "004"]
    assert result["n_ties"] == 3  # 002–003 reported by both sides
    assert result["reciprocity"] is None
    assert result["ei_index"] is None
    assert result["nodes"]["002"]["degree"] == {"total": 2}


def test_semicolon_files(files):
    files["ties"].write_text(TIES.replace(",", ";"), encoding="utf-8")
    files["nodes"].write_text(NODES.replace(",", ";"), encoding="utf-8")
    run(**files, group_by="level", delimiter=";")
    result = json.loads(files["output"].read_text(encoding="utf-8"))
    assert result["group_by"] == "level"
    assert result["ei_index_by_group"]["city"] == 1.0


@pytest.mark.parametrize(
    ("ties", "nodes", "options", "message"),
    [
        ("von,an\n001,002\n", NODES, {}, "fehlen die Spalten „source“, „target“."),
        ("source\n001\n", NODES, {}, "In der Verbindungstabelle fehlt die Spalte „target“."),
        (TIES, "name,sector\nx,y\n", {}, "In der Knotentabelle fehlt die Spalte „id“."),
        (
            TIES,
            NODES,
            {"group_by": "sektor"},
            "Die Spalte „sektor“ (--group-by) gibt es in der Knotentabelle nicht "
            "(vorhanden: „sector“, „level“).",
        ),
        (
            TIES + "004,1\n006,001\n",
            NODES,
            {},
            "Die Verbindungstabelle nennt Kennungen, die in der Knotentabelle fehlen: 1, 006.",
        ),
        (TIES, NODES + "001,school,city\n", {}, "kommt die Kennung mehrfach vor: 001."),
        (TIES + "001,004,oft\n", NODES, {}, "Ungültige Zahl in der Spalte „weight“"),
        (TIES + ",004,1\n", NODES, {}, "Spalte „source“ leer (Zeile 6)."),
        ("", NODES, {}, "Die Verbindungsdatei „"),
        (TIES, "", {}, "ist leer."),
        (TIES, "id;sector\n001;health\n", {}, "Stimmt das Trennzeichen (--delimiter)?"),
        (TIES, b"id,sector\n\xff\xfe,x\n", {}, "ist nicht lesbar"),
    ],
)
def test_bad_input(files, ties, nodes, options, message):
    files["ties"].write_text(ties, encoding="utf-8")
    if isinstance(nodes, bytes):
        files["nodes"].write_bytes(nodes)
    else:
        files["nodes"].write_text(nodes, encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        run(**files, **options)
    assert message in str(excinfo.value)
    assert not files["output"].exists()


def test_group_by_needs_a_node_table(files):
    with pytest.raises(CommandError, match=r"--group-by braucht eine Knotentabelle"):
        run(ties=files["ties"], output=files["output"], group_by="sector")


def test_missing_files(files, tmp_path):
    with pytest.raises(CommandError, match=r"Die Verbindungsdatei „.*fehlt\.csv“ gibt es nicht\."):
        run(**{**files, "ties": tmp_path / "fehlt.csv"})
    with pytest.raises(CommandError, match=r"Die Knotendatei „.*fehlt\.csv“ gibt es nicht\."):
        run(**{**files, "nodes": tmp_path / "fehlt.csv"})
    with pytest.raises(CommandError, match="ist nicht lesbar"):
        run(**{**files, "ties": tmp_path})  # a directory


def test_unwritable_output(files, tmp_path):
    with pytest.raises(CommandError, match="kann nicht geschrieben werden"):
        run(**{**files, "output": tmp_path / "kein" / "ordner" / "out.json"})


def test_command_line_exits_non_zero_with_the_message(files):
    files["ties"].write_text(TIES + "001,999\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "praeventionsnetz", "network_metrics", "--directed"]
        + [f"--{name}={path}" for name, path in files.items()],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert completed.returncode != 0
    assert "in der Knotentabelle fehlen: 999." in completed.stderr
    assert not files["output"].exists()


def test_command_line_success(files):
    completed = subprocess.run(
        [sys.executable, "-m", "praeventionsnetz", "network_metrics", "--group-by=sector"]
        + [f"--{name}={path}" for name, path in files.items()],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(files["output"].read_text(encoding="utf-8"))["group_by"] == "sector"
