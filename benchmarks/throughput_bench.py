"""Throughput under concurrent clients: the family search and an area profile, served by
gunicorn as in production (`praeventionsnetz.config.gunicorn`, one worker per core and one
more), with 10 clients at once against one client.

Each client sends its next request as soon as its previous one is answered, for a fixed time
after a warm-up. The line's value is the wall time per answered request with 10 clients, its
baseline the same with one client; ratio = baseline / value is how many times the throughput
of one client ten clients get (≥ 1.5 on two cores is the goal). The development server
(`runserver`, threaded, as `make run` starts it) is measured the same way as a further peer
(`runserver_ratio`), since it is what ran before.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time

from benchlib import Result, p95

WARMUP_S = 1.5
WINDOW_S = 10.0
CLIENTS = 10


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Server:
    def __init__(self, command: list[str], port: int, env: dict[str, str]) -> None:
        self.port = port
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(port, "/health/live/")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"The server {command[:4]} did not start")
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def gunicorn_server() -> tuple[Server, int]:
    port = _free_port()
    workers = 2 * (os.cpu_count() or 1) + 1
    env = {**os.environ, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "python:praeventionsnetz.config.gunicorn",
        "praeventionsnetz.config.wsgi",
    ]
    return Server(command, port, env), workers


def runserver() -> Server:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "praeventionsnetz",
        "runserver",
        f"127.0.0.1:{port}",
        "--noreload",
        "--skip-checks",
    ]
    return Server(command, port, dict(os.environ))


def load(port: int, path: str, clients: int) -> tuple[float, list[float]]:
    """Answers per second over the window, and every request's latency in ms."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures: list[int] = []
    start_measuring = time.monotonic() + WARMUP_S
    stop = start_measuring + WINDOW_S

    def client(mine: list[float]) -> None:
        while True:
            started = time.monotonic()
            if started >= stop:
                return
            status = _get(port, path)
            ended = time.monotonic()
            if status != 200:
                failures.append(status)
            if started >= start_measuring and ended <= stop:
                mine.append((ended - started) * 1000)

    threads = [threading.Thread(target=client, args=(mine,)) for mine in latencies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        sys.exit(f"GET {path}: {len(failures)} answers were not 200 (e.g. {failures[0]})")
    every = [ms for mine in latencies for ms in mine]
    return len(every) / WINDOW_S, every


def _ratio(port: int, path: str) -> tuple[float, float, list[float]]:
    one, _ = load(port, path, 1)
    many, latencies = load(port, path, CLIENTS)
    return one, many, latencies


def throughput(client) -> list[Result]:
    from praeventionsnetz.areas.models import Area, Level

    stadtteil = Area.objects.filter(city__code="dresden", level=Level.STADTTEIL).order_by("code")[0]
    paths = {
        "throughput_family_search_10c": "/angebote/?stadt=dresden&q=Kita&alter=3",
        "throughput_area_profile_10c": f"/gebiete/{stadtteil.pk}/",
    }
    results: list[Result] = []
    served, workers = gunicorn_server()
    try:
        measured = {name: _ratio(served.port, path) for name, path in paths.items()}
    finally:
        served.stop()
    development = runserver()
    try:
        old = {name: _ratio(development.port, path) for name, path in paths.items()}
    finally:
        development.stop()
    for name, (one, many, latencies) in measured.items():
        old_one, old_many, _ = old[name]
        results.append(
            Result(
                name,
                1000 / many,
                "ms_per_request",
                1000 / one,
                peer="one_client",
                p95=p95(latencies),
                extra=(
                    ("rps_10_clients", f"{many:.1f}"),
                    ("rps_1_client", f"{one:.1f}"),
                    ("workers", str(workers)),
                    ("runserver_ratio", f"{old_many / old_one:.2f}"),
                    ("path", paths[name]),
                ),
            )
        )
    return results
