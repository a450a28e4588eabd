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

No Django here (an import-linter contract forbids it): these are pure functions. Profiles,
reasons, summaries and errors are `core.text.Message` objects (numbers already formatted the
German way), which the caller translates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import silhouette_samples, silhouette_score

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop

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
    dropped: Mapping[str, Message] = field(default_factory=dict)


def standardise(frame: pd.DataFrame) -> Standardised:
    """z-scores per column (ddof = 0); constant or empty columns are dropped with a reason.

    Missing values stay missing; means and deviations are taken over the areas that have
    a value.
    """
    non_numeric = [str(c) for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if non_numeric:
        raise ValueError(
            Message(
                gettext_noop("Non-numeric columns: %(columns)s."),
                {"columns": ", ".join(non_numeric)},
            )
        )
    data = frame.astype(float)
    means = data.mean()
    stds = data.std(ddof=0)
    dropped: dict[str, Message] = {}
    for column in data.columns:
        if data[column].notna().sum() == 0:
            dropped[str(column)] = Message(
                gettext_noop("“%(column)s” has no value in any area; left out."),
                {"column": str(column)},
            )
        elif not stds[column] > 0:
            dropped[str(column)] = Message(
                gettext_noop(
                    "“%(column)s” is the same in all areas (%(value)s) and does not tell them "
                    "apart; left out."
                ),
                {"column": str(column), "value": _de(means[column], 2)},
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
    dropped: Mapping[str, Message] = field(default_factory=dict)

    @property
    def sizes(self) -> pd.Series:
        return self.labels.value_counts().reindex(self.centres.index, fill_value=0)

    def describe(self, names: Mapping[str, str] | None = None) -> dict[str, Message]:
        """A profile per type from its centre, e.g. "Type A, 4 areas: unemployment rate
        well above the average (z = +1,3); …"; `names` gives the indicators' labels."""
        names = names or {}
        sizes = self.sizes
        profiles: dict[str, Message] = {}
        for name, centre in self.centres.iterrows():
            size = int(sizes[name])
            notable = centre[centre.abs() >= NOTABLE_Z]
            notable = notable.reindex(notable.abs().sort_values(ascending=False).index)
            parts = [
                Message(
                    _SIDES[(z > 0, abs(z) >= STRONG_Z)],
                    {
                        "indicator": names.get(str(indicator), str(indicator)),
                        "z": _de(z, 1, True),
                    },
                )
                for indicator, z in notable.items()
            ]
            singular, plural = ngettext_noop(
                "Type %(name)s, %(count)s area: %(profile)s",
                "Type %(name)s, %(count)s areas: %(profile)s",
            )
            profile = (
                _semicolons(parts)
                if parts
                else Message(gettext_noop("close to the average in all indicators"))
            )
            profiles[str(name)] = Message(
                singular,
                {"name": str(name), "count": size, "profile": profile},
                plural=plural,
                count_param="count",
            )
        return profiles


# (above the average, strongly) → msgid of one indicator in a type profile
_SIDES = {
    (True, True): gettext_noop("%(indicator)s well above the average (z = %(z)s)"),
    (True, False): gettext_noop("%(indicator)s above the average (z = %(z)s)"),
    (False, True): gettext_noop("%(indicator)s well below the average (z = %(z)s)"),
    (False, False): gettext_noop("%(indicator)s below the average (z = %(z)s)"),
}


def _semicolons(items: list[Message]) -> Message:
    """Items separated by semicolons."""
    result = items[-1]
    for item in reversed(items[:-1]):
        # Translators: joins the first of several reasons with the rest.
        result = Message(gettext_noop("%(first)s; %(rest)s"), {"first": item, "rest": result})
    return result


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
        raise ValueError(
            Message(
                gettext_noop("Unknown method “%(method)s”; allowed are kmeans and ward."),
                {"method": method},
            )
        )
    n = len(frame)
    if not 2 <= k < n:
        raise ValueError(
            Message(
                gettext_noop(
                    "The number of types must be at least 2 and less than the number of areas "
                    "(%(n)s), not %(k)s."
                ),
                {"n": n, "k": k},
            )
        )
    std = standardise(frame)
    z = std.values
    if z.shape[1] == 0:
        raise ValueError(
            Message(gettext_noop("No indicator tells the areas apart; no types are possible."))
        )
    incomplete = z.index[z.isna().any(axis=1)]
    if len(incomplete):
        singular, plural = ngettext_noop(
            "Values are missing for %(count)s area (%(areas)s); please complete them or take "
            "the area out of the typology first.",
            "Values are missing for %(count)s areas (%(areas)s); please complete them or take "
            "these areas out of the typology first.",
        )
        raise ValueError(
            Message(
                singular,
                {
                    "count": len(incomplete),
                    "areas": ", ".join(str(a) for a in incomplete[:10]),
                },
                plural=plural,
                count_param="count",
            )
        )
    x = z.to_numpy()
    distinct = len(np.unique(x, axis=0))
    if distinct < k:
        singular, plural = ngettext_noop(
            "Only %(distinct)s area differs in its values; %(k)s types cannot be formed.",
            "Only %(distinct)s areas differ in their values; %(k)s types cannot be formed.",
        )
        raise ValueError(
            Message(singular, {"distinct": distinct, "k": k}, plural=plural, count_param="distinct")
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
    def summary(self) -> Message:
        """E.g. "8 ratings, mean 6,0 (standard deviation 0,9)"."""
        if self.n == 0 or self.mean is None:
            return Message(gettext_noop("No ratings yet"))
        params = {"count": self.n, "mean": _de(self.mean, 1)}
        if self.sd is None:
            singular, plural = ngettext_noop(
                "%(count)s rating, mean %(mean)s", "%(count)s ratings, mean %(mean)s"
            )
        else:
            params["sd"] = _de(self.sd, 1)
            singular, plural = ngettext_noop(
                "%(count)s rating, mean %(mean)s (standard deviation %(sd)s)",
                "%(count)s ratings, mean %(mean)s (standard deviation %(sd)s)",
            )
        return Message(singular, params, plural=plural, count_param="count")


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
                Message(
                    gettext_noop("Ratings outside the scale %(low)s–%(high)s: %(ratings)s."),
                    {
                        "low": _de(low, 0),
                        "high": _de(high, 0),
                        "ratings": ", ".join(_de(v, 1) for v in outside),
                    },
                )
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
