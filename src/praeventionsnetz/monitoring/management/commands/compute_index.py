"""Compute composite indices from a CSV file; no database involved (pure engine only)."""

from pathlib import Path

import pandas as pd
from django.core.management.base import BaseCommand, CommandError

from praeventionsnetz.monitoring import indices

# Enough for any index built from percentages or z-scores; more digits are noise.
DECIMALS = 6


def _read_csv(path: Path, delimiter: str) -> pd.DataFrame:
    try:
        # Everything as text: ids keep their leading zeros, numbers are checked by the engine.
        return pd.read_csv(
            path, dtype=str, keep_default_na=False, sep=delimiter, encoding="utf-8-sig"
        )
    except FileNotFoundError as exc:
        raise CommandError(f"Die Eingabedatei „{path}“ gibt es nicht.") from exc
    except pd.errors.EmptyDataError as exc:
        raise CommandError(f"Die Eingabedatei „{path}“ ist leer.") from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CommandError(f"Die Eingabedatei „{path}“ ist nicht lesbar: {exc}") from exc


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    try:
        frame.to_csv(path, index=False, lineterminator="\n")
    except OSError as exc:
        raise CommandError(
            f"Die Ausgabedatei „{path}“ kann nicht geschrieben werden: {exc}"
        ) from exc


class Command(BaseCommand):
    help = (
        "Compute the composite indices of a JSON definition on a CSV file (column id plus one "
        "column per indicator) and write id,index,value,class,rank (rank 1 = most burdened). "
        "Excluded areas do not appear in the output. Does not touch the database. Example: "
        "praeventionsnetz compute_index --definition data/indices/mss_2019.json "
        "--input indikatoren.csv --output index.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("--definition", required=True, type=Path, help="JSON definition.")
        parser.add_argument("--input", required=True, type=Path, help="CSV with the indicators.")
        parser.add_argument("--output", required=True, type=Path, help="CSV to write.")
        parser.add_argument("--delimiter", default=",", help="Field separator (default ',').")
        parser.add_argument("--decimal", default=".", help="Decimal mark (default '.').")
        parser.add_argument(
            "--sensitivity",
            type=Path,
            metavar="FILE",
            help="Also write each area's rank range with every weight at -50 %% / +50 %%.",
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
            raise CommandError(str(exc)) from exc
        except indices.InputDataError as exc:
            # A single column almost always means the file uses another separator.
            hint = " Stimmt das Trennzeichen (--delimiter)?" if raw.shape[1] == 1 else ""
            raise CommandError(f"{exc}{hint}") from exc

        # Adding 0.0 turns a rounded -0.0 into 0.0, which reads less like an error.
        values = result["value"].round(DECIMALS) + 0.0
        _write_csv(result.assign(value=values), opts["output"])
        if sensitivity is not None:
            _write_csv(sensitivity, opts["sensitivity"])
        excluded = indices.excluded_ids(data, definitions.exclusion)
        keys = ", ".join(index.key for index in definitions.indices)
        message = f"Berechnet: {keys} für {result['id'].nunique()} Gebiete"
        if excluded:
            message += f"; ausgeschlossen ({len(excluded)}): {', '.join(excluded)}"
        self.stdout.write(f"{message}. Ergebnis: {opts['output']}")
