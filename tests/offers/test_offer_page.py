"""The offer page says how to reach the offer: places with a map point, phone, e-mail,
website and opening hours; demo offers say that their contact data is invented."""

import json

import numpy as np
import pytest
from django.urls import reverse

from praeventionsnetz.offers import demo_contacts
from praeventionsnetz.offers.models import Service, Status
from tests.offers.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)


@pytest.fixture
def offer(organisation, city, district, quarter):
    organisation.city = city
    organisation.save()
    service = ServiceFactory(
        organisation=organisation,
        name="Familienberatung",
        status=Status.PUBLISHED,
        contact_role="Leitung <script>x</script>",
        contact_phone="0351 012 345-67",
        contact_email="beratung@example.org",
        url="https://example.org/beratung/",
        is_demo=True,
    )
    location = LocationFactory(
        organisation=organisation,
        name="Haus am Park",
        street="Parkstraße 3",
        postcode="01069",
        town="Dresden",
        lon=13.005,
        lat=51.005,
    )
    ScheduleFactory(
        service_at_location=ServiceAtLocationFactory(service=service, location=location)
    )
    return service


def test_the_page_says_how_to_reach_the_offer(client, offer, quarter):
    response = client.get(reverse("offers:detail", args=[offer.pk]))
    page = response.content.decode()
    assert 'href="tel:035101234567"' in page
    assert 'href="mailto:beratung@example.org"' in page
    assert 'href="https://example.org/beratung/"' in page
    assert "Parkstraße 3" in page
    assert "01069 Dresden" in page
    assert "09:00–12:00" in page
    assert "Leitung &lt;script&gt;x&lt;/script&gt;" in page
    assert 'id="demo-contact"' in page
    assert "Erfundene Kontaktdaten" in page
    # The map shows the point, framed by the Stadtteil it lies in.
    points = response.context["map_data"]["features"]
    assert [f["geometry"]["coordinates"] for f in points] == [[13.005, 51.005]]
    assert [f["id"] for f in response.context["map_outline"]["features"]] == [quarter.pk]
    assert 'id="map-outline"' in page


def test_an_offer_without_contact_data_says_whom_to_ask(client, organisation):
    service = ServiceFactory(organisation=organisation, name="Treff", status=Status.PUBLISHED)
    page = client.get(reverse("offers:detail", args=[service.pk])).content.decode()
    assert 'id="no-contact"' in page
    assert "Familienzentrum Nord" in page
    assert 'id="demo-contact"' not in page


def test_phone_links_keep_only_digits_and_a_leading_plus():
    assert Service(contact_phone="+49 (351) 0815-47").phone_href == "+49351081547"
    assert Service(contact_phone="0351 / 12 34").phone_href == "03511234"


def test_demo_contact_data_is_plausible_and_never_real():
    rng = np.random.default_rng(1)
    street, postcode = demo_contacts.address("92", rng)
    assert street.startswith("Kesselsdorfer Straße ")
    assert postcode == "01159"
    assert demo_contacts.address("unknown", rng) == ("", "")
    for _ in range(50):
        # A subscriber number never begins with 0: no such line exists.
        assert demo_contacts.phone(rng).startswith("0351 0")
    assert demo_contacts.email("Kita 1 Löbtau (Demodaten)") == "kita-1-loebtau@example.org"
    assert demo_contacts.website("Hort 1 Süd (Demodaten)") == "https://example.org/hort-1-sued/"
    assert len(demo_contacts.STREETS) == 64
    codes = {f["properties"]["blocknr"] for f in _stadtteile()}
    assert set(demo_contacts.STREETS) == codes


def _stadtteile():
    from praeventionsnetz.areas.demo import data_dir

    path = data_dir() / "dresden_geo" / "dresden_stadtteile.geojson"
    return json.loads(path.read_text(encoding="utf-8"))["features"]
