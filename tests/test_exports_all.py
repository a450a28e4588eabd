"""Every page that offers its table as a file delivers it in every format, and the file
opens: XLSX in openpyxl, CSV in the csv module (once failed with 500 for every area:
“Cannot convert 'Sozialstruktur' to Excel”)."""

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

import praeventionsnetz
from praeventionsnetz.areas.models import Level
from praeventionsnetz.core import exports
from praeventionsnetz.monitoring.models import Dimension, IndexResult
from praeventionsnetz.network import services as network_services
from praeventionsnetz.network.models import Tie, TieKind, TieSource
from tests.access_matrix import MATRIX
from tests.core.test_access import _object
from tests.factories import AreaFactory, OrganisationFactory, square
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

# Pages that answer ?format=… with a file, with the parameters that give them a table.
EXPORTING = {
    "site:area-detail": {},
    "monitoring:indicator-map": {"ebene": "stadtraum"},
    "monitoring:indicator-series": {"ebene": "stadtraum"},
    "monitoring:indicator-compare": {"ebene": "stadtraum"},
    "monitoring:index-detail": {},
    "monitoring:clusters": {"ebene": "stadtraum"},
    "monitoring:selection-detail": {},
    "network:organisation-list": {},
    "network:network-map": {},
    "network:matrix": {},
    "network:wave-compare": {},
    "network:wave-links": {},
    "offers:coverage": {"stadt": "teststadt", "ebene": "stadtraum"},
    "funding:utilisation": {},
    "funding:ledger": {},
    "steering:committee-members-export": {},
    "steering:time-accounts": {},
    "steering:measure-export": {},
    "steering:action-items": {},
}
SOURCE = Path(praeventionsnetz.__file__).parent


def test_every_page_that_exports_is_in_the_list():
    calls = sum(path.read_text().count("exports.table_response(") for path in SOURCE.rglob("*.py"))
    assert calls == len(EXPORTING), "a new export: add its page to EXPORTING"


@pytest.fixture
def figures(
    request,
    city,
    district,
    other_district,
    quarter,
    index_object,
    organisation,
    wave_object,
    budget_line_object,
    activity_entry_object,
):
    """Figures of every dimension on four Stadträume (enough for clusters), an index
    result and an organisation, so that every export has rows with labels."""
    more = [
        AreaFactory(
            city=city,
            parent=city,
            level=Level.STADTRAUM,
            code=f"0{n}",
            geometry=square(13.0 + (n - 3) * 0.02, 51.02, 0.02),
        )
        for n in (3, 4)
    ]
    organisation.city = city
    organisation.save()
    latest = network_services.wave_start(
        area=district, name="Zweite Befragung", closes_on=timezone.localdate()
    )
    partner = OrganisationFactory(name="Schule am Park", city=city)
    Tie.objects.create(
        reporter=organisation,
        partner=partner,
        kind=TieKind.CASE,
        source=TieSource.SURVEY,
        wave=latest,
    )
    # Closed, so that the network pages show them without ?welle= (an open wave only when
    # asked for); the personal links are exported only while their wave is open.
    if "wave-links" not in request.node.name:
        network_services.wave_close(wave=wave_object)
    network_services.wave_close(wave=latest)
    values = [(district, 120), (other_district, 70), (more[0], 90), (more[1], 40)]
    for n, dimension in enumerate(Dimension.values):
        indicator = IndicatorFactory(key=f"kz_{n}", dimension=dimension, unit="Prozent")
        for area, value in [*values, (quarter, 30)]:
            ObservationFactory(area=area, indicator=indicator, period="2024", value=value)
    for rank, (area, value) in enumerate(values, start=1):
        IndexResult.objects.create(
            index=index_object, part="i", area=area, period="2024", value=value, rank=rank
        )
    request.getfixturevalue("measure_object")  # a row for the measures export
    # An open action item of a district team, for the steering overview.
    from tests.steering.factories import ActionItemFactory, CommitteeFactory, MeetingFactory

    ActionItemFactory(
        meeting=MeetingFactory(committee=CommitteeFactory(area=district)), title="Einladen"
    )


def _kwargs(builder, request, quarter):
    if builder is None:
        return {}
    if builder == "token":
        return {"token": request.getfixturevalue("token_object")}
    built = _object(builder, request, quarter)
    return built if isinstance(built, dict) else {"pk": built.pk}


def _rows(response, fmt) -> list[list]:
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return [list(row) for row in book.active.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("fmt", sorted(exports.FORMATS))
@pytest.mark.parametrize("url_name", sorted(EXPORTING))
def test_every_page_exports_every_format_as_a_file_that_opens(
    url_name, fmt, request, client, planner, quarter, figures
):
    client.force_login(planner)
    builder, _statuses = MATRIX[url_name]
    url = reverse(url_name, kwargs=_kwargs(builder, request, quarter))
    params = {"stadt": "teststadt", **EXPORTING.get(url_name, {}), "format": fmt}
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    is_file = "attachment" in response.get("Content-Disposition", "")
    assert is_file, url_name
    assert response.get("Content-Disposition").endswith(f'.{fmt}"')
    rows = _rows(response, fmt)
    assert len(rows) >= 2, rows  # a header and at least one row
    assert all(isinstance(cell, str) and cell for cell in rows[0])


def test_area_profile_xlsx_names_each_dimension_in_german(client, quarter, figures):
    response = client.get(reverse("site:area-detail", args=[quarter.pk]), {"format": "xlsx"})
    rows = _rows(response, "xlsx")
    assert rows[0][:3] == ["Dimension", "Indikator", "Zeitraum"]
    assert "Sozialstruktur" in {row[0] for row in rows[1:]}


def test_cells_of_every_kind_are_written_to_both_formats(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    at = dt.datetime(2024, 5, 1, 10, 30, tzinfo=dt.UTC)
    row = [
        gettext_lazy("Data"),
        Decimal("1.5"),
        float("nan"),
        at,
        dt.date(2024, 5, 1),
        "Steuer\x07zeichen",
        "=SUMME(A1)",
        None,
        Dimension.SOCIAL_STRUCTURE,
    ]
    header = [gettext_lazy("Value")] * len(row)
    xlsx = exports.table_response(header=header, rows=[row], filename="t", fmt="xlsx")
    cells = _rows(xlsx, "xlsx")[1]
    assert cells[0] == "Daten"
    assert cells[2] is None
    assert cells[3] == timezone.localtime(at).replace(tzinfo=None)
    assert cells[5:7] == ["Steuerzeichen", "'=SUMME(A1)"]
    assert cells[8] == str(Dimension.SOCIAL_STRUCTURE)
    text = exports.table_response(header=header, rows=[row], filename="t", fmt="csv")
    line = _rows(text, "csv")[1]
    assert line[0] == "Daten"
    assert line[2] == ""
    assert line[6] == "'=SUMME(A1)"
