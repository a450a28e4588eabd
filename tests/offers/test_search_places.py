"""The family search's city, places, postcodes, geocoder and languages."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from praeventionsnetz.areas.models import Level
from praeventionsnetz.offers.languages import language_choices, language_of_word
from praeventionsnetz.offers.models import Status
from praeventionsnetz.offers.placenames import fold, nearest
from praeventionsnetz.offers.services import services_index
from tests.factories import AreaFactory, CityFactory, OrganisationFactory, square
from tests.offers.factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory

URL = "/angebote/"
HOSTILE = '<script>alert("x")</script><svg onload=alert(1)>'


def test_place_names_fold_spellings():
    assert fold("Löbtau") == fold("Loebtau") == fold("LÖBTAU")
    assert fold("Kesselsdorfer Str. 12") == "kesselsdorfer strasse 12"
    assert fold("Oskarstr.") == fold("Oskarstraße")
    assert nearest("Pischen", ["Pieschen", "Prohlis", "Plauen"])[0] == "Pieschen"
    assert nearest("xyz", ["Pieschen"]) == []


def test_language_words_in_any_form():
    assert language_of_word("türkisch") == "tr"
    assert language_of_word("Arabische") == "ar"
    assert language_of_word("ukrainischsprachige") == "uk"
    assert language_of_word("Englisch") == "en"
    assert language_of_word("Kita") is None
    assert language_of_word("de") is None
    assert [name for _c, name in language_choices(["uk", "ar", "de"])] == [
        "Arabisch",
        "Deutsch",
        "Ukrainisch",
    ]


@pytest.fixture
def dresden(db):
    return CityFactory(code="dresden", name="Dresden", geometry=square(13.6, 50.95, 0.3))


@pytest.fixture
def berlin(db):
    return CityFactory(code="berlin", name="Berlin", geometry=square(13.2, 52.4, 0.3))


def _offer(org, name, *, lon, lat, street="", languages=("de",), areas=()):
    service = ServiceFactory(
        organisation=org,
        name=name,
        status=Status.PUBLISHED,
        languages=list(languages),
        description="",
    )
    location = LocationFactory(organisation=org, name=name, street=street, lon=lon, lat=lat)
    ServiceAtLocationFactory(service=service, location=location)
    org.located_in.add(*areas)
    return service


@pytest.fixture
def offers(dresden, berlin):
    pieschen = AreaFactory(
        city=dresden,
        parent=dresden,
        level=Level.STADTBEZIRK,
        code="07",
        name="Pieschen",
        geometry=square(13.70, 51.07, 0.04),
    )
    pieschen_sued = AreaFactory(
        city=dresden,
        parent=pieschen,
        code="71",
        name="Pieschen-Süd",
        geometry=square(13.70, 51.07, 0.02),
    )
    AreaFactory(
        city=dresden, parent=dresden, code="90", name="Prohlis", geometry=square(13.78, 50.99)
    )
    kreuzberg = AreaFactory(
        city=berlin,
        parent=berlin,
        level=Level.BEZIRK,
        code="02",
        name="Friedrichshain-Kreuzberg",
        geometry=square(13.40, 52.49, 0.05),
    )
    in_pieschen = OrganisationFactory(name="Träger Pieschen", city=dresden)
    in_prohlis = OrganisationFactory(name="Träger Prohlis", city=dresden)
    in_berlin = OrganisationFactory(name="Träger Kreuzberg", city=berlin)
    made = {
        "near": _offer(
            in_pieschen,
            "Krabbelgruppe Pieschen",
            lon=13.721,
            lat=51.079,
            street="Oschatzer Straße 12",
            areas=[pieschen, pieschen_sued],
        ),
        "far": _offer(
            in_prohlis,
            "Krabbelgruppe Prohlis",
            lon=13.785,
            lat=50.995,
            street="Prohliser Allee 3",
            languages=("de", "tr"),
        ),
        "berlin": _offer(
            in_berlin,
            "Krabbelgruppe Kreuzberg",
            lon=13.41,
            lat=52.50,
            street="Oranienstraße 1",
            areas=[kreuzberg],
            languages=("de", "ar", "uk"),
        ),
    }
    services_index(list(made.values()))
    return made


def _results(response) -> list[str]:
    return [hit.service.name for hit in response.context["hits"]]


def test_a_postcode_of_the_city_sorts_by_distance(client, offers):
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "01127"})
    assert _results(response) == ["Krabbelgruppe Pieschen", "Krabbelgruppe Prohlis"]
    assert "01127 Dresden" in response.content.decode()
    assert "GeoNames" in response.content.decode()


def test_the_search_stays_in_one_city_and_remembers_the_switch(client, offers, settings):
    settings.DEFAULT_CITY = "dresden"
    assert "Krabbelgruppe Kreuzberg" not in _results(client.get(URL, {"q": "Krabbelgruppe"}))
    response = client.get(URL, {"q": "Krabbelgruppe", "stadt": "berlin"})
    assert _results(response) == ["Krabbelgruppe Kreuzberg"]
    assert response.cookies["stadt"].value == "berlin"
    # The next visit without ?stadt= searches Berlin again.
    assert _results(client.get(URL, {"q": "Krabbelgruppe"})) == ["Krabbelgruppe Kreuzberg"]
    assert "Cookie" in response["Vary"]


def test_an_offer_of_an_organisation_without_a_city_is_found_in_every_city(client, offers):
    online = OrganisationFactory(name="Online-Beratung", city=None)
    service = _offer(online, "Krabbelgruppe online", lon=None, lat=None, languages=("de", "fa"))
    services_index([service])
    for city in ("dresden", "berlin"):
        response = client.get(URL, {"q": "Krabbelgruppe", "stadt": city})
        assert "Krabbelgruppe online" in _results(response)
        assert ("fa", "Persisch (Farsi)") in response.context["languages"]


def test_a_postcode_of_another_city_says_so_and_shows_nothing(client, offers):
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "10115"})
    page = response.content.decode()
    assert _results(response) == []
    assert "gehört zu Berlin" in page
    assert "stadt=berlin" in page
    assert 'id="result-count"' not in page


def test_an_unknown_place_offers_the_nearest_spellings_instead_of_results(client, offers):
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "Pischen"})
    page = response.content.decode()
    assert _results(response) == []
    assert "„Pischen“ kennen wir in Dresden nicht" in page
    assert "nahe=Pieschen" in page
    assert 'id="result-count"' not in page


def test_streets_and_districts_of_the_city_resolve(client, offers):
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "Prohliser Allee"})
    assert _results(response)[0] == "Krabbelgruppe Prohlis"
    # Berlin's streets are not Dresden's.
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "Oranienstraße"})
    assert _results(response) == []
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "pieschen"})
    assert _results(response)[0] == "Krabbelgruppe Pieschen"


def test_a_place_in_the_query_is_a_filter_not_a_word(client, offers):
    response = client.get(URL, {"q": "Krabbelgruppe Pieschen"})
    assert _results(response) == ["Krabbelgruppe Pieschen"]
    assert "Gefiltert nach Ort: Pieschen" in response.content.decode()
    response = client.get(URL, {"q": "Krabbelgruppe Kreuzberg", "stadt": "berlin"})
    assert _results(response) == ["Krabbelgruppe Kreuzberg"]
    assert "Gefiltert nach Ort: Friedrichshain-Kreuzberg" in response.content.decode()


def test_a_language_in_the_query_is_a_filter_not_a_word(client, offers):
    response = client.get(URL, {"q": "Krabbelgruppe türkisch"})
    assert _results(response) == ["Krabbelgruppe Prohlis"]
    assert "Gefiltert nach Sprache: Türkisch" in response.content.decode()
    response = client.get(URL, {"q": "Krabbelgruppe auf Arabisch", "stadt": "berlin"})
    assert _results(response) == ["Krabbelgruppe Kreuzberg"]


def test_the_language_filter_lists_the_languages_offered_by_name(client, offers):
    response = client.get(URL, {"stadt": "berlin"})
    assert response.context["languages"] == [
        ("ar", "Arabisch"),
        ("de", "Deutsch"),
        ("uk", "Ukrainisch"),
    ]
    page = client.get(reverse("offers:detail", args=[offers["berlin"].pk])).content.decode()
    assert "Deutsch, Arabisch, Ukrainisch" in page
    assert "de, ar, uk" not in page


def test_hostile_place_and_query_text_stays_text(client, offers):
    response = client.get(URL, {"q": HOSTILE, "nahe": HOSTILE})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "<svg onload" not in page
    assert "&lt;script&gt;" in page
    area = offers["near"].organisation.located_in.first()
    area.name = f"Pieschen {HOSTILE}"
    area.save()
    page = client.get(URL, {"q": "Krabbelgruppe Pieschen <script>"}).content.decode()
    assert "<svg onload" not in page


class _Photon(BaseHTTPRequestHandler):
    """A Photon server's /api answer: one GeoJSON feature, whatever is asked."""

    point = (13.7851, 50.9951)
    asked: list[str] = []  # noqa: RUF012

    def do_GET(self):
        type(self).asked.append(self.path)
        body = json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": list(self.point)},
                        "properties": {"name": "Kesselsdorfer Straße", "city": "Dresden"},
                    }
                ],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def photon():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Photon)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Photon.asked = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_configured_geocoder_is_asked_first(client, offers, settings, photon):
    settings.GEOCODER_URL = photon
    settings.GEOCODER_KIND = "photon"
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "Kesselsdorfer Straße"})
    assert _results(response)[0] == "Krabbelgruppe Prohlis"
    assert response.context["near_label"].startswith("Kesselsdorfer Straße")
    assert _Photon.asked
    assert _Photon.asked[0].startswith("/api?")
    assert "Dresden" in _Photon.asked[0]


