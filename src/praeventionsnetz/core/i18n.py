"""Translation of messages that pure modules return (see core.text)."""

from __future__ import annotations

from django.utils.translation import gettext, ngettext

from praeventionsnetz.core.text import Message


def translate(message: Message | str) -> str:
    """The message in the active language; a plain string passes unchanged."""
    if not isinstance(message, Message):
        return message
    if message.plural:
        text = ngettext(message.msgid, message.plural, message.params[message.count_param])
    else:
        text = gettext(message.msgid)
    return text % message.params if message.params else text
