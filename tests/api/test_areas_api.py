import pytest
from django.urls import reverse

from praeventionsnetz.areas import demo
from praeventionsnetz.areas.models import Level


@pytest.fixture
def dresden(db):
    return demo.load_dresden()


def test_openapi_schema_is_served(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Präventionsnetz API"
    assert "/api/areas" in schema["paths"]


def test_area_list_is_geojson_with_filters(client, dresden):
    data = client.get("/api/areas", {"city": "dresden", "level": "stadtteil", "limit": 100}).json()
    assert data["type"] == "FeatureCollection"
    assert data["total"] == 64
    first = data["features"][0]
    assert first["type"] == "Feature"
    assert first["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert first["properties"]["level"] == "stadtteil"
    assert first["properties"]["city"] == "dresden"


def test_area_list_pages_with_limit_and_offset(client, dresden):
    page1 = client.get("/api/areas", {"level": "stadtraum", "limit": 10}).json()
    page2 = client.get("/api/areas", {"level": "stadtraum", "limit": 10, "offset": 10}).json()
    assert page1["total"] == page2["total"] == 17
    codes = [f["properties"]["code"] for f in page1["features"] + page2["features"]]
    assert len(codes) == len(set(codes)) == 17


def test_area_list_query_count_does_not_grow_with_areas(
    client, dresden, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get("/api/areas", {"limit": 100})


def test_area_detail_and_children(client, dresden):
    raum = client.get("/api/areas", {"level": Level.STADTRAUM, "limit": 1}).json()["features"][0]
    detail = client.get(f"/api/areas/{raum['id']}").json()
    assert detail["properties"]["name"] == raum["properties"]["name"]
    children = client.get("/api/areas", {"parent": raum["id"]}).json()
    assert children["total"] >= 1
    assert all(f["properties"]["parent_id"] == raum["id"] for f in children["features"])


def test_unknown_area_is_404(client, db):
    assert client.get("/api/areas/987654").status_code == 404


def test_locate_returns_the_areas_of_a_coordinate(client, dresden):
    found = client.get("/api/areas/locate", {"lon": 13.7417, "lat": 51.0519}).json()
    assert [a["level"] for a in found] == ["city", "stadtbezirk", "stadtraum", "stadtteil"]
    assert found[-1]["name"] == "Innere Altstadt"


def test_bad_coordinates_get_a_validation_error(client, db):
    response = client.get("/api/areas/locate", {"lon": 500, "lat": 51})
    assert response.status_code == 422


def test_page_links_to_the_api_docs(client, db):
    assert "/api/docs" in client.get(reverse("site:home")).content.decode()


def test_an_absurd_id_is_a_validation_error_not_a_crash(client, db):
    assert client.get("/api/areas", {"parent": 3095382011548405648588800}).status_code == 422
    assert client.get(f"/api/areas/{2**63}").status_code == 422


def test_a_nul_byte_in_the_offer_search_is_dropped(client, db):
    response = client.get("/api/offers", {"q": "Kita\x00"})
    assert response.status_code == 200
    page = client.get("/angebote/", {"q": "Ki\x00ta", "nahe": "Markt\x00"})
    assert page.status_code == 200
    assert page.context["q"] == "Kita"


@pytest.mark.parametrize(
    ("path", "params", "empty"),
    [
        ("/api/areas", {"city": "dres\x00den"}, lambda body: body["features"] == []),
        ("/api/areas/locate", {"lon": 13.7, "lat": 51.0, "city": "\x00"}, lambda body: body == []),
        ("/api/observations", {"indicator": "geburten\x00"}, lambda body: body["items"] == []),
        ("/api/observations", {"period": "20\x0024"}, lambda body: body["items"] == []),
    ],
)
def test_a_control_character_in_a_text_parameter_matches_nothing(
    client, dresden, path, params, empty
):
    # PostgreSQL cannot hold NUL in text; such a code or period simply names nothing.
    response = client.get(path, params)
    assert response.status_code == 200
    assert empty(response.json())
