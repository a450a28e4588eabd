"""The steering group's page: planning ends a membership as of today and the seat shows as
vacant since today; the page fits a 375 px phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_no_violations

pytestmark = pytest.mark.browser


def test_planning_ends_a_membership_and_the_seat_is_vacant_since_today(
    page, phone_page, live_server, dresden, js_errors, screenshot_dir
):
    from praeventionsnetz.steering.demo import STEERING_GROUP, load_steering_demo
    from praeventionsnetz.steering.models import Committee, CommitteeMembership

    load_steering_demo()
    group = Committee.objects.get(name=STEERING_GROUP)
    base = live_server.url
    today = timezone.localdate().strftime("%d.%m.%Y")

    log_in(page, base, "planung")
    page.goto(f"{base}/steuerung/gremien/")
    page.get_by_role("link", name=STEERING_GROUP).click()
    status = page.locator("#composition-status")
    # The demo's vacancy: one seat elected by the youth welfare committee, six weeks ago.
    expect(status).to_contain_text("1 Sitz frei.")
    expect(status).to_contain_text("Gewählt vom Jugendhilfeausschuss")

    page.get_by_role("link", name="Mitgliedschaft von Frank Neumann (Demodaten) beenden").click()
    expect(page.locator("#id_left_on")).to_have_value(timezone.localdate().isoformat())
    page.get_by_role("button", name="Mitgliedschaft beenden").click()
    expect(page.locator(".messages")).to_contain_text("Die Mitgliedschaft wurde beendet.")
    expect(status).to_contain_text(f"Unvollständig am {today}: 2 Sitze frei.")
    expect(status).to_contain_text(f"1 Sitz „Projektträger“ frei seit {today}")
    expect(page.locator("#seat-projekttraeger .vacant")).to_have_text(today)
    expect(page.locator("#past-members")).to_contain_text("Frank Neumann")
    page.screenshot(path=screenshot_dir / "committee-detail.png", full_page=True)
    assert_no_violations(page, "the steering group's page")
    ended = CommitteeMembership.objects.get(committee=group, person__name__startswith="Frank")
    assert ended.ends_on == timezone.localdate() - dt.timedelta(days=1)

    log_in(phone_page, base, "steuerung")
    phone_page.goto(f"{base}/steuerung/gremien/{group.pk}/")
    expect(phone_page.locator("#composition-status")).to_contain_text("2 Sitze frei")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the committee page is {width} px wide on a 375 px phone"
    phone_page.screenshot(path=screenshot_dir / "committee-detail-phone.png", full_page=True)
    assert_no_violations(phone_page, "the steering group's page on a phone")
    phone_page.goto(f"{base}/steuerung/gremien/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the committee list is {width} px wide on a 375 px phone"
    assert_no_violations(phone_page, "the committee list on a phone")
    assert js_errors == []
