"""Benchmarks of the pages at city scale, over HTTP against the same page's data query alone.

Every page here is measured with `benchlib.compare_page_with_data_query`: one `runserver`
process serves the bench database, the page and its data query (the SQL statements of one
request, replayed with a plain cursor) alternate, and the line gives both medians and 95th
percentiles. Goal: p95 ≤ 100 ms for every page. The number of SQL queries of one request
goes to stderr; MAX_QUERIES or more stop the run with a non-zero exit code.

With the full demo loaded:
- `start_page`: `GET /` (Dresden's 64 Stadtteile on the map and in the table).
- `start_page_berlin_planungsraum`: `GET /?stadt=berlin&ebene=planungsraum` (448 areas).
- `choropleth_berlin_planungsraum`: `GET /monitoring/?stadt=berlin&ebene=planungsraum`, the
  choropleth of the first indicator.
- `index_page_berlin`: `GET /monitoring/indizes/<pk>/` of the index with the most results
  (Berlin's MSS on its planning areas).

`area_profile_10y_60i_80a`: `GET /gebiete/<pk>/` of one area of a synthetic city
"benchstadt" (80 square areas at level stadtraum below the city), 60 indicators (counts,
rates and values in all four dimensions) and 10 periods 2015–2024: 48,000 observations,
written with bulk_create. Three of the 60 indicators are demo indicators the profile draws
as time series (monitoring.PROFILE_SERIES), so the page also renders its charts; the other
57 are new.

"""

import sys
from itertools import product

import numpy as np
import shapely
from benchlib import Result, compare_page_with_data_query

CITY_CODE = "benchstadt"
AREAS = 80
GRID_COLUMNS = 10
INDICATORS = 60
PERIODS = [str(year) for year in range(2015, 2025)]
MAX_QUERIES = 40
SEED = 20240611
# South-west corner of the grid (lon, lat) and the side of one square in degrees.
ORIGIN = (12.0, 51.0)
SIDE = 0.01


def create_city():
    """The city and its areas; returns the areas in code order."""
    from praeventionsnetz.areas import geo
    from praeventionsnetz.areas.models import Area, Level

    squares = [
        shapely.box(
            ORIGIN[0] + (n % GRID_COLUMNS) * SIDE,
            ORIGIN[1] + (n // GRID_COLUMNS) * SIDE,
            ORIGIN[0] + (n % GRID_COLUMNS + 1) * SIDE,
            ORIGIN[1] + (n // GRID_COLUMNS + 1) * SIDE,
        )
        for n in range(AREAS)
    ]
    outline = geo.dissolve(squares)
    city = Area.objects.create(
        code=CITY_CODE,
        name="Benchstadt",
        level=Level.CITY,
        geometry=geo.to_geojson(outline),
        display_geometry=geo.display_version(outline),
    )
    Area.objects.bulk_create(
        Area(
            city=city,
            parent=city,
            level=Level.STADTRAUM,
            code=f"{n + 1:02d}",
            name=f"Benchraum {n + 1:02d}",
            geometry=geo.to_geojson(square),
            display_geometry=geo.display_version(square),
        )
        for n, square in enumerate(squares)
    )
    return list(Area.objects.filter(city=city).order_by("code"))


def create_indicators():
    """The demo indicators of the profile's charts plus new ones, 60 in all."""
    from praeventionsnetz.monitoring.models import Dimension, Direction, Indicator, IndicatorKind
    from praeventionsnetz.site.profile import PROFILE_SERIES

    charted = list(Indicator.objects.filter(key__in=PROFILE_SERIES).order_by("key")[:3])
    kinds = [IndicatorKind.COUNT, IndicatorKind.RATE, IndicatorKind.VALUE]
    units = {IndicatorKind.COUNT: "Anzahl", IndicatorKind.RATE: "%", IndicatorKind.VALUE: "Index"}
    dimensions = list(Dimension)
    directions = list(Direction)
    Indicator.objects.bulk_create(
        Indicator(
            key=f"bench_{n:02d}",
            name_de=f"Benchkennzahl {n:02d}",
            name_en=f"Bench indicator {n:02d}",
            unit=units[kinds[n % 3]],
            dimension=dimensions[n % len(dimensions)],
            direction=directions[n % len(directions)],
            kind=kinds[n % 3],
            source="Synthetische Daten für die Benchmarks",
            licence="–",
            is_demo=True,
        )
        for n in range(INDICATORS - len(charted))
    )
    return charted + list(Indicator.objects.filter(key__startswith="bench_").order_by("key"))


def create_observations(areas, indicators) -> int:
    from praeventionsnetz.monitoring.models import IndicatorKind, Observation

    rng = np.random.default_rng(SEED)
    rows = []
    for indicator, area in product(indicators, areas):
        # One series in eight holds small counts, so that suppression is exercised too.
        level = rng.uniform(0.5, 4) if rng.random() < 1 / 8 else rng.uniform(5, 500)
        for period, drift in zip(PERIODS, rng.normal(1, 0.05, len(PERIODS)).cumprod(), strict=True):
            if indicator.kind == IndicatorKind.COUNT:
                value = float(rng.poisson(level * drift))
                rows.append(Observation(area=area, indicator=indicator, period=period, value=value))
            elif indicator.kind == IndicatorKind.RATE:
                denominator = float(rng.integers(500, 20_000))
                numerator = float(rng.binomial(int(denominator), min(0.9, level / 1000 * drift)))
                value = numerator / denominator * indicator.scale
                rows.append(
                    Observation(
                        area=area,
                        indicator=indicator,
                        period=period,
                        value=value,
                        numerator=numerator,
                        denominator=denominator,
                    )
                )
            else:
                value = float(level * drift)
                rows.append(Observation(area=area, indicator=indicator, period=period, value=value))
    Observation.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def area_profile_10y_60i_80a(client) -> Result:
    areas = create_city()
    indicators = create_indicators()
    created = create_observations(areas, indicators)
    area = areas[len(areas) // 2]
    print(
        f"area_profile_10y_60i_80a: {len(areas)} areas, {len(indicators)} indicators, "
        f"{created} observations; profile of {area.name} (pk {area.pk})",
        file=sys.stderr,
    )
    return compare_page_with_data_query(
        client, "area_profile_10y_60i_80a", f"/gebiete/{area.pk}/", max_queries=MAX_QUERIES
    )


def start_page(client) -> Result:
    return compare_page_with_data_query(client, "start_page", "/", max_queries=MAX_QUERIES)


def start_page_berlin_planungsraum(client) -> Result:
    return compare_page_with_data_query(
        client,
        "start_page_berlin_planungsraum",
        "/?stadt=berlin&ebene=planungsraum",
        max_queries=MAX_QUERIES,
    )


def choropleth_berlin_planungsraum(client) -> Result:
    return compare_page_with_data_query(
        client,
        "choropleth_berlin_planungsraum",
        "/monitoring/?stadt=berlin&ebene=planungsraum",
        max_queries=MAX_QUERIES,
    )


def index_page_berlin(client) -> Result | None:
    from django.db.models import Count

    from praeventionsnetz.monitoring.models import CompositeIndex

    index = (
        CompositeIndex.objects.annotate(n=Count("results")).filter(n__gt=0).order_by("-n").first()
    )
    if index is None:
        print("index_page_berlin: skipped, no index has results", file=sys.stderr)
        return None
    print(f"index_page_berlin: {index.key} ({index.n} results)", file=sys.stderr)
    return compare_page_with_data_query(
        client, "index_page_berlin", f"/monitoring/indizes/{index.pk}/", max_queries=MAX_QUERIES
    )
