"""Benchmarks, run by `make bench`.

Registered in BENCHMARKS below: the page benchmarks of profile_bench.py (the start page of
Dresden and of Berlin's 448 planning areas, Berlin's choropleth, the index page and the area
profile of a synthetic city with 10 years × 60 indicators × 80 areas of observations),
`api_areas_max_page` (this module: the largest page of the area API, 100 of Berlin's planning
areas with full geometry, without the answer cache), `index_200k` (indices_bench.py: the
composite index engine on 200,000 synthetic areas against plain wide pandas and dense numpy),
`network_metrics_5000` (network_bench.py: against plain igraph and NetworkX doing the same work;
two lines), `network_page_2000` (network_page_bench.py: against its own data query; three
lines), `funding_utilisation_10y_20a_200` and `funding_ledger_200` (funding_bench.py: the
utilisation page and one line's ledger with 10 years × 20 areas × 200 applications, against
the trivial /health/live/ page), and
`search_recall5_50q` (search_recall.py: recall in the top 5 of the search's analyzer on 50
written queries against the previous analyzer), and `search_p95_10k_sqlite`,
`search_p95_10k_postgresql`, `search_p95_100k_sqlite` and `search_p95_100k_postgresql`
(search_bench.py: the family search on 10,000 and 100,000 offers against a plain icontains
query and, as `..._vs_fulltext`, against the database's plain full-text search
doing the same look-up; PostgreSQL is skipped with a note when it is not running on
127.0.0.1:5432).

Each benchmark prints one line on stdout (a skipped one none), naming the fair peer measured
in the same run, interleaved with ours:
    BENCH <name> <value> <unit> peer=<peer> baseline=<peer's value> ratio=<baseline/value> …
Pages add p95=, baseline_p95= (the 95th percentiles), queries= (SQL statements per request)
and max_ms=. See benchmarks/README.md for every peer. The last line on stdout gives the peak
resident memory of the run (ru_maxrss of this process and of the page server):
    MEMORY peak_rss_mb=<this process> server_peak_rss_mb=<page server>
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

from benchlib import (
    Result,
    compare_page_with_data_query,
    format_result,
    peak_memory_mb,
    stop_page_server,
)
from funding_bench import funding_pages
from indices_bench import index_200k
from network_bench import network_metrics_5000
from network_page_bench import network_page_2000
from profile_bench import (
    area_profile_10y_60i_80a,
    choropleth_berlin_planungsraum,
    index_page_berlin,
    start_page,
    start_page_berlin_planungsraum,
)
from search_bench import (
    search_p95_10k_postgresql,
    search_p95_10k_sqlite,
    search_p95_100k_postgresql,
    search_p95_100k_sqlite,
)
from search_recall import search_recall5
from throughput_bench import throughput

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH_DB = PROJECT_DIR / "var" / "bench.sqlite3"
MAX_API_QUERIES = 10
# The whole run, demo and synthetic data included, stays well under this.
MEMORY_BUDGET_MB = 1024


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
    os.environ["STATIC_MANIFEST"] = "0"  # pages are measured, not the collected static files
    os.environ["API_CACHE_SECONDS"] = "0"


def setup_django() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=sys.stderr)


def api_areas_max_page(client) -> Result:
    return compare_page_with_data_query(
        client,
        "api_areas_max_page",
        "/api/areas?city=berlin&level=planungsraum&limit=100",
        max_queries=MAX_API_QUERIES,
    )


BENCHMARKS: list[Callable[..., Result | list[Result] | None]] = [
    start_page,
    start_page_berlin_planungsraum,
    choropleth_berlin_planungsraum,
    index_page_berlin,
    area_profile_10y_60i_80a,
    api_areas_max_page,
    index_200k,
    network_metrics_5000,
    network_page_2000,
    funding_pages,
    search_recall5,
    search_p95_10k_sqlite,
    search_p95_10k_postgresql,
    search_p95_100k_sqlite,
    search_p95_100k_postgresql,
    throughput,
]


def main() -> int:
    started = time.perf_counter()
    configure_environment()
    setup_django()
    from django.test import Client

    client = Client()
    # BENCH_ONLY=throughput,start_page runs only the benchmarks named (for a quick look).
    only = {n.strip() for n in os.environ.get("BENCH_ONLY", "").split(",") if n.strip()}
    for benchmark in BENCHMARKS:
        if only and benchmark.__name__ not in only:
            continue
        results = benchmark(client)
        for result in results if isinstance(results, list) else [results]:
            if result is not None:
                print(format_result(result), flush=True)
    stop_page_server()
    own, server = peak_memory_mb()
    print(f"MEMORY peak_rss_mb={own:.0f} server_peak_rss_mb={server:.0f}", flush=True)
    if own > MEMORY_BUDGET_MB:
        print(f"Peak memory {own:.0f} MB is above {MEMORY_BUDGET_MB} MB", file=sys.stderr)
    print(f"Benchmarks done in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
