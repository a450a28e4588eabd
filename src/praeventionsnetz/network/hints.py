"""What a coordinator could improve: concrete hints with the evidence behind each.

Pure: pandas in, dataclasses out. The rules follow the Dresden decision's task to
"recognise, describe and improve" cooperation across sectors and levels:
- sector pairs without any tie (a silo boundary);
- isolated actors (no tie at all) and one-sided actors (named by others, never naming, or
  naming others who never name them back);
- single points of failure: actors whose loss splits the network, and bridge ties;
- central actors whose ties are mostly not returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

CENTRAL_SHARE = 0.1  # the top tenth by betweenness counts as central
LOW_RECIPROCITY = 0.34


@dataclass(frozen=True)
class Hint:
    kind: str  # sector_gap, isolate, one_sided, cut_point, bridge, unreciprocated_centre
    title: str
    evidence: str
    nodes: tuple[str, ...] = ()


def _pairs(ties: pd.DataFrame) -> pd.DataFrame:
    return ties[["source", "target"]].drop_duplicates()


def sector_gaps(
    ties: pd.DataFrame, sector_of: Mapping[str, str], labels: Mapping[str, str]
) -> list[Hint]:
    present = set(sector_of.values())
    pairs = _pairs(ties)
    linked = {
        frozenset((sector_of.get(s), sector_of.get(t))) for s, t in pairs.itertuples(index=False)
    }
    hints = []
    ordered = sorted(present)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if frozenset((a, b)) not in linked:
                n_a = sum(1 for v in sector_of.values() if v == a)
                n_b = sum(1 for v in sector_of.values() if v == b)
                hints.append(
                    Hint(
                        "sector_gap",
                        f"Keine Verbindung zwischen {labels.get(a, a)} und {labels.get(b, b)}",
                        f"{n_a} Akteure aus {labels.get(a, a)} und {n_b} aus {labels.get(b, b)}, "
                        "aber keine einzige gemeldete Zusammenarbeit zwischen beiden.",
                    )
                )
    return hints


def isolates_and_one_sided(
    ties: pd.DataFrame, names: Mapping[str, str], answered: set[str]
) -> list[Hint]:
    pairs = _pairs(ties)
    out = pairs.groupby("source").size()
    inc = pairs.groupby("target").size()
    pair_set = set(pairs.itertuples(index=False, name=None))
    hints = []
    for node, name in names.items():
        n_out, n_in = int(out.get(node, 0)), int(inc.get(node, 0))
        if n_out == 0 and n_in == 0:
            hints.append(
                Hint(
                    "isolate",
                    f"{name} ist nicht eingebunden",
                    "Keine gemeldete Zusammenarbeit in dieser Befragung.",
                    (node,),
                )
            )
            continue
        if n_out == 0 and n_in > 0 and node not in answered:
            hints.append(
                Hint(
                    "one_sided",
                    f"{name} wird genannt, hat aber nicht geantwortet",
                    f"{n_in} Organisationen nennen sie als Partner; ihre eigene Sicht fehlt.",
                    (node,),
                )
            )
            continue
        if n_out >= 2:
            returned = sum(1 for s, t in pair_set if s == node and (t, s) in pair_set)
            if returned == 0:
                hints.append(
                    Hint(
                        "one_sided",
                        f"{name}: Zusammenarbeit wird nicht erwidert",
                        f"Nennt {n_out} Partner, von denen keiner sie zurück nennt.",
                        (node,),
                    )
                )
    return hints


def single_points_of_failure(
    articulation_points: Sequence[str],
    bridges: Sequence[Sequence[str]],
    names: Mapping[str, str],
    limit: int = 15,
) -> list[Hint]:
    hints = [
        Hint(
            "cut_point",
            f"{names.get(node, node)} hält das Netz zusammen",
            "Fällt diese Organisation weg, zerfällt das Netz in getrennte Teile "
            "(Artikulationspunkt).",
            (node,),
        )
        for node in list(articulation_points)[:limit]
    ]
    hints += [
        Hint(
            "bridge",
            f"Einzige Verbindung: {names.get(a, a)} – {names.get(b, b)}",
            "Diese eine Beziehung verbindet zwei Teile des Netzes (Brücke); ohne sie "
            "bricht der Kontakt ab.",
            (a, b),
        )
        for a, b in list(bridges)[:limit]
    ]
    return hints


def unreciprocated_centres(
    ties: pd.DataFrame, betweenness: Mapping[str, float], names: Mapping[str, str]
) -> list[Hint]:
    if not betweenness:
        return []
    pairs = _pairs(ties)
    pair_set = set(pairs.itertuples(index=False, name=None))
    ranked = sorted(betweenness.items(), key=lambda kv: -kv[1])
    top = [node for node, value in ranked[: max(1, int(len(ranked) * CENTRAL_SHARE))] if value > 0]
    hints = []
    for node in top:
        mine = [(s, t) for s, t in pair_set if node in (s, t)]
        if len(mine) < 3:
            continue
        mutual = sum(1 for s, t in mine if (t, s) in pair_set) / len(mine)
        if mutual < LOW_RECIPROCITY:
            hints.append(
                Hint(
                    "unreciprocated_centre",
                    f"{names.get(node, node)} ist zentral, aber einseitig",
                    f"Liegt auf vielen Wegen im Netz (Betweenness {betweenness[node]:.2f}".replace(
                        ".", ","
                    )
                    + f"), doch nur {round(mutual * 100)} % ihrer {len(mine)} Beziehungen "
                    "werden von beiden Seiten genannt.",
                    (node,),
                )
            )
    return hints
