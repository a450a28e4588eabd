"""What a coordinator could improve: concrete hints with the evidence behind each.

Pure: pandas in, dataclasses out. The rules follow the Dresden decision's task to
"recognise, describe and improve" cooperation across sectors and levels:
- sector pairs without any tie (a silo boundary);
- isolated actors (no tie at all) and one-sided actors (named by others, never naming, or
  naming others who never name them back);
- single points of failure: actors whose loss splits the network, and bridge ties;
- central actors whose ties are mostly not returned.
Titles and evidence are core.text messages; the caller translates them (network.i18n).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop

CENTRAL_SHARE = 0.1  # the top tenth by betweenness counts as central
LOW_RECIPROCITY = 0.34


@dataclass(frozen=True)
class Hint:
    kind: str  # sector_gap, isolate, one_sided, cut_point, bridge, unreciprocated_centre
    title: Message | str
    evidence: Message | str
    nodes: tuple[str, ...] = ()


def _pairs(ties: pd.DataFrame) -> pd.DataFrame:
    return ties[["source", "target"]].drop_duplicates()


def _counted(singular: str, plural: str, count: int, **params) -> Message:
    return Message(singular, {"count": count, **params}, plural=plural, count_param="count")


def sector_gaps(
    ties: pd.DataFrame, sector_of: Mapping[str, str], labels: Mapping[str, str]
) -> list[Hint]:
    """Sector pairs without a tie; `labels` names the sectors in the reader's language."""
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
                first, second = labels.get(a, a), labels.get(b, b)
                hints.append(
                    Hint(
                        "sector_gap",
                        Message(
                            gettext_noop("No tie between %(first)s and %(second)s"),
                            {"first": first, "second": second},
                        ),
                        Message(
                            gettext_noop(
                                "%(first)s and %(second)s, but not a single reported "
                                "cooperation between the two."
                            ),
                            {
                                "first": _counted(
                                    *ngettext_noop(
                                        "%(count)s actor from %(sector)s",
                                        "%(count)s actors from %(sector)s",
                                    ),
                                    n_a,
                                    sector=first,
                                ),
                                "second": _counted(
                                    *ngettext_noop(
                                        "%(count)s from %(sector)s", "%(count)s from %(sector)s"
                                    ),
                                    n_b,
                                    sector=second,
                                ),
                            },
                        ),
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
                    Message(gettext_noop("%(name)s is not connected"), {"name": name}),
                    Message(gettext_noop("No reported cooperation in this survey.")),
                    (node,),
                )
            )
            continue
        if n_out == 0 and n_in > 0 and node not in answered:
            hints.append(
                Hint(
                    "one_sided",
                    Message(gettext_noop("%(name)s is named but has not answered"), {"name": name}),
                    _counted(
                        *ngettext_noop(
                            "%(count)s organisation names it as a partner; its own view is "
                            "missing.",
                            "%(count)s organisations name it as a partner; its own view is "
                            "missing.",
                        ),
                        n_in,
                    ),
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
                        Message(
                            gettext_noop("%(name)s: cooperation is not returned"), {"name": name}
                        ),
                        _counted(
                            *ngettext_noop(
                                "Names %(count)s partner, who does not name it back.",
                                "Names %(count)s partners, none of whom names it back.",
                            ),
                            n_out,
                        ),
                        (node,),
                    )
                )
    return hints


def single_points_of_failure(
    cut_off_points: Mapping[str, int],
    cut_off_bridges: Mapping[tuple[str, str], int],
    betweenness: Mapping[str, float],
    names: Mapping[str, str],
) -> list[Hint]:
    """Every articulation point and bridge, the most important first: by how many
    organisations drop out of the network's largest part without it, then by betweenness
    (of the bridge's two ends, added), then by name. The page shows the first few and links
    to the whole list."""

    def name(node: str) -> str:
        return names.get(node, node)

    points = sorted(
        cut_off_points.items(),
        key=lambda kv: (-kv[1], -betweenness.get(kv[0], 0.0), name(kv[0]).casefold()),
    )
    hints = [
        Hint(
            "cut_point",
            Message(gettext_noop("%(name)s holds the network together"), {"name": name(node)}),
            _counted(
                *ngettext_noop(
                    "If this organisation drops out, %(count)s organisation loses every "
                    "connection to the rest of the network (articulation point).",
                    "If this organisation drops out, %(count)s organisations lose every "
                    "connection to the rest of the network (articulation point).",
                ),
                count,
            ),
            (node,),
        )
        for node, count in points
    ]
    ties = sorted(
        cut_off_bridges.items(),
        key=lambda kv: (
            -kv[1],
            -(betweenness.get(kv[0][0], 0.0) + betweenness.get(kv[0][1], 0.0)),
            name(kv[0][0]).casefold(),
            name(kv[0][1]).casefold(),
        ),
    )
    hints += [
        Hint(
            "bridge",
            Message(
                gettext_noop("Only tie: %(first)s – %(second)s"),
                {"first": name(a), "second": name(b)},
            ),
            _counted(
                *ngettext_noop(
                    "Without this one tie, %(count)s organisation loses every connection to "
                    "the rest of the network (bridge).",
                    "Without this one tie, %(count)s organisations lose every connection to "
                    "the rest of the network (bridge).",
                ),
                count,
            ),
            (a, b),
        )
        for (a, b), count in ties
    ]
    return hints


def unreciprocated_centres(
    ties: pd.DataFrame, betweenness: Mapping[str, float], names: Mapping[str, str]
) -> list[Hint]:
    """Central actors (the top tenth by betweenness, which the caller computes on the
    undirected graph of all reported ties) with at least three ties, of which fewer than a
    third are named by both sides; the most central first."""
    if not betweenness:
        return []
    pairs = _pairs(ties)
    pair_set = set(pairs.itertuples(index=False, name=None))
    ranked = sorted(betweenness.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    top = [node for node, value in ranked[: max(1, int(len(ranked) * CENTRAL_SHARE))] if value > 0]
    partners: dict[str, set[str]] = {}
    for s, t in pair_set:
        partners.setdefault(s, set()).add(t)
        partners.setdefault(t, set()).add(s)
    hints = []
    for rank, node in enumerate(top, start=1):
        mine = partners.get(node, set())
        if len(mine) < 3:
            continue
        mutual = sum(1 for p in mine if (node, p) in pair_set and (p, node) in pair_set)
        share = mutual / len(mine)
        if share < LOW_RECIPROCITY:
            hints.append(
                Hint(
                    "unreciprocated_centre",
                    Message(
                        gettext_noop("%(name)s is central but one-sided"),
                        {"name": names.get(node, node)},
                    ),
                    _counted(
                        *ngettext_noop(
                            "Rank %(rank)s of %(total)s by betweenness: on %(paths)s %% of the "
                            "shortest connections between two other organisations. Yet only "
                            "%(share)s %% of its %(count)s partner names it and is named by it.",
                            "Rank %(rank)s of %(total)s by betweenness: on %(paths)s %% of the "
                            "shortest connections between two other organisations. Yet only "
                            "%(share)s %% of its %(count)s partners name it and are named by it.",
                        ),
                        len(mine),
                        rank=rank,
                        total=len(ranked),
                        # One decimal, written the reader's way by the caller (4,5 in German).
                        paths=Decimal(f"{betweenness[node] * 100:.1f}"),
                        share=round(share * 100),
                    ),
                    (node,),
                )
            )
    return hints
