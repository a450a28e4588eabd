"""Messages from modules that do not import Django: an English msgid with named parameters.

Pure modules (analytics, parsers) cannot call gettext, so they hand a `Message` to their
caller, which translates it with `core.i18n.translate`. Wrap every msgid in `gettext_noop`
so that `make messages` finds it; `ngettext_noop` marks a message with a plural.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def gettext_noop(msgid: str) -> str:
    """Marks a msgid for the catalogue; translation happens where the message is shown."""
    return msgid


@dataclass(frozen=True)
class Message:
    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)
    # For a message with a plural: the plural msgid and the parameter that counts.
    plural: str = ""
    count_param: str = ""

    def __str__(self) -> str:
        """The English text, for logs and for callers outside a request."""
        if self.plural and self.params.get(self.count_param) != 1:
            return self.plural % self.params
        return self.msgid % self.params if self.params else self.msgid


def ngettext_noop(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with a plural for the catalogue."""
    return singular, plural


def tel_number(phone: str) -> str:
    """A phone number as written ("0351 / 488-0") for a tel: link: its digits and one
    leading +, nothing else."""
    number = "".join(c for c in phone if c.isdigit() or c == "+")
    return number[:1] + number[1:].replace("+", "")
