"""Every upload path answers a damaged, foreign or oversized file with one short German
message (status 400), never with a 500 or a page of thousands of errors."""

import io
import json
import re
import struct
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from praeventionsnetz.core import tabular
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers.hsds import package as hsds_package
from tests.factories import AreaFactory
from tests.monitoring.factories import IndicatorFactory

HEADER = "name;art;sektor;ebene;traeger;strasse;plz;ort;laengengrad;breitengrad\n"
ORG_ROW = "Kita {n};kita;youth_welfare;facility;;Weg {n};01067;Dresden;;\n"
ORG_ID = "00000001-0000-4000-8000-000000000000"
SERVICE_ROW = "{n:08d}-0000-4000-8000-{n:012d},{org},Angebot {n},active\n"
MONITORING_FORM = {
    "stadt": "teststadt",
    "ebene": "stadtraum",
    "format": "long",
    "dezimal": ",",
    "spalte_gebiet": "gebiet",
    "spalte_periode": "periode",
    "spalte_indikator": "indikator",
    "spalte_wert": "wert",
}
# A page with one message stays far below this; 200,000 rows once made 15 MB.
SMALL_PAGE = 60_000


# --- files ---------------------------------------------------------------------------------


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(files: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def patched(content: bytes, *, local: int, central: int, value: int) -> bytes:
    """The one-member zip with a 4-byte field of both its headers set to `value`."""
    data = bytearray(content)
    for signature, offset in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        start = data.index(signature) + offset
        data[start : start + 4] = struct.pack("<I", value)
    return bytes(data)


def with_wrong_crc(content: bytes) -> bytes:
    crc = zipfile.ZipFile(io.BytesIO(content)).infolist()[0].CRC
    return patched(content, local=14, central=16, value=crc ^ 0xFFFF)


def with_understated_size(content: bytes) -> bytes:
    size = zipfile.ZipFile(io.BytesIO(content)).infolist()[0].file_size
    return patched(content, local=22, central=24, value=size // 2)


def with_corrupted_data(content: bytes) -> bytes:
    """The zip with the compressed data of every member scrambled (headers intact)."""
    data = bytearray(content)
    for info in zipfile.ZipFile(io.BytesIO(content)).infolist():
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        for i in range(start + 2, start + info.compress_size - 2):
            data[i] ^= 0x5A
    return bytes(data)


def services_csv(rows: int) -> bytes:
    lines = "".join(SERVICE_ROW.format(n=n, org=ORG_ID) for n in range(1, rows + 1))
    return ("id,organization_id,name,status\n" + lines).encode()


def hsds_files(services: bytes) -> dict[str, bytes]:
    return {
        "organizations.csv": f"id,name,description\n{ORG_ID},Verein,Text\n".encode(),
        "services.csv": services,
    }


ORGS_CSV = (HEADER + ORG_ROW.format(n=1)).encode()
BAD_TABLES = {
    "xlsx-that-is-no-workbook": ("orgs.xlsx", b"PK\x03\x04 kein Excel " * 20),
    "xlsx-that-is-text": ("orgs.xlsx", ORGS_CSV),
    "xlsx-damaged": ("orgs.xlsx", with_corrupted_data(xlsx([["name"], ["Kita"]]))),
    "csv-that-is-binary": ("orgs.csv", bytes(range(256)) * 40),
    "csv-with-a-huge-cell": ("orgs.csv", (HEADER + "x" * 300_000 + ";kita\n").encode()),
    "csv-with-a-long-first-row": ("orgs.csv", (HEADER + "a;b;c;d;e;f;g;h;i;j;k;l\n").encode()),
    "csv-with-a-long-row": (
        "orgs.csv",
        (HEADER + ORG_ROW.format(n=1) + "a;b;c;d;e;f;g;h;i;j;k;l\n").encode(),
    ),
    "csv-too-many-rows": (
        "orgs.csv",
        (HEADER + "Kita;kita;;;;;;;;\n" * (tabular.MAX_ROWS + 1)).encode(),
    ),
    "csv-empty": ("orgs.csv", b""),
    "pdf": ("orgs.pdf", b"%PDF-1.4"),
}
EXPECTED = {
    "xlsx-that-is-no-workbook": "keine Excel-Arbeitsmappe (XLSX) oder beschädigt",
    "xlsx-that-is-text": "keine Excel-Arbeitsmappe (XLSX) oder beschädigt",
    "xlsx-damaged": "keine Excel-Arbeitsmappe (XLSX) oder beschädigt",
    "csv-that-is-binary": "keine Texttabelle (CSV)",
    "csv-with-a-huge-cell": "mehr als 10.000 Zeichen",
    "csv-with-a-long-first-row": "Zeile 2 hat mehr Zellen als die Kopfzeile",
    "csv-with-a-long-row": "Zeile 3 hat mehr Zellen als die Kopfzeile",
    "csv-too-many-rows": "mehr als 50.000 Datenzeilen",
    "csv-empty": "Die Datei ist leer.",
    "pdf": "Nur CSV- und XLSX-Dateien",
}


def error_text(response) -> str:
    """The text of the page's error box(es)."""
    page = response.content.decode()
    boxes = re.findall(r'role="alert"[^>]*>(.*?)</div>', page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", b) for b in boxes)


def english_free(text: str) -> bool:
    return not re.search(r"\b(the|file|error|cannot|not|is)\b", text)


# --- reading tables (pure) -------------------------------------------------------------------


def test_a_utf16_csv_is_read_like_utf8():
    text = "gebiet;wert\n01;1,5\n"
    for encoding in ("utf-16", "utf-16-be", "utf-8-sig"):
        content = text.encode(encoding)
        if encoding == "utf-16-be":
            content = b"\xfe\xff" + content
        frame = tabular.read_table(content, "daten.csv")
        assert list(frame.columns) == ["gebiet", "wert"]
        assert frame.iloc[0].tolist() == ["01", "1,5"]


def test_a_row_limit_refuses_the_file_before_reading_it_all():
    content = ("gebiet;wert\n" + "01;1\n" * 11).encode()
    with pytest.raises(tabular.TableError) as caught:
        tabular.read_table(content, "daten.csv", max_rows=10)
    assert "more than 10 data rows" in str(caught.value.message)
    assert len(tabular.read_table(content, "daten.csv", max_rows=11)) == 11


# --- network registry import -----------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_TABLES)
def test_registry_import_answers_each_bad_file_with_one_german_message(client, planner, city, case):
    client.force_login(planner)
    name, content = BAD_TABLES[case]
    response = client.post(
        reverse("network:import"),
        {"stadt": city.code, "datei": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    text = error_text(response)
    assert EXPECTED[case] in text
    assert english_free(text), text
    assert len(response.content) < SMALL_PAGE


def test_registry_import_reads_a_utf16_file(client, planner, city):
    client.force_login(planner)
    content = (HEADER + ORG_ROW.format(n=1)).encode("utf-16")
    response = client.post(
        reverse("network:import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("orgs.csv", content)},
    )
    assert response.status_code == 200
    assert 'id="confirm-import"' in response.content.decode()


def test_registry_preview_shows_the_first_50_errors_and_counts_the_rest(client, planner, city):
    client.force_login(planner)
    rows = "".join(f"Kita {n};raumschiff;;;;;;;;\n" for n in range(120))
    response = client.post(
        reverse("network:import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("orgs.csv", (HEADER + rows).encode())},
    )
    page = response.content.decode()
    assert page.count("ist kein bekannter Wert") == 50
    assert "… und 70 weitere Fehler (die ersten 50 sind aufgeführt)." in page
    assert Organisation.objects.count() == 0


# --- monitoring import -----------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_TABLES)
def test_monitoring_import_answers_each_bad_file_with_one_german_message(
    client, planner, city, case
):
    client.force_login(planner)
    name, content = BAD_TABLES[case]
    response = client.post(
        reverse("monitoring:import"),
        {**MONITORING_FORM, "datei": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    text = error_text(response)
    # The form itself refuses other file types and empty files.
    expected = {"pdf": "CSV", "csv-empty": "Die übertragene Datei ist leer."}
    assert expected.get(case, EXPECTED[case]) in text
    assert english_free(text), text
    assert len(response.content) < SMALL_PAGE


def test_monitoring_preview_shows_the_first_50_errors_and_counts_the_rest(client, planner, city):
    AreaFactory(city=city, parent=city, level="stadtraum", code="01")
    IndicatorFactory(key="geburten")
    client.force_login(planner)
    rows = "".join(f"01;geburten;{2000 + n % 20};viele\n" for n in range(80))
    content = ("gebiet;indikator;periode;wert\n" + rows).encode()
    response = client.post(
        reverse("monitoring:import"),
        {**MONITORING_FORM, "datei": SimpleUploadedFile("daten.csv", content)},
    )
    page = response.content.decode()
    assert page.count("ist keine Zahl") == 50
    assert "… und 30 weitere Fehler (die ersten 50 sind aufgeführt)." in page


# --- HSDS import -----------------------------------------------------------------------------

GOOD_SERVICES = services_csv(3)
BAD_PACKAGES = {
    "not-a-zip": (b"kein zip", "kein ZIP-Archiv"),
    "corrupted-data": (
        with_corrupted_data(zipped({"services.csv": services_csv(300)})),
        "Das ZIP-Archiv ist beschädigt: „services.csv“",
    ),
    "wrong-crc": (
        with_wrong_crc(zipped({"services.csv": GOOD_SERVICES}, zipfile.ZIP_STORED)),
        "Das ZIP-Archiv ist beschädigt: „services.csv“",
    ),
    "understated-size": (
        with_understated_size(zipped({"services.csv": services_csv(300)})),
        "Das ZIP-Archiv ist beschädigt: „services.csv“",
    ),
    "huge-cell": (
        zipped(hsds_files(f"id,name\n{ORG_ID},{'x' * 300_000}\n".encode())),
        "services.csv, Zeile 2: lässt sich nicht als CSV lesen",
    ),
    "too-many-rows": (
        zipped(hsds_files(services_csv(hsds_package.MAX_ROWS + 1))),
        "services.csv: hat mehr als 20.000 Zeilen",
    ),
    "utf16": (
        zipped(hsds_files(GOOD_SERVICES.decode().encode("utf-16"))),
        "services.csv: ist nicht in UTF-8 kodiert",
    ),
}


@pytest.mark.parametrize("case", BAD_PACKAGES)
def test_hsds_import_answers_each_bad_package_with_short_german_messages(
    client, planner, city, case
):
    client.force_login(planner)
    content, expected = BAD_PACKAGES[case]
    response = client.post(
        reverse("offers:hsds-import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("paket.zip", content)},
    )
    assert response.status_code == 400
    text = error_text(response)
    assert expected in text
    assert english_free(text), text
    assert len(response.content) < SMALL_PAGE


def test_hsds_preview_shows_the_first_50_errors_and_counts_the_rest(client, planner, city):
    client.force_login(planner)
    lines = "".join(SERVICE_ROW.format(n=n, org=ORG_ID) for n in range(1, 81))
    services = ("id,organization_id,name,status\n" + lines.replace(",active", ",offen")).encode()
    response = client.post(
        reverse("offers:hsds-import"),
        {
            "stadt": city.code,
            "datei": SimpleUploadedFile("paket.zip", zipped(hsds_files(services))),
        },
    )
    page = response.content.decode()
    assert page.count("„offen“ in „status“ ist nicht erlaubt") == 50
    assert "… und 30 weitere Fehler (die ersten 50 sind aufgeführt)." in page


# --- areas GeoJSON import (command) --------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{kein json", "Die Datei ist kein gültiges JSON (Zeile 1, Spalte 2)."),
        ('{"type": "Stra\u00dfe"}'.encode("cp1252"), "keine GeoJSON-Datei in UTF-8"),
        (json.dumps({"type": "FeatureCollection"}).encode(), "keine GeoJSON-FeatureCollection"),
    ],
)
def test_area_import_answers_a_bad_file_with_one_german_message(db, tmp_path, content, expected):
    path = tmp_path / "gebiete.geojson"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(expected)):
        call_command("import_areas", str(path), "--city", "teststadt", "--level", "stadtteil")


def test_area_import_reads_utf16_geojson(city, tmp_path):
    from praeventionsnetz.areas.models import Area
    from tests.factories import square

    features = [
        {"type": "Feature", "properties": {"code": "01", "name": "Süd"}, "geometry": square(13, 51)}
    ]
    path = tmp_path / "gebiete.geojson"
    path.write_bytes(
        json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-16")
    )
    call_command("import_areas", str(path), "--city", city.code, "--level", "stadtteil")
    assert Area.objects.get(code="01", level="stadtteil").name == "Süd"


def test_area_import_lists_the_first_50_faulty_features_and_counts_the_rest(city, tmp_path, capsys):
    features = [
        {"type": "Feature", "properties": {"code": "", "name": "x"}, "geometry": None}
        for _ in range(70)
    ]
    path = tmp_path / "gebiete.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    with pytest.raises(CommandError, match="70 fehlerhafte Features"):
        call_command("import_areas", str(path), "--city", city.code, "--level", "stadtteil")
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 51
    assert errors[-1] == "… und 20 weitere fehlerhafte Features."
