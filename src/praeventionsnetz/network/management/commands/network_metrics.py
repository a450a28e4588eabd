"""Network measures from CSV files into a JSON file; no database involved (pure module only).

Ids in the ties that the node table does not list are an error, not added silently: the node
table is the register of organisations, so an unknown id is almost always a typo or a leading
zero lost in a spreadsheet, and an added node without sector would distort the group measures.
"""

import json
from pathlib import Path

import pandas as pd
from django.core.management.base import BaseCommand, CommandError

from praeventionsnetz.network.metrics.graph import ID_COLUMN, NetworkInputError, graph_from_ties
from praeventionsnetz.network.metrics.summary import network_summary

WEIGHT_COLUMN = "weight"


def _read_csv(path: Path, delimiter: str, what: str) -> pd.DataFrame:
    try:
        # Everything as text: ids keep their leading zeros; empty cells stay "" (= no value).
        return pd.read_csv(
            path, dtype=str, keep_default_na=False, sep=delimiter, encoding="utf-8-sig"
        )
    except FileNotFoundError as exc:
        raise CommandError(f"Die {what} „{path}“ gibt es nicht.") from exc
    except pd.errors.EmptyDataError as exc:
        raise CommandError(f"Die {what} „{path}“ ist leer.") from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CommandError(f"Die {what} „{path}“ ist nicht lesbar: {exc}") from exc


class Command(BaseCommand):
    help = (
        "Compute the network measures (density, reciprocity, components, degree "
        "centralisation, articulation points, bridges, E-I index; per organisation degree, "
        "betweenness, eigenvector centrality, E-I index and Gould–Fernandez brokerage) from "
        "a CSV file of ties (source,target[,weight]) and an optional CSV file of "
        "organisations (id plus attribute columns). Writes JSON. Does not touch the database. "
        "Example: praeventionsnetz network_metrics --ties ties.csv --nodes orgs.csv "
        "--directed --group-by sector --output network.json"
    )
    # Pure file-to-file computation: no system checks, which could touch the database.
    requires_system_checks = ()

    def add_arguments(self, parser):
        parser.add_argument("--ties", required=True, type=Path, help="CSV: source,target[,weight]")
        parser.add_argument("--nodes", type=Path, help="CSV: id plus attribute columns.")
        parser.add_argument(
            "--directed",
            action="store_true",
            help="Ties are directed (reporter → partner); default: undirected.",
        )
        parser.add_argument(
            "--group-by",
            metavar="COLUMN",
            help="Attribute column of --nodes for the E-I index and brokerage (e.g. sector).",
        )
        parser.add_argument("--output", required=True, type=Path, help="JSON file to write.")
        parser.add_argument("--delimiter", default=",", help="Field separator (default ',').")

    def handle(self, *args, **opts):
        group_by = opts["group_by"]
        if group_by and not opts["nodes"]:
            raise CommandError("--group-by braucht eine Knotentabelle (--nodes) mit dieser Spalte.")
        ties = _read_csv(opts["ties"], opts["delimiter"], "Verbindungsdatei")
        nodes = (
            _read_csv(opts["nodes"], opts["delimiter"], "Knotendatei") if opts["nodes"] else None
        )
        if nodes is not None and group_by and group_by not in nodes.columns:
            available = ", ".join(f"„{c}“" for c in nodes.columns if c != ID_COLUMN)
            raise CommandError(
                f"Die Spalte „{group_by}“ (--group-by) gibt es in der Knotentabelle nicht "
                f"(vorhanden: {available or 'keine'})."
            )
        try:
            g = graph_from_ties(
                ties,
                nodes,
                directed=opts["directed"],
                weight=WEIGHT_COLUMN if WEIGHT_COLUMN in ties.columns else None,
            )
            summary = network_summary(g, group_by=group_by)
        except NetworkInputError as exc:
            # A single column almost always means the file uses another separator.
            single = ties.shape[1] == 1 or (nodes is not None and nodes.shape[1] == 1)
            hint = " Stimmt das Trennzeichen (--delimiter)?" if single else ""
            raise CommandError(f"{exc}{hint}") from exc

        try:
            opts["output"].write_text(
                json.dumps(summary, ensure_ascii=False, indent=2, allow_nan=False) + "\n",
                encoding="utf-8",
            )
        except OSError as exc:
            raise CommandError(
                f"Die Ausgabedatei „{opts['output']}“ kann nicht geschrieben werden: {exc}"
            ) from exc
        self.stdout.write(
            f"Ausgewertet: {summary['n_nodes']} Organisationen, {summary['n_ties']} "
            f"Verbindungen. Ergebnis: {opts['output']}"
        )
