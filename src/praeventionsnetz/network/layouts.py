"""The network map's positions and measures, computed once per city, wave and filter and
kept in NetworkLayout; the drawing reads them from there.

A row is valid while its digest matches the network it was computed for: a hash of the
organisations (id, sector, level) and the reported ties (reporter → partner), plus
LAYOUT_VERSION. A new or removed tie or organisation, or a changed sector, gives another
digest, and the next request computes the layout and measures anew (names do not count:
they change neither). The first request computes; a background task may fill rows ahead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.db import IntegrityError, transaction

from praeventionsnetz.areas.models import Area
from praeventionsnetz.network.drawing.elements import NodeId, Position
from praeventionsnetz.network.drawing.layout import layout
from praeventionsnetz.network.metrics.graph import graph_from_ties, natural_key
from praeventionsnetz.network.metrics.summary import network_summary
from praeventionsnetz.network.models import NetworkLayout, SurveyWave

# Raise when the layout or the measures change, so that kept rows are computed anew.
LAYOUT_VERSION = "1"
SEED = 0
# Larger networks are not drawn (the page asks to choose an area or a sector).
MAX_DRAWN = 2500


@dataclass(frozen=True)
class MapData:
    positions: dict[NodeId, Position]
    summary: dict[str, Any]
    computed: bool  # True when this request computed them, False when read from the cache
    digest: str = ""  # of the network they belong to (see `digest`)


def choice_key(
    *, wave: SurveyWave | None, area: Area | None, sector: str = "", kind: str = ""
) -> str:
    """The filter a layout belongs to, as stored in NetworkLayout.choice."""
    wave_part = str(wave.pk) if wave is not None else "register"
    area_part = str(area.pk) if area is not None else ""
    return f"welle={wave_part};gebiet={area_part};sektor={sector};art={kind}"


def digest(nodes: pd.DataFrame, ties: pd.DataFrame) -> str:
    """Hash of what the layout and the measures depend on (not the names), whatever the
    order of the rows: every row hashed on its own (pandas, vectorised), the row hashes
    sorted and de-duplicated, and those hashed together."""
    node_rows = nodes[["id", "sector", "level"]].astype(str)
    tie_rows = ties[["source", "target"]].astype(str)
    found = hashlib.sha256(LAYOUT_VERSION.encode())
    for frame in (node_rows, tie_rows):
        rows = np.unique(pd.util.hash_pandas_object(frame, index=False).to_numpy())
        found.update(len(rows).to_bytes(8, "little"))
        found.update(rows.tobytes())
    return found.hexdigest()


# What the map page shows of the measures (see templates/network/_summary.html), and per
# organisation its number of ties: the kept row stays small to read.
MAP_FIGURES = ("n_nodes", "n_ties", "density", "reciprocity", "components")
MAP_FIGURES += ("degree_centralization", "ei_index")


def map_summary(summary: dict[str, Any]) -> dict[str, Any]:
    """The part of a `network_summary` the map page needs, with "degree": id → total."""
    if not summary:
        return {}
    kept = {key: summary.get(key) for key in MAP_FIGURES}
    kept["degree"] = {
        node: int(data["degree"]["total"]) for node, data in summary.get("nodes", {}).items()
    }
    return kept


def total_degrees(summary: dict[str, Any]) -> dict[str, int]:
    """Number of ties per organisation id, from `map_summary`."""
    return summary.get("degree", {})


def compute(nodes: pd.DataFrame, ties: pd.DataFrame) -> tuple[dict, dict]:
    """Positions (id → (x, y)) and measures of a network; independent of the row order."""
    ids = sorted(map(str, nodes["id"].tolist()), key=natural_key)
    pairs = sorted(set(zip(ties["source"].tolist(), ties["target"].tolist(), strict=True)))
    positions = layout(ids, pairs, seed=SEED)
    graph = graph_from_ties(ties[["source", "target"]], nodes=nodes, directed=True)
    summary = network_summary(graph, group_by="sector") if len(nodes) else {}
    return positions, map_summary(summary)


def map_data(
    *,
    city: Area,
    wave: SurveyWave | None,
    choice: str,
    nodes: pd.DataFrame,
    ties: pd.DataFrame,
) -> MapData:
    """The kept positions and measures of this network, computed and kept when missing or
    outdated. One query when kept, three when computed."""
    key = digest(nodes, ties)
    kept = (
        NetworkLayout.objects.filter(city=city, choice=choice)
        .values_list("digest", "positions", "summary")
        .first()
    )
    if kept is not None and kept[0] == key:
        positions = {node: (xy[0], xy[1]) for node, xy in kept[1].items()}
        return MapData(positions=positions, summary=kept[2], computed=False, digest=key)
    positions, summary = compute(nodes, ties)
    stored = {node: [x, y] for node, (x, y) in positions.items()}
    try:
        with transaction.atomic():
            NetworkLayout.objects.update_or_create(
                city=city,
                choice=choice,
                defaults={"wave": wave, "digest": key, "positions": stored, "summary": summary},
            )
    except IntegrityError:
        pass  # a request at the same moment stored the same layout first
    return MapData(positions=positions, summary=summary, computed=True, digest=key)
