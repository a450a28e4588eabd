"""PostgreSQL's German full-text search as a second signal of the family search."""

import pytest
from django.db import connection

from praeventionsnetz.offers.models import SearchTerm, Service, Status
from praeventionsnetz.offers.search.query import parse_query
from praeventionsnetz.offers.selectors import fulltext_matches, offers_search
from praeventionsnetz.offers.services import search_vocabulary, services_index
from tests.factories import OrganisationFactory
from tests.offers.factories import ServiceFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="full-text search needs PostgreSQL; on SQLite the family search uses the "
        "SearchTerm index alone (tests/offers/test_family_search.py)",
    ),
]


def offers(*texts):
    org = OrganisationFactory(name="Träger Süd")
    made = [
        ServiceFactory(
            organisation=org, name=name, description=description, status=Status.PUBLISHED
        )
        for name, description in texts
    ]
    services_index(made)
    return made


def names(hits):
    return [hit.service.name for hit in hits]


def test_fulltext_finds_a_word_form_the_index_stems_apart():
    (afternoon,) = offers(("Betreuung am Nachmittag", "Für Schulkinder der ersten Klassen."))
    # The index stems "betreuen" to "betreu" and keeps "betreuung"; Snowball makes both "betreu".
    indexed = set(SearchTerm.objects.filter(service=afternoon).values_list("term", flat=True))
    assert not set().union(*parse_query("betreuen", search_vocabulary())) & indexed
    assert names(offers_search(q="betreuen")) == ["Betreuung am Nachmittag"]


def test_index_hits_rank_above_offers_only_fulltext_finds():
    offers(
        ("Betreuung am Nachmittag", "Für Schulkinder."),
        ("Hort Sonnenschein", "Wir betreuen Schulkinder nach dem Unterricht."),
    )
    hits = offers_search(q="betreuen")
    assert names(hits) == ["Hort Sonnenschein", "Betreuung am Nachmittag"]
    assert hits[1].score < 0.5 <= hits[0].score


def test_fulltext_rank_orders_offers_the_index_scores_alike():
    offers(
        ("Erziehungsberatung Mitte", "Hilfe für Eltern."),
        ("Erziehungsberatung West", "Erziehungsberatung für Eltern und Jugendliche."),
    )
    hits = offers_search(q="Erziehungsberatung")
    # Both have the word in the name (1.5 from the index); the one that repeats it ranks
    # first, where the index alone would order them by name.
    assert names(hits) == ["Erziehungsberatung West", "Erziehungsberatung Mitte"]
    assert hits[0].score > hits[1].score > 1.5


def test_unpublished_offers_stay_hidden_from_fulltext():
    (draft,) = offers(("Betreuung am Nachmittag", ""))
    Service.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    assert offers_search(q="betreuen") == []


def test_fulltext_query_uses_the_gin_index():
    offers(("Betreuung am Nachmittag", ""))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows would be scanned
    plan = fulltext_matches(Service.objects.all(), "betreuen").explain()
    assert "Bitmap Index Scan on offers_service_fulltext" in plan