def test_a_geocoder_answer_outside_the_city_is_not_taken(client, offers, settings, photon):
    settings.GEOCODER_URL = photon
    _Photon.point = (12.37, 51.34)  # Leipzig
    try:
        response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "01127"})
    finally:
        _Photon.point = (13.7851, 50.9951)
    # The offline postcode answers instead.
    assert _results(response)[0] == "Krabbelgruppe Pieschen"


def test_a_geocoder_that_is_down_falls_back_to_the_offline_lookup(client, offers, settings):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port now: the connection is refused.
    settings.GEOCODER_URL = f"http://127.0.0.1:{port}"
    settings.GEOCODER_TIMEOUT = 1
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "01127"})
    assert _results(response)[0] == "Krabbelgruppe Pieschen"
    assert response.context["near_label"] == "01127 Dresden"


def test_the_filters_fold_into_one_control_with_their_number(client, offers):
    page = client.get(URL, {"q": "Krabbelgruppe", "alter": "2", "kostenlos": "1"}).content
    page = page.decode()
    assert '<details class="search-filters"' in page
    assert "Filter (2)" in page


def test_the_search_page_has_a_fixed_query_budget(client, offers, django_assert_max_num_queries):
    params = {"q": "Krabbelgruppe Pieschen deutsch", "nahe": "Prohliser Allee"}
    client.get(URL, params)  # the search vocabulary is built once per process
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(URL, params)
    org = offers["near"].organisation
    more = [
        _offer(org, f"Krabbelgruppe {n}", lon=13.72, lat=51.08, street=f"Weg {n}") for n in range(5)
    ]
    services_index(more)
    client.get(URL, params)  # the vocabulary is built anew after the index changed
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(URL, params)
    assert len(response.context["hits"]) == 6


