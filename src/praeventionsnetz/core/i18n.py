"""Translation of messages that pure modules return (see core.text)."""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext, ngettext

from praeventionsnetz.core.text import Message


def translate(message: Message | str) -> str:
    """The message in the active language; a plain string passes unchanged.

    Parameters that are messages themselves (a quoted name inside a list, a row error inside
    its row) are translated first.
    """
    if not isinstance(message, Message):
        return message
    message = replace(
        message,
        params={
            key: translate(value) if isinstance(value, Message) else value
            for key, value in message.params.items()
        },
    )
    if message.plural:
        text = ngettext(message.msgid, message.plural, message.params[message.count_param])
    else:
        text = gettext(message.msgid)
    return text % message.params if message.params else text
