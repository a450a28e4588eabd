"""What every benchmark module shares: the result line, the page server and the request helpers.

Kept apart from run.py so that benchmark modules can import it without importing the runner
(run.py is executed as a script, so importing it from a module would load it a second time).

Pages are measured over HTTP against one server process (`runserver --noreload
--nothreading`, which serves `config.wsgi.application`, so the server's garbage collector is
set up as in production; see config/heap.py). Their fair peer is the same page's data query
alone: the SQL statements one request of the page runs, recorded once in this process and
then replayed with a plain cursor (every row fetched), without ORM objects, template or HTTP.
Page and peer alternate, and swap order every round.
"""

from __future__ import annotations

import atexit
import http.client
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import NamedTuple

BASELINE_PATH = "/health/live/"
WARMUP = 5
ROUNDS = 50
PAGE_ROUNDS = 60


class Result(NamedTuple):
    """One BENCH line: our value and the fair peer's (`baseline`), measured in the same run.

    `peer` names the peer; `p95` and `baseline_p95` are the 95th percentiles where a value is
    a median of requests; `extra` holds further peers or facts as (name, value) pairs.
    """

    name: str
    value: float
    unit: str
    baseline: float
    peer: str = ""
    p95: float | None = None
    baseline_p95: float | None = None
    extra: tuple[tuple[str, str], ...] = ()


def format_result(result: Result) -> str:
    """BENCH <name> <value> <unit> baseline=<peer's value> ratio=<peer/ours> peer=<peer> …

    The first six fields keep the layout of the older lines; the rest are key=value pairs.
    """
    ratio = result.baseline / result.value if result.value else float("inf")
    line = (
        f"BENCH {result.name} {result.value:.3f} {result.unit} "
        f"baseline={result.baseline:.3f} ratio={ratio:.3f}"
    )
    if result.peer:
        line += f" peer={result.peer}"
    if result.p95 is not None:
        line += f" p95={result.p95:.3f}"
    if result.baseline_p95 is not None:
        line += f" baseline_p95={result.baseline_p95:.3f}"
    for key, value in result.extra:
        line += f" {key}={value}"
    return line


def p95(values: list[float]) -> float:
    """The 95th percentile (linear interpolation between the closest ranks)."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory (ru_maxrss) of this process and of its largest finished child."""
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 1024 / 1024
    return own, children


# --------------------------------------------------------------------------------------------
# In-process requests (django.test.Client) against the /health/live/ view
# --------------------------------------------------------------------------------------------


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
    """Median latency of PATH and of the /health/live/ view, requests alternating.

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
    target, baseline = interleaved(
        lambda: get_ms(client, path), lambda: get_ms(client, BASELINE_PATH), rounds
    )
    return Result(
        name,
        statistics.median(target),
        "ms",
        statistics.median(baseline),
        peer="health_view",
        p95=p95(target),
        baseline_p95=p95(baseline),
    )


def interleaved(
    ours: Callable[[], float], peer: Callable[[], float], rounds: int
) -> tuple[list[float], list[float]]:
    """Both measurements `rounds` times, alternating, the order swapped every round."""
    mine, theirs = [], []
    for i in range(rounds):
        if i % 2:
            theirs.append(peer())
            mine.append(ours())
        else:
            mine.append(ours())
            theirs.append(peer())
    return mine, theirs


# --------------------------------------------------------------------------------------------
# Pages over HTTP against their data query
# --------------------------------------------------------------------------------------------


class PageServer:
    """One `runserver` process on a free local port, serving the bench database."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "praeventionsnetz",
                "runserver",
                f"127.0.0.1:{self.port}",
                "--noreload",
                "--nothreading",
                "--skip-checks",
            ],
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get(BASELINE_PATH)
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    sys.exit("The page server did not start")
                time.sleep(0.2)

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path, headers={"Host": "localhost"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def get_ms(self, path: str) -> float:
        started = time.perf_counter()
        status, _body = self.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            sys.exit(f"GET {path} over HTTP returned {status}, expected 200")
        return elapsed

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


_server: PageServer | None = None


def page_server() -> PageServer:
    """The one server of this run, started on first use and stopped at exit."""
    global _server
    if _server is None:
        _server = PageServer()
        atexit.register(_server.stop)
    return _server


def stop_page_server() -> None:
    """Stop the server (if one was started), so that its peak memory counts as a child's."""
    global _server
    if _server is not None:
        _server.stop()
        _server = None


def data_queries(client, path: str) -> tuple[int, list[tuple[str, object]]]:
    """The number of SQL statements of one in-process request of PATH, and its reads (SELECT
    statements with their parameters)."""
    from django.db import connection

    recorded: list[tuple[str, object]] = []
    count = 0

    def record(execute, sql, params, many, context):
        nonlocal count
        count += 1
        if sql.lstrip().upper().startswith(("SELECT", "WITH")) and not many:
            recorded.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        get_ms(client, path)
    return count, recorded


def replay_ms(queries: list[tuple[str, object]]) -> float:
    """The time of running these statements and fetching every row, in milliseconds."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def compare_page_with_data_query(
    client,
    name: str,
    path: str,
    *,
    max_queries: int,
    rounds: int = PAGE_ROUNDS,
) -> Result:
    """Median and p95 of PATH over HTTP and of its data query alone, alternating.

    Exits if one request of PATH needs `max_queries` SQL queries or more.
    """
    server = page_server()
    for _ in range(WARMUP):
        server.get_ms(path)
        get_ms(client, path)
    count, queries = data_queries(client, path)
    print(f"{name}: {count} SQL queries per request", file=sys.stderr)
    if count >= max_queries:
        sys.exit(f"{name}: {count} SQL queries per request, expected fewer than {max_queries}")
    page, data = interleaved(lambda: server.get_ms(path), lambda: replay_ms(queries), rounds)
    return Result(
        name,
        statistics.median(page),
        "ms",
        statistics.median(data),
        peer="data_query",
        p95=p95(page),
        baseline_p95=p95(data),
        extra=(("queries", str(count)), ("max_ms", f"{max(page):.3f}")),
    )
