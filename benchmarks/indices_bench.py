"""Benchmark of the composite index engine (praeventionsnetz.monitoring.indices) on big data.

`index_200k`: 200,000 synthetic areas × 20 indicators × 2 periods (numpy, seeded). One index
over the 20 indicators: varied weights, some directions -1, z-scores, weighted mean,
z-standardised again, four classes (bounds -1, 1, 1.5). Measured: the time of
`indices.compute` for both periods (once per period frame, wide: one row per area, one
column per indicator), i.e. index values, classes and ranks.

Baseline: a straightforward pandas groupby implementation of the same method on the same
data in long format (columns period, id, indicator, value; 8,000,000 rows, text columns as
read from a CSV file): z-scores per (period, indicator), times direction × weight, sum per
(period, id) divided by the weight sum, standardised again per period, pd.cut into the
classes, ranked per period. Both results must agree (values on every row, classes and ranks
on a sample); otherwise the run exits non-zero.

Reported: the median of 3 runs each, in seconds.
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
RUNS = 3
SEED = 20240611
SAMPLE = 10_000
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


def long_format(keys: list[str], frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The same data as one row per period, area and indicator."""
    parts = [
        pd.DataFrame(
            {
                "period": np.full(AREAS * INDICATORS, period),
                "id": np.repeat(frame.index.to_numpy(), INDICATORS),
                "indicator": np.tile(keys, AREAS),
                "value": frame.to_numpy().ravel(),
            }
        )
        for period, frame in frames.items()
    ]
    return pd.concat(parts, ignore_index=True)


def engine(definitions: indices.DefinitionSet, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    results = [
        indices.compute(definitions, frame).assign(period=period)
        for period, frame in frames.items()
    ]
    return pd.concat(results, ignore_index=True)


def groupby_baseline(index: indices.CompositeIndex, long: pd.DataFrame) -> pd.DataFrame:
    """The textbook pandas version: period, id, value, class, rank."""
    factors = {c.key: c.direction * c.weight for c in index.components}
    total_weight = sum(c.weight for c in index.components)
    by_indicator = long.groupby(["period", "indicator"])["value"]
    z = (long["value"] - by_indicator.transform("mean")) / by_indicator.transform("std", ddof=0)
    parts = long[["period", "id"]].assign(part=z * long["indicator"].map(factors))
    sums = parts.groupby(["period", "id"])["part"].sum() / total_weight
    by_period = sums.groupby(level="period")
    values = (sums - by_period.transform("mean")) / by_period.transform("std", ddof=0)
    bins = [-np.inf, *(bound for _, bound in CLASSES[:-1]), np.inf]
    classes = pd.cut(values, bins=bins, labels=[name for name, _ in CLASSES], right=True)
    ranks = values.groupby(level="period").rank(ascending=False, method="min").astype(int)
    return pd.DataFrame({"value": values, "class": classes, "rank": ranks}).reset_index()


def timed(function, *args) -> tuple[float, pd.DataFrame]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def check_agreement(engine_result: pd.DataFrame, baseline_result: pd.DataFrame) -> None:
    ours = engine_result.set_index(["period", "id"]).sort_index()
    theirs = baseline_result.set_index(["period", "id"]).sort_index()
    if not ours.index.equals(theirs.index):
        sys.exit("index_200k: engine and baseline do not cover the same areas and periods")
    if not np.allclose(ours["value"].to_numpy(), theirs["value"].to_numpy()):
        worst = np.abs(ours["value"].to_numpy() - theirs["value"].to_numpy()).max()
        sys.exit(f"index_200k: engine and baseline values differ (up to {worst:g})")
    sample = np.random.default_rng(SEED).choice(len(ours), SAMPLE, replace=False)
    ours, theirs = ours.iloc[sample], theirs.iloc[sample]
    classes_differ = (ours["class"].astype(str) != theirs["class"].astype(str)).sum()
    ranks_differ = (ours["rank"].to_numpy() != theirs["rank"].to_numpy()).sum()
    if classes_differ or ranks_differ:
        sys.exit(
            f"index_200k: of {SAMPLE} sampled rows, {classes_differ} classes and "
            f"{ranks_differ} ranks differ between engine and baseline"
        )


def index_200k(_client=None) -> Result:
    definitions = definition()
    keys, frames = synthetic_data()
    long = long_format(keys, frames)
    print(
        f"index_200k: {AREAS} areas × {INDICATORS} indicators × {len(PERIODS)} periods "
        f"({len(long)} rows in long format)",
        file=sys.stderr,
    )
    engine_times, baseline_times = [], []
    for _ in range(RUNS):
        seconds, engine_result = timed(engine, definitions, frames)
        engine_times.append(seconds)
        seconds, baseline_result = timed(groupby_baseline, definitions.indices[0], long)
        baseline_times.append(seconds)
    check_agreement(engine_result, baseline_result)
    print("index_200k: engine and groupby baseline agree", file=sys.stderr)
    return Result(
        "index_200k", statistics.median(engine_times), "s", statistics.median(baseline_times)
    )
