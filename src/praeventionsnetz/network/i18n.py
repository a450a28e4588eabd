"""Messages of the network's pure modules (metrics, hints, dedup) in the reader's language.

Their parameters may be messages themselves (a quoted name, "… (3 more)"), lists of
messages (joined with commas) or numbers, which are written the local way (0,45 in German).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format

from praeventionsnetz.core.i18n import translate
from praeventionsnetz.core.text import Message


def translated(message: Message | str) -> str:
    """The message in the active language, its parameters translated first."""
    if not isinstance(message, Message):
        return message
    params = {
        key: value if key == message.count_param else _param(value)
        for key, value in message.params.items()
    }
    return translate(dataclasses.replace(message, params=params))


def _param(value: Any) -> Any:
    if isinstance(value, Message):
        return translated(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(_param(v)) for v in value)
    if isinstance(value, float | Decimal):
        return number_format(value)
    return value
