"""Period lists without repeats, the index's components, the time series relative to the city."""

import re

import pytest
from django.urls import reverse

from praeventionsnetz.monitoring.models import Indicator
from praeventionsnetz.monitoring.selectors import figures as monitoring
from praeventionsnetz.monitoring.services import indices as index_services
from tests.monitoring.factories import ObservationFactory
from tests.monitoring.test_monitoring_views import get, grid, index  # noqa: F401


def _options(page: str, select_id: str) -> list[str]:
    select = re.search(rf'<select name="\w+" id="{select_id}"[^>]*>(.*?)</select>', page, re.S)
    assert select, select_id
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def test_periods_of_lists_each_period_once(grid, city):  # noqa: F811
    births = Indicator.objects.get(key="geburten")
    assert monitoring.periods_of(births, city, "stadtraum") == ["2023", "2024"]


@pytest.mark.parametrize(
    "name", ["monitoring:indicator-map", "monitoring:indicator-compare", "monitoring:clusters"]
)
def test_period_dropdowns_list_distinct_periods(client, grid, name):  # noqa: F811
    page = get(client, name, ebene="stadtraum", indikator="geburten").content.decode()
    assert sorted(_options(page, "id_periode")) == ["2023", "2024"]


def test_index_period_dropdown_lists_distinct_periods(client, index, grid):  # noqa: F811
    index_services.index_compute(index=index, areas=grid, period="2023")
    response = client.get(reverse("monitoring:index-detail", args=[index.pk]))
    assert response.context["periods"] == ["2024", "2023"]
    assert _options(response.content.decode(), "id_periode") == ["2024", "2023"]


def test_index_page_lists_its_components(client, index):  # noqa: F811
    response = client.get(reverse("monitoring:index-detail", args=[index.pk]))
    components = response.context["components"]
    assert [(c["name"], c["component"].weight) for c in components] == [
        ("Anteil Alleinerziehende", 1),
        ("HzE ambulant", 1),
    ]
    page = response.content.decode()
    table = re.search(r"<caption>Bestandteile</caption>.*?</table>", page, re.S).group(0)
    assert table.count("<tr>") == 3  # the heading and one row per component
    assert "Anteil Alleinerziehende <code>ae_anteil</code>" in table
    assert "höher = mehr Belastung" in table


def test_index_component_without_indicator_shows_its_key(client, index):  # noqa: F811
    Indicator.objects.filter(key="hze").delete()
    response = client.get(reverse("monitoring:index-detail", args=[index.pk]))
    assert [c["name"] for c in response.context["components"]] == [
        "Anteil Alleinerziehende",
        "hze",
    ]


@pytest.fixture
def city_figures(grid, city):  # noqa: F811
    """The city's own share of single parents: 4 % in 2023, 5 % in 2024."""
    share = Indicator.objects.get(key="ae_anteil")
    ObservationFactory(area=city, indicator=share, period="2023", value=4.0)
    ObservationFactory(area=city, indicator=share, period="2024", value=5.0)


def _series(client, **params):
    return get(
        client,
        "monitoring:indicator-series",
        ebene="stadtraum",
        indikator="ae_anteil",
        gebiet=["01", "05", "09"],
        **params,
    )


def test_time_series_relative_to_the_city(client, city_figures):
    response = _series(client, relativ="1")
    assert response.context["relative"] is True
    rows = {
        row["period"]: [c.label if c else None for c in row["cells"]]
        for row in response.context["table"]
    }
    # Raum 5 has 5 % and Raum 9 has 9 %: 125 and 225 of the city's 4 % in 2023.
    assert rows["2023"][0] == "100,0"
    assert rows["2023"][2:] == ["125,0", "225,0"]
    assert rows["2024"][2:] == ["100,0", "180,0"]
    # Raum 1 rests on one single parent: hidden, also as a share of the city.
    assert rows["2024"][1] == "•" or "<" in rows["2024"][1]
    page = response.content.decode()
    assert "Stadt = 100" in page
    assert 'name="relativ" value="1" checked' in page


def test_time_series_without_the_option_shows_the_figures(client, city_figures):
    response = _series(client)
    assert response.context["relative"] is False
    rows = {
        row["period"]: [c.label if c else None for c in row["cells"]]
        for row in response.context["table"]
    }
    assert rows["2023"][0] == "4,0"
    assert rows["2023"][3] == "9,0"


