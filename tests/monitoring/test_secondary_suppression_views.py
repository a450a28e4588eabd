"""Secondary suppression in every place that shows a figure, on the case of the issue.

Teststadt (1,000 births) = Stadtraum Nord (462) + Stadtraum Süd (538).
Nord = Stadtteil A (2) + B (250) + C (210); Süd = D (300) + E (238).
A is small; with only A hidden, Nord − B − C would give it back. C, the smallest
sibling, is withheld too, so that no page, export or API answer lets a reader work A out.
"""

import csv
import io

import numpy as np
import pytest
from django.urls import reverse

from praeventionsnetz.areas.models import Level
from praeventionsnetz.core.suppression import SECONDARY_LABEL
from praeventionsnetz.monitoring.models import Dimension, IndicatorKind
from praeventionsnetz.monitoring.services import indices as index_services
from tests.factories import AreaFactory, square
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

BIRTHS = {"A": 2, "B": 250, "C": 210, "D": 300, "E": 238}
PARENT = {"A": "N", "B": "N", "C": "N", "D": "S", "E": "S"}


@pytest.fixture
def town(city):
    rooms = {
        code: AreaFactory(city=city, parent=city, level=Level.STADTRAUM, code=code, name=name)
        for code, name in (("N", "Nordraum"), ("S", "Südraum"))
    }
    quarters = {
        code: AreaFactory(
            city=city,
            parent=rooms[PARENT[code]],
            level=Level.STADTTEIL,
            code=code,
            name=f"Viertel {code}",
            geometry=square(13 + n * 0.01, 51, 0.01),
        )
        for n, code in enumerate(BIRTHS)
    }
    births = IndicatorFactory(
        key="geburten",
        name_de="Geburten",
        kind=IndicatorKind.COUNT,
        unit="Kinder",
        dimension=Dimension.SOCIAL_STRUCTURE,
        source="Teststatistik",
    )
    share = IndicatorFactory(
        key="ae_anteil",
        name_de="Anteil Alleinerziehende",
        kind=IndicatorKind.RATE,
        unit="%",
        dimension=Dimension.SOCIAL_STRUCTURE,
        direction=1,
        source="Teststatistik",
    )
    for code, value in BIRTHS.items():
        ObservationFactory(area=quarters[code], indicator=births, period="2024", value=value)
        ObservationFactory(
            area=quarters[code],
            indicator=share,
            period="2024",
            value=value / 1000 * 100,
            numerator=value,
            denominator=1000,
        )
    for room_code, room in rooms.items():
        total = sum(v for c, v in BIRTHS.items() if PARENT[c] == room_code)
        n = sum(PARENT[c] == room_code for c in BIRTHS)
        ObservationFactory(
            area=room, indicator=births, period="2024", value=total, is_aggregated=True
        )
        ObservationFactory(
            area=room,
            indicator=share,
            period="2024",
            value=total / (n * 1000) * 100,
            numerator=total,
            denominator=n * 1000,
            is_aggregated=True,
        )
    ObservationFactory(area=city, indicator=births, period="2024", value=1000, is_aggregated=True)
    ObservationFactory(
        area=city,
        indicator=share,
        period="2024",
        value=20.0,
        numerator=1000,
        denominator=5000,
        is_aggregated=True,
    )
    return {"city": city, **rooms, **quarters}


def _groups(town):
    return [
        (town["city"].pk, [town["N"].pk, town["S"].pk]),
        (town["N"].pk, [town[c].pk for c in "ABC"]),
        (town["S"].pk, [town[c].pk for c in "DE"]),
    ]


def _recoverable(town, shown: dict[int, float]) -> set[int]:
    """Hidden cells that the shown figures and the sums determine (rank test)."""
    groups = _groups(town)
    cells = sorted({c for parent, children in groups for c in (parent, *children)})
    unknown = [c for c in cells if c not in shown]
    index = {c: i for i, c in enumerate(unknown)}
    rows = []
    for parent, children in groups:
        row = np.zeros(len(unknown))
        for cell, sign in ((parent, 1), *((c, -1) for c in children)):
            if cell in index:
                row[index[cell]] += sign
        if row.any():
            rows.append(row)
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    return {c for c in unknown if np.linalg.matrix_rank(np.delete(matrix, index[c], axis=1)) < rank}


