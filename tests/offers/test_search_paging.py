"""The search page shows the ranking 20 offers at a time; only those 20 are loaded."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from praeventionsnetz.offers.selectors import offers_ranked
from praeventionsnetz.offers.selectors import search as search_selectors
from praeventionsnetz.offers.selectors.search import PER_PAGE, offers_page
from praeventionsnetz.offers.services import services_index
from tests.factories import OrganisationFactory
from tests.language import english, visible_text
from tests.offers.test_family_search import offer

KITAS = 45  # three pages: 20, 20 and 5


def _kitas(org, first: int, count: int) -> list:
    return [
        offer(org, f"Kita {n:02d}", phases=("1-3",), lon=13.0 + n / 1000, lat=51.0)
        for n in range(first, first + count)
    ]


@pytest.fixture
def kitas(db):
    org = OrganisationFactory(name="Kitaverbund Nord")
    made = _kitas(org, 1, KITAS)
    services_index(made)
    return made


def _ids(response) -> list[int]:
    return [hit.service.pk for hit in response.context["hits"]]


def _search(client, **params):
    return client.get(reverse("offers:search"), {"q": "Kita", "alter": "2", **params})


def test_page_two_shows_results_21_to_40(client, kitas):
    ranking = [row.service_id for row in offers_ranked(q="Kita", age=2)]
    assert len(ranking) == KITAS
    first = _search(client)
    second = _search(client, seite="2")
    third = _search(client, seite="3")
    assert _ids(first) == ranking[:20]
    assert _ids(second) == ranking[20:40]
    assert _ids(third) == ranking[40:]
    results = second.context["results"]
    assert (results.number, results.pages, results.found, results.more) == (2, 3, KITAS, False)
    assert (results.first, results.last) == (21, 40)
    html = second.content.decode()
    assert '<ol class="results" id="results" start="21">' in html
    # The map shows the places of the shown offers only.
    assert {f["id"] for f in second.context["map_data"]["features"]} == set(ranking[20:40])


def test_pager_links_keep_every_other_parameter(client, kitas):
    response = _search(client, seite="2", kostenlos="1", umkreis="10", nahe="51.0,13.02")
    html = response.content.decode()
    nav = re.search(r'<nav class="pager[^"]*" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert nav is not None
    assert nav.group(1)  # named for screen readers
    links = {
        rel: parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        for href, rel in re.findall(r'href="([^"]+)" rel="(prev|next)"', nav.group(2))
    }
    kept = {"q": ["Kita"], "alter": ["2"], "kostenlos": ["1"], "umkreis": ["10"]}
    kept["nahe"] = ["51.0,13.02"]
    assert links["prev"] == kept  # page 1 is the page without "seite"
    assert links["next"] == {**kept, "seite": ["3"]}


def test_the_pager_names_the_page_in_english(client, kitas):
    english(client)
    text = visible_text(_search(client, seite="2"))
    assert "45 offers found · results 21–40" in text
    assert "Previous results Page 2 of 3 More results" in text
    last = _search(client, seite="3")
    assert "More results" not in visible_text(last)
    assert 'aria-label="Pages of the results"' in last.content.decode()


def test_one_page_has_no_pager(client, kitas):
    response = client.get(reverse("offers:search"), {"q": "Kita 07"})
    assert response.context["results"].pages == 1
    assert 'class="pager' not in response.content.decode()


@pytest.mark.parametrize("seite", ["", "0", "-1", "abc", "2.5", "4", "99999999999", "²", " "])
def test_a_page_that_does_not_exist_gives_the_first(client, kitas, seite):
    response = _search(client, seite=seite)
    assert response.status_code == 200
    assert response.context["results"].number == 1
    assert _ids(response) == _ids(_search(client))


def test_more_than_the_ranked_offers_are_counted_as_more(client, kitas, monkeypatch):
    monkeypatch.setattr(search_selectors, "MAX_RESULTS", 30)
    english(client)
    response = _search(client, seite="2")
    results = response.context["results"]
    assert (results.found, results.more, results.pages, len(results.hits)) == (30, True, 2, 10)
    assert "More than 30 offers found; the 30 that fit best are listed" in visible_text(response)


def test_exactly_the_ranked_offers_are_not_more(kitas, monkeypatch):
    monkeypatch.setattr(search_selectors, "MAX_RESULTS", KITAS)
    page = offers_page(q="Kita", page=3)
    assert (page.found, page.more, page.pages, len(page.hits)) == (KITAS, False, 3, 5)


def test_the_page_order_is_the_ranking_order(kitas):
    ranking = offers_ranked(q="Kita", near=(13.0, 51.0))
    pages = [offers_page(q="Kita", near=(13.0, 51.0), page=n) for n in (1, 2, 3)]
    shown = [(h.service.pk, h.score, h.distance_km) for p in pages for h in p.hits]
    assert shown == [(r.service_id, r.score, r.distance_km) for r in ranking]
    # Nearest first: Kita 01 lies closest to the point.
    assert [h.service.name for h in pages[0].hits[:3]] == ["Kita 01", "Kita 02", "Kita 03"]


def _page_queries(client, **params) -> int:
    _search(client, **params)  # the vocabulary and the city's names are read once
    with CaptureQueriesContext(connection) as ctx:
        assert _search(client, **params).status_code == 200
    return len(ctx.captured_queries)


def test_the_search_page_reads_the_database_a_fixed_number_of_times(client, kitas):
    """Whatever the page and however many offers are found: the ranking is one query and
    only the shown page's offers are loaded (offer with organisation, locations, hours)."""
    counts = {"page 1": _page_queries(client), "page 3": _page_queries(client, seite="3")}
    services_index(_kitas(OrganisationFactory(name="Kitaverbund Süd"), 100, 3 * PER_PAGE))
    counts["page 5 of twice the offers"] = _page_queries(client, seite="5")
    assert len(set(counts.values())) == 1, counts
    assert counts["page 1"] <= 12, counts
