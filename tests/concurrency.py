"""Two requests at the same moment, for the races that run on PostgreSQL in CI."""

import threading

import pytest
from django.db import connection

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes one writer at a time; PostgreSQL needs the row locks under test",
)


def together(*calls):
    """Run the calls in threads that start at the same moment; their results (or the
    exceptions they raised) in order."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            start.wait(timeout=10)
            results[i] = call()
        except Exception as exc:  # reported by the caller's assertion on the results
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
