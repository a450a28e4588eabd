"""Benchmark of the composite index engine (praeventionsnetz.monitoring.indices) on big data.

`index_200k`: 200,000 synthetic areas × 20 indicators × 2 periods (numpy, seeded). One index
over the 20 indicators: varied weights, some directions -1, z-scores, weighted mean,
z-standardised again, four classes (bounds -1, 1, 1.5). Measured: the time of
`indices.compute` for both periods (once per period frame, wide: one row per area, one
column per indicator), i.e. index values, classes and ranks, as one table with the period.

Peers, on the same wide frames, producing the same table (id, value, class, rank, period):
- `pandas_wide` (the line's baseline): the method written plainly in pandas over the wide
  frame: z-scores per column, the weighted sum, z-scores again, pd.cut, rank.
- `numpy_dense`: the same on the frame's numpy matrix (extra field numpy_dense=).
The three run interleaved (the order rotates every run); all three must agree (values on
every row, classes and ranks on every row), otherwise the run exits non-zero. Goal: the
engine at least as fast as pandas_wide (ratio ≥ 1).

Reported: the median of 7 runs each, in seconds.
"""

import statistics
import sys
import time

import numpy as np
import pandas as pd
from benchlib import Result

from praeventionsnetz.monitoring import indices

AREAS = 200_000
INDICATORS = 20
PERIODS = ("2023", "2024")
RUNS = 7
SEED = 20240611
CLASSES = (("sehr niedrig", -1.0), ("mittel", 1.0), ("hoch", 1.5), ("sehr hoch", None))


def definition() -> indices.DefinitionSet:
    keys = [f"i{j:02d}" for j in range(INDICATORS)]
    weights = [(1.0, 2.0, 0.5, 1.5, 3.0)[j % 5] for j in range(INDICATORS)]
    directions = [-1 if j % 4 == 3 else 1 for j in range(INDICATORS)]
    raw = {
        "key": "bench",
        "indices": [
            {
                "key": "bench_index",
                "aggregation": "weighted_mean",
                "result": "zscore",
                "components": [
                    {"key": k, "weight": w, "direction": d, "transformation": "zscore"}
                    for k, w, d in zip(keys, weights, directions, strict=True)
                ],
                # at_most (≤) everywhere, so pd.cut's right-closed intervals match exactly.
                "classes": [
                    {"name": name, "at_most": bound} if bound is not None else {"name": name}
                    for name, bound in CLASSES
                ],
            }
        ],
    }
    return indices.parse_definitions(raw)


def synthetic_data() -> tuple[list[str], dict[str, pd.DataFrame]]:
    """Wide frames per period: areas as rows (id "A000000" …), indicators as columns."""
    rng = np.random.default_rng(SEED)
    keys = [f"i{j:02d}" for j in range(INDICATORS)]
    ids = pd.Index([f"A{i:06d}" for i in range(AREAS)], name="id")
    # Indicators on different scales: shares, rates per 1000, counts.
    loc = rng.uniform(1, 500, INDICATORS)
    scale = loc * rng.uniform(0.05, 0.5, INDICATORS)
    first = rng.normal(loc, scale, size=(AREAS, INDICATORS))
    second = first + rng.normal(0, scale * 0.1, size=(AREAS, INDICATORS))
    frames = {
        period: pd.DataFrame(values, index=ids, columns=keys)
        for period, values in zip(PERIODS, (first, second), strict=True)
    }
    return keys, frames


