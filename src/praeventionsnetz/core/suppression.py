"""Small-number suppression: counts below a minimum cell size are never shown.

One place, used by the template filter, the exports and the API alike. A rate is
suppressed when its numerator is a small count, since the share would reveal it.
"""

DEFAULT_MIN_CELL = 3


def suppress(
    value: int | float | None, *, min_cell: int = DEFAULT_MIN_CELL
) -> str | int | float | None:
    """The value itself, or "<min_cell" when it is a count below the minimum cell size.

    Zero is shown: an empty cell reveals nothing about a person.
    """
    if value is None:
        return None
    if 0 < value < min_cell:
        return f"<{min_cell}"
    return value


def is_suppressed(
    *, kind: str, value: float | None, numerator: float | None, min_cell: int
) -> bool:
    """Whether an observation must be hidden: a small count, or a rate over a small count."""
    if kind == "count":
        return value is not None and 0 < value < min_cell
    if kind == "rate":
        return numerator is not None and 0 < numerator < min_cell
    return False


def suppressed_label(min_cell: int) -> str:
    return f"<{min_cell}"
