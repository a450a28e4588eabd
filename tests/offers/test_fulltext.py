"""The family search through the databases' own full-text engines (SQLite FTS5,
PostgreSQL tsvector with GIN): the index follows the offers, and ranking happens in SQL."""

import pytest
from django.db import connection

from praeventionsnetz.offers.models import SearchDocument, Service, Status
from praeventionsnetz.offers.search.index import index_document
from praeventionsnetz.offers.search.query import parse_query
from praeventionsnetz.offers.search.ranking import score
from praeventionsnetz.offers.selectors import offers_search
from praeventionsnetz.offers.selectors.search import FTS_TABLE, _scored_sql
from praeventionsnetz.offers.services import search_vocabulary, services_index
from tests.factories import OrganisationFactory
from tests.offers.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def offers(*texts, status=Status.PUBLISHED):
    org = OrganisationFactory(name="Träger Süd")
    made = [
        ServiceFactory(organisation=org, name=name, description=description, status=status)
        for name, description in texts
    ]
    services_index(made)
    return made


def names(hits):
    return [hit.service.name for hit in hits]


def fulltext_ids(term):
    """The offers the full-text engine itself finds for one term."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT service_id FROM offers_searchdocument WHERE search_vector @@ %s::tsquery",
                [f"'{term}'"],
            )
        else:
            cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [term])
        return {row[0] for row in cursor.fetchall()}


def test_a_verb_finds_its_noun():
    offers(("Betreuung am Nachmittag", "Für Schulkinder der ersten Klassen."))
    assert names(offers_search(q="betreuen")) == ["Betreuung am Nachmittag"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Trennungsberatung", "Beratung bei Trennung und Scheidung"),
        ("Beratung Trennung", "Trennungsberatung"),
        ("Bolzplatz", "Fußball-Bolzplatzturnier"),
        ("Elternkurs", "Kurs für Eltern"),
        ("Kurs für Eltern", "Elternkurse"),
        ("Leseförderung", "Förderung beim Lesen"),
        ("Förderung beim Lesen", "Leseförderung"),
        ("Vaeter", "Väterfrühstück"),
        ("Hebame", "Hebammensprechstunde"),
    ],
)
def test_compounds_forms_and_typos_through_the_database(query, text):
    offers((text, "Offen für alle."), ("Spielplatzfest", "Für Kinder."))
    assert names(offers_search(q=query)) == [text]


def test_score_in_sql_is_the_analyzers_score():
    made = offers(
        ("Erziehungsberatung Mitte", "Hilfe für Eltern."),
        ("Beratung für Familien", "Fragen zur Erziehung."),
        ("Familientreff", "Mit Erziehungsberatung am Dienstag."),
    )
    query = parse_query("Erziehungsberatung", search_vocabulary())
    expected = {}
    for service in made:
        terms = index_document(service.name, service.description, "", "Träger Süd")
        in_name = {t for t, n in terms.items() if n}
        expected[service.name] = score(set(terms), query, name_terms=in_name)
    hits = offers_search(q="Erziehungsberatung")
    assert {h.service.name: pytest.approx(h.score) for h in hits} == expected
    assert names(hits)[0] == "Erziehungsberatung Mitte"  # whole word in the name


def test_index_follows_edits_and_deletes():
    (service,) = offers(("Krabbelgruppe", ""))
    assert fulltext_ids("krabbel") == {service.pk}
    service.name = "Babyschwimmen"
    service.save()
    services_index([service])
    assert fulltext_ids("krabbel") == set()
    assert fulltext_ids("schwimm") == {service.pk}
    service.delete()
    assert fulltext_ids("schwimm") == set()
    assert not SearchDocument.objects.exists()


def test_unpublished_offers_stay_hidden():
    (draft,) = offers(("Betreuung am Nachmittag", ""))
    Service.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    assert offers_search(q="betreuen") == []
    Service.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    assert names(offers_search(q="betreuen")) == ["Betreuung am Nachmittag"]


def test_vocabulary_comes_from_the_fulltext_engine():
    offers(("Hebammensprechstunde", ""), ("Hebamme Nord", ""))
    vocabulary = search_vocabulary()
    assert vocabulary.count("hebamm") == 2
    assert vocabulary.count("sprechstund") == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN is PostgreSQL's")
def test_the_search_query_itself_uses_the_gin_index():
    offers(("Betreuung am Nachmittag", ""))
    sql, params = _scored_sql(parse_query("Betreuung", search_vocabulary()))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows would be scanned
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "offers_searchdocument_vector" in plan
