"""The pages of `make bench` read the database a fixed number of times, whatever the city's size.

Each page is asked twice on a small city (the second answer, with warm caches, is counted)
and again after the city has grown to four times the areas and twice the periods: the count
must be the same, and stay under the page's bound.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.monitoring.models import IndicatorKind
from praeventionsnetz.monitoring.services import indices as index_services
from tests.factories import AreaFactory, square
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

INDEX = {
    "key": "querybelastung",
    "label": "Belastung",
    "indices": [
        {
            "key": "belastung",
            "label": "Belastung",
            "components": [
                {"key": "q_anteil", "weight": 1, "direction": 1},
                {"key": "q_faelle", "weight": 1, "direction": 1},
            ],
            "classes": [{"name": "niedrig", "at_most": 0}, {"name": "hoch"}],
        }
    ],
}


@pytest.fixture
def indicators(db):
    share = IndicatorFactory(key="q_anteil", kind=IndicatorKind.RATE, unit="%")
    cases = IndicatorFactory(key="q_faelle", kind=IndicatorKind.COUNT, unit="Fälle")
    return share, cases


def grow(city, indicators, areas: int, years: range) -> list:
    """Stadträume 1…`areas` of the city with figures for every year (adds what is missing)."""
    share, cases = indicators
    have = {a.code: a for a in Area.objects.filter(city=city)}
    result = []
    for n in range(1, areas + 1):
        code = f"{n:02d}"
        area = have.get(code) or AreaFactory(
            city=city,
            parent=city,
            level=Level.STADTRAUM,
            code=code,
            name=f"Raum {n}",
            geometry=square(13 + (n % 8) * 0.01, 51 + (n // 8) * 0.01, 0.01),
        )
        result.append(area)
        for year in years:
            period = str(year)
            if not area.observations.filter(indicator=cases, period=period).exists():
                ObservationFactory(area=area, indicator=cases, period=period, value=20 + n)
                ObservationFactory(
                    area=area,
                    indicator=share,
                    period=period,
                    value=(10 + n) / 200 * 100,
                    numerator=10 + n,
                    denominator=200,
                )
    return result


def warm_count(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


PAGES = {
    # name: (bound, address of the page for the city, the index and one area)
    "start_page": (4, lambda city, index, area: f"{reverse('site:home')}?stadt={city.code}"),
    "choropleth": (
        12,
        lambda city, index, area: (
            f"{reverse('monitoring:indicator-map')}?stadt={city.code}&ebene=stadtraum"
            "&indikator=q_faelle"
        ),
    ),
    "index_page": (
        10,
        lambda city, index, area: reverse("monitoring:index-detail", args=[index.pk]),
    ),
    "area_profile": (
        20,
        lambda city, index, area: reverse("site:area-detail", args=[area.pk]),
    ),
    "city_profile": (
        12,
        lambda city, index, area: reverse("site:area-detail", args=[city.pk]),
    ),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_is_fixed(page, client, city, indicators):
    bound, address = PAGES[page]
    index = index_services.composite_index_save(raw=INDEX)
    areas = grow(city, indicators, 4, range(2023, 2025))
    index_services.index_compute(index=index, areas=areas, period="2024")
    small = warm_count(client, address(city, index, areas[1]))

    areas = grow(city, indicators, 16, range(2021, 2025))
    index_services.index_compute(index=index, areas=areas, period="2024")
    large = warm_count(client, address(city, index, areas[1]))

    assert small == large, f"{page}: {small} queries for 4 areas, {large} for 16"
    assert large <= bound, f"{page}: {large} queries, at most {bound} expected"