# City, cities, topics, two of the city's areas, locator stamp, street lookup, languages
# offered, the search (the best-scored offers; when they are too few, which query terms
# are indexed and all hits) and the page of offers with their places and hours.
QUERY_BUDGET = 12


class _Nominatim(BaseHTTPRequestHandler):
    """A Nominatim server's /search answer, or an error page when ``status`` says so."""

    status = 200

    def do_GET(self):
        if self.status != 200:
            self.send_error(self.status)
            return
        body = json.dumps(
            [{"lat": "50.9951", "lon": "13.7851", "display_name": "Prohliser Allee, Dresden"}]
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    _Nominatim.status = 200


def test_a_nominatim_server_works_as_well(client, offers, settings, nominatim):
    settings.GEOCODER_URL = nominatim
    settings.GEOCODER_KIND = "nominatim"
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "Oskarstraße"})
    assert _results(response)[0] == "Krabbelgruppe Prohlis"
    assert response.context["near_label"] == "Prohliser Allee, Dresden"


def test_a_geocoder_error_page_falls_back_to_the_offline_lookup(
    client, offers, settings, nominatim
):
    settings.GEOCODER_URL = nominatim
    settings.GEOCODER_KIND = "nominatim"
    _Nominatim.status = 503
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "01127"})
    assert response.context["near_label"] == "01127 Dresden"
    response = client.get(URL, {"q": "Krabbelgruppe", "nahe": "Oskarstraße"})
    assert _results(response) == []
    assert "„Oskarstraße“ kennen wir in Dresden nicht" in response.content.decode()


def test_providers_tick_languages_by_name(db):
    from praeventionsnetz.offers.forms import ServiceForm

    service = ServiceFactory(languages=["de", "xx"])
    form = ServiceForm(instance=service)
    choices = dict(form.fields["languages"].choices)
    assert choices["ar"] == "Arabisch"
    assert choices["uk"] == "Ukrainisch"
    assert choices["xx"] == "xx"  # an imported code the list does not know stays
    assert form.initial["languages"] == ["de", "xx"]
    html = str(form["languages"])
    assert 'type="checkbox"' in html
    assert "Ukrainisch" in html


def test_place_phrases_prefer_whole_names_and_skip_ordinary_words():
    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.offers.places import _area_phrases

    areas = [
        Area(name="Leipziger Vorstadt, Pieschen", level=Level.STADTRAUM),
        Area(name="Pieschen", level=Level.STADTBEZIRK),
        Area(name="Pieschen-Süd", level=Level.STADTTEIL),
        Area(name="Neuköllner Mitte/Zentrum", level=Level.PLANUNGSRAUM),
        Area(name="Volkspark (Rudolf-Wilde-Park)", level=Level.PLANUNGSRAUM),
        Area(name="Friedrichshain-Kreuzberg", level=Level.BEZIRK),
    ]
    phrases = {key: area.name for key, area in _area_phrases(areas).items()}
    assert phrases["pieschen"] == "Pieschen"
    assert phrases["leipziger vorstadt"] == "Leipziger Vorstadt, Pieschen"
    assert phrases["pieschen sued"] == "Pieschen-Süd"
    assert phrases["kreuzberg"] == "Friedrichshain-Kreuzberg"
    assert "zentrum" not in phrases
    assert "sued" not in phrases
    assert "volkspark" not in phrases
