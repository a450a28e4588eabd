"""Small-number suppression: counts below a minimum cell size are never shown.

One function, used by the template filter, the exports and the API alike.
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
