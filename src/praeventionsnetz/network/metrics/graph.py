"""Builds the graph every network measure works on, from a tie table and a node table.

The measures are pure functions over an :class:`igraph.Graph` whose vertices carry the
organisation ids as the ``name`` attribute (strings) and any further attributes (sector,
level, …); build one with :func:`graph_from_ties`. No Django import, so the package serves
management commands, services, notebooks and benchmarks alike.

Ties are reported by one side (reporter → partner). A *directed* graph keeps the direction
and so knows reciprocated from one-sided ties; an *undirected* graph treats every tie as
mutual. Duplicate reports of the same tie are merged and self-ties dropped, so every measure
sees a simple graph (weights of merged ties: the maximum, as UCINET's default symmetrising;
intensities are ordinal scores, a sum would count a tie twice because both sides reported it).
All measures are binary: a tie exists or not. Weights are stored on the edges (attribute
``weight``) for display only; ordinal frequency or trust scores are no distances.

Per-node results are numpy arrays in the order of ``g.vs``; whole-network figures are floats
or ``None`` where the measure is undefined (too few nodes or ties), never NaN, so that
``network_summary`` stays valid JSON.

The helpers at the end (vertex ids, tie arrays, the undirected version, natural sort order)
are shared by the other modules of the package.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import igraph as ig
import numpy as np
import pandas as pd

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop

ID_COLUMN = "id"
SOURCE_COLUMN = "source"
TARGET_COLUMN = "target"
WEIGHT_ATTRIBUTE = "weight"
# Ids named in an error message; the rest is summarised as "… (n more)".
MAX_EXAMPLES = 10
TIES, NODES = "ties", "nodes"  # the two tables, for the messages that name them

MISSING_COLUMN = {
    TIES: gettext_noop("The tie table has no column “%(column)s”."),
    NODES: gettext_noop("The node table has no column “%(column)s”."),
}
MISSING_COLUMNS = {
    TIES: gettext_noop("The tie table has no columns %(columns)s."),
    NODES: gettext_noop("The node table has no columns %(columns)s."),
}
EMPTY_COLUMN = {
    TIES: gettext_noop("In the tie table the column “%(column)s” is empty (row %(rows)s)."),
    NODES: gettext_noop("In the node table the column “%(column)s” is empty (row %(rows)s)."),
}


class NetworkInputError(ValueError):
    """Ties or node table unusable (missing column, unknown id, …).

    ``message`` is a :class:`~praeventionsnetz.core.text.Message` for the caller to translate;
    ``str()`` gives the English text.
    """

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def quoted(text: str) -> Message:
    """A name in the quotation marks of the reader's language („…“ in German)."""
    return Message(gettext_noop("“%(text)s”"), {"text": text})


