"""Pure geometry: no database."""

import pytest
import shapely

from praeventionsnetz.areas import geo
from tests.factories import square
from tests.messages import english, german, raises


def test_valid_polygon_is_accepted():
    assert geo.parse_area_geometry(square(13.0, 51.0)).area == pytest.approx(0.0001)


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (None, "fehlt"),
        ({"type": "Point", "coordinates": [13.0, 51.0]}, "nicht unterstützt"),
        ({"type": "Polygon", "coordinates": []}, "leer"),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[400000, 5600000], [400100, 5600000], [400100, 5600100], [400000, 5600000]]
                ],
            },
            "Koordinatensystem",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            "ungültig",
        ),
        ({"type": "Polygon", "coordinates": "kaputt"}, "nicht lesbar"),
    ],
)
def test_bad_geometry_is_refused_with_a_reason(geometry, message):
    with raises(geo.GeometryError, message):
        geo.parse_area_geometry(geometry)


def test_self_intersection_is_repaired_on_request():
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    repaired = geo.parse_area_geometry(bowtie, repair=True)
    assert repaired.is_valid
    assert repaired.area == pytest.approx(0.5)


def test_dissolve_unites_neighbours_into_one_outline():
    left = geo.parse_area_geometry(square(0, 0, 1))
    right = geo.parse_area_geometry(square(1, 0, 1))
    union = geo.dissolve([left, right])
    assert union.area == pytest.approx(2)
    assert union.geom_type == "Polygon"


def test_locator_finds_the_area_of_each_level():
    city = geo.parse_area_geometry(square(0, 0, 2))
    west = geo.parse_area_geometry(square(0, 0, 1))
    east = geo.parse_area_geometry(square(1, 0, 1))
    locator = geo.AreaLocator([("c", "city", city), ("w", "quarter", west), ("e", "quarter", east)])
    assert locator.locate(0.5, 0.5) == {"city": "c", "quarter": "w"}
    assert locator.locate(1.5, 0.5) == {"city": "c", "quarter": "e"}
    assert locator.locate(5, 5) == {}
    assert locator.locate_many([(0.5, 0.5), (1.5, 0.2), (9, 9)], "quarter") == ["w", "e", None]


def test_display_version_is_lighter_and_close():
    circle = shapely.Point(13.7, 51.05).buffer(0.05, quad_segs=256)
    light = geo.display_version(circle)
    assert len(light["coordinates"][0]) < len(circle.exterior.coords)
    assert shapely.geometry.shape(light).symmetric_difference(circle).area < 0.01 * circle.area


def test_geometry_errors_are_english_messages():
    with pytest.raises(geo.GeometryError) as info:
        geo.parse_area_geometry({"type": "Point", "coordinates": [0, 0]})
    assert info.value.message.msgid == (
        "Geometry type “%(kind)s” is not supported; Polygon or MultiPolygon is expected."
    )
    assert english(info.value) == (
        "Geometry type “Point” is not supported; Polygon or MultiPolygon is expected."
    )
    assert german(info.value) == (
        "Geometrietyp „Point“ wird nicht unterstützt; erwartet wird Polygon oder MultiPolygon."
    )
