"""What every benchmark module shares: the result line and the request helpers.

Kept apart from run.py so that benchmark modules can import it without importing the runner
(run.py is executed as a script, so importing it from a module would load it a second time).
"""

import statistics
import sys
import time
from typing import NamedTuple

BASELINE_PATH = "/health/"
WARMUP = 5
ROUNDS = 50


class Result(NamedTuple):
    name: str
    value: float
    unit: str
    baseline: float


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


def compare_with_baseline(
    client, name: str, path: str, rounds: int = ROUNDS, max_queries: int | None = None
) -> Result:
    """Median latency of PATH and of the baseline view, requests alternating.

    With `max_queries`, exits if one request of PATH (after the warm-up) needs that many SQL
    queries or more.
    """
    for _ in range(WARMUP):
        get_ms(client, path)
        get_ms(client, BASELINE_PATH)
    queries = count_queries(client, path)
    print(f"{name}: {queries} SQL queries per request", file=sys.stderr)
    if max_queries is not None and queries >= max_queries:
        sys.exit(f"{name}: {queries} SQL queries per request, expected fewer than {max_queries}")
    target, baseline = [], []
    for i in range(rounds):
        if i % 2:
            baseline.append(get_ms(client, BASELINE_PATH))
            target.append(get_ms(client, path))
        else:
            target.append(get_ms(client, path))
            baseline.append(get_ms(client, BASELINE_PATH))
    return Result(name, statistics.median(target), "ms", statistics.median(baseline))
