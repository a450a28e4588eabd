"""Map data written into pages: the same JSON as json_script, cached shapes spliced in."""

import json

from django.utils.html import json_script

from praeventionsnetz.core import geojson

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[13.7, 51.0], [13.8, 51.0], [13.8, 51.1], [13.7, 51.0]]],
}
HOSTILE = '</script><script>alert("x")</script><!-- & '


def collection(geometry):
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": 7, "geometry": geometry, "properties": {"name": HOSTILE}},
            {"type": "Feature", "id": 8, "geometry": None, "properties": {}},
        ],
    }


def parsed_script(html: str, element_id: str):
    head = f'<script id="{element_id}" type="application/json">'
    assert html.startswith(head)
    assert html.endswith("</script>")
    return json.loads(html[len(head) : -len("</script>")])


def test_cached_geometry_gives_the_same_data_as_json_script():
    plain = collection(SQUARE)
    cached = collection(geojson.EncodedGeometry(SQUARE))
    ours = geojson.script(cached, "map-data")
    assert parsed_script(ours, "map-data") == parsed_script(
        json_script(plain, "map-data"), "map-data"
    )
    assert parsed_script(ours, "map-data")["features"][0]["geometry"] == SQUARE


def test_hostile_names_cannot_end_the_script_element():
    for value in (collection(SQUARE), collection(geojson.EncodedGeometry(SQUARE))):
        html = geojson.script(value, "map-data")
        inner = html[len('<script id="map-data" type="application/json">') : -len("</script>")]
        assert "<" not in inner
        assert ">" not in inner
        assert "&" not in inner
        assert parsed_script(html, "map-data")["features"][0]["properties"]["name"] == HOSTILE


def test_features_without_properties_or_an_empty_collection():
    assert json.loads(geojson.dumps({"type": "FeatureCollection", "features": []})) == {
        "type": "FeatureCollection",
        "features": [],
    }
    bare = {"features": [{"geometry": geojson.EncodedGeometry(SQUARE)}]}
    assert json.loads(geojson.dumps(bare)) == {"features": [{"geometry": SQUARE}]}
