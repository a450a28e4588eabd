import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from praeventionsnetz.areas import services
from praeventionsnetz.areas.models import Area, Level
from tests.factories import square


def feature(code, name, geometry, **extra):
    return {
        "type": "Feature",
        "properties": {"nr": code, "bez": name, **extra},
        "geometry": geometry,
    }


MAPPING = {"code": "nr", "name": "bez"}


def run(city, features, **kwargs):
    return services.area_import(
        features=features, city=city, level=Level.STADTTEIL, mapping=MAPPING, **kwargs
    )


def test_import_creates_areas_under_the_city(city):
    result = run(
        city,
        [feature("01", "Altstadt", square(13, 51)), feature("02", "Neustadt", square(13.01, 51))],
    )
    assert result.created == ["01", "02"]
    assert list(Area.objects.filter(level=Level.STADTTEIL).values_list("name", "parent")) == [
        ("Altstadt", city.pk),
        ("Neustadt", city.pk),
    ]


def test_running_the_same_import_twice_changes_nothing(city):
    features = [feature("01", "Altstadt", square(13, 51))]
    run(city, features)
    versions = Area.history.count()
    result = run(city, features)
    assert result.unchanged == ["01"]
    assert Area.history.count() == versions


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (feature("", "Ohne Nummer", square(13, 51)), "Schlüsselfeld „nr“ ist leer"),
        (feature("03", "", square(13, 51)), "Namensfeld „bez“ ist leer"),
        (feature("01", "Doppelt", square(13.5, 51)), "kommt doppelt vor"),
        (feature("04", "Punkt", {"type": "Point", "coordinates": [13, 51]}), "nicht unterstützt"),
        (
            feature(
                "05",
                "Schleife",
                {
                    "type": "Polygon",
                    "coordinates": [[[13, 51], [13.1, 51.1], [13.1, 51], [13, 51.1], [13, 51]]],
                },
            ),
            "ungültig",
        ),
    ],
)
def test_one_bad_feature_means_nothing_is_written(city, bad, message):
    good = feature("01", "Altstadt", square(13, 51))
    with pytest.raises(services.AreaImportError) as info:
        run(city, [good, bad])
    assert message in str(info.value)
    assert "Feature 2" in str(info.value)
    assert not Area.objects.filter(level=Level.STADTTEIL).exists()


def test_unknown_parent_code_is_reported(city, district):
    features = [feature("11", "Nordviertel", square(13, 51), raum="99")]
    with pytest.raises(services.AreaImportError, match="kein übergeordnetes Gebiet"):
        services.area_import(
            features=features,
            city=city,
            level=Level.STADTTEIL,
            mapping={**MAPPING, "parent": "raum"},
            parent_level=Level.STADTRAUM,
        )


def test_parent_is_found_by_code(city, district):
    features = [feature("11", "Nordviertel", square(13, 51), raum="01")]
    services.area_import(
        features=features,
        city=city,
        level=Level.STADTTEIL,
        mapping={**MAPPING, "parent": "raum"},
        parent_level=Level.STADTRAUM,
    )
    assert Area.objects.get(code="11", level=Level.STADTTEIL).parent == district


def test_boundary_change_keeps_the_old_version(city):
    run(city, [feature("01", "Altstadt", square(13, 51))], valid_from=dt.date(2020, 1, 1))
    result = run(
        city, [feature("01", "Altstadt", square(13, 51, 0.02))], valid_from=dt.date(2025, 1, 1)
    )
    assert result.versioned == ["01"]
    old, new = Area.objects.filter(code="01", level=Level.STADTTEIL).order_by("valid_from")
    assert (old.valid_from, old.valid_to) == (dt.date(2020, 1, 1), dt.date(2025, 1, 1))
    assert (new.valid_from, new.valid_to) == (dt.date(2025, 1, 1), None)
    assert list(Area.objects.current(dt.date(2022, 6, 1)).filter(code="01")) == [old]
    assert list(Area.objects.current().filter(code="01", level=Level.STADTTEIL)) == [new]


def test_dry_run_writes_nothing(city):
    result = run(city, [feature("01", "Altstadt", square(13, 51))], dry_run=True)
    assert result.created == ["01"]
    assert not Area.objects.filter(level=Level.STADTTEIL).exists()


def test_command_imports_with_a_field_mapping(tmp_path, db, capsys):
    path = tmp_path / "gebiete.geojson"
    path.write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": [feature("01", "Altstadt", square(13, 51))]}
        ),
        encoding="utf-8",
    )
    call_command(
        "import_areas",
        str(path),
        "--city",
        "neustadt",
        "--city-name",
        "Neustadt",
        "--level",
        "stadtteil",
        "--field",
        "code=nr",
        "--field",
        "name=bez",
    )
    assert "1 neu angelegt" in capsys.readouterr().out
    assert Area.objects.get(level=Level.STADTTEIL).city.name == "Neustadt"


def test_command_reports_row_errors_and_fails(tmp_path, city, capsys):
    path = tmp_path / "gebiete.geojson"
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature("01", "", square(13, 51))]}),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="nichts wurde gespeichert"):
        call_command(
            "import_areas",
            str(path),
            "--city",
            city.code,
            "--level",
            "stadtteil",
            "--field",
            "code=nr",
            "--field",
            "name=bez",
        )
    assert "Feature 1" in capsys.readouterr().err


def test_command_refuses_a_file_that_is_not_geojson(tmp_path, city):
    path = tmp_path / "kaputt.geojson"
    path.write_text("{nicht json", encoding="utf-8")
    with pytest.raises(CommandError, match="kein gültiges JSON"):
        call_command("import_areas", str(path), "--city", city.code, "--level", "stadtteil")


def test_command_errors_follow_the_language(tmp_path, city, capsys):
    path = tmp_path / "gebiete.geojson"
    point = {"type": "Point", "coordinates": [13, 51]}
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature("01", "Mitte", point)]}),
        encoding="utf-8",
    )
    args = ["import_areas", str(path), "--city", city.code, "--level", "stadtteil"]
    args += ["--field", "code=nr", "--field", "name=bez"]
    with translation.override("en"), pytest.raises(CommandError) as english_error:
        call_command(*args)
    assert str(english_error.value) == "Import stopped: 1 faulty feature; nothing was saved."
    assert capsys.readouterr().err == (
        "Feature 1: 01 Mitte: Geometry type “Point” is not supported; Polygon or MultiPolygon "
        "is expected.\n"
    )
    with pytest.raises(CommandError) as german_error:
        call_command(*args)
    assert str(german_error.value) == (
        "Import abgebrochen: 1 fehlerhafte Features; nichts wurde gespeichert."
    )
    assert capsys.readouterr().err == (
        "Feature 1: 01 Mitte: Geometrietyp „Point“ wird nicht unterstützt; erwartet wird Polygon "
        "oder MultiPolygon.\n"
    )