def _map(client, level, indicator="geburten", **params):
    return client.get(
        reverse("monitoring:indicator-map"),
        {"stadt": "teststadt", "ebene": level, "indikator": indicator, "periode": "2024", **params},
    )


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("indicator", ["geburten", "ae_anteil"])
def test_map_table_tooltips_and_export_withhold_the_smallest_sibling(client, town, indicator):
    response = _map(client, "stadtteil", indicator)
    labels = {r["figure"].area.code: r["figure"].label for r in response.context["rows"]}
    assert labels["A"] == "<3"
    assert labels["C"] == SECONDARY_LABEL
    assert response.context["rows"][2]["figure"].value is None
    tooltips = {
        f["properties"]["code"]: f["properties"]["label"]
        for f in response.context["map_data"]["features"]
    }
    assert tooltips["A"] == "<3"
    assert tooltips["C"] == SECONDARY_LABEL
    page = response.content.decode()
    assert "„•“: zurückgehalten" in page
    rows = {r[0]: r for r in _csv(_map(client, "stadtteil", indicator, format="csv"))[1:6]}
    # Value, numerator and denominator of both hidden cells are empty or a label.
    assert rows["A"][3:6] == ["<3", "", ""]
    assert rows["C"][3:6] == [SECONDARY_LABEL, "", ""]
    assert "210" not in "".join(rows["C"])


def test_no_level_of_the_map_lets_a_reader_subtract_a_hidden_count(client, town):
    # The city total is on the series page, whose first column is the city.
    series = client.get(
        reverse("monitoring:indicator-series"),
        {"stadt": "teststadt", "ebene": "stadtteil", "indikator": "geburten", "gebiet": "B"},
    )
    total = series.context["table"][0]["cells"][0]
    shown: dict[int, float] = {total.area.pk: total.shown_value}
    for level in ("stadtraum", "stadtteil"):
        for row in _map(client, level).context["rows"]:
            if row["figure"].shown_value is not None:
                shown[row["figure"].area.pk] = row["figure"].shown_value
    assert shown[town["city"].pk] == 1000
    assert shown[town["N"].pk] == 462  # the Stadtraum may stay: two cells of it are hidden
    assert town["A"].pk not in shown
    assert _recoverable(town, shown) == set()


@pytest.mark.parametrize("indicator", ["geburten", "ae_anteil"])
def test_api_numerators_leave_nothing_to_subtract(client, town, indicator):
    body = client.get(
        "/api/observations", {"city": "teststadt", "indicator": indicator, "period": "2024"}
    ).json()
    by_code = {item["area_code"]: item for item in body["items"]}
    assert by_code["A"]["label"] == "<3"
    assert by_code["C"]["label"] == SECONDARY_LABEL
    for code in "AC":
        assert by_code[code]["suppressed"] is True
        assert by_code[code]["value"] is None
        assert by_code[code]["numerator"] is None
        assert by_code[code]["denominator"] is None
    count = "value" if indicator == "geburten" else "numerator"
    shown = {i["area_id"]: i[count] for i in body["items"] if i[count] is not None}
    assert _recoverable(town, shown) == set()


def test_api_pages_agree_with_the_whole_answer(client, town):
    """Suppression is over the whole city, not over the page that happens to be asked for."""
    items = []
    for offset in range(0, 8, 3):
        page = client.get(
            "/api/observations",
            {"city": "teststadt", "indicator": "geburten", "limit": 3, "offset": offset},
        ).json()
        items += page["items"]
    labels = {i["area_code"]: i["label"] for i in items}
    assert labels["A"] == "<3"
    assert labels["C"] == SECONDARY_LABEL


