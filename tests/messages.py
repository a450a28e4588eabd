"""The messages of the pure modules (core.text.Message) as the pages show them, for tests."""

import re
from contextlib import contextmanager

import pytest
from django.utils import translation

from praeventionsnetz.core.i18n import translate
from praeventionsnetz.core.text import Message
from praeventionsnetz.monitoring.services.messages import error_text


def shown(value, language: str = "de"):
    """A message, an exception's message, or a list or dict of messages, in `language`."""
    with translation.override(language):
        if isinstance(value, BaseException):
            return error_text(value)
        if isinstance(value, list | tuple):
            return [shown(item, language) for item in value]
        if isinstance(value, dict):
            return {key: shown(item, language) for key, item in value.items()}
        if isinstance(value, Message):
            return translate(value)
        return value


def german(value):
    return shown(value, "de")


def english(value):
    return shown(value, "en")


@contextmanager
def raises(kind: type[BaseException], pattern: str):
    """Like pytest.raises(kind, match=pattern), with the pattern matched in German."""
    with pytest.raises(kind) as info:
        yield info
    assert re.search(pattern, german(info.value)), german(info.value)
