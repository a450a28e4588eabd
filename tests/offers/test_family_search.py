"""The family search through the ORM, the page and the API."""

import datetime as dt

import pytest
from django.urls import reverse

from praeventionsnetz.offers.models import (
    Access,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Status,
)
from praeventionsnetz.offers.selectors import offers_search
from praeventionsnetz.offers.services import services_index
from tests.factories import OrganisationFactory


def offer(
    org,
    name,
    *,
    description="",
    phases=("3-6",),
    lon=None,
    lat=None,
    status=Status.PUBLISHED,
    free=True,
    languages=("de",),
    access=Access.OPEN,
):
    service = Service.objects.create(
        organisation=org,
        name=name,
        description=description,
        status=status,
        life_phases=list(phases),
        is_free=free,
        languages=list(languages),
        access=access,
    )
    location = Location.objects.create(
        organisation=org, name=name, street="Hauptstraße 1", town="Teststadt", lon=lon, lat=lat
    )
    sal = ServiceAtLocation.objects.create(service=service, location=location)
    Schedule.objects.create(
        service_at_location=sal, weekday=2, opens_at=dt.time(9), closes_at=dt.time(12)
    )
    return service


@pytest.fixture
def offers(db):
    org = OrganisationFactory(name="Familienzentrum Nord")
    found = {
        "beratung": offer(
            org,
            "Beratung für Erziehung",
            description="Für Eltern in Krisen",
            phases=("6-10", "parents"),
            lon=13.0,
            lat=51.0,
        ),
        "kita": offer(
            org,
            "Kindertagesstätte Sonnenschein",
            phases=("1-3", "3-6"),
            lon=13.02,
            lat=51.0,
            free=False,
        ),
        "hebamme": offer(
            org,
            "Hebammensprechstunde",
            phases=("pregnancy", "0-1"),
            lon=13.1,
            lat=51.1,
            languages=("de", "ar"),
        ),
        "draft": offer(org, "Kita im Entwurf", status=Status.DRAFT),
    }
    services_index(found.values())
    return found


def names(hits):
    return [h.service.name for h in hits]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Erziehungsberatung", "Beratung für Erziehung"),
        ("Kita", "Kindertagesstätte Sonnenschein"),
        ("Kindertagesstätte", "Kindertagesstätte Sonnenschein"),
        ("Erziehungsbertung", "Beratung für Erziehung"),
        ("Hebame", "Hebammensprechstunde"),
    ],
)
def test_german_variants_are_found(offers, q, expected):
    assert expected in names(offers_search(q=q))


def test_drafts_are_never_found(offers):
    assert "Kita im Entwurf" not in names(offers_search(q="Kita"))


def test_unrelated_words_find_nothing(offers):
    assert names(offers_search(q="Schwimmkurs")) == []


def test_filters_age_cost_language_and_distance(offers):
    assert names(offers_search(age=2)) == ["Kindertagesstätte Sonnenschein"]
    assert "Kindertagesstätte Sonnenschein" not in names(offers_search(free_only=True))
    assert names(offers_search(language="ar")) == ["Hebammensprechstunde"]
    near = offers_search(near=(13.0, 51.0), radius_km=5)
    assert names(near) == ["Beratung für Erziehung", "Kindertagesstätte Sonnenschein"]
    assert near[1].distance_km == pytest.approx(1.40, abs=0.02)


def test_search_page_for_families(client, offers):
    response = client.get(reverse("offers:search"), {"q": "Kita", "alter": "2"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kindertagesstätte Sonnenschein" in page
    assert "Di 09:00–12:00" in page


def test_search_page_explains_bad_input(client, offers):
    page = client.get(reverse("offers:search"), {"alter": "zwei", "nahe": "Atlantis"})
    text = page.content.decode()
    assert "Alter des Kindes als Zahl" in text
    assert "„Atlantis“ kennen wir nicht" in text


def test_offer_page_and_unpublished_offers(client, offers):
    assert client.get(reverse("offers:detail", args=[offers["kita"].pk])).status_code == 200
    assert client.get(reverse("offers:detail", args=[offers["draft"].pk])).status_code == 404


def test_api_returns_ranked_results(client, offers):
    data = client.get("/api/offers", {"q": "Erziehungsberatung"}).json()
    assert data[0]["name"] == "Beratung für Erziehung"
    assert {"id", "name"} <= set(data[0])
