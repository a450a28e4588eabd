"""The monitoring analytics in the reader's language: German by default, English on request.

The pure modules hand over English messages; pages translate them when they show them, and
a model-area selection stores its explanations as messages, so a stored run reads in the
language of whoever opens it. Runs stored before that hold German text, shown as it is.
"""

import re

from django.urls import reverse
from django.utils import translation

from praeventionsnetz.monitoring.models import AreaType, Indicator, SelectionRun
from tests.monitoring.test_monitoring_views import grid  # noqa: F401 - fixture

SELECTION = {
    "stadt": "teststadt",
    "ebene": "stadtraum",
    "periode": "2024",
    "name": "Test 2024",
    "kriterium_0": "ae_anteil",
    "gewicht_0": "2",
    "richtung_0": "1",
    "schwellenart_0": "min",
    "schwelle_0": "3",
    "kriterium_1": "hze",
    "gewicht_1": "1",
    "richtung_1": "1",
    "schwellenart_1": "min",
    "schwelle_1": "",
    "ausschliessen": ["09"],
    "anzahl": "2",
}


def english(client):
    client.post(reverse("set-language"), {"language": "en", "next": "/"})


def test_a_stored_selection_reads_in_the_language_of_its_reader(client, planner, grid):  # noqa: F811
    client.force_login(planner)
    response = client.post(reverse("monitoring:selection-create"), SELECTION)
    run = SelectionRun.objects.get(name="Test 2024")
    stored = {r["code"]: r for r in run.result["ranking"]}
    assert stored["09"]["reason"] == {"msgid": "excluded", "params": {}}
    assert stored["09"]["explanation"][0]["msgid"] == (
        "Rank %(rank)s, score %(score)s: not selected – %(reason)s"
    )
    german_page = client.get(response["Location"]).content.decode()
    english(client)
    english_page = client.get(response["Location"]).content.decode()
    assert "nicht ausgewählt – ausgeschlossen" in german_page
    assert "Schwelle nicht erreicht" in german_page
    assert "not selected – excluded" in english_page
    # Raum 1 has one single parent: a small number, which the page names but never gives.
    assert (
        "Threshold not reached: Anteil Alleinerziehende (figure not shown) &lt; threshold 3 %"
        in english_page
    )
    assert "Anteil Alleinerziehende 1,0 %" not in english_page
    assert "Schwelle" not in english_page


def test_a_selection_stored_as_german_text_is_shown_as_it_is(client, planner, selection_object):
    client.force_login(planner)
    english(client)
    url = reverse("monitoring:selection-detail", args=[selection_object.pk])
    page = client.get(url).content.decode()
    assert "Platz 2" in page
    export = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "Platz 1" in export


def test_cluster_summary_and_labels_follow_the_language(client, grid):  # noqa: F811
    url = reverse("monitoring:clusters")
    query = {"stadt": "teststadt", "ebene": "stadtraum", "indikator": "ae_anteil"}
    german_page = client.get(url, query).content.decode()
    english(client)
    english_page = client.get(url, query).content.decode()
    assert "Räumliche Häufung: ähnliche Werte liegen nebeneinander" in german_page
    assert "nicht signifikant" in german_page
    assert "Spatial clustering: similar values lie next to each other" in english_page
    assert "not significant" in english_page


def test_typology_profiles_and_problems_follow_the_language(client, grid):  # noqa: F811
    url = reverse("monitoring:typology")
    query = {"stadt": "teststadt", "ebene": "stadtraum", "periode": "2024"}
    suggest = {**query, "indikator": ["ae_anteil", "hze"], "k": 2}
    too_many = {**query, "indikator": ["ae_anteil"], "k": 20}
    german_pages = [client.get(url, q).content.decode() for q in (suggest, too_many)]
    english(client)
    english_pages = [client.get(url, q).content.decode() for q in (suggest, too_many)]
    # The type sizes depend on which areas may be shown; the wording is what is checked.
    assert re.search(r"Typ A, \d+ Gebiete: ", german_pages[0])
    assert re.search(r"Type A, \d+ areas: ", english_pages[0])
    assert "Die Zahl der Typen muss mindestens 2" in german_pages[1]
    assert "The number of types must be at least 2" in english_pages[1]


def test_map_legend_and_schemes_follow_the_language(client, grid):  # noqa: F811
    url = reverse("monitoring:indicator-map")
    query = {"stadt": "teststadt", "ebene": "stadtraum", "indikator": "hze"}
    german_page = client.get(url, query).content.decode()
    english(client)
    english_page = client.get(url, query).content.decode()
    assert re.search(r"\d bis \d", german_page)
    assert "Natürliche Brüche (Jenks)" in german_page
    assert re.search(r"\d to \d", english_page)
    assert "Natural breaks (Jenks)" in english_page


def test_district_types_and_indicators_name_themselves_in_the_reader_language(city):
    area_type = AreaType(city=city, code="D", name="Buntes Viertel")
    indicator = Indicator(key="geburten", name_de="Geburten", name_en="Births")
    with translation.override("de"):
        assert (str(area_type), str(indicator)) == ("D „Buntes Viertel“", "Geburten")
    with translation.override("en"):
        assert (str(area_type), str(indicator)) == ("D “Buntes Viertel”", "Births")


def test_a_run_never_states_a_hidden_figure_nor_a_score_built_on_one(client, planner, grid):  # noqa: F811
    """Raum 1 and 2 have 1 and 2 single parents: hidden on every page, so also here."""
    client.force_login(planner)
    response = client.post(reverse("monitoring:selection-create"), SELECTION)
    run = SelectionRun.objects.get(name="Test 2024")
    by_code = {r["code"]: r for r in run.result["ranking"]}
    assert by_code["01"]["score_hidden"]
    assert by_code["02"]["score_hidden"]
    assert not by_code["08"]["score_hidden"]
    page = client.get(response["Location"]).content.decode()
    items = re.findall(r"<li class=\"[^\"]*\"><strong>(.*?)</strong>(.*?)</ul></li>", page, re.S)
    lines = dict(items)
    assert not re.search(r"Punktzahl [+−-]?\d", lines["Raum 1"])
    assert "Anteil Alleinerziehende (Zahl nicht gezeigt)" in lines["Raum 1"]
    assert not re.search(r"Anteil Alleinerziehende \d", lines["Raum 1"])
    assert re.search(r"Punktzahl [+−-]?\d", lines["Raum 8"])
    export = client.get(response["Location"], {"format": "csv"}).content.decode("utf-8-sig")
    row = next(line for line in export.splitlines() if ";01;" in line or ",01," in line)
    assert "•" in row
    assert "Anteil Alleinerziehende 1" not in export
