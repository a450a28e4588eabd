"""Compute composite indices from a CSV file; no database involved (pure engine only)."""

from pathlib import Path

import pandas as pd
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.monitoring import indices
from praeventionsnetz.monitoring.services.messages import error_text

# Enough for any index built from percentages or z-scores; more digits are noise.
DECIMALS = 6


def _read_csv(path: Path, delimiter: str) -> pd.DataFrame:
    try:
        # Everything as text: ids keep their leading zeros, numbers are checked by the engine.
        return pd.read_csv(
            path, dtype=str, keep_default_na=False, sep=delimiter, encoding="utf-8-sig"
        )
    except FileNotFoundError as exc:
        raise CommandError(_("The input file “%(path)s” does not exist.") % {"path": path}) from exc
    except pd.errors.EmptyDataError as exc:
        raise CommandError(_("The input file “%(path)s” is empty.") % {"path": path}) from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CommandError(
            _("The input file “%(path)s” cannot be read: %(error)s") % {"path": path, "error": exc}
        ) from exc


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    try:
        frame.to_csv(path, index=False, lineterminator="\n")
    except OSError as exc:
        raise CommandError(
            _("The output file “%(path)s” cannot be written: %(error)s")
            % {"path": path, "error": exc}
        ) from exc


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property: argparse needs a plain string in the active language, not a lazy one.
        return _(
            "Compute the composite indices of a JSON definition on a CSV file (column id plus "
            "one column per indicator) and write id,index,value,class,rank (rank 1 = most "
            "burdened). Excluded areas do not appear in the output. Does not touch the "
            "database. Example: praeventionsnetz compute_index --definition "
            "data/indices/mss_2019.json --input indikatoren.csv --output index.csv"
        )

    def add_arguments(self, parser):
        parser.add_argument("--definition", required=True, type=Path, help=_("JSON definition."))
        parser.add_argument("--input", required=True, type=Path, help=_("CSV with the indicators."))
        parser.add_argument("--output", required=True, type=Path, help=_("CSV to write."))
        parser.add_argument("--delimiter", default=",", help=_("Field separator (default ',')."))
        parser.add_argument("--decimal", default=".", help=_("Decimal mark (default '.')."))
        parser.add_argument(
            "--sensitivity",
            type=Path,
            metavar="FILE",
            # argparse fills in help texts with %, hence %%.
            help=_("Also write each area's rank range with every weight at -50 %% / +50 %%."),
        )

    def handle(self, *args, **opts):
        try:
            definitions = indices.load_definitions(opts["definition"])
            raw = _read_csv(opts["input"], opts["delimiter"])
            data = indices.prepare_input(raw, definitions, decimal=opts["decimal"])
            result = indices.compute(definitions, data)
            sensitivity = (
                indices.sensitivity_all(definitions, data) if opts["sensitivity"] else None
            )
        except indices.DefinitionError as exc:
            raise CommandError(error_text(exc)) from exc
        except indices.InputDataError as exc:
            # A single column almost always means the file uses another separator.
            if raw.shape[1] == 1:
                raise CommandError(
                    _("%(error)s Is the field separator right (--delimiter)?")
                    % {"error": error_text(exc)}
                ) from exc
            raise CommandError(error_text(exc)) from exc

        # Adding 0.0 turns a rounded -0.0 into 0.0, which reads less like an error.
        values = result["value"].round(DECIMALS) + 0.0
        _write_csv(result.assign(value=values), opts["output"])
        if sensitivity is not None:
            _write_csv(sensitivity, opts["sensitivity"])
        excluded = indices.excluded_ids(data, definitions.exclusion)
        count = result["id"].nunique()
        params = {
            "keys": ", ".join(index.key for index in definitions.indices),
            "count": count,
            "excluded_count": len(excluded),
            "excluded": ", ".join(excluded),
            "output": opts["output"],
        }
        if excluded:
            message = ngettext(
                "Computed: %(keys)s for %(count)s area; excluded (%(excluded_count)s): "
                "%(excluded)s. Result: %(output)s",
                "Computed: %(keys)s for %(count)s areas; excluded (%(excluded_count)s): "
                "%(excluded)s. Result: %(output)s",
                count,
            )
        else:
            message = ngettext(
                "Computed: %(keys)s for %(count)s area. Result: %(output)s",
                "Computed: %(keys)s for %(count)s areas. Result: %(output)s",
                count,
            )
        self.stdout.write(message % params)
