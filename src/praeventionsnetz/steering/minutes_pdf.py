"""The minutes of a meeting as an A4 PDF to sign: attendance, agenda, minutes, decisions,
action items and lines for the chair's and the minutes taker's signatures.

WeasyPrint (the engine of the reports too) is imported only when a PDF is made, so the rest
of the application runs without it. Fonts come from the machine (fontconfig: DejaVu or
Liberation); nothing is downloaded, and the HTML loads no resource at all. The page's CSS
is steering/minutes_pdf.css beside the HTML template.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from praeventionsnetz.steering.invitations import meeting_title
from praeventionsnetz.steering.meetings import attendance_of, members_on
from praeventionsnetz.steering.models import AttendanceStatus, Meeting, MembershipRole


def minutes_context(meeting: Meeting) -> dict:
    attendance = attendance_of(meeting)
    day = timezone.localdate(meeting.starts_at)
    chair = next(
        (m.person for m in members_on(meeting.committee, day) if m.role == MembershipRole.CHAIR),
        None,
    )
    return {
        "meeting": meeting,
        "title": meeting_title(meeting),
        "starts": timezone.localtime(meeting.starts_at),
        "ends": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
        # Guests are everyone present who held no seat that day, whatever was ticked.
        "present": [r for r in attendance.members if r.status == AttendanceStatus.PRESENT],
        "excused": attendance.of(AttendanceStatus.EXCUSED),
        "absent": attendance.of(AttendanceStatus.ABSENT),
        "guests": [
            r
            for r in attendance.guests
            if r.status in (AttendanceStatus.PRESENT, AttendanceStatus.GUEST)
        ],
        "not_recorded": [r for r in attendance.members if not r.status],
        "agenda": list(meeting.agenda_items.order_by("order", "pk")),
        "decisions": list(meeting.decisions.select_related("agenda_item").order_by("order", "pk")),
        "action_items": list(
            meeting.action_items.select_related("owner", "agenda_item").order_by("due_on", "pk")
        ),
        "chair": chair,
        "printed_at": timezone.localtime(),
        # For the page's header and footer in minutes_pdf.css.
        "labels": {"minutes": _("Minutes"), "page": _("Page"), "of": _("of")},
    }


def minutes_html(meeting: Meeting) -> str:
    """The minutes as HTML in German, as the PDF shows them."""
    with translation.override("de"):
        return render_to_string("steering/minutes_pdf.html", minutes_context(meeting))


def minutes_css(meeting: Meeting) -> str:
    """The page and type of the minutes (a file of its own: templates carry no <style>)."""
    with translation.override("de"):
        return render_to_string("steering/minutes_pdf.css", minutes_context(meeting))


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The minutes load no resources: {url}")


def minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes as a PDF (bytes)."""
    from weasyprint import CSS, HTML

    return HTML(string=minutes_html(meeting), url_fetcher=_no_fetch).write_pdf(
        stylesheets=[CSS(string=minutes_css(meeting), url_fetcher=_no_fetch)]
    )


def minutes_filename(meeting: Meeting) -> str:
    return f"protokoll-sitzung-{meeting.pk}-{timezone.localdate(meeting.starts_at):%Y-%m-%d}.pdf"
