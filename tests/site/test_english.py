"""The start page, the area profile, the monitoring pages and the account pages speak one
language: English when chosen, German by default. (The network and offer pages have tests of
their own in tests/network/test_language.py and tests/offers/test_english.py.)"""

import pytest
from django.urls import reverse

from tests.language import english, words_in
from tests.monitoring.test_monitoring_views import grid, index  # noqa: F401 - fixtures

# German words of the user interface (not of the test data's area and indicator names).
GERMAN = [
    "Gebiete",
    "Kennzahlen",
    "Zeitraum",
    "Wert",
    "Rang",
    "Klasse",
    "Quelle",
    "keine Angabe",
    "nicht berechnet",
    "nicht signifikant",
    "umgeben von",
    "Natürliche Brüche",
    "Gleiche Abstände",
    "Mittelwert",
    "Bewertungen",
    "ausgewählt",
    "Begründung",
    "Schwelle",
    "Zum Inhalt",
    "Abmelden",
]


def _pages(grid, index):  # noqa: F811 - fixtures passed on
    area = grid[4]
    return [
        (reverse("site:home"), {}),
        (reverse("site:area-detail", args=[area.pk]), {}),
        (reverse("monitoring:indicator-map"), {"ebene": "stadtraum"}),
        (reverse("monitoring:indicator-list"), {}),
        (reverse("monitoring:indicator-series"), {"ebene": "stadtraum"}),
        (reverse("monitoring:indicator-compare"), {"ebene": "stadtraum"}),
        (reverse("monitoring:index-list"), {}),
        (reverse("monitoring:index-detail", args=[index.pk]), {"sensitivitaet": "1"}),
        (reverse("monitoring:clusters"), {"ebene": "stadtraum", "indikator": "hze"}),
        (reverse("monitoring:typology"), {"ebene": "stadtraum"}),
        (reverse("monitoring:selection-list"), {}),
        (reverse("monitoring:selection-create"), {"ebene": "stadtraum"}),
        (reverse("monitoring:import"), {}),
        (reverse("core:account"), {}),
        (reverse("core:audit-log"), {}),
    ]


@pytest.mark.django_db
def test_main_pages_in_english_show_no_german_words(client, planner, grid, index):  # noqa: F811
    client.force_login(planner)
    english(client)
    found = {}
    for url, params in _pages(grid, index):
        response = client.get(url, params)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.content.decode(), url
        if words := words_in(response, GERMAN):
            found[url] = words
    assert found == {}


@pytest.mark.django_db
def test_the_same_pages_stay_german_by_default(client, planner, grid, index):  # noqa: F811
    client.force_login(planner)
    pages = {url: client.get(url, params) for url, params in _pages(grid, index)}
    assert "Zeitraum" in words_in(pages[reverse("monitoring:indicator-series")], GERMAN)
    clusters = pages[reverse("monitoring:clusters")]
    assert "nicht signifikant" in words_in(clusters, GERMAN) or "umgeben von" in words_in(
        clusters, GERMAN
    )
    assert "Abmelden" in words_in(pages[reverse("site:home")], GERMAN)
