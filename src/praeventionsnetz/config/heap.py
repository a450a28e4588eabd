"""The garbage collector of a web server process, set once the application is loaded.

Without this, every 4th or 5th request of a big page paid a full collection that walked the
whole start-up heap (Django, pandas, numpy, shapely and the URLconf: several hundred thousand
objects that live as long as the process), 170–300 ms each. `freeze_startup_heap` moves
everything alive after start-up into the permanent generation, which collections skip, and
raises the threshold of the youngest generation, so that a page that builds a few ten thousand
short-lived objects is not interrupted by dozens of collections. Reference cycles are still
collected; the figures are in benchmarks/README (`make bench`).
"""

import gc
import os

# Allocations minus deallocations before a collection of the youngest generation (Python's
# default is 700), and how many collections of one generation make one of the next.
THRESHOLDS = (50_000, 20, 20)


def freeze_startup_heap() -> None:
    """Import every view, collect once, freeze what is left and set the thresholds.

    GC_FREEZE=0 in the environment leaves the collector as Python sets it (to compare).
    """
    if os.environ.get("GC_FREEZE", "1") == "0":
        return
    from django.urls import get_resolver

    # The URLconf imports every view module (and with them pandas, igraph, …), which a
    # server otherwise does on its first request, after the freeze.
    get_resolver().url_patterns  # noqa: B018
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
