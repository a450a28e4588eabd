"""Soft hyphens in long headings: German compounds break at syllables on a phone."""

from django.template import Context, Template
from django.utils import translation

from praeventionsnetz.core.hyphens import SOFT_HYPHEN, soft_hyphens


def test_long_german_words_get_soft_hyphens_at_syllables():
    text = soft_hyphens("Neues Interessenbekundungsverfahren", "de")
    assert text.replace(SOFT_HYPHEN, "") == "Neues Interessenbekundungsverfahren"
    assert "kun" + SOFT_HYPHEN + "dungs" + SOFT_HYPHEN + "ver" in text
    assert SOFT_HYPHEN not in soft_hyphens("Neue Ausschreibung", "de")  # short words stay


def test_the_filter_escapes_before_it_hyphenates():
    with translation.override("de"):
        out = Template("{% load hyphens %}{{ t|hyphenate }}").render(
            Context({"t": '<script>alert("Sozialraumkoordination")</script>'})
        )
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "raum" + SOFT_HYPHEN in out
    assert SOFT_HYPHEN in out
