"""Monitoring pages through the test client, on small hand-made figures."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from praeventionsnetz.areas.models import Level
from praeventionsnetz.core.models import Job, Upload
from praeventionsnetz.monitoring.models import (
    AreaTypeAssignment,
    Dimension,
    ImportBatch,
    Indicator,
    IndicatorKind,
    Observation,
    SelectionRun,
)
from praeventionsnetz.monitoring.services import indices as index_services
from tests.factories import AreaFactory, square
from tests.monitoring.factories import (
    AreaTypeAssignmentFactory,
    AreaTypeFactory,
    IndicatorFactory,
    ObservationFactory,
)


@pytest.fixture
def grid(city):
    """Nine Stadträume on a 3 × 3 grid, with births (counts) and a share (rate)."""
    areas = []
    for row in range(3):
        for col in range(3):
            n = row * 3 + col + 1
            areas.append(
                AreaFactory(
                    city=city,
                    parent=city,
                    level=Level.STADTRAUM,
                    code=f"{n:02d}",
                    name=f"Raum {n}",
                    geometry=square(13 + col * 0.01, 51 + row * 0.01, 0.01),
                )
            )
    births = IndicatorFactory(
        key="geburten",
        name_de="Geburten",
        kind=IndicatorKind.COUNT,
        unit="Kinder",
        dimension=Dimension.SOCIAL_STRUCTURE,
        source="Teststatistik",
        licence="CC0",
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
    cases = IndicatorFactory(
        key="hze",
        name_de="HzE ambulant",
        kind=IndicatorKind.COUNT,
        unit="Fälle",
        dimension=Dimension.NEED_SERVICE,
        is_demo=True,
        source="Demodaten",
    )
    for i, area in enumerate(areas):
        for year in ("2023", "2024"):
            # Raum 1 has 2 births in 2024: a small number that must never be shown.
            value = 2 if (i == 0 and year == "2024") else 10 + i * 5 + (year == "2024")
            ObservationFactory(area=area, indicator=births, period=year, value=value)
            ObservationFactory(
                area=area,
                indicator=share,
                period=year,
                value=(i + 1) / 100 * 100,
                numerator=i + 1,
                denominator=100,
            )
            ObservationFactory(area=area, indicator=cases, period=year, value=20 + i)
    return areas


def get(client, name, **params):
    return client.get(reverse(name), params)


def test_map_shows_values_classes_and_suppresses_small_counts(client, grid):
    response = get(
        client, "monitoring:indicator-map", ebene="stadtraum", indikator="geburten", periode="2024"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "&lt;3" in page
    rows = {r["figure"].area.code: r for r in response.context["rows"]}
    assert rows["01"]["figure"].value is None
    assert rows["01"]["class"] is None
    assert rows["09"]["figure"].value == 51
    assert sum(item["count"] for item in response.context["legend"]) == 8
    fills = {
        f["properties"]["code"]: f["properties"]["fill"]
        for f in response.context["map_data"]["features"]
    }
    assert fills["01"] == "#d9d9d9"


def test_map_export_to_excel_keeps_suppression(client, grid):
    response = get(
        client,
        "monitoring:indicator-map",
        ebene="stadtraum",
        indikator="geburten",
        periode="2024",
        format="xlsx",
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = {row[0]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert values["01"] == "<3"
    assert values["09"] == 51


def test_csv_export_is_german_excel_friendly(client, grid):
    response = get(
        client,
        "monitoring:indicator-compare",
        ebene="stadtraum",
        periode="2024",
        indikator=["geburten", "ae_anteil"],
        format="csv",
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffSchlüssel;Gebiet;Anteil Alleinerziehende (%);Geburten (Kinder)")
    # Raum 1: the share rests on 1 case and the count is 2; both are suppressed.
    assert "01;Raum 1;<3;<3" in text
    assert "09;Raum 9;9;51" in text
    assert "Quelle: Teststatistik; Teststatistik (CC0)" in text


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "std_mean", "equal_interval"])
def test_every_classification_draws_a_legend(client, grid, scheme):
    response = get(
        client,
        "monitoring:indicator-map",
        ebene="stadtraum",
        indikator="hze",
        periode="2024",
        klassen=scheme,
        anzahl=4,
    )
    assert response.context["legend"]
    assert "Demodaten" in response.content.decode()


def test_map_query_count_does_not_grow_with_areas(client, grid, django_assert_max_num_queries):
    # One of them only while the map's geometries are not yet in the cache.
    with django_assert_max_num_queries(13):
        get(client, "monitoring:indicator-map", ebene="stadtraum", indikator="geburten")


def test_time_series_has_chart_and_table(client, grid):
    response = get(
        client,
        "monitoring:indicator-series",
        ebene="stadtraum",
        indikator="geburten",
        gebiet=["01", "02"],
    )
    page = response.content.decode()
    assert "<svg" in page
    assert [a.code for a in response.context["chosen"]] == ["01", "02"]
    periods = [row["period"] for row in response.context["table"]]
    assert periods == ["2023", "2024"]
    assert "&lt;3" in page


def test_compare_table_lists_all_areas(client, grid):
    response = get(client, "monitoring:indicator-compare", ebene="stadtraum", periode="2024")
    assert len(response.context["rows"]) == 9


def test_indicator_catalogue_shows_source_and_demo_marks(client, grid):
    page = get(client, "monitoring:indicator-list").content.decode()
    assert "Teststatistik" in page
    assert "Demodaten" in page


def test_clusters_report_morans_i(client, grid):
    response = get(
        client, "monitoring:clusters", ebene="stadtraum", indikator="ae_anteil", periode="2024"
    )
    assert "Moran" in response.content.decode()
    assert response.context["global_result"].i > 0  # values rise across the grid


def test_typology_suggestion_shows_silhouette(client, grid):
    response = get(
        client,
        "monitoring:typology",
        ebene="stadtraum",
        periode="2024",
        k=2,
        indikator=["ae_anteil", "hze"],
    )
    assert "Silhouette" in response.content.decode()
    # Raum 1 and 2 rest on 1 and 2 single parents: they are left out, not typed.
    assert len(response.context["suggested"]) == 7


def test_typology_lists_expert_ratings(client, grid, city):
    area_type = AreaTypeFactory(city=city, code="D", name="Buntes Viertel")
    AreaTypeAssignmentFactory(area=grid[3], area_type=area_type, ratings_n=8, ratings_mean=6.0)
    page = get(client, "monitoring:typology", ebene="stadtraum").content.decode()
    assert "8 Bewertungen, Mittelwert 6,0" in page


@pytest.fixture
def index(grid):
    index = index_services.composite_index_save(
        raw={
            "key": "test_belastung",
            "label": "Testbelastung",
            "indices": [
                {
                    "key": "belastung",
                    "label": "Belastung",
                    "components": [
                        {"key": "ae_anteil", "weight": 1, "direction": 1},
                        {"key": "hze", "weight": 1, "direction": 1},
                    ],
                    "classes": [{"name": "niedrig", "at_most": 0}, {"name": "hoch"}],
                }
            ],
        }
    )
    index_services.index_compute(index=index, areas=grid, period="2024")
    return index


def test_index_page_shows_ranks_and_sensitivity(client, index):
    response = client.get(
        reverse("monitoring:index-detail", args=[index.pk]), {"sensitivitaet": "1"}
    )
    results = response.context["results"]
    assert [r.area.code for r in results][:1] == ["09"]
    # Raum 1 and 2 have 1 and 2 single parents: their results would give those back.
    assert [r.area.code for r in results if r.is_suppressed] == ["01", "02"]
    assert len(response.context["sensitivity"]) == 7
    assert "Testbelastung" in response.content.decode()


def test_import_preview_shows_errors_and_writes_nothing(client, planner, grid):
    client.force_login(planner)
    content = "gebiet;indikator;periode;wert\n01;geburten;2025;12\n99;geburten;2025;3\n"
    response = client.post(
        reverse("monitoring:import"),
        {
            "datei": SimpleUploadedFile("neu.csv", content.encode()),
            "stadt": "teststadt",
            "ebene": "stadtraum",
            "format": "long",
            "dezimal": ",",
            "spalte_gebiet": "gebiet",
            "spalte_periode": "periode",
            "spalte_indikator": "indikator",
            "spalte_wert": "wert",
        },
    )
    page = response.content.decode()
    assert "Unbekanntes Gebiet „99“" in page
    assert 'id="confirm-import"' not in page
    assert not Observation.objects.filter(period="2025").exists()


def test_import_preview_then_confirm_writes(client, planner, grid):
    client.force_login(planner)
    form = {
        "stadt": "teststadt",
        "ebene": "stadtraum",
        "format": "long",
        "dezimal": ",",
        "spalte_gebiet": "gebiet",
        "spalte_periode": "periode",
        "spalte_indikator": "indikator",
        "spalte_wert": "wert",
    }
    content = "gebiet;indikator;periode;wert\n01;geburten;2025;1.012\n"
    preview = client.post(
        reverse("monitoring:import"),
        {**form, "datei": SimpleUploadedFile("neu.csv", content.encode())},
    )
    assert 'id="confirm-import"' in preview.content.decode()
    stored = preview.context["stored_name"]
    response = client.post(
        reverse("monitoring:import-confirm"),
        {**form, "gespeichert": stored, "dateiname": "neu.csv"},
    )
    assert response.status_code == 302
    assert Observation.objects.get(period="2025", area__code="01").value == 1012
    # The import ran as a task; its page tells the outcome and leads to the indicators.
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert (job.state, job.owner, job.done, job.total) == (Job.State.DONE, planner, 1, 1)
    page = client.get(response["Location"]).content.decode()
    assert 'data-state="done"' in page
    assert "„neu.csv“" in page
    assert f'href="{reverse("monitoring:indicator-list")}"' in page


def test_an_import_refused_at_the_confirmation_fails_its_task_and_keeps_the_preview(
    client, planner, grid
):
    client.force_login(planner)
    form = {"stadt": "teststadt", "ebene": "stadtraum", "format": "long", "dezimal": ","}
    form.update(spalte_gebiet="gebiet", spalte_periode="periode")
    content = "gebiet;indikator;periode;wert\n01;geburten;2025;7\n"
    preview = client.post(
        reverse("monitoring:import"),
        {**form, "datei": SimpleUploadedFile("neu.csv", content.encode())},
    )
    stored = preview.context["stored_name"]
    # The areas changed between the preview and the confirmation: the row no longer fits.
    Upload.objects.filter(token=stored).update(
        content=b"gebiet;indikator;periode;wert\n99;geburten;2025;7\n"
    )
    response = client.post(reverse("monitoring:import-confirm"), {**form, "gespeichert": stored})
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert job.state == Job.State.FAILED
    assert job.error.startswith("Import abgelehnt: 1 fehlerhafte Zeile")
    assert "Zeile 2" in job.error
    assert job.result_url == reverse("monitoring:import")
    page = client.get(response["Location"]).content.decode()
    assert "Import abgelehnt" in page
    assert 'data-state="failed"' in page
    assert not Observation.objects.filter(period="2025").exists()
    # Nothing was claimed: the same preview can be confirmed again.
    assert Upload.objects.get(token=stored).consumed_at is None


def test_import_is_refused_to_other_roles(client, coordinator):
    client.force_login(coordinator)
    assert client.post(reverse("monitoring:import"), {}).status_code == 403


def test_selection_is_ranked_saved_explained_and_reproducible(client, planner, grid):
    client.force_login(planner)
    response = client.post(
        reverse("monitoring:selection-create"),
        {
            "stadt": "teststadt",
            "ebene": "stadtraum",
            "periode": "2024",
            "name": "Test 2024",
            "kriterium_0": "ae_anteil",
            "dimension_0": "social_structure",
            "gewicht_0": "2",
            "richtung_0": "1",
            "schwellenart_0": "min",
            "schwelle_0": "3",
            "kriterium_1": "hze",
            "dimension_1": "need_service",
            "gewicht_1": "1",
            "richtung_1": "1",
            "schwellenart_1": "min",
            "schwelle_1": "",
            "ausschliessen": ["09"],
            "anzahl": "2",
        },
    )
    assert response.status_code == 302
    run = SelectionRun.objects.get(name="Test 2024")
    selected = [r["code"] for r in run.result["ranking"] if r["selected"]]
    assert selected == ["08", "07"]
    detail = client.get(response["Location"])
    page = detail.content.decode()
    assert detail.context["reproduced"]
    assert "ausgeschlossen" in page
    assert "Schwelle nicht erreicht" in page
    assert "Bedarfe und Leistungen" in page  # the dimension's name, not its key
    assert "need_service" not in page


def test_selection_form_reports_errors_and_keeps_input(client, planner, grid):
    client.force_login(planner)
    response = client.post(
        reverse("monitoring:selection-create"),
        {
            "stadt": "teststadt",
            "ebene": "stadtraum",
            "periode": "2024",
            "name": "Mein Lauf",
            "anzahl": "50",
            "kriterium_0": "hze",
            "gewicht_0": "viel",
            "schwelle_0": "7,5",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Die Anzahl muss zwischen 1 und 9 liegen" in page
    assert 'value="Mein Lauf"' in page
    assert '<option value="hze" selected>' in page
    assert 'value="viel"' in page
    assert 'value="7,5"' in page
    assert "Kriterium 1: Das Gewicht muss eine Zahl ≥ 0 sein" in page
    assert "could not convert" not in page


def test_selection_form_explains_a_threshold_that_is_no_number(client, planner, grid):
    client.force_login(planner)
    response = client.post(
        reverse("monitoring:selection-create"),
        {
            "stadt": "teststadt",
            "ebene": "stadtraum",
            "periode": "2024",
            "anzahl": "2",
            "kriterium_2": "hze",
            "schwelle_2": "abc",
            "richtung_2": "x",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kriterium 3: Die Schwelle muss eine Zahl sein" in page
    assert not SelectionRun.objects.exists()


def test_selection_without_criteria_is_refused(client, planner, grid):
    client.force_login(planner)
    response = client.post(
        reverse("monitoring:selection-create"),
        {"stadt": "teststadt", "ebene": "stadtraum", "periode": "2024", "anzahl": "2"},
    )
    assert "mindestens ein Kriterium" in response.content.decode()
    assert not SelectionRun.objects.exists()


def test_area_profile_shows_figures_by_dimension(client, grid, index):
    page = client.get(reverse("site:area-detail", args=[grid[4].pk])).content.decode()
    assert "Geburten" in page
    assert "HzE ambulant" in page
    assert "Testbelastung" in page
    assert "<svg" in page


def test_api_observations_are_suppressed_like_the_pages(client, grid):
    data = client.get("/api/observations", {"indicator": "geburten", "period": "2024"}).json()
    small = next(i for i in data["items"] if i["area_code"] == "01")
    assert (small["value"], small["suppressed"], small["label"]) == (None, True, "<3")
    assert data["total"] == 9


def test_api_index_results(client, index):
    data = client.get("/api/indices/test_belastung/results").json()
    assert data["total"] == 9
    assert data["items"][0]["rank"] == 1
    assert client.get("/api/indices/gibtsnicht/results").status_code == 404


def test_planner_creates_an_indicator_and_it_is_audited(client, planner, db):
    client.force_login(planner)
    response = client.post(
        reverse("monitoring:indicator-create"),
        {
            "key": "kitaplaetze",
            "name_de": "Kitaplätze",
            "name_en": "",
            "description": "",
            "unit": "Plätze",
            "dimension": "infrastructure",
            "direction": "-1",
            "kind": "count",
            "scale": "100",
            "min_cell": "3",
            "source": "Jugendamt",
            "licence": "",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(key="kitaplaetze")
    assert indicator.history.first().history_user == planner


def test_indicator_form_keeps_input_on_error(client, planner, db):
    client.force_login(planner)
    response = client.post(
        reverse("monitoring:indicator-create"),
        {
            "key": "kaputt schlüssel",
            "name_de": "Mein Name",
            "dimension": "infrastructure",
            "direction": "0",
            "kind": "count",
            "scale": "100",
            "min_cell": "3",
        },
    )
    assert response.status_code == 400
    assert 'value="Mein Name"' in response.content.decode()


def test_planner_assigns_a_type_with_ratings(client, planner, grid):
    client.force_login(planner)
    response = client.post(
        reverse("monitoring:type-assign"),
        {
            "stadt": "teststadt",
            "ebene": "stadtraum",
            "gebiet": "04",
            "typ_code": "D",
            "typ_name": "Buntes Viertel",
            "bewertungen": "8",
            "mittelwert": "6,0",
            "beschreibung": "Sozial durchmischt",
        },
    )
    assert response.status_code == 302
    assignment = AreaTypeAssignment.objects.get(area=grid[3])
    assert (assignment.area_type.code, assignment.ratings_n, assignment.ratings_mean) == (
        "D",
        8,
        6.0,
    )


def test_type_assignment_errors_are_shown(client, planner, grid):
    client.force_login(planner)
    response = client.post(
        reverse("monitoring:type-assign"),
        {
            "stadt": "teststadt",
            "ebene": "stadtraum",
            "gebiet": "04",
            "typ_code": "Z",
            "typ_name": "",
            "bewertungen": "0",
            "mittelwert": "5",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "neuen Typ braucht es einen Namen" in page or "Bewertung" in page
    assert not AreaTypeAssignment.objects.exists()


def test_profile_and_clusters_export_their_tables(client, grid):
    profile = client.get(reverse("site:area-detail", args=[grid[0].pk]), {"format": "csv"})
    text = profile.content.decode()
    assert "Geburten;2024;<3;Kinder" in text
    assert "HzE ambulant;2024;20;Fälle;Demodaten;ja" in text
    clusters = get(
        client,
        "monitoring:clusters",
        ebene="stadtraum",
        indikator="ae_anteil",
        periode="2024",
        format="xlsx",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(clusters.content)).active
    assert sheet.cell(1, 4).value == "Cluster"
    assert sheet.max_row >= 9


@pytest.mark.parametrize(
    ("params", "period", "scheme", "k"),
    [
        ({"periode": "1850"}, "2024", "quantiles", 5),
        ({"periode": "2023", "klassen": "gibtsnicht"}, "2023", "quantiles", 5),
        ({"klassen": "equal_interval", "anzahl": "drei"}, "2024", "equal_interval", 5),
        ({"anzahl": "3.0"}, "2024", "quantiles", 5),
        ({"anzahl": ""}, "2024", "quantiles", 5),
        ({"anzahl": "1"}, "2024", "quantiles", 2),
        ({"anzahl": " 4 "}, "2024", "quantiles", 4),
        ({"anzahl": "99"}, "2024", "quantiles", 7),
        ({"format": "pdf"}, "2024", "quantiles", 5),
    ],
)
def test_map_falls_back_on_unknown_filters(client, grid, params, period, scheme, k):
    response = get(client, "monitoring:indicator-map", ebene="stadtraum", **params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    context = response.context
    assert (context["period"], context["scheme"], context["k"]) == (period, scheme, k)


def test_an_unknown_indicator_is_404_and_an_empty_one_the_first(client, grid):
    for name in ("monitoring:indicator-map", "monitoring:clusters", "monitoring:indicator-series"):
        assert get(client, name, ebene="stadtraum", indikator="gibtsnicht").status_code == 404
        response = get(client, name, ebene="stadtraum", indikator="")
        assert response.status_code == 200
        assert response.context["indicator"] == response.context["indicators"][0]


def test_clusters_series_and_compare_fall_back_on_unknown_filters(client, grid):
    clusters = get(client, "monitoring:clusters", ebene="stadtraum", periode="1850", format="pdf")
    assert clusters.status_code == 200
    assert clusters.context["period"] == "2024"
    series = get(client, "monitoring:indicator-series", ebene="stadtraum", format="pdf")
    assert series.status_code == 200
    assert series["Content-Type"].startswith("text/html")
    compare = get(
        client, "monitoring:indicator-compare", ebene="stadtraum", periode="1850", format="pdf"
    )
    assert compare.status_code == 200
    assert compare.context["period"] == "2024"


@pytest.mark.parametrize(
    ("params", "sensitivity"),
    [
        ({"teil": "gibtsnicht", "periode": "1850", "format": "pdf"}, False),
        ({"sensitivitaet": "0"}, True),
        ({"sensitivitaet": ""}, False),
    ],
)
def test_index_page_falls_back_on_unknown_filters(client, index, params, sensitivity):
    response = client.get(reverse("monitoring:index-detail", args=[index.pk]), params)
    assert response.status_code == 200
    assert response.context["part"].key == "belastung"
    assert response.context["period"] == "2024"
    assert (response.context["sensitivity"] is not None) == sensitivity


def test_area_profile_ignores_an_unknown_format(client, grid):
    response = client.get(reverse("site:area-detail", args=[grid[0].pk]), {"format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("params", "k", "method"),
    [
        ({"k": "zwei", "methode": "gibtsnicht"}, 3, "kmeans"),
        ({"k": "2.0", "methode": "Ward"}, 3, "kmeans"),
        ({"k": "2", "methode": "ward"}, 2, "ward"),
    ],
)
def test_typology_falls_back_on_unknown_filters(client, grid, params, k, method):
    response = get(
        client,
        "monitoring:typology",
        ebene="stadtraum",
        periode="2024",
        indikator=["ae_anteil", "hze"],
        **params,
    )
    assert response.status_code == 200
    assert (response.context["k"], response.context["method"]) == (k, method)


def test_typology_without_period_suggests_nothing(client, grid):
    response = get(client, "monitoring:typology", ebene="stadtraum", indikator="hze")
    assert response.status_code == 200
    assert response.context["period"] == ""
    assert "suggestion" not in response.context


def test_import_confirm_with_an_unknown_stored_file_asks_for_the_upload_again(
    client, planner, grid
):
    client.force_login(planner)
    form = {"stadt": "teststadt", "ebene": "stadtraum", "format": "long", "dezimal": ","}
    form.update(spalte_gebiet="gebiet", spalte_periode="periode")
    for stored in ("gibtsnicht.csv", "", "../settings.py"):
        response = client.post(
            reverse("monitoring:import-confirm"), {**form, "gespeichert": stored}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("monitoring:import")


def test_import_confirm_takes_the_file_name_of_the_preview(client, planner, grid):
    client.force_login(planner)
    form = {"stadt": "teststadt", "ebene": "stadtraum", "format": "long", "dezimal": ","}
    form.update(spalte_gebiet="gebiet", spalte_periode="periode")
    content = "gebiet;indikator;periode;wert\n01;geburten;2025;7\n"
    preview = client.post(
        reverse("monitoring:import"),
        {**form, "datei": SimpleUploadedFile("neu.csv", content.encode())},
    )
    stored = preview.context["stored_name"]
    response = client.post(reverse("monitoring:import-confirm"), {**form, "gespeichert": stored})
    assert response.status_code == 302
    assert ImportBatch.objects.get().file_name == "neu.csv"
