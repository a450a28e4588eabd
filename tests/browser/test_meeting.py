"""A coordinator records a meeting of a district team with one agenda item and one action
item on a 375 px phone; the action item is overdue after its due date and shows so on the
overview, in words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 376)
  .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)"""


def assert_fits(page) -> None:
    """Nothing sticks out of the 375 px screen (the message names what does)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, page.evaluate(WIDE)


@pytest.fixture
def gorbitz_team(dresden):
    """The district team of Stadtraum 16 (one of the demo coordinator's areas) with two
    members, one of them the chair."""
    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.steering.models import CommitteeKind, MembershipRole
    from tests.steering.factories import (
        CommitteeFactory,
        MembershipFactory,
        PersonFactory,
        SeatCategoryFactory,
    )

    area = Area.objects.current().get(city=dresden, level=Level.STADTRAUM, code="16")
    team = CommitteeFactory(
        name="Stadtraumteam Gorbitz", kind=CommitteeKind.DISTRICT_TEAM, area=area
    )
    seat = SeatCategoryFactory(committee=team, key="fachkraefte", name="Fachkräfte", seats=5)
    MembershipFactory(
        seat_category=seat,
        person=PersonFactory(name="Anna Albrecht", email="anna@example.org"),
        role=MembershipRole.CHAIR,
        starts_on=dt.date(2024, 1, 1),
    )
    MembershipFactory(
        seat_category=seat,
        person=PersonFactory(name="Bernd Bauer", email=""),
        starts_on=dt.date(2024, 1, 1),
    )
    return team


def test_a_coordinator_records_a_meeting_with_an_action_item_on_a_phone(
    phone_page, live_server, gorbitz_team, js_errors, screenshot_dir
):
    from praeventionsnetz.steering.models import ActionItem, Meeting

    page, base = phone_page, live_server.url
    log_in(page, base, "koordination")
    page.goto(f"{base}/steuerung/gremien/{gorbitz_team.pk}/sitzungen/")
    page.locator("#meeting-new").click()

    today = timezone.localdate()
    page.locator("#id_day").fill(today.isoformat())
    page.locator("#id_begins").fill("16:00")
    page.locator("#id_ends").fill("15:00")  # a slip: ends before it begins
    page.locator("#id_place").fill("Stadtteilhaus Gorbitz")
    page.locator("#id_agenda").fill("Aktionsbudget 2026")
    page.locator("#meeting-form button[type=submit]").click()
    expect(page.locator(".form-errors")).to_contain_text("nach ihrem Beginn")
    expect(page.locator("#id_place")).to_have_value("Stadtteilhaus Gorbitz")
    page.locator("#id_ends").fill("18:00")
    page.locator("#meeting-form button[type=submit]").click()
    expect(page.locator("#agenda-list li")).to_have_text(["Aktionsbudget 2026"])
    assert_fits(page)

    # The action item, right on the meeting page: task, who, by when.
    page.locator("#action_title").fill("Hoffest-Antrag prüfen")
    page.locator("#action_owner").select_option(label="Anna Albrecht")
    page.locator("#action_due_on").fill((today + dt.timedelta(days=7)).isoformat())
    page.locator("#action-form button[type=submit]").click()
    expect(page.locator("#action-list")).to_contain_text("Hoffest-Antrag prüfen")
    expect(page.locator("#action-list")).to_contain_text("Anna Albrecht")
    assert_fits(page)
    page.screenshot(path=str(screenshot_dir / "meeting-phone.png"), full_page=True)

    # Who was there, and one sentence of minutes; both pages fit the phone too.
    page.locator("#attendance-link").click()
    page.get_by_label("Anwesend").first.check()
    page.locator("#id_guests").fill("Dora Dietrich")
    assert_fits(page)
    page.locator("#attendance-form button[type=submit]").click()
    expect(page.locator("#attendance-list")).to_contain_text("Anna Albrecht (Vorsitz): anwesend")
    expect(page.locator("#attendance-list")).to_contain_text("Dora Dietrich: Gast")
    page.locator("#minutes-link").click()
    page.locator("#minutes_minutes").fill("Drei Anträge beraten.")
    page.locator("#minutes_minutes_taker").fill("Koordination Gorbitz")
    assert_fits(page)
    page.locator("#minutes-form button[type=submit]").click()
    expect(page.locator("#minutes_minutes")).to_have_value("Drei Anträge beraten.")

    meeting = Meeting.objects.get(committee=gorbitz_team)
    assert meeting.status == "held"
    item = ActionItem.objects.get(meeting=meeting)
    assert item.owner.name == "Anna Albrecht"
    assert timezone.localtime(meeting.starts_at).hour == 16

    # Two weeks on, the item is overdue: the overview says so in words.
    ActionItem.objects.filter(pk=item.pk).update(due_on=today - dt.timedelta(days=1))
    page.goto(f"{base}/steuerung/aufgaben/?status=overdue")
    row = page.locator("#action-table tbody tr.is-overdue")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("überfällig")
    expect(row).to_contain_text("Hoffest-Antrag prüfen")
    assert_fits(page)
    assert js_errors == []
