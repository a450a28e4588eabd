"""Moran's I for the whole city and LISA per area, with permutation tests and plain findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse, stats

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop
from praeventionsnetz.monitoring.spatial.weights import (
    SpatialWeights,
    as_weights,
)

Quadrant = Literal["HH", "LL", "HL", "LH", "ns"]

# Msgids: the caller translates them.
QUADRANT_LABELS: dict[str, str] = {
    "HH": gettext_noop("Hot spot: high value surrounded by high values"),
    "LL": gettext_noop("Cold spot: low value surrounded by low values"),
    "HL": gettext_noop("Outlier: high value surrounded by low values"),
    "LH": gettext_noop("Outlier: low value surrounded by high values"),
    "ns": gettext_noop("not significant"),
}

# Upper bound for the cells of one permutation block (≈ 32 MB of float64), so that many
# permutations over many areas do not need all memory at once.
_BLOCK_CELLS = 4_000_000


@dataclass(frozen=True)
class GlobalMoran:
    i: float
    expected: float
    variance_normal: float
    z_normal: float
    p_normal: float  # two-sided, under the normality assumption
    p_permutation: float | None  # pseudo p-value; None without permutations
    permutations: int
    n: int
    islands: tuple[int, ...]

    @property
    def summary(self) -> Message:
        """One sentence for the UI."""
        p = self.p_permutation if self.p_permutation is not None else self.p_normal
        statistic = Message(
            gettext_noop("Moran's I = %(i)s, expected %(expected)s, p = %(p)s"),
            {"i": _de(self.i, 2), "expected": _de(self.expected, 3), "p": _de(p, 3)},
        )
        if p > 0.05:
            finding = "none"
        elif self.i > self.expected:
            finding = "clustered"
        else:
            finding = "dispersed"
        if not self.islands:
            return Message(_FINDINGS[finding], {"statistic": statistic})
        singular, plural = _FINDINGS_WITH_ISLANDS[finding]
        return Message(
            singular,
            {"statistic": statistic, "count": len(self.islands)},
            plural=plural,
            count_param="count",
        )


_FINDINGS = {
    "none": gettext_noop("No significant spatial clustering (%(statistic)s)."),
    "clustered": gettext_noop(
        "Spatial clustering: similar values lie next to each other (%(statistic)s)."
    ),
    "dispersed": gettext_noop("Spatial dispersion: high and low values alternate (%(statistic)s)."),
}
_FINDINGS_WITH_ISLANDS = {
    "none": ngettext_noop(
        "No significant spatial clustering (%(count)s area without neighbours) (%(statistic)s).",
        "No significant spatial clustering (%(count)s areas without neighbours) (%(statistic)s).",
    ),
    "clustered": ngettext_noop(
        "Spatial clustering: similar values lie next to each other (%(count)s area without "
        "neighbours) (%(statistic)s).",
        "Spatial clustering: similar values lie next to each other (%(count)s areas without "
        "neighbours) (%(statistic)s).",
    ),
    "dispersed": ngettext_noop(
        "Spatial dispersion: high and low values alternate (%(count)s area without "
        "neighbours) (%(statistic)s).",
        "Spatial dispersion: high and low values alternate (%(count)s areas without "
        "neighbours) (%(statistic)s).",
    ),
}


def morans_i(
    values: Sequence[float] | np.ndarray | pd.Series,
    weights: SpatialWeights | sparse.sparray | sparse.spmatrix | np.ndarray,
    permutations: int = 999,
    seed: int | None = 0,
    *,
    standardise: bool = True,
) -> GlobalMoran:
    """Global Moran's I with analytical and permutation inference.

    With `standardise` (the default, as in GeoDa and PySAL) the weights are row-standardised
    first; otherwise they are used as given. The default seed makes a run reproducible.
    """
    x = _values(values)
    w, islands = as_weights(weights, len(x), standardise)
    n = len(x)
    z = x - x.mean()
    m2 = float(z @ z)
    s0 = float(w.sum())
    if s0 == 0:
        raise ValueError(
            Message(gettext_noop("No area has neighbours; Moran's I cannot be determined."))
        )
    observed = n / s0 * float(z @ (w @ z)) / m2
    expected = -1.0 / (n - 1)

    # Variance under normality (Cliff & Ord 1981).
    wt = w.T
    s1 = 0.5 * float(((w + wt).power(2)).sum())
    row_sums, col_sums = np.asarray(w.sum(axis=1)).ravel(), np.asarray(w.sum(axis=0)).ravel()
    s2 = float(((row_sums + col_sums) ** 2).sum())
    variance = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - expected**2
    z_normal = (observed - expected) / np.sqrt(variance) if variance > 0 else np.nan
    p_normal = float(2 * stats.norm.sf(abs(z_normal))) if np.isfinite(z_normal) else np.nan

    p_perm: float | None = None
    if permutations > 0:
        rng = np.random.default_rng(seed)
        simulated = np.empty(permutations)
        block = max(1, _BLOCK_CELLS // n)
        for start in range(0, permutations, block):
            count = min(block, permutations - start)
            # Each column a random reordering of the deviations.
            zp = rng.permuted(np.broadcast_to(z, (count, n)), axis=1).T
            simulated[start : start + count] = (zp * (w @ zp)).sum(axis=0)
        simulated *= n / s0 / m2
        p_perm = _pseudo_p(observed, simulated)

    return GlobalMoran(
        i=float(observed),
        expected=expected,
        variance_normal=float(variance),
        z_normal=float(z_normal),
        p_normal=p_normal,
        p_permutation=p_perm,
        permutations=int(max(permutations, 0)),
        n=n,
        islands=islands,
    )


@dataclass(frozen=True)
class LocalMoran:
    """Per-area LISA results in `table` (index: the areas, as in the values given).

    Columns: value, deviation (z-score of the value), lag (spatial lag of the deviations;
    with row-standardised weights the neighbours' mean), i (local Moran's I_i), z (I_i
    standardised against its permutations), p (pseudo p-value), quadrant (HH, LL, HL, LH
    or ns), island.
    """

    table: pd.DataFrame
    alpha: float
    permutations: int
    islands: tuple[int, ...]

    def counts(self) -> dict[str, int]:
        """How many areas fall in each quadrant (ns included)."""
        counts = self.table["quadrant"].value_counts()
        return {q: int(counts.get(q, 0)) for q in QUADRANT_LABELS}


def local_morans(
    values: Sequence[float] | np.ndarray | pd.Series,
    weights: SpatialWeights | sparse.sparray | sparse.spmatrix | np.ndarray,
    permutations: int = 999,
    seed: int | None = 0,
    alpha: float = 0.05,
    *,
    standardise: bool = True,
) -> LocalMoran:
    """Local Moran's I_i with conditional permutation pseudo p-values and quadrants.

    Islands get I_i = 0, no z and no p (there is nothing to compare them with) and "ns".
    """
    if permutations < 1:
        raise ValueError(Message(gettext_noop("Local clusters need permutations (at least 1).")))
    if not 0 < alpha < 1:
        raise ValueError(Message(gettext_noop("The significance level must lie between 0 and 1.")))
    x = _values(values)
    w, islands = as_weights(weights, len(x), standardise)
    n = len(x)
    # Standardised so that the lag reads in standard deviations; I_i is scale-free anyway.
    z = (x - x.mean()) / x.std()
    m2 = float(z @ z) / n
    lag = w @ z
    local_i = z * lag / m2

    cardinality = np.diff(w.indptr)
    k_max = int(cardinality.max(initial=0))
    simulated_mean = np.full(n, np.nan)
    simulated_std = np.full(n, np.nan)
    p = np.full(n, np.nan)
    if k_max > 0:
        rng = np.random.default_rng(seed)
        if k_max > n - 1:
            raise ValueError(
                Message(gettext_noop("An area has more neighbours than there are other areas."))
            )
        # For each permutation the first k_max of a random order of the n − 1 other areas;
        # area i takes the first k_i of them. Drawn as positions among "all but i", they are
        # mapped to real positions by skipping i.
        draws = np.argsort(rng.random((permutations, n - 1)), axis=1)[:, :k_max]
        for k in np.unique(cardinality[cardinality > 0]):
            areas = np.flatnonzero(cardinality == k)
            # The k weights of each such area, in CSR order: shape (areas, k).
            starts = w.indptr[areas]
            wk = w.data[starts[:, None] + np.arange(k)]
            for chunk in np.array_split(
                areas, max(1, len(areas) * permutations * k // _BLOCK_CELLS)
            ):
                pos = draws[None, :, :k]
                pos = pos + (pos >= chunk[:, None, None])  # skip area i itself
                rows = np.searchsorted(areas, chunk)
                lag_sim = np.einsum("apk,ak->ap", z[pos], wk[rows])
                sim = z[chunk, None] * lag_sim / m2
                simulated_mean[chunk] = sim.mean(axis=1)
                simulated_std[chunk] = sim.std(axis=1)
                p[chunk] = _pseudo_p(local_i[chunk, None], sim)

    with np.errstate(divide="ignore", invalid="ignore"):
        z_sim = (local_i - simulated_mean) / simulated_std
    significant = np.nan_to_num(p, nan=1.0) <= alpha
    high, high_lag = z > 0, lag > 0
    quadrant = np.select(
        [high & high_lag, ~high & ~high_lag, high & ~high_lag, ~high & high_lag],
        ["HH", "LL", "HL", "LH"],
        default="ns",
    )
    quadrant = np.where(significant, quadrant, "ns")
    is_island = cardinality == 0

    index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(n)
    table = pd.DataFrame(
        {
            "value": x,
            "deviation": z,
            "lag": lag,
            "i": local_i,
            "z": z_sim,
            "p": p,
            "quadrant": quadrant,
            "island": is_island,
        },
        index=index,
    )
    return LocalMoran(table=table, alpha=alpha, permutations=permutations, islands=islands)


def _pseudo_p(observed: np.ndarray | float, simulated: np.ndarray) -> np.ndarray | float:
    """(1 + permutations at least as extreme on the observed side) / (1 + permutations).

    Per row of `simulated` (last axis the permutations); the smaller tail counts, so the
    value is one-sided in the direction the data lean, as in GeoDa and PySAL.
    """
    obs = np.asarray(observed)
    count = simulated.shape[-1]
    # Ties within rounding noise (the same sum added in another order) count as extreme.
    slack = 1e-12 * np.maximum(1.0, np.abs(obs))
    above = (simulated >= obs - slack).sum(axis=-1)
    below = (simulated <= obs + slack).sum(axis=-1)
    result = (np.minimum(above, below) + 1) / (count + 1)
    return float(result) if np.ndim(result) == 0 else result


def _values(values: Sequence[float] | np.ndarray | pd.Series) -> np.ndarray:
    x = np.asarray(values, dtype=float).ravel()
    if len(x) < 3:
        raise ValueError(Message(gettext_noop("Spatial statistics need at least 3 areas.")))
    missing = np.flatnonzero(~np.isfinite(x))
    if len(missing):
        labels = (
            [str(k) for k in values.index[missing]]
            if isinstance(values, pd.Series)
            else [str(i) for i in missing]
        )
        singular, plural = ngettext_noop(
            "The value is missing for %(count)s area (%(areas)s); please remove it from the "
            "values and the neighbourhoods first.",
            "The value is missing for %(count)s areas (%(areas)s); please remove them from the "
            "values and the neighbourhoods first.",
        )
        raise ValueError(
            Message(
                singular,
                {"count": len(missing), "areas": ", ".join(labels[:10])},
                plural=plural,
                count_param="count",
            )
        )
    if np.ptp(x) == 0:
        raise ValueError(
            Message(
                gettext_noop("The value is the same in all areas; there is no spatial pattern.")
            )
        )
    return x


def _de(number: float, digits: int) -> str:
    """German number format: decimal comma, true minus sign."""
    if not np.isfinite(number):
        return "–"
    text = f"{number:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.replace("-", "−")