def engine(definitions: indices.DefinitionSet, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    results = [
        indices.compute(definitions, frame).assign(period=period)
        for period, frame in frames.items()
    ]
    return pd.concat(results, ignore_index=True)


def pandas_wide(index: indices.CompositeIndex, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The method written plainly in pandas over the wide frames."""
    factors = pd.Series({c.key: c.direction * c.weight for c in index.components})
    bins = [-np.inf, *(bound for _, bound in CLASSES[:-1]), np.inf]
    parts = []
    for period, frame in frames.items():
        z = (frame - frame.mean()) / frame.std(ddof=0)
        sums = (z * factors).sum(axis=1) / sum(c.weight for c in index.components)
        values = (sums - sums.mean()) / sums.std(ddof=0)
        classes = pd.cut(values, bins=bins, labels=[name for name, _ in CLASSES], right=True)
        ranks = values.rank(ascending=False, method="min").astype(int)
        part = pd.DataFrame({"value": values, "class": classes, "rank": ranks})
        parts.append(part.reset_index().assign(period=period))
    return pd.concat(parts, ignore_index=True)


def numpy_dense(index: indices.CompositeIndex, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The same on the frames' numpy matrices."""
    factors = np.array([c.direction * c.weight for c in index.components])
    total = sum(c.weight for c in index.components)
    bounds = np.array([bound for _, bound in CLASSES[:-1]])
    names = np.array([name for name, _ in CLASSES], dtype=object)
    parts = []
    for period, frame in frames.items():
        matrix = frame.to_numpy()
        z = (matrix - matrix.mean(axis=0)) / matrix.std(axis=0)
        sums = z @ factors / total
        values = (sums - sums.mean()) / sums.std()
        # Class i holds the values in (bound[i-1], bound[i]].
        classes = names[np.searchsorted(bounds, values, side="left")]
        ranks = np.searchsorted(np.sort(-values), -values, side="left") + 1
        parts.append(
            pd.DataFrame(
                {"id": frame.index, "value": values, "class": classes, "rank": ranks}
            ).assign(period=period)
        )
    return pd.concat(parts, ignore_index=True)


def timed(function) -> tuple[float, pd.DataFrame]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def check_agreement(name: str, ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """Exit unless both tables have the same rows, values, classes and ranks."""
    ours = ours.set_index(["period", "id"]).sort_index()
    theirs = theirs.set_index(["period", "id"]).sort_index()
    if not ours.index.equals(theirs.index):
        sys.exit(f"index_200k: engine and {name} do not cover the same areas and periods")
    if not np.allclose(ours["value"].to_numpy(), theirs["value"].to_numpy()):
        worst = np.abs(ours["value"].to_numpy() - theirs["value"].to_numpy()).max()
        sys.exit(f"index_200k: engine and {name} values differ (up to {worst:g})")
    classes_differ = (ours["class"].astype(str) != theirs["class"].astype(str)).sum()
    ranks_differ = (ours["rank"].to_numpy() != theirs["rank"].to_numpy()).sum()
    if classes_differ or ranks_differ:
        sys.exit(
            f"index_200k: {classes_differ} classes and {ranks_differ} ranks differ between "
            f"engine and {name}"
        )


def index_200k(_client=None) -> Result:
    definitions = definition()
    index = definitions.indices[0]
    _keys, frames = synthetic_data()
    print(
        f"index_200k: {AREAS} areas × {INDICATORS} indicators × {len(PERIODS)} periods",
        file=sys.stderr,
    )
    contenders = {
        "engine": lambda: engine(definitions, frames),
        "pandas_wide": lambda: pandas_wide(index, frames),
        "numpy_dense": lambda: numpy_dense(index, frames),
    }
    times: dict[str, list[float]] = {name: [] for name in contenders}
    results: dict[str, pd.DataFrame] = {}
    names = list(contenders)
    for run in range(RUNS):
        # Each contender goes first, second and third equally often.
        for name in names[run % 3 :] + names[: run % 3]:
            seconds, results[name] = timed(contenders[name])
            times[name].append(seconds)
    for name in ("pandas_wide", "numpy_dense"):
        check_agreement(name, results["engine"], results[name])
    print("index_200k: engine, pandas_wide and numpy_dense agree", file=sys.stderr)
    return Result(
        "index_200k",
        statistics.median(times["engine"]),
        "s",
        statistics.median(times["pandas_wide"]),
        peer="pandas_wide",
        extra=(("numpy_dense", f"{statistics.median(times['numpy_dense']):.3f}"),),
    )


if __name__ == "__main__":
    from benchlib import format_result, peak_memory_mb

    print(format_result(index_200k()), flush=True)
    print(f"MEMORY peak_rss_mb={peak_memory_mb()[0]:.0f}", flush=True)
