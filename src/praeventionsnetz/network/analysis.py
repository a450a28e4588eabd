"""Gathers a network from the database and analyses it with the pure modules."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from praeventionsnetz.areas.models import Area
from praeventionsnetz.network import hints, selectors
from praeventionsnetz.network.i18n import translated
from praeventionsnetz.network.metrics import centrality
from praeventionsnetz.network.metrics.change import compare_waves
from praeventionsnetz.network.metrics.graph import graph_from_ties, vertex_ids
from praeventionsnetz.network.metrics.structure import cut_offs
from praeventionsnetz.network.metrics.summary import network_summary
from praeventionsnetz.network.models import OrgLevel, Sector, SurveyWave


@dataclass
class NetworkView:
    ties: pd.DataFrame
    nodes: pd.DataFrame
    summary: dict[str, Any]
    answered: set[str] = field(default_factory=set)

    @property
    def names(self) -> dict[str, str]:
        return dict(zip(self.nodes["id"].tolist(), self.nodes["label"].tolist(), strict=True))

    @property
    def sectors(self) -> dict[str, str]:
        return dict(zip(self.nodes["id"].tolist(), self.nodes["sector"].tolist(), strict=True))


def network_of(
    *,
    city: Area,
    wave: SurveyWave | None,
    area: Area | None = None,
    sector: str = "",
    kind: str = "",
    measured: bool = True,
) -> NetworkView:
    """The directed network of reported ties, with every invited organisation as a node.

    With `measured=False` the summary stays empty (the map reads it from its cache)."""
    tie_qs = selectors.network_ties(city=city, wave=wave, area=area, sector=sector, kind=kind)
    ties = selectors.ties_frame(tie_qs)
    ids = set(ties["source"].tolist()) | set(ties["target"].tolist())
    answered: set[str] = set()
    if wave is not None:
        invited = wave.invitations.values_list("organisation_id", "answered_at")
        if area is not None and area.pk != city.pk:
            inside = set(selectors.organisations_in(area).values_list("pk", flat=True))
            invited = [(o, a) for o, a in invited if o in inside]
        if sector:
            same = set(
                selectors.Organisation.objects.filter(sector=sector).values_list("pk", flat=True)
            )
            invited = [(o, a) for o, a in invited if o in same]
        ids |= {str(o) for o, _a in invited}
        answered = {str(o) for o, a in invited if a is not None}
    nodes = selectors.nodes_frame([int(i) for i in ids])
    view = NetworkView(ties=ties, nodes=nodes, summary={}, answered=answered)
    if measured and len(nodes):
        view.summary = network_summary_of(view)
    return view


def network_summary_of(view: NetworkView) -> dict[str, Any]:
    """Every measure of the directed network of a view."""
    graph = graph_from_ties(view.ties[["source", "target"]], nodes=view.nodes, directed=True)
    return network_summary(graph, group_by="sector")


def sector_labels() -> dict[str, str]:
    """Sector names in the active language."""
    return {s.value: str(s.label) for s in Sector}


def level_labels() -> dict[str, str]:
    """Level names in the active language."""
    return {s.value: str(s.label) for s in OrgLevel}


def improvement_hints(view: NetworkView) -> list[hints.Hint]:
    """The hints with title and evidence in the active language, each kind ranked by
    importance: betweenness on the undirected graph of all reported ties (who reported a tie
    is partly chance, and a directed path needs every report in its direction, so directed
    betweenness is 0 for most actors of a survey) and how many organisations lose their
    connection to the network without an actor or a tie."""
    names = view.names
    undirected = graph_from_ties(view.ties[["source", "target"]], nodes=view.nodes[["id"]])
    ids = vertex_ids(undirected)
    betweenness = dict(zip(ids, centrality.betweenness(undirected).tolist(), strict=True))
    cut = cut_offs(undirected)
    found = [
        *hints.sector_gaps(view.ties, view.sectors, sector_labels()),
        *hints.single_points_of_failure(cut.points, cut.bridges, betweenness, names),
        *hints.unreciprocated_centres(view.ties, betweenness, names),
        *hints.isolates_and_one_sided(view.ties, names, view.answered),
    ]
    return [
        dataclasses.replace(h, title=translated(h.title), evidence=translated(h.evidence))
        for h in found
    ]


def node_figures(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-node figures by id, whether the summary lists them or maps them."""
    nodes = summary.get("nodes", {})
    if isinstance(nodes, list):
        return {str(n["id"]): n for n in nodes}
    return {str(k): v for k, v in nodes.items()}


def sector_matrix(view: NetworkView) -> tuple[list[tuple[str, str]], list[list[int]]]:
    groups = [(s.value, str(s.label)) for s in Sector]
    index = {key: i for i, (key, _label) in enumerate(groups)}
    counts = [[0] * len(groups) for _ in groups]
    sector_of = view.sectors
    for source, target in view.ties[["source", "target"]].drop_duplicates().itertuples(index=False):
        a, b = sector_of.get(source), sector_of.get(target)
        if a in index and b in index:
            counts[index[a]][index[b]] += 1
    return groups, counts


@dataclass
class Comparison:
    before: SurveyWave
    after: SurveyWave
    changes: list[tuple[str, Any, Any, Any]]  # (measure, before, after, delta)
    gained: list[tuple[str, str]]
    lost: list[tuple[str, str]]
    joined: list[str]
    left: list[str]


MEASURE_LABELS = {
    "nodes": _("Organisations"),
    "ties": pgettext_lazy("measure", "Ties"),
    "n_nodes": _("Organisations"),
    "n_ties": pgettext_lazy("measure", "Ties"),
    "density": _("Density"),
    "reciprocity": _("Reciprocity"),
    "components": pgettext_lazy("network", "Components"),
    "isolates": _("Isolated actors"),
    "degree_centralization": _("Centralisation"),
    "ei_index": _("E-I index (sectors)"),
    "cross_group_share": _("Share of ties across sectors"),
}


def compare(
    *, city: Area, before: SurveyWave, after: SurveyWave, area: Area | None = None
) -> Comparison:
    """What changed between two waves: measures, ties gained and lost, actors joined and left."""
    first = network_of(city=city, wave=before, area=area, measured=False)
    second = network_of(city=city, wave=after, area=area, measured=False)
    graphs = [
        graph_from_ties(v.ties[["source", "target"]], nodes=v.nodes, directed=True)
        for v in (first, second)
    ]
    result = compare_waves(graphs[0], graphs[1], group_by="sector")
    names = {**first.names, **second.names}
    changes = [
        (str(MEASURE_LABELS.get(key, key)), change.before, change.after, change.delta)
        for key, change in result.changes.items()
    ]
    return Comparison(
        before=before,
        after=after,
        changes=changes,
        gained=[(names.get(a, a), names.get(b, b)) for a, b in result.ties_gained],
        lost=[(names.get(a, a), names.get(b, b)) for a, b in result.ties_lost],
        joined=[names.get(n, n) for n in result.nodes_joined],
        left=[names.get(n, n) for n in result.nodes_left],
    )
