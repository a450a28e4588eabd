"""The messages of the pure HSDS modules in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from praeventionsnetz.core.i18n import translate
from praeventionsnetz.core.text import Message
from praeventionsnetz.offers.hsds.problems import Names, Problem


def message_text(message: Message | str) -> str:
    """A message translated, with its ``Names`` in the reader's quotation marks."""
    if isinstance(message, Message) and any(isinstance(v, Names) for v in message.params.values()):
        params = {
            key: ", ".join(_("“%(text)s”") % {"text": name} for name in value.names)
            if isinstance(value, Names)
            else value
            for key, value in message.params.items()
        }
        message = Message(message.msgid, params, message.plural, message.count_param)
    return translate(message)


def problem_text(problem: Problem) -> str:
    """“services.csv, row 2: …” in the reader's language."""
    values = {"file": problem.file, "row": problem.row, "message": message_text(problem.message)}
    if problem.row is not None:
        return _("%(file)s, row %(row)s: %(message)s") % values
    if problem.file:
        return _("%(file)s: %(message)s") % values
    return values["message"]
