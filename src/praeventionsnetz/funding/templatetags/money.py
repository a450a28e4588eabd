"""Amounts in cents shown as euros, e.g. 123456 → “1.234,56 €” in German."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from praeventionsnetz.funding.budget import cents_to_euros

register = template.Library()


@register.filter
def euro(cents: int | None) -> str:
    if cents is None:
        return "–"
    amount = number_format(cents_to_euros(cents), 2, use_l10n=True, force_grouping=True)
    return f"{amount}\u00a0€"


@register.filter
def share(part: int, whole: int) -> str:
    """Per cent of `whole`, rounded, or “–” when there is nothing to share."""
    if not whole:
        return "–"
    return f"{round(100 * part / whole)}\u00a0%"


@register.filter
def get_count(counts: dict, key: str) -> int:
    """The count under `key`, 0 when missing (applications per status)."""
    return counts.get(key, 0)