def test_time_series_export_relative_to_the_city(client, city_figures):
    response = _series(client, relativ="1", format="csv")
    text = response.content.decode("utf-8-sig")
    assert "(Stadt = 100)" in text
    assert "225" in text


def test_relative_to_keeps_hidden_figures_hidden():
    from praeventionsnetz.monitoring.selectors.figures import Figure

    def figure(period, value, hidden=False):
        return Figure(
            None, period, value, None, None, hidden, False, "<3" if hidden else str(value)
        )

    series = {
        1: [figure("2023", 10.0), figure("2024", 0.0)],
        2: [figure("2023", 5.0), figure("2024", 2.0, hidden=True)],
    }
    shares = monitoring.relative_to(series, 1)
    assert [f.value for f in shares[1]] == [100.0, None]  # no share of a zero
    assert [(f.value, f.label) for f in shares[2]] == [(50.0, "50,0"), (None, "<3")]


def test_area_profile_names_each_source_once_for_print(client, grid, planner):  # noqa: F811
    client.force_login(planner)
    response = client.get(reverse("site:area-detail", args=[grid[4].pk]))
    # Each citation once, sorted, however many rows of the tables name it.
    assert response.context["sources"] == ["Demodaten", "Teststatistik", "Teststatistik (CC0)"]
    page = response.content.decode()
    assert (
        '<p class="profile-sources">Quellen: Demodaten; Teststatistik; Teststatistik (CC0)</p>'
        in page
    )
    # The change history is for the screen only.
    assert 'class="history no-print"' in page
    assert 'class="profile-printed"' in page


HOSTILE = '<script>alert("x")</script>'


def _tbody(page: str, table_id: str) -> str:
    return re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', page, re.S).group(1)


def test_index_table_rows_link_escape_and_blank_hidden_results(client, index, grid):  # noqa: F811
    grid[8].name = f"Raum {HOSTILE}"
    grid[8].save()
    response = client.get(reverse("monitoring:index-detail", args=[index.pk]))
    body = _tbody(response.content.decode(), "index-table")
    results = response.context["results"]
    assert body.count("<tr>") == len(results)
    first = results[0]
    assert f'<td class="num">1</td><td><a href="/gebiete/{first.area.pk}/">' in body
    assert HOSTILE not in body
    assert "Raum &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    hidden = [r for r in results if r.is_suppressed]
    assert hidden  # Raum 1 and 2: their ranks and values are blanked
    for r in hidden:
        assert (
            f'<td class="num">•</td><td><a href="/gebiete/{r.area.pk}/">{r.area.name}</a></td>'
            '<td class="num">•</td><td>•</td>'
        ) in body
    shown = next(r for r in results if not r.is_suppressed)
    assert f"{shown.value:.2f}".replace(".", ",") in body  # German decimals, as before


def test_choropleth_table_rows_escape_names_and_show_classes(client, grid):  # noqa: F811
    grid[0].name = f"Raum {HOSTILE}"
    grid[0].save()
    page = get(client, "monitoring:indicator-map", ebene="stadtraum", indikator="geburten")
    body = _tbody(page.content.decode(), "figure-table")
    rows = page.context["rows"]
    assert body.count("<tr>") == len(rows)
    assert HOSTILE not in body
    assert "Raum &lt;script&gt;" in body
    classed = next(r for r in rows if r["class"] is not None)
    assert f'fill="{classed["colour"]}"/></svg>{classed["class"] + 1}</td>' in body


def test_choropleth_table_marks_summed_and_estimated_figures(client, grid):  # noqa: F811
    from praeventionsnetz.monitoring.models import Observation

    births = Observation.objects.filter(indicator__key="geburten", period="2024")
    births.filter(area=grid[0]).update(is_aggregated=True)
    births.filter(area=grid[1]).update(is_aggregated=True, is_estimated=True)
    page = get(client, "monitoring:indicator-map", ebene="stadtraum", indikator="geburten")
    rows = re.findall(r"<tr>.*?</tr>", _tbody(page.content.decode(), "figure-table"), re.S)
    by_code = {re.search(r'class="code">(\d+)<', row).group(1): row for row in rows}
    assert '<span class="badge" title="Aus den untergeordneten Gebieten summiert' in by_code["01"]
    assert ">Summe</span>" in by_code["01"]
    assert ">geschätzte Summe</span>" in by_code["02"]
    assert "badge" not in by_code["03"]
