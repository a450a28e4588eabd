"""Showing the messages of the pure analytics modules (see core.text) in the active language.

Their messages may carry other messages as parameters (a line of an explanation inside a
reason, a quoted name inside a list); `translate` translates those first. A stored
message (e.g. an explanation line of a model-area selection) is kept as plain JSON data
and translated when it is shown; text stored before that is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from praeventionsnetz.core.i18n import translate
from praeventionsnetz.core.text import Message


def error_text(exc: BaseException) -> str:
    """The translated message of an exception from a pure module; other exceptions as text."""
    message = getattr(exc, "message", None)
    if not isinstance(message, Message) and exc.args and isinstance(exc.args[0], Message):
        message = exc.args[0]
    return translate(message) if isinstance(message, Message) else str(exc)


def message_data(message: Message | str) -> dict[str, Any] | str:
    """A message as JSON data (msgid, params and, with a plural, plural and count_param)."""
    if not isinstance(message, Message):
        return message
    data: dict[str, Any] = {
        "msgid": message.msgid,
        "params": {key: _plain(value) for key, value in message.params.items()},
    }
    if message.plural:
        data.update(plural=message.plural, count_param=message.count_param)
    return data


def message_from_data(data: Mapping[str, Any] | str) -> Message | str:
    """The message stored by `message_data`; text stored before (German) stays as it is."""
    if not isinstance(data, Mapping):
        return data
    params = {
        key: message_from_data(value) if isinstance(value, Mapping) else value
        for key, value in data.get("params", {}).items()
    }
    return Message(
        data["msgid"],
        params,
        plural=data.get("plural", ""),
        count_param=data.get("count_param", ""),
    )


def stored_text(data: Mapping[str, Any] | str) -> str:
    """A stored message (or old stored text) in the active language."""
    return translate(message_from_data(data))


def _plain(value: Any) -> Any:
    if isinstance(value, Message):
        return message_data(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
