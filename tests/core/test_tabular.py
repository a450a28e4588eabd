"""Reading statistics tables: pure, no database."""

import io

import pandas as pd
import pytest

from praeventionsnetz.core import tabular
from tests.messages import english, german, raises


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1.234,5", ",", 1234.5),
        ("1234,5", ",", 1234.5),
        ("1.234", ",", 1234.0),
        ("-0,75", ",", -0.75),
        ("12", ",", 12.0),
        ("1,234.5", ".", 1234.5),
        ("3.86531", ".", 3.86531),
        ("  7 ", ",", 7.0),
        ("", ",", None),
        ("–", ",", None),
    ],
)
def test_numbers_in_german_and_english_notation(text, decimal, expected):
    assert tabular.parse_number(text, decimal=decimal) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12 %", "1.2.3,4,5"])
def test_bad_numbers_are_refused(text):
    with raises(ValueError, "keine Zahl"):
        tabular.parse_number(text, decimal=",")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", "2024"),
        ("2024-Q1", "2024-Q1"),
        ("2024 Q3", "2024-Q3"),
        ("1. Quartal 2024", "2024-Q1"),
        ("2019.0", "2019"),
    ],
)
def test_periods(text, expected):
    assert tabular.parse_period(text) == expected


def _frame(text: str) -> pd.DataFrame:
    return tabular.read_table(text.encode("utf-8"), "daten.csv")


def test_long_layout_with_row_errors():
    frame = _frame(
        "gebiet;indikator;periode;wert\n"
        "01;geburten;2024;1.234\n"
        "02;geburten;2024;viele\n"
        "03;geburten;1850;5\n"
        ";geburten;2024;5\n"
        "04;geburten;2024;\n"
    )
    parsed = tabular.parse_long(frame, tabular.LongMapping(), years=(1990, 2030))
    assert [(r.area, r.value) for r in parsed.records] == [("01", 1234.0)]
    messages = [german(e.located()) for e in parsed.errors]
    assert messages == [
        "Zeile 3, Spalte „wert“: „viele“ ist keine Zahl.",
        "Zeile 4, Spalte „periode“: Zeitraum 1850 liegt außerhalb von 1990–2030.",
        "Zeile 5, Spalte „gebiet“: Das Gebiet fehlt.",
        "Zeile 6, Spalte „wert“: Der Wert fehlt.",
    ]


def test_long_layout_reads_numerator_and_denominator():
    frame = _frame("gebiet;indikator;periode;zaehler;nenner\n01;quote;2024;12;300\n")
    record = tabular.parse_long(frame, tabular.LongMapping()).records[0]
    assert (record.value, record.numerator, record.denominator) == (None, 12.0, 300.0)


def test_wide_layout_with_column_mapping():
    frame = _frame("Stadtteil,Jahr,Geborene,AE\n01 Innere Altstadt,2024,87,\n")
    mapping = tabular.WideMapping(
        area="Stadtteil", period="Jahr", columns={"Geborene": "geburten", "AE": "ae"}
    )
    parsed = tabular.parse_wide(frame, mapping, decimal=".")
    assert [(r.area, r.indicator, r.period, r.value) for r in parsed.records] == [
        ("01 Innere Altstadt", "geburten", "2024", 87.0)
    ]
    assert parsed.errors == []


def test_missing_columns_are_named():
    frame = _frame("ort;jahr;wert\n01;2024;1\n")
    with raises(tabular.TableError, "Spalten fehlen: „gebiet“, „indikator“"):
        tabular.parse_long(frame, tabular.LongMapping(period="jahr"))


def test_xlsx_is_read(tmp_path):
    buffer = io.BytesIO()
    pd.DataFrame(
        {"gebiet": ["01"], "indikator": ["geburten"], "periode": [2024], "wert": [87]}
    ).to_excel(buffer, index=False)
    frame = tabular.read_table(buffer.getvalue(), "daten.xlsx")
    parsed = tabular.parse_long(frame, tabular.LongMapping())
    assert [(r.period, r.value) for r in parsed.records] == [("2024", 87.0)]


def test_other_file_types_are_refused():
    with raises(tabular.TableError, "Nur CSV- und XLSX"):
        tabular.read_table(b"x", "daten.pdf")


def test_row_errors_and_table_errors_are_english_messages():
    frame = _frame("gebiet;indikator;periode;wert\n02;geburten;2024;viele\n")
    error = tabular.parse_long(frame, tabular.LongMapping()).errors[0]
    assert error.message.msgid == "“%(text)s” is not a number."
    assert str(error) == "Row 2, column “wert”: “viele” is not a number."
    assert german(error.located()) == "Zeile 2, Spalte „wert“: „viele“ ist keine Zahl."
    with pytest.raises(tabular.TableError) as info:
        tabular.parse_long(_frame("ort;jahr\n1;2\n"), tabular.LongMapping(period="jahr"))
    assert english(info.value) == (
        "Columns missing: “gebiet”, “indikator”. Present: “ort”, “jahr”."
    )
    assert german(info.value) == (
        "Spalten fehlen: „gebiet“, „indikator“. Vorhanden sind: „ort“, „jahr“."
    )


def test_row_errors_still_take_plain_text():
    error = tabular.RowError(3, "", "schon übersetzt")
    assert german(error.located()) == "Zeile 3: schon übersetzt"