def graph_from_ties(
    ties: pd.DataFrame,
    nodes: pd.DataFrame | None = None,
    directed: bool = False,
    weight: str | None = None,
) -> ig.Graph:
    """A simple graph from an edge list (columns source, target) and an optional node table.

    ``weight`` names a numeric column of ``ties`` stored as edge attribute ``weight``. The node
    table has a column ``id`` and any attribute columns, which become vertex attributes
    (missing values: None); its organisations are kept even without a tie. Every id in the
    ties must then be in the node table (NetworkInputError otherwise: an unknown id is almost
    always a typo or a lost leading zero, and a node without attributes would distort the
    group measures). Ids are compared as strings. Vertex order: the node table, or the ids in
    order of first appearance in the ties.
    """
    required = [SOURCE_COLUMN, TARGET_COLUMN] + ([weight] if weight else [])
    _require_columns(ties, required, TIES)
    source = _id_strings(ties[SOURCE_COLUMN], TIES, SOURCE_COLUMN)
    target = _id_strings(ties[TARGET_COLUMN], TIES, TARGET_COLUMN)

    if nodes is not None:
        _require_columns(nodes, [ID_COLUMN], NODES)
        ids = _id_strings(nodes[ID_COLUMN], NODES, ID_COLUMN)
        duplicated = sorted(set(ids[pd.Series(ids).duplicated().to_numpy()]))
        if duplicated:
            raise NetworkInputError(
                Message(
                    gettext_noop("In the node table an id occurs more than once: %(ids)s."),
                    {"ids": _examples(duplicated)},
                )
            )
        index = pd.Index(ids)
        source_codes, target_codes = index.get_indexer(source), index.get_indexer(target)
        unknown = sorted(
            set(source[source_codes < 0]).union(target[target_codes < 0]), key=natural_key
        )
        if unknown:
            raise NetworkInputError(
                Message(
                    gettext_noop("The tie table names ids that the node table lacks: %(ids)s."),
                    {"ids": _examples(unknown)},
                )
            )
    else:
        # Interleaved, so the order is that of reading the ties row by row.
        codes, index = pd.factorize(np.column_stack([source, target]).ravel())
        source_codes, target_codes = codes[0::2], codes[1::2]
        ids = np.asarray(index, dtype=object)

    frame = pd.DataFrame({"s": source_codes, "t": target_codes})
    if weight:
        values = pd.to_numeric(ties[weight], errors="coerce").to_numpy(dtype=float)
        bad = np.isnan(values)
        if bad.any():
            raise NetworkInputError(
                Message(
                    gettext_noop(
                        "Invalid number in the column “%(column)s” of the tie table (%(values)s)."
                    ),
                    {
                        "column": weight,
                        "values": _examples([str(v) for v in ties[weight].to_numpy()[bad]]),
                    },
                )
            )
        frame["w"] = values
    frame = frame[frame["s"] != frame["t"]]  # an organisation does not cooperate with itself
    if not directed:
        # Undirected: A–B and B–A are one tie; order each pair before merging duplicates.
        low = np.minimum(frame["s"].to_numpy(), frame["t"].to_numpy())
        high = np.maximum(frame["s"].to_numpy(), frame["t"].to_numpy())
        frame = frame.assign(s=low, t=high)
    if weight:
        frame = frame.groupby(["s", "t"], as_index=False, sort=False)["w"].max()
    else:
        frame = frame.drop_duplicates(["s", "t"])

    g = ig.Graph(
        n=len(ids),
        edges=frame[["s", "t"]].to_numpy(dtype=np.int64).tolist(),
        directed=directed,
    )
    g.vs["name"] = [str(i) for i in ids]
    if weight:
        g.es[WEIGHT_ATTRIBUTE] = frame["w"].to_list()
    if nodes is not None:
        for column in nodes.columns:
            if column != ID_COLUMN:
                values = nodes[column].astype(object)
                g.vs[str(column)] = values.where(values.notna(), None).to_list()
    return g


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], table: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if len(missing) == 1:
        raise NetworkInputError(Message(MISSING_COLUMN[table], {"column": missing[0]}))
    if missing:
        names = tuple(quoted(c) for c in missing)
        raise NetworkInputError(Message(MISSING_COLUMNS[table], {"columns": names}))


def _id_strings(column: pd.Series, table: str, name: str) -> np.ndarray:
    values = column.astype(object)
    missing = values.isna() | (values.astype(str).str.strip() == "")
    if missing.any():
        rows = [str(i + 2) for i in np.flatnonzero(missing.to_numpy())]  # +2: header, 1-based
        raise NetworkInputError(
            Message(EMPTY_COLUMN[table], {"column": name, "rows": _examples(rows)})
        )
    return values.astype(str).str.strip().to_numpy(dtype=object)


def _examples(values: Sequence[str]) -> Message | str:
    """The first ids of a list, and how many more there are."""
    shown = ", ".join(values[:MAX_EXAMPLES])
    rest = len(values) - MAX_EXAMPLES
    if rest <= 0:
        return shown
    singular, plural = ngettext_noop("%(shown)s … (%(count)s more)", "%(shown)s … (%(count)s more)")
    return Message(singular, {"shown": shown, "count": rest}, plural=plural, count_param="count")


# ---------------------------------------------------------------------------------------------
# Helpers shared by the measures


def vertex_ids(g: ig.Graph) -> list[str]:
    """Organisation id of every vertex, in the order of ``g.vs`` (the index without names)."""
    if "name" in g.vs.attributes():
        return [str(name) for name in g.vs["name"]]
    return [str(i) for i in range(g.vcount())]


def edge_arrays(g: ig.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Source and target vertex index of every tie, as two integer arrays."""
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    return edges[:, 0], edges[:, 1]


def arcs(g: ig.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Directed ties; an undirected tie becomes two, one each way."""
    source, target = edge_arrays(g)
    if g.is_directed():
        return source, target
    return np.concatenate([source, target]), np.concatenate([target, source])


def is_reciprocated(source: np.ndarray, target: np.ndarray, n: int) -> np.ndarray:
    """Per directed tie: is the reverse tie present? Integer keys instead of a set of pairs."""
    keys = source * n + target
    return np.isin(target * n + source, keys)


def as_undirected(g: ig.Graph) -> ig.Graph:
    """The graph with every tie as mutual, for measures that ignore who reported a tie."""
    return g.as_undirected(mode="collapse") if g.is_directed() else g


def none_if_nan(value: float) -> float | None:
    """An undefined figure as None, so that the summary stays valid JSON."""
    return None if math.isnan(value) else float(value)


def natural_key(value: str) -> tuple[int, int, str]:
    """Sort key: numeric ids by number ("2" before "10"), then text."""
    stripped = value.strip()
    if stripped.isdigit():
        return (0, int(stripped), value)
    return (1, 0, value)
