"""Maps take the simplified geometries from a cache that an import of a geometry renews."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from praeventionsnetz.areas import selectors, services
from praeventionsnetz.areas.models import Level
from tests.factories import AreaFactory, square


def corner(geometry: dict) -> tuple[float, float]:
    """The south-west corner of a square."""
    ring = geometry["coordinates"][0]
    return min(x for x, _ in ring), min(y for _, y in ring)


def test_warm_cache_costs_no_query_and_an_import_renews_it(db, city):
    areas = [
        AreaFactory(city=city, parent=city, level=Level.STADTRAUM, code=f"{n:02d}")
        for n in range(1, 6)
    ]
    loaded = lambda: list(selectors.areas_of_level(city=city, level=Level.STADTRAUM))  # noqa: E731
    selectors.feature_collection(loaded())  # fills the cache
    shown = loaded()
    with CaptureQueriesContext(connection) as ctx:
        features = selectors.feature_collection(shown)["features"]
    assert len(ctx.captured_queries) == 0
    assert len(features) == 5
    assert corner(features[0]["geometry"]) == (13.0, 51.0)

    services.area_update(
        area=areas[0], name=areas[0].name, parent=city, geometry=square(14.0, 52.0)
    )
    features = selectors.feature_collection(loaded())["features"]
    assert corner(features[0]["geometry"]) == (14.0, 52.0)
    assert [corner(f["geometry"]) for f in features[1:]] == [(13.0, 51.0)] * 4


def test_areas_without_stamp_or_with_their_geometry(db, city):
    area = AreaFactory(city=city, parent=city, level=Level.STADTRAUM)
    full = type(area).objects.get(pk=area.pk)  # geometry loaded with the area: no query
    with CaptureQueriesContext(connection) as ctx:
        assert selectors.display_geometries([full]) == {area.pk: full.display_geometry}
    assert len(ctx.captured_queries) == 0
    # Neither geometry nor stamp loaded: one query for the stamps, one for the geometries.
    bare = type(area).objects.only("code").get(pk=area.pk)
    services.area_update(area=area, name=area.name, parent=city, geometry=square(15.0, 50.0))
    with CaptureQueriesContext(connection) as ctx:
        shapes = selectors.display_geometries([bare])
    assert len(ctx.captured_queries) == 2
    assert corner(shapes[area.pk]) == (15.0, 50.0)