def test_compare_series_and_profile_show_the_same_withheld_cells(client, town):
    compare = client.get(
        reverse("monitoring:indicator-compare"),
        {"stadt": "teststadt", "ebene": "stadtteil", "periode": "2024", "format": "csv"},
    )
    rows = {r[0]: r for r in _csv(compare)[1:6]}
    assert rows["A"][2:] == ["<3", "<3"]
    assert rows["C"][2:] == [SECONDARY_LABEL, SECONDARY_LABEL]
    series = client.get(
        reverse("monitoring:indicator-series"),
        {"stadt": "teststadt", "ebene": "stadtteil", "indikator": "geburten", "gebiet": ["A", "C"]},
    )
    cells = series.context["table"][0]["cells"]
    assert [c.label for c in cells[1:]] == ["<3", SECONDARY_LABEL]
    profile = client.get(reverse("site:area-detail", args=[town["C"].pk]))
    page = profile.content.decode()
    latest = {i.key: f for d in profile.context["profile"]["dimensions"] for i, f in d["rows"]}
    assert latest["geburten"].label == SECONDARY_LABEL
    assert latest["ae_anteil"].label == SECONDARY_LABEL
    assert "210" not in page
    export = client.get(reverse("site:area-detail", args=[town["C"].pk]), {"format": "csv"})
    assert "210" not in export.content.decode("utf-8-sig")


def test_an_index_over_a_withheld_count_shows_neither_value_class_nor_rank_gap(client, town):
    index = index_services.composite_index_save(
        raw={
            "key": "nur_geburten",
            "label": "Nur Geburten",
            "indices": [
                {
                    "key": "geburten",
                    "components": [{"key": "geburten", "weight": 1, "direction": 1}],
                    "classes": [{"name": "niedrig", "at_most": 0}, {"name": "hoch"}],
                }
            ],
        }
    )
    quarters = [town[c] for c in BIRTHS]
    index_services.index_compute(index=index, areas=quarters, period="2024")
    response = client.get(reverse("monitoring:index-detail", args=[index.pk]))
    results = response.context["results"]
    hidden = {r.area.code for r in results if r.is_suppressed}
    assert hidden == {"A", "C"}
    # The others are ranked among themselves: no gap places A or C between two of them.
    assert sorted(r.rank for r in results if not r.is_suppressed) == [1, 2, 3]
    assert all(r.value is None and r.rank is None for r in results if r.is_suppressed)
    rows = _csv(client.get(reverse("monitoring:index-detail", args=[index.pk]), {"format": "csv"}))
    exported = {r[0]: r for r in rows[1:6]}
    assert exported["C"][2:] == [SECONDARY_LABEL, "", ""]
    body = client.get(f"/api/indices/{index.key}/results").json()
    api = {i["area_code"]: i for i in body["items"]}
    assert api["A"]["value"] is None
    assert api["A"]["rank"] is None
    assert api["C"]["suppressed"] is True
    assert sorted(i["rank"] for i in body["items"] if i["rank"] is not None) == [1, 2, 3]
    profile = client.get(reverse("site:area-detail", args=[town["C"].pk]))
    shown = profile.context["profile"]["index_results"]
    assert [r.is_suppressed for r in shown] == [True]


def test_clusters_leave_the_withheld_cells_out(client, town):
    response = client.get(
        reverse("monitoring:clusters"),
        {"stadt": "teststadt", "ebene": "stadtteil", "indikator": "geburten", "periode": "2024"},
    )
    codes = {r["area"].code for r in response.context.get("rows", [])}
    assert not codes & {"A", "C"}


def test_district_types_are_built_only_from_figures_that_may_be_shown(client, town):
    response = client.get(
        reverse("monitoring:typology"),
        {
            "stadt": "teststadt",
            "ebene": "stadtteil",
            "indikator": "geburten",
            "periode": "2024",
            "k": 2,
        },
    )
    assert response.status_code == 200
    typed = {row["area"].code for row in response.context["suggested"]}
    assert typed == {"B", "D", "E"}


def test_profile_queries_do_not_grow_with_the_indicators(client, town):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("site:area-detail", args=[town["C"].pk])).status_code == 200
        return len(context.captured_queries)

    before = queries()
    for n in range(5):
        indicator = IndicatorFactory(key=f"fall_{n}", kind=IndicatorKind.COUNT)
        for code, value in BIRTHS.items():
            ObservationFactory(area=town[code], indicator=indicator, period="2024", value=value)
    assert queries() == before
