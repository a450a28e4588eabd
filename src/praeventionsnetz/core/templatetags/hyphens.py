from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from praeventionsnetz.core.hyphens import soft_hyphens

register = template.Library()


@register.filter
def hyphenate(value) -> str:
    """Escaped text with soft hyphens in its long words (for headings)."""
    return mark_safe(soft_hyphens(str(conditional_escape(value)), get_language() or "de"))
