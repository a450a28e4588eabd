"""Classes for choropleth maps (mapclassify), with legend labels in German number notation.

Scheme names are msgids and legend labels `core.text.Message` objects; the caller translates
them.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import mapclassify
import numpy as np

from praeventionsnetz.core.text import Message, gettext_noop

SCHEMES = {
    "quantiles": gettext_noop("Quantiles (the same number of areas per class)"),
    "natural_breaks": gettext_noop("Natural breaks (Jenks)"),
    "std_mean": gettext_noop("Standard deviations around the mean"),
    "equal_interval": gettext_noop("Equal intervals"),
}


@dataclass(frozen=True)
class Classification:
    scheme: str
    bins: tuple[float, ...]  # upper bounds
    classes: tuple[int | None, ...]  # class per value; None where the value is missing
    counts: tuple[int, ...]
    lower: float

    def labels(self, decimals: int = 1) -> list[Message]:
        labels = []
        low = self.lower
        for high in self.bins:
            labels.append(
                Message(
                    gettext_noop("%(low)s to %(high)s"),
                    {"low": _de(low, decimals), "high": _de(high, decimals)},
                )
            )
            low = high
        return labels


def _de(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def classify(
    values: Sequence[float | None], *, scheme: str = "quantiles", k: int = 5
) -> Classification:
    """Class of each value; missing values stay without class."""
    if scheme not in SCHEMES:
        raise ValueError(
            Message(gettext_noop("Unknown classification “%(scheme)s”."), {"scheme": scheme})
        )
    data = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    known = data[~np.isnan(data)]
    if known.size == 0:
        return Classification(scheme, (), tuple(None for _ in values), (), 0.0)
    distinct = np.unique(known).size
    k = max(1, min(k, distinct))
    with warnings.catch_warnings():
        # mapclassify warns when it lowers k for ties and when numba is missing; the legend
        # shows the classes it made, so neither needs the user's attention.
        warnings.simplefilter("ignore", UserWarning)
        classifier = _classifier(known, scheme, k)
    bins = tuple(float(b) for b in classifier.bins)
    yb = iter(int(c) for c in classifier.yb)
    classes = tuple(None if np.isnan(v) else next(yb) for v in data)
    counts = tuple(int(c) for c in classifier.counts)
    return Classification(scheme, bins, classes, counts, float(known.min()))


def _classifier(known: np.ndarray, scheme: str, k: int):
    if k == 1:
        return mapclassify.UserDefined(known, [float(known.max())])
    if scheme == "quantiles":
        return mapclassify.Quantiles(known, k=k)
    if scheme == "natural_breaks":
        return mapclassify.FisherJenks(known, k=k)
    if scheme == "std_mean":
        return mapclassify.StdMean(known, multiples=[-1, -0.5, 0.5, 1])
    return mapclassify.EqualInterval(known, k=k)
