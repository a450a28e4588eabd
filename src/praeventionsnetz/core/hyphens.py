"""Soft hyphens in long words, so that a German compound (“Interessenbekundungsverfahren”)
breaks at a syllable on a phone. Browsers hyphenate by themselves only with a dictionary,
which headless and many mobile browsers lack; a soft hyphen (U+00AD) works everywhere and
stays invisible where the line does not break."""

from __future__ import annotations

import re
from functools import cache

import pyphen

SOFT_HYPHEN = "\u00ad"
LONG_WORD = re.compile(r"[^\W\d_]{14,}")


@cache
def _dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="de_DE" if language.startswith("de") else "en_GB", left=3, right=3)


def soft_hyphens(text: str, language: str = "de") -> str:
    """`text` with soft hyphens at the syllables of its words of 14 letters or more."""
    dictionary = _dictionary(language)
    return LONG_WORD.sub(lambda m: dictionary.inserted(m.group(0), hyphen=SOFT_HYPHEN), text)
