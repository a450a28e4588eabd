"""The ranking in SQL gives the scores of offers.search.ranking.score, best first, ties by
name (or distance); asking for the first few gives the first few of the whole ranking,
whether the best-scored offers fill them or not."""

import pytest

from praeventionsnetz.offers.models import SearchDocument
from praeventionsnetz.offers.search.query import parse_query
from praeventionsnetz.offers.search.ranking import score
from praeventionsnetz.offers.selectors import offers_ranked
from praeventionsnetz.offers.services import search_vocabulary, services_index
from tests.factories import OrganisationFactory
from tests.offers.test_family_search import offer

# Name, description, (lon, lat): names and texts with the query's words whole, in parts,
# misspelt and in the name or the text only, so that the scores differ.
OFFERS = (
    ("Familienzentrum Nord", "Offener Treff", (13.00, 51.00)),
    ("Familienzentrum Süd", "Kurse und Beratung", (13.05, 51.00)),
    ("Zentrum für Familien", "Beratung und Treff", (13.01, 51.00)),
    ("Treff am Markt", "Unser Familienzentrum lädt ein", (13.02, 51.00)),
    ("Familientreff", "Im Zentrum der Stadt", (13.30, 51.00)),
    ("Hebammensprechstunde", "Hebammen beraten Familien", (13.00, 51.01)),
    ("Hebamme Mitte", "Vor und nach der Geburt", (13.40, 51.00)),
    ("Erziehungsberatung", "Für Familien im Zentrum", (13.00, 51.02)),
    ("Beratung für Erziehung", "Für Eltern in Krisen", (13.03, 51.00)),
)
QUERIES = ("Familienzentrum", "Hebame", "Hebamme", "Erziehungsberatung", "Familie", "Zentrum")


@pytest.fixture
def ranked_offers(db):
    org = OrganisationFactory(name="Träger")
    made = [
        offer(org, name, description=text, lon=lon, lat=lat) for name, text, (lon, lat) in OFFERS
    ]
    services_index(made)
    return made


def _expected(q: str) -> list[tuple[str, float]]:
    """The ranking as offers.search.ranking.score gives it, ties by name."""
    query = parse_query(q, search_vocabulary())
    found = []
    for document in SearchDocument.objects.select_related("service"):
        names = set(document.name_terms.split())
        value = score(names | set(document.body_terms.split()), query, name_terms=names)
        if value > 0:
            found.append((-value, document.service.name))
    return [(name, -value) for value, name in sorted(found)]


@pytest.mark.parametrize("q", QUERIES)
def test_the_ranking_is_the_analyzers_score(ranked_offers, q):
    names = {s.pk: s.name for s in ranked_offers}
    ranking = [(names[r.service_id], r.score) for r in offers_ranked(q=q, limit=None)]
    expected = _expected(q)
    assert [name for name, _ in ranking] == [name for name, _ in expected]
    assert [value for _, value in ranking] == pytest.approx([value for _, value in expected])


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("near", [None, (13.0, 51.0)])
@pytest.mark.parametrize("radius_km", [None, 5.0])
def test_the_first_few_are_the_first_few_of_the_whole_ranking(ranked_offers, q, near, radius_km):
    whole = offers_ranked(q=q, near=near, radius_km=radius_km, limit=None)
    for limit in (1, 2, 3, len(OFFERS)):
        assert offers_ranked(q=q, near=near, radius_km=radius_km, limit=limit) == whole[:limit]


def test_the_best_scored_offers_fill_the_first_places_without_the_others(ranked_offers):
    """Two offers have "Familienzentrum" in their name: the best a hit can score."""
    first = offers_ranked(q="Familienzentrum", limit=2)
    names = {s.pk: s.name for s in ranked_offers}
    assert [names[r.service_id] for r in first] == ["Familienzentrum Nord", "Familienzentrum Süd"]
    assert [r.score for r in first] == [1.5, 1.5]
    near = offers_ranked(q="Familienzentrum", near=(13.05, 51.0), limit=2)
    assert [names[r.service_id] for r in near] == ["Familienzentrum Süd", "Familienzentrum Nord"]


def test_a_radius_drops_the_hits_outside_before_and_after_scoring(ranked_offers):
    names = {s.pk: s.name for s in ranked_offers}
    ranked = offers_ranked(q="Zentrum", near=(13.0, 51.0), radius_km=5.0, limit=None)
    found = [names[r.service_id] for r in ranked]
    assert "Familientreff" not in found  # 21 km east
    assert found[:2] == ["Familienzentrum Nord", "Zentrum für Familien"]
    assert all(r.distance_km <= 5.0 for r in ranked)
