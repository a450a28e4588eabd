"""Suggested district typology (Stadtraumtypen) by clustering standardised indicators.

Method
------
Each indicator is turned into z-scores over the areas given (population standard
deviation, ddof = 0, as scikit-learn's StandardScaler), so that every indicator weighs the
same regardless of its unit. Indicators with the same value everywhere cannot tell areas
apart and are left out with a reason. The areas are then grouped into k types by

* **k-means** (scikit-learn, 10 starts, fixed seed, so a run is reproducible), or
* **Ward** hierarchical clustering (deterministic; merges the two groups whose union
  adds the least within-group variance).

The silhouette score (−1 … 1) tells how well the types separate: above about 0.5 the
types are clearly distinct, below about 0.25 the suggestion is weak and the planners'
judgement should carry more weight. The type centres are the mean z-scores of their areas.

Types are named "A", "B", … by descending overall burden: the mean of a type's centre over
all indicators (each turned by its direction when given, +1 = higher means more need), so
that "A" is the most burdened type and names do not depend on the clustering's arbitrary
label numbers. Ties go to the type whose first area comes first.

The result is a suggestion: planners assign the final type by hand, and `agreement`
summarises the experts' ratings of such an assignment.

No Django here (an import-linter contract forbids it): these are pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import silhouette_samples, silhouette_score

Method = Literal["kmeans", "ward"]

# Centre values (in standard deviations) from which a type profile mentions an indicator.
NOTABLE_Z = 0.5
STRONG_Z = 1.0


@dataclass(frozen=True)
class Standardised:
    """z-scores of the usable indicators; `dropped` says which were left out and why."""

    values: pd.DataFrame
    means: pd.Series
    stds: pd.Series
    dropped: Mapping[str, str] = field(default_factory=dict)


def standardise(frame: pd.DataFrame) -> Standardised:
    """z-scores per column (ddof = 0); constant or empty columns are dropped with a reason.

    Missing values stay missing; means and deviations are taken over the areas that have
    a value.
    """
    non_numeric = [str(c) for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if non_numeric:
        raise ValueError(f"Nicht-numerische Spalten: {', '.join(non_numeric)}.")
    data = frame.astype(float)
    means = data.mean()
    stds = data.std(ddof=0)
    dropped: dict[str, str] = {}
    for column in data.columns:
        if data[column].notna().sum() == 0:
            dropped[str(column)] = (
                f"„{column}“ hat in keinem Gebiet einen Wert; nicht berücksichtigt."
            )
        elif not stds[column] > 0:
            dropped[str(column)] = (
                f"„{column}“ ist in allen Gebieten gleich ({_de(means[column], 2)}) und "
                "unterscheidet die Gebiete nicht; nicht berücksichtigt."
            )
    keep = [c for c in data.columns if str(c) not in dropped]
    values = (data[keep] - means[keep]) / stds[keep]
    return Standardised(values=values, means=means[keep], stds=stds[keep], dropped=dropped)


@dataclass(frozen=True)
class Typology:
    """A suggested typology: one type name per area (index as in the input frame)."""

    labels: pd.Series
    centres: pd.DataFrame  # types × indicators, in z units
    burden: pd.Series  # per type, the mean (direction-adjusted) centre value
    silhouette: float
    silhouette_per_area: pd.Series
    method: str
    k: int
    seed: int | None
    dropped: Mapping[str, str] = field(default_factory=dict)

    @property
    def sizes(self) -> pd.Series:
        return self.labels.value_counts().reindex(self.centres.index, fill_value=0)

    def describe(self, names: Mapping[str, str] | None = None) -> dict[str, str]:
        """A German profile per type from its centre, e.g. "Typ A, 4 Gebiete:
        Arbeitslosenquote deutlich über dem Durchschnitt (z = +1,3); …"."""
        names = names or {}
        sizes = self.sizes
        profiles: dict[str, str] = {}
        for name, centre in self.centres.iterrows():
            size = int(sizes[name])
            head = f"Typ {name}, {size} {'Gebiet' if size == 1 else 'Gebiete'}: "
            notable = centre[centre.abs() >= NOTABLE_Z]
            notable = notable.reindex(notable.abs().sort_values(ascending=False).index)
            parts = []
            for indicator, z in notable.items():
                strength = "deutlich " if abs(z) >= STRONG_Z else ""
                side = "über" if z > 0 else "unter"
                label = names.get(str(indicator), str(indicator))
                parts.append(f"{label} {strength}{side} dem Durchschnitt (z = {_de(z, 1, True)})")
            profiles[str(name)] = head + (
                "; ".join(parts) if parts else "bei allen Indikatoren nahe am Durchschnitt"
            )
        return profiles


