"""The minutes list a person present without a seat that day as a guest, not as a member."""

import datetime as dt

from django.utils import timezone

from praeventionsnetz.steering.minutes_pdf import minutes_context
from praeventionsnetz.steering.models import Attendance, AttendanceStatus
from tests.steering.factories import MeetingFactory, MembershipFactory, PersonFactory


def test_a_former_member_present_is_a_guest(steering_group):
    seat = steering_group.seat_categories.first()
    member = MembershipFactory(seat_category=seat, starts_on=dt.date(2020, 1, 1)).person
    former = MembershipFactory(
        seat_category=seat, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2023, 12, 31)
    ).person
    meeting = MeetingFactory(committee=steering_group, starts_at=timezone.now())
    Attendance.objects.create(meeting=meeting, person=member, status=AttendanceStatus.PRESENT)
    Attendance.objects.create(meeting=meeting, person=former, status=AttendanceStatus.PRESENT)
    Attendance.objects.create(
        meeting=meeting, person=PersonFactory(name="Gast G"), status=AttendanceStatus.GUEST
    )
    context = minutes_context(meeting)
    assert [r.person for r in context["present"]] == [member]
    assert {r.person.name for r in context["guests"]} == {former.name, "Gast G"}
