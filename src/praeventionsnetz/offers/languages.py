"""Languages of offers: ISO 639-1 codes as stored, names as people read and type them.

Offers store codes ("de", "ar", "uk"); pages show names in the page's language ("Arabisch");
the family search understands a language word in the query ("Elternberatung türkisch").
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from praeventionsnetz.offers.placenames import fold

# The languages families in German cities ask for and offers are held in; English msgids,
# translated where they are shown.
LANGUAGE_NAMES = {
    "de": _("German"),
    "en": _("English"),
    "ar": _("Arabic"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "tr": _("Turkish"),
    "fa": _("Persian (Farsi)"),
    "ku": _("Kurdish"),
    "ps": _("Pashto"),
    "ti": _("Tigrinya"),
    "so": _("Somali"),
    "am": _("Amharic"),
    "pl": _("Polish"),
    "cs": _("Czech"),
    "ro": _("Romanian"),
    "bg": _("Bulgarian"),
    "hu": _("Hungarian"),
    "sq": _("Albanian"),
    "sr": _("Serbian"),
    "hr": _("Croatian"),
    "bs": _("Bosnian"),
    "el": _("Greek"),
    "it": _("Italian"),
    "es": _("Spanish"),
    "pt": _("Portuguese"),
    "fr": _("French"),
    "vi": _("Vietnamese"),
    "zh": _("Chinese"),
    "hi": _("Hindi"),
    "ur": _("Urdu"),
}
# Further words for a language that its names do not give.
ALIASES = {"farsi": "fa", "dari": "fa", "kurmanci": "ku", "kurmandschi": "ku"}
# "türkische", "türkischer", "türkischsprachig": endings a language word may carry.
ENDINGS = ("sprachigen", "sprachiger", "sprachige", "sprachig", "en", "er", "es", "em", "e", "")


def language_name(code: str) -> str:
    """The language's name in the active language; an unknown code is shown as it is."""
    name = LANGUAGE_NAMES.get(code)
    return gettext(name) if name is not None else code


def language_names(codes: Iterable[str]) -> str:
    """ "Deutsch, Arabisch, Ukrainisch" for ["de", "ar", "uk"], in the stored order."""
    return ", ".join(language_name(code) for code in codes)


def language_choices(codes: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(code, name) sorted by name: of ``codes`` (unknown ones included, by code), or of
    every known language."""
    chosen = dict.fromkeys(LANGUAGE_NAMES if codes is None else codes)
    return sorted(((c, language_name(c)) for c in chosen), key=lambda pair: fold(pair[1]))


def _words() -> dict[str, str]:
    """Folded word → code, from the names in English and in the active language."""
    words = dict(ALIASES)
    for code, name in LANGUAGE_NAMES.items():
        for text in (name, gettext(name)):
            # "Persian (Farsi)" → "persian"; "Persisch (Farsi)" → "persisch".
            words.setdefault(fold(text.split("(")[0].strip()), code)
    return words


def language_of_word(word: str) -> str | None:
    """The code of a language word ("türkisch", "Arabische", "englischsprachig"), or None."""
    folded = fold(word)
    if len(folded) < 4:
        return None
    words = _words()
    for ending in ENDINGS:
        if folded.endswith(ending):
            code = words.get(folded[: len(folded) - len(ending)] if ending else folded)
            if code is not None:
                return code
    return None
