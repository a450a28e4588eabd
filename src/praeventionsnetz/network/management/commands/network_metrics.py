"""Network measures from CSV files into a JSON file; no database involved (pure module only).

Ids in the ties that the node table does not list are an error, not added silently: the node
table is the register of organisations, so an unknown id is almost always a typo or a leading
zero lost in a spreadsheet, and an added node without sector would distort the group measures.
"""

import json
from pathlib import Path

import pandas as pd
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from praeventionsnetz.network.i18n import translated
from praeventionsnetz.network.metrics.graph import ID_COLUMN, NetworkInputError, graph_from_ties
from praeventionsnetz.network.metrics.summary import network_summary

WEIGHT_COLUMN = "weight"

# Per file: it does not exist, it is empty, it cannot be read.
FILE_ERRORS = {
    "ties": (
        gettext_lazy("The tie file “%(path)s” does not exist."),
        gettext_lazy("The tie file “%(path)s” is empty."),
        gettext_lazy("The tie file “%(path)s” cannot be read: %(error)s"),
    ),
    "nodes": (
        gettext_lazy("The node file “%(path)s” does not exist."),
        gettext_lazy("The node file “%(path)s” is empty."),
        gettext_lazy("The node file “%(path)s” cannot be read: %(error)s"),
    ),
}


def _read_csv(path: Path, delimiter: str, what: str) -> pd.DataFrame:
    missing, empty, unreadable = FILE_ERRORS[what]
    try:
        # Everything as text: ids keep their leading zeros; empty cells stay "" (= no value).
        return pd.read_csv(
            path, dtype=str, keep_default_na=False, sep=delimiter, encoding="utf-8-sig"
        )
    except FileNotFoundError as exc:
        raise CommandError(missing % {"path": path}) from exc
    except pd.errors.EmptyDataError as exc:
        raise CommandError(empty % {"path": path}) from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CommandError(unreadable % {"path": path, "error": exc}) from exc


class Command(BaseCommand):
    help = gettext_lazy(
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
        parser.add_argument(
            "--ties", required=True, type=Path, help=_("CSV: source,target[,weight]")
        )
        parser.add_argument("--nodes", type=Path, help=_("CSV: id plus attribute columns."))
        parser.add_argument(
            "--directed",
            action="store_true",
            help=_("Ties are directed (reporter → partner); default: undirected."),
        )
        parser.add_argument(
            "--group-by",
            metavar="COLUMN",
            help=_("Attribute column of --nodes for the E-I index and brokerage (e.g. sector)."),
        )
        parser.add_argument("--output", required=True, type=Path, help=_("JSON file to write."))
        parser.add_argument("--delimiter", default=",", help=_("Field separator (default ',')."))

    def handle(self, *args, **opts):
        group_by = opts["group_by"]
        if group_by and not opts["nodes"]:
            raise CommandError(_("--group-by needs a node table (--nodes) with this column."))
        ties = _read_csv(opts["ties"], opts["delimiter"], "ties")
        nodes = _read_csv(opts["nodes"], opts["delimiter"], "nodes") if opts["nodes"] else None
        if nodes is not None and group_by and group_by not in nodes.columns:
            available = ", ".join(
                _("“%(text)s”") % {"text": c} for c in nodes.columns if c != ID_COLUMN
            )
            if not available:
                raise CommandError(
                    _("The node table has no column “%(column)s” (--group-by) (available: none).")
                    % {"column": group_by}
                )
            raise CommandError(
                _(
                    "The node table has no column “%(column)s” (--group-by) "
                    "(available: %(available)s)."
                )
                % {"column": group_by, "available": available}
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
            message = translated(exc.message)
            if single:
                message = _("%(message)s Is the separator (--delimiter) right?") % {
                    "message": message
                }
            raise CommandError(message) from exc

        try:
            opts["output"].write_text(
                json.dumps(summary, ensure_ascii=False, indent=2, allow_nan=False) + "\n",
                encoding="utf-8",
            )
        except OSError as exc:
            raise CommandError(
                _("The output file “%(path)s” cannot be written: %(error)s")
                % {"path": opts["output"], "error": exc}
            ) from exc
        organisations = ngettext(
            "%(count)s organisation", "%(count)s organisations", summary["n_nodes"]
        ) % {"count": summary["n_nodes"]}
        tie_count = ngettext("%(count)s tie", "%(count)s ties", summary["n_ties"]) % {
            "count": summary["n_ties"]
        }
        self.stdout.write(
            _("Analysed: %(organisations)s, %(ties)s. Result: %(path)s")
            % {"organisations": organisations, "ties": tie_count, "path": opts["output"]}
        )
