"""Benchmarks of the start page, run by `make bench`.

Measured: the median latency of `GET /` (Dresden's 64 Stadtteile on the map and in the
table) and of `GET /?stadt=berlin&ebene=planungsraum` (Berlin's 448 planning areas),
through django.test.Client against a fresh SQLite database with the full demo loaded.

Baseline: the median latency of `GET /health/`, a trivial view without database or
template, measured in the same run with the same client. Target and baseline requests
alternate (and swap order every round), so machine noise affects both equally.

Each benchmark prints one line on stdout:
    BENCH <name> <value> <unit> baseline=<value> ratio=<baseline/value>
Diagnostics (load_demo output, SQL query counts) go to stderr.

The database is var/bench.sqlite3, recreated on every run; the developer's database and
DATABASE_URL are never used. Set BENCH_DATABASE_URL to benchmark another database.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH_DB = PROJECT_DIR / "var" / "bench.sqlite3"

BASELINE_PATH = "/health/"
WARMUP = 5
ROUNDS = 50


class Result(NamedTuple):
    name: str
    value: float
    unit: str
    baseline: float


def configure_environment() -> None:
    """Point Django at the bench database and production-like settings."""
    database_url = os.environ.get("BENCH_DATABASE_URL")
    if not database_url:
        BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
        BENCH_DB.unlink(missing_ok=True)
        database_url = f"sqlite:///{BENCH_DB}"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "insecure-key-only-for-the-benchmarks"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "praeventionsnetz.config.settings"


def setup_django() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=sys.stderr)


def get_ms(client, path: str) -> float:
    """One GET request, its latency in milliseconds; exits if the status is not 200."""
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        sys.exit(f"GET {path} returned {response.status_code}, expected 200")
    return elapsed


def count_queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        get_ms(client, path)
    return len(ctx.captured_queries)


def compare_with_baseline(client, name: str, path: str) -> Result:
    """Median latency of PATH and of the baseline view, requests alternating."""
    for _ in range(WARMUP):
        get_ms(client, path)
        get_ms(client, BASELINE_PATH)
    print(f"{name}: {count_queries(client, path)} SQL queries per request", file=sys.stderr)
    target, baseline = [], []
    for i in range(ROUNDS):
        if i % 2:
            baseline.append(get_ms(client, BASELINE_PATH))
            target.append(get_ms(client, path))
        else:
            target.append(get_ms(client, path))
            baseline.append(get_ms(client, BASELINE_PATH))
    return Result(name, statistics.median(target), "ms", statistics.median(baseline))


def start_page(client) -> Result:
    return compare_with_baseline(client, "start_page", "/")


def start_page_berlin_planungsraum(client) -> Result:
    return compare_with_baseline(
        client, "start_page_berlin_planungsraum", "/?stadt=berlin&ebene=planungsraum"
    )


BENCHMARKS: list[Callable[..., Result]] = [start_page, start_page_berlin_planungsraum]


def format_result(result: Result) -> str:
    ratio = result.baseline / result.value
    return (
        f"BENCH {result.name} {result.value:.3f} {result.unit} "
        f"baseline={result.baseline:.3f} ratio={ratio:.3f}"
    )


def main() -> int:
    configure_environment()
    setup_django()
    from django.test import Client

    client = Client()
    for benchmark in BENCHMARKS:
        print(format_result(benchmark(client)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
