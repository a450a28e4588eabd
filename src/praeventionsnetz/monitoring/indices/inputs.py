"""The input table of an index: reading the figures per area and excluding areas."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from praeventionsnetz.core.tabular import joined, quoted
from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop
from praeventionsnetz.monitoring.indices.definitions import (
    ID_COLUMN,
    DefinitionSet,
    Exclusion,
    InputDataError,
)

# --------------------------------------------------------------------------------------------
# Input data
# --------------------------------------------------------------------------------------------


def _examples(items: Sequence[Message | str], limit: int = 5) -> Message | str:
    shown = joined(list(items[:limit]))
    if len(items) <= limit:
        return shown
    return Message(
        gettext_noop("%(shown)s … (%(total)s in all)"), {"shown": shown, "total": len(items)}
    )


def prepare_input(
    raw: pd.DataFrame, definitions: DefinitionSet, decimal: str = "."
) -> pd.DataFrame:
    """Turn a frame of strings (as read from CSV) into numbers indexed by ``id``.

    Empty cells become NaN (allowed for areas that get excluded anyway); any other text that is
    not a finite number is an error. Columns not needed by the definition are dropped.
    """
    columns = [str(c).strip() for c in raw.columns]
    raw = raw.set_axis(columns, axis=1)
    missing = [c for c in [ID_COLUMN, *definitions.required_columns] if c not in columns]
    if missing:
        singular, plural = ngettext_noop(
            "The input lacks the column %(columns)s.", "The input lacks the columns %(columns)s."
        )
        raise InputDataError(
            Message(
                singular,
                {"columns": quoted(missing), "count": len(missing)},
                plural=plural,
                count_param="count",
            )
        )
    ids = raw[ID_COLUMN].astype("string").str.strip()
    if ids.isna().any() or (ids == "").any():
        raise InputDataError(
            Message(gettext_noop("In the column “id” at least one area number is empty."))
        )
    duplicated = sorted(set(ids[ids.duplicated()]))
    if duplicated:
        raise InputDataError(
            Message(
                gettext_noop("An area number occurs more than once: %(examples)s."),
                {"examples": _examples(duplicated)},
            )
        )
    values = {c: _numbers(raw[c], ids, c, decimal) for c in definitions.required_columns}
    return pd.DataFrame(values, index=pd.Index(ids.to_numpy(dtype=str), name=ID_COLUMN))


def _numbers(column: pd.Series, ids: pd.Series, name: str, decimal: str) -> np.ndarray:
    text = column.astype("string").str.strip().fillna("")
    if decimal != ".":
        text = text.str.replace(decimal, ".", regex=False)
    numbers = pd.to_numeric(text.replace("", pd.NA), errors="coerce").astype(float)
    bad = (text != "") & ~np.isfinite(numbers)
    if bad.any():
        found: list[Message | str] = [
            Message(gettext_noop("%(id)s: “%(value)s”"), {"id": i, "value": v})
            for i, v in zip(ids[bad], column[bad], strict=True)
        ]
        raise InputDataError(
            Message(
                gettext_noop("Invalid number in the column “%(column)s” (%(examples)s)."),
                {"column": name, "examples": _examples(found)},
            )
        )
    return numbers.to_numpy()


def _excluded(data: pd.DataFrame, exclusion: Exclusion) -> np.ndarray:
    mask = data.index.isin(list(exclusion.ids))
    if exclusion.min_inhabitants is not None:
        # An unknown number of inhabitants (NaN) cannot pass a minimum.
        passes = data[exclusion.inhabitants_key] >= exclusion.min_inhabitants
        mask |= ~passes.to_numpy()
    return mask


def select_areas(data: pd.DataFrame, exclusion: Exclusion) -> pd.DataFrame:
    """Drop the excluded areas; the rest must have every value (the frame itself is returned
    when no area is excluded: callers do not change it)."""
    excluded = _excluded(data, exclusion)
    selected = data[~excluded] if excluded.any() else data
    if selected.empty:
        raise InputDataError(Message(gettext_noop("No area is left after the exclusions.")))
    gaps = selected.columns[selected.isna().any()].tolist()
    if gaps:
        column = gaps[0]
        ids = selected.index[selected[column].isna()].tolist()
        raise InputDataError(
            Message(
                gettext_noop("Empty value in the column “%(column)s” (%(examples)s)."),
                {"column": column, "examples": _examples(ids)},
            )
        )
    return selected


def excluded_ids(data: pd.DataFrame, exclusion: Exclusion) -> list[str]:
    """Ids of the areas that :func:`select_areas` drops, in input order."""
    return data.index[_excluded(data, exclusion)].tolist()
