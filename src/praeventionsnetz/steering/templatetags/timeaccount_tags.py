"""Filters of the activity log and the time accounts."""

from django import template

from praeventionsnetz.steering.timeaccount import format_minutes

register = template.Library()


@register.filter
def hm(minutes) -> str:
    """Minutes as hours:minutes (1:30); empty for None."""
    if minutes is None or minutes == "":
        return ""
    return format_minutes(int(minutes))


@register.filter
def percent(share) -> str:
    """A share (0…1) as a whole percentage; a dash without one."""
    if share is None:
        return "–"
    return f"{round(share * 100)} %"
