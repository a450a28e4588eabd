"""The family search through the ORM, the page and the API."""

import datetime as dt

import pytest
from django.urls import reverse

from praeventionsnetz.offers import services
from praeventionsnetz.offers.forms import PAGE_PARAMETERS, PAGE_PROBLEMS, offer_query_from_page
from praeventionsnetz.offers.models import (
    Access,
    SearchDocument,
    Service,
    Status,
)
from praeventionsnetz.offers.search.index import index_terms
from praeventionsnetz.offers.selectors import offers_ranked, offers_search
from praeventionsnetz.offers.services import services_index
from tests.factories import AreaFactory, OrganisationFactory
from tests.offers.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TopicFactory,
)


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
    service = ServiceFactory(
        organisation=org,
        name=name,
        description=description,
        status=status,
        life_phases=list(phases),
        is_free=free,
        languages=list(languages),
        access=access,
    )
    location = LocationFactory(
        organisation=org, name=name, street="Hauptstraße 1", town="Teststadt", lon=lon, lat=lat
    )
    sal = ServiceAtLocationFactory(service=service, location=location)
    ScheduleFactory(service_at_location=sal, weekday=2, opens_at=dt.time(9), closes_at=dt.time(12))
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


def test_search_has_a_fixed_query_budget(offers, django_assert_max_num_queries):
    offers_search(q="Kita")  # builds the vocabulary once per process
    # The offers with the best score (too few here), which query terms are indexed, all
    # hits, the page with locations and hours (PostgreSQL's JIT is off per connection).
    with django_assert_max_num_queries(6):
        hits = offers_search(q="Kindertagesstätte", near=(13.0, 51.0), radius_km=20, age=4)
    assert names(hits) == ["Kindertagesstätte Sonnenschein"]
    ranked = offers_ranked(q="Kindertagesstätte", near=(13.0, 51.0), radius_km=20, age=4)
    assert [r.service_id for r in ranked] == [h.service.pk for h in hits]


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


def test_compound_with_a_very_common_part_finds_exactly_its_offers(db):
    org = OrganisationFactory(name="Träger Süd")
    made = [offer(org, f"Treff {n}", description="Für Familien im Stadtteil") for n in range(4)]
    made += [
        offer(org, "Familienzentrum Nord"),
        offer(org, "Zentrum für Familien"),
        offer(org, "Jugendzentrum", description="Treff für Jugendliche"),
    ]
    services_index(made)
    # "famili" is in most offers; it is read only for the offers with "zentrum".
    hits = offers_search(q="Familienzentrum")
    assert names(hits) == ["Familienzentrum Nord", "Zentrum für Familien"]
    assert hits[0].score >= 1.5  # PostgreSQL adds its full-text rank
    assert hits[1].score == pytest.approx(1.05)


def test_area_filter_takes_offers_served_there_or_located_there(db):
    area, elsewhere = AreaFactory(), AreaFactory()
    local, other = OrganisationFactory(name="Träger Nord"), OrganisationFactory(name="Träger Süd")
    local.located_in.add(area)
    other.located_in.add(elsewhere)
    here = offer(local, "Kita Nord")
    served = offer(other, "Kita Süd mit Plätzen im Norden")
    served.areas_served.add(area)
    offer(other, "Kita Süd")
    services_index(Service.objects.all())
    assert {h.service.pk for h in offers_search(q="Kita", area=area)} == {here.pk, served.pk}


def test_index_holds_name_text_topics_and_organisation(db, monkeypatch):
    monkeypatch.setattr(services, "_INDEX_CHUNK", 2)  # three chunks
    org = OrganisationFactory(name="Elternhaus Nord")
    topic = TopicFactory(code="sprache", name="Sprachförderung")
    made = [offer(org, f"Spielgruppe {n}", description="Spielen und Lernen") for n in range(5)]
    made[0].topics.add(topic)
    Service.objects.filter(pk=made[1].pk).update(eligibility="Für Väter")
    made[1].refresh_from_db()
    services_index(made)
    for service in made:
        topics = "Sprachförderung" if service == made[0] else ""
        in_name = index_terms(service.name)
        other = index_terms(f"{service.description} {service.eligibility} {topics} {org.name}")
        document = SearchDocument.objects.get(service=service)
        assert set(document.name_terms.split()) == in_name
        assert set(document.body_terms.split()) == other - in_name
    made[2].name = "Krabbelgruppe"
    made[2].save()
    services_index([made[2]])
    assert "spielgrupp" not in SearchDocument.objects.get(service=made[2]).name_terms.split()
    assert names(offers_search(q="Sprachförderung")) == ["Spielgruppe 0"]


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


def test_search_page_explains_every_parameter_it_cannot_use(client, offers):
    page = client.get(
        reverse("offers:search"),
        {
            "q": "Kita " * 41,
            "umkreis": "0",
            "thema": "unbekannt",
            "zugang": "irgendwie",
            "sprache": "deutsch",
            "kostenlos": "vielleicht",
        },
    )
    assert page.status_code == 200
    assert page.context["problems"] == [
        PAGE_PROBLEMS[field] for field in ("q", "topic", "radius_km", "free", "language", "access")
    ]
    # Searched without them: every published offer.
    assert len(page.context["hits"]) == 3


def test_page_parameters_are_the_api_parameters_by_their_german_names(client, offers):
    page = {"q": "Hebamme", "alter": "0", "kostenlos": "1", "sprache": "ar", "zugang": "open"}
    api = {"q": "Hebamme", "age": 0, "free": "true", "language": "ar", "access": "open"}
    assert set(page) == {name for name, field in PAGE_PARAMETERS.items() if field in api}
    found = client.get(reverse("offers:search"), page).context["hits"]
    assert [h.service.name for h in found] == ["Hebammensprechstunde"]
    assert [o["name"] for o in client.get("/api/offers", api).json()] == ["Hebammensprechstunde"]


def test_page_query_keeps_what_fits_and_names_what_does_not():
    query, problems = offer_query_from_page(
        {"q": "  Ki\x00ta ", "alter": "27", "thema": "sprache", "umkreis": "5", "zugang": ""},
        topics={"sprache"},
        limit=200,
    )
    assert (query.q, query.age, query.topic, query.radius_km, query.access) == (
        "Kita",
        None,
        "sprache",
        5.0,
        None,
    )
    assert query.limit == 200
    assert problems == [PAGE_PROBLEMS["age"]]


def test_offer_page_and_unpublished_offers(client, offers):
    assert client.get(reverse("offers:detail", args=[offers["kita"].pk])).status_code == 200
    assert client.get(reverse("offers:detail", args=[offers["draft"].pk])).status_code == 404


def test_api_returns_ranked_results(client, offers):
    data = client.get("/api/offers", {"q": "Erziehungsberatung"}).json()
    assert data[0]["name"] == "Beratung für Erziehung"
    assert {"id", "name"} <= set(data[0])
