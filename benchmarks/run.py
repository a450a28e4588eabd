"""Benchmarks, run by `make bench`.

Registered in BENCHMARKS below: the two start-page benchmarks of this module,
`index_200k` (indices_bench.py: the composite index engine on 200,000 synthetic areas
against a plain pandas groupby implementation), `area_profile_10y_60i_80a`
(profile_bench.py: the area profile page of a synthetic city with 10 years × 60
indicators × 80 areas of observations), `network_metrics_5000` (network_bench.py: all
network measures for 5,000 organisations and 50,000 ties against NetworkX),
`network_page_2000` (network_page_bench.py: the network map page with 2,000 organisations),
`search_recall5_50q` (search_recall.py: recall in the top 5 of the search's analyzer on 50
written queries against the previous analyzer), and `search_p95_100k_sqlite` and
`search_p95_100k_postgresql` (search_bench.py: the 95th percentile of the family search on
100,000 offers against a plain icontains query, each database in a process of its own,
and as `..._vs_fulltext` against the database's plain full-text search doing the same
look-up; PostgreSQL is skipped with a note when it is not running on 127.0.0.1:5432).

Start page (this module): the median latency of `GET /` (Dresden's 64 Stadtteile on the
map and in the table) and of `GET /?stadt=berlin&ebene=planungsraum` (Berlin's 448
planning areas), through django.test.Client against a fresh SQLite database with the full
demo loaded.

`api_areas_max_page` (this module): the median latency of the largest page the area API
gives (100 of Berlin's planning areas with full geometry), without the answer cache.

Baseline of the page benchmarks: the median latency of `GET /health/`, a trivial view
without database or template, measured in the same run with the same client. Target and
baseline requests alternate (and swap order every round), so machine noise affects both
equally.

Each benchmark prints one line on stdout (a skipped one none):
    BENCH <name> <value> <unit> baseline=<value> ratio=<baseline/value>
Diagnostics (load_demo output, SQL query counts) go to stderr.

The database is var/bench.sqlite3, recreated on every run; the developer's database and
DATABASE_URL are never used. Set BENCH_DATABASE_URL to benchmark another database.
"""

import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import Result, compare_with_baseline
from indices_bench import index_200k
from network_bench import network_metrics_5000
from network_page_bench import network_page_2000
from profile_bench import area_profile_10y_60i_80a
from search_bench import search_p95_100k_postgresql, search_p95_100k_sqlite
from search_recall import search_recall5

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH_DB = PROJECT_DIR / "var" / "bench.sqlite3"


def configure_environment() -> None:
    """Point Django at the bench database and production-like settings."""
    database_url = os.environ.get("BENCH_DATABASE_URL")
    if not database_url:
        BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
        BENCH_DB.unlink(missing_ok=True)
        database_url = f"sqlite:///{BENCH_DB}"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)  # production refuses weak keys
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "praeventionsnetz.config.settings"
    # The benchmarks ask anonymously hundreds of times a minute, and measure the API's work,
    # not its cache.
    os.environ["RATELIMIT_ENABLED"] = "0"
    os.environ["API_CACHE_SECONDS"] = "0"


def setup_django() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=sys.stderr)


def start_page(client) -> Result:
    return compare_with_baseline(client, "start_page", "/")


def start_page_berlin_planungsraum(client) -> Result:
    return compare_with_baseline(
        client, "start_page_berlin_planungsraum", "/?stadt=berlin&ebene=planungsraum"
    )


def api_areas_max_page(client) -> Result:
    return compare_with_baseline(
        client, "api_areas_max_page", "/api/areas?city=berlin&level=planungsraum&limit=100"
    )


BENCHMARKS: list[Callable[..., Result | list[Result] | None]] = [
    start_page,
    start_page_berlin_planungsraum,
    api_areas_max_page,
    index_200k,
    area_profile_10y_60i_80a,
    network_metrics_5000,
    network_page_2000,
    search_recall5,
    search_p95_100k_sqlite,
    search_p95_100k_postgresql,
]


def format_result(result: Result) -> str:
    ratio = result.baseline / result.value
    return (
        f"BENCH {result.name} {result.value:.3f} {result.unit} "
        f"baseline={result.baseline:.3f} ratio={ratio:.3f}"
    )


def main() -> int:
    started = time.perf_counter()
    configure_environment()
    setup_django()
    from django.test import Client

    client = Client()
    for benchmark in BENCHMARKS:
        found = benchmark(client)
        for result in found if isinstance(found, list) else [found] if found else []:
            print(format_result(result), flush=True)
    print(f"Benchmarks done in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
