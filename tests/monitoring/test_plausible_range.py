"""Values outside an indicator's plausible range are refused with their row (item 11)."""

import pytest
from django.core.management import CommandError, call_command

from praeventionsnetz.areas.models import Level
from praeventionsnetz.monitoring.models import Indicator, IndicatorKind, Observation
from praeventionsnetz.monitoring.services import imports
from tests.factories import AreaFactory
from tests.monitoring.factories import IndicatorFactory

OPTIONS = imports.ImportOptions(first_year=2000, last_year=2030)


@pytest.fixture
def quarters(city, district):
    return [
        AreaFactory(city=city, parent=district, level=Level.STADTTEIL, code=c, name=f"Viertel {c}")
        for c in ("11", "12")
    ]


@pytest.fixture
def indicators(db):
    return {
        "anteil": IndicatorFactory(key="anteil", kind=IndicatorKind.RATE, scale=100, unit="%"),
        "promille": IndicatorFactory(key="promille", kind=IndicatorKind.RATE, scale=1000, unit="‰"),
        "anzahl": IndicatorFactory(key="anzahl", kind=IndicatorKind.COUNT),
        "quote": IndicatorFactory(key="quote", kind=IndicatorKind.VALUE, unit="%"),
        "einkommen": IndicatorFactory(key="einkommen", kind=IndicatorKind.VALUE, unit="EUR"),
        "alter": IndicatorFactory(
            key="alter", kind=IndicatorKind.VALUE, unit="Jahre", plausible_min=0, plausible_max=120
        ),
    }


def preview(city, line):
    text = f"gebiet;indikator;periode;wert;zaehler;nenner\n11;anzahl;2024;5;;\n{line}\n"
    return imports.observations_preview(
        content=text.encode(), file_name="x.csv", city=city, level=Level.STADTTEIL, options=OPTIONS
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("12;anteil;2024;120;;", "Der Wert 120 liegt außerhalb des plausiblen Bereichs"),
        ("12;anteil;2024;-0,5;;", "0 bis 100 %"),
        ("12;anteil;2024;;30;20", "Zähler ist größer als der Nenner"),
        ("12;promille;2024;1200;;", "0 bis 1000 ‰"),
        ("12;anzahl;2024;-4;;", "Eine Anzahl kann nicht negativ sein"),
        ("12;quote;2024;101;;", "0 bis 100 %"),
        ("12;alter;2024;130;;", "0 bis 120 Jahre"),
    ],
)
def test_an_implausible_value_is_refused_with_its_row(city, quarters, indicators, line, message):
    result = preview(city, line)
    assert not result.is_valid
    (error,) = result.errors
    assert error.row == 3
    assert message in str(error)


@pytest.mark.parametrize(
    "line",
    [
        "12;anteil;2024;100;;",
        "12;anteil;2024;0;;",
        "12;promille;2024;999;;",
        "12;einkommen;2024;-200;;",  # a plain value in euros has no default range
        "12;quote;2024;55,5;;",
    ],
)
def test_plausible_values_pass(city, quarters, indicators, line):
    assert preview(city, line).is_valid


def test_defaults_follow_kind_unit_and_scale(indicators):
    assert indicators["anteil"].plausible_range == (0, 100)
    assert indicators["promille"].plausible_range == (0, 1000)
    assert indicators["anzahl"].plausible_range == (0, None)
    assert indicators["einkommen"].plausible_range == (None, None)
    assert Indicator(kind=IndicatorKind.RATE, scale=100, plausible_max=40).plausible_range == (
        0,
        40,
    )


def test_the_command_refuses_an_implausible_value_with_its_row(
    tmp_path, city, quarters, indicators, capsys
):
    path = tmp_path / "anteile.csv"
    path.write_text("gebiet;indikator;periode;wert\n11;anteil;2024;12\n12;anteil;2024;140\n")
    with pytest.raises(CommandError, match="nichts gespeichert"):
        call_command("import_observations", str(path), "--city", city.code, "--level", "stadtteil")
    assert "Zeile 3" in capsys.readouterr().err
    assert not Observation.objects.exists()


def test_the_web_preview_shows_the_implausible_row(client, planner, city, quarters, indicators):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(planner)
    upload = SimpleUploadedFile(
        "anteile.csv", b"gebiet;indikator;periode;wert\n11;anteil;2024;12\n12;anteil;2024;140\n"
    )
    response = client.post(
        reverse("monitoring:import"),
        {
            "stadt": city.code,
            "ebene": Level.STADTTEIL,
            "format": "long",
            "dezimal": ",",
            "spalte_gebiet": "gebiet",
            "datei": upload,
        },
    )
    page = response.content.decode()
    assert "Zeile 3" in page
    assert "plausiblen Bereichs" in page
    assert 'id="confirm-import"' not in page
