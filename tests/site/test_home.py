import pytest
from django.urls import reverse

from praeventionsnetz.areas import demo
from tests.factories import AreaFactory, CityFactory


@pytest.fixture
def dresden(db):
    return demo.load_dresden()


def test_start_page_shows_dresdens_stadtteile_on_map_and_table(client, dresden):
    response = client.get(reverse("site:home"))
    page = response.content.decode()
    assert response.context["level"] == "stadtteil"
    assert len(response.context["map_data"]["features"]) == 64
    assert page.count('<td class="code">') == 64
    assert "Pieschen-Süd" in page
    assert 'id="map"' in page
    assert "opendata.dresden.de" in page


def test_level_can_be_switched(client, dresden):
    response = client.get(reverse("site:home"), {"stadt": "dresden", "ebene": "stadtraum"})
    assert len(response.context["areas"]) == 17
    assert "Stadträume in Dresden" in response.content.decode()


def test_other_cities_are_one_click_away(client, dresden):
    CityFactory(code="berlin", name="Berlin")
    page = client.get(reverse("site:home")).content.decode()
    assert 'href="?stadt=berlin"' in page


@pytest.mark.parametrize("query", [{"stadt": "atlantis"}, {"ebene": "galaxie"}])
def test_unknown_city_or_level_is_404(client, dresden, query):
    assert client.get(reverse("site:home"), query).status_code == 404


def test_start_page_query_count_does_not_grow_with_areas(client, db, django_assert_max_num_queries):
    city = CityFactory(code="dresden")
    AreaFactory.create_batch(40, city=city, parent=city)
    with django_assert_max_num_queries(4):
        client.get(reverse("site:home"))


def test_area_page_query_count_does_not_grow_with_children(
    client, db, django_assert_max_num_queries
):
    city = CityFactory(code="dresden")
    AreaFactory.create_batch(40, city=city, parent=city)
    # Page, ancestors, the action-budget line and the profile's fixed set of reads; none per
    # child. One more while the map's geometries are not yet in the cache
    # (areas.selectors.display_geometries).
    with django_assert_max_num_queries(12):
        client.get(reverse("site:area-detail", args=[city.pk]))


def test_empty_installation_says_how_to_load_areas(client, db):
    page = client.get(reverse("site:home")).content.decode()
    assert "praeventionsnetz load_demo" in page


def test_a_city_without_areas_below_it_yet_still_has_a_start_page(client, db):
    """The first start of a new installation: the city is set up, its areas not yet."""
    CityFactory(code="neustadt", name="Neustadt")
    response = client.get(reverse("site:home"))
    assert response.status_code == 200
    assert "praeventionsnetz import_areas" in response.content.decode()