def suggest_types(
    frame: pd.DataFrame,
    k: int,
    method: Method = "kmeans",
    seed: int | None = 0,
    *,
    directions: Mapping[str, int] | None = None,
) -> Typology:
    """Cluster the areas (rows) into k types over the standardised indicators (columns).

    `directions` (indicator → +1 or −1) only orders the type names by burden; indicators
    not listed count +1. Requires 2 ≤ k < number of areas and complete values.
    """
    if method not in ("kmeans", "ward"):
        raise ValueError(f"Unbekanntes Verfahren „{method}“; erlaubt sind kmeans und ward.")
    n = len(frame)
    if not 2 <= k < n:
        raise ValueError(
            f"Die Zahl der Typen muss mindestens 2 und kleiner als die Zahl der Gebiete "
            f"({n}) sein, nicht {k}."
        )
    std = standardise(frame)
    z = std.values
    if z.shape[1] == 0:
        raise ValueError("Kein Indikator unterscheidet die Gebiete; keine Typen möglich.")
    incomplete = z.index[z.isna().any(axis=1)]
    if len(incomplete):
        shown = ", ".join(str(a) for a in incomplete[:10])
        raise ValueError(
            f"Für {len(incomplete)} Gebiete fehlen Werte ({shown}); diese bitte vorher "
            "ergänzen oder aus der Typisierung herausnehmen."
        )
    x = z.to_numpy()
    distinct = len(np.unique(x, axis=0))
    if distinct < k:
        raise ValueError(
            f"Nur {distinct} Gebiete unterscheiden sich in ihren Werten; "
            f"{k} Typen sind so nicht bildbar."
        )

    if method == "kmeans":
        raw = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
    else:
        raw = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(x)

    centres = z.groupby(raw).mean()
    sign = pd.Series({c: float((directions or {}).get(str(c), 1)) for c in z.columns})
    burden = (centres * sign).mean(axis=1)
    first_area = pd.Series(np.arange(n)).groupby(raw).min()
    # Stable names: highest burden first; the first area's position breaks ties.
    order = sorted(centres.index, key=lambda c: (-round(burden[c], 12), first_area[c]))
    names = {cluster: _type_name(i) for i, cluster in enumerate(order)}

    labels = pd.Series([names[c] for c in raw], index=frame.index, name="type")
    centres = centres.rename(index=names).loc[[names[c] for c in order]]
    centres.index.name = "type"
    burden = burden.rename(index=names).loc[centres.index]
    return Typology(
        labels=labels,
        centres=centres,
        burden=burden,
        silhouette=float(silhouette_score(x, raw)),
        silhouette_per_area=pd.Series(silhouette_samples(x, raw), index=frame.index),
        method=method,
        k=k,
        seed=seed,
        dropped=std.dropped,
    )


@dataclass(frozen=True)
class Agreement:
    """Summary of the experts' ratings; mean and sd are None when not defined."""

    n: int
    mean: float | None
    sd: float | None  # sample standard deviation (ddof = 1), needs two ratings

    @property
    def summary(self) -> str:
        """E.g. "8 Bewertungen, Mittelwert 6,0 (Standardabweichung 0,9)"."""
        if self.n == 0 or self.mean is None:
            return "Noch keine Bewertungen"
        text = f"{self.n} {'Bewertung' if self.n == 1 else 'Bewertungen'}, "
        text += f"Mittelwert {_de(self.mean, 1)}"
        if self.sd is not None:
            text += f" (Standardabweichung {_de(self.sd, 1)})"
        return text


def agreement(
    ratings: Iterable[float | None], scale: tuple[float, float] | None = None
) -> Agreement:
    """n, mean and standard deviation of agreement ratings; missing ratings (None, NaN)
    are not counted. With `scale` (e.g. (1, 7)) ratings outside it are refused."""
    values = np.array([r for r in ratings if r is not None], dtype=float)
    values = values[~np.isnan(values)]
    if scale is not None:
        low, high = scale
        outside = values[(values < low) | (values > high)]
        if len(outside):
            raise ValueError(
                f"Bewertungen außerhalb der Skala {_de(low, 0)}–{_de(high, 0)}: "
                f"{', '.join(_de(v, 1) for v in outside)}."
            )
    n = len(values)
    if n == 0:
        return Agreement(n=0, mean=None, sd=None)
    return Agreement(
        n=n,
        mean=float(values.mean()),
        sd=float(values.std(ddof=1)) if n > 1 else None,
    )


def _type_name(i: int) -> str:
    """A, B, …, Z, AA, AB, … as spreadsheet columns."""
    name = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _de(number: float, digits: int, signed: bool = False) -> str:
    """German number format: decimal comma, true minus sign, optional plus sign."""
    text = f"{number:{'+' if signed else ''},.{digits}f}"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.replace("-", "−")
