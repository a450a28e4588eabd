"""Opening hours typed the way people write them: "9–12, 14:30–18" per weekday.

Pure: text in, (opens, closes) pairs out. A day may have several intervals; they must not
overlap and each must open before it closes (the database checks the latter as well).
"bis", "Uhr" and "und" are read as people write them in German; the errors are
``core.text.Message`` objects that the form translates.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from praeventionsnetz.core.text import Message, gettext_noop

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_INTERVAL = re.compile(rf"^\s*{_TIME}\s*(?:uhr)?\s*(?:-|–|—|bis)\s*{_TIME}\s*(?:uhr)?\s*$", re.I)

Interval = tuple[dt.time, dt.time]


class HoursError(ValueError):
    """A day's text that is not a list of opening intervals; ``message`` is for the user."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def _time(hours: str, minutes: str | None) -> dt.time:
    h, m = int(hours), int(minutes or 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise HoursError(
            Message(
                gettext_noop("“%(time)s” is not a time of day."),
                {"time": f"{hours}:{minutes or '00'}"},
            )
        )
    return dt.time(h, m)


def parse_day(text: str) -> list[Interval]:
    """ "9–12, 14:30–18 Uhr" → [(09:00, 12:00), (14:30, 18:00)]; "" → []."""
    intervals: list[Interval] = []
    for part in re.split(r"[,;/]|\bund\b", text.strip()):
        if not part.strip():
            continue
        match = _INTERVAL.match(part)
        if not match:
            raise HoursError(
                Message(
                    gettext_noop(
                        "We do not understand “%(text)s”. Please write it like this: 9–12 or "
                        "9:00–12:30, several times separated by commas."
                    ),
                    {"text": part.strip()},
                )
            )
        opens, closes = _time(*match.group(1, 2)), _time(*match.group(3, 4))
        if opens >= closes:
            raise HoursError(
                Message(
                    gettext_noop("“%(text)s”: the opening time must come before the closing time."),
                    {"text": part.strip()},
                )
            )
        intervals.append((opens, closes))
    intervals.sort()
    for (_, closes), (opens, _) in itertools.pairwise(intervals):
        if opens < closes:
            raise HoursError(Message(gettext_noop("The times overlap.")))
    return intervals


def _clock(value: dt.time) -> str:
    return f"{value.hour}" if value.minute == 0 else f"{value.hour}:{value.minute:02d}"


def format_day(intervals: list[Interval]) -> str:
    """The inverse of parse_day, in the short form people write."""
    return ", ".join(f"{_clock(o)}–{_clock(c)}" for o, c in sorted(intervals))
