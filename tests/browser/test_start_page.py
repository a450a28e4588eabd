"""The start page in a real browser: map and table of the areas, for every role."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROLES, log_in, wait_for_map

pytestmark = pytest.mark.browser

DRESDEN_STADTTEILE = 64
BERLIN_BEZIRKSREGIONEN = 138


def assert_map_matches_table(page: Page, expected_rows: int) -> None:
    shapes = wait_for_map(page)
    rows = page.locator("#area-table tbody tr")
    expect(rows).to_have_count(expected_rows)
    assert shapes == expected_rows, f"{shapes} shapes on the map, {expected_rows} table rows"
    expect(page.locator("#map")).to_be_visible()
    expect(page.locator("#area-table")).to_be_visible()


@pytest.mark.parametrize("role", ROLES)
def test_start_page_shows_map_and_table(page, live_server, role, js_errors, screenshot_dir):
    if role != "anonymous":
        log_in(page, live_server.url, role)
    page.goto(f"{live_server.url}/")

    assert_map_matches_table(page, DRESDEN_STADTTEILE)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    account = page.locator("header .user-nav__account")
    if role == "anonymous":
        expect(account).to_have_count(0)
        expect(page.locator("header").get_by_role("link", name="Anmelden")).to_be_visible()
    else:
        expect(account).to_contain_text(role)
    assert js_errors == []
    if role == "anonymous":
        page.screenshot(path=screenshot_dir / "start-desktop-1280.png", full_page=True)


def test_city_switch_shows_berlin(page, live_server, berlin, js_errors):
    page.goto(f"{live_server.url}/")
    wait_for_map(page)

    page.locator(".switch").first.get_by_role("link", name="Berlin", exact=True).click()

    page.wait_for_url("**/?stadt=berlin")
    assert_map_matches_table(page, BERLIN_BEZIRKSREGIONEN)
    expect(page.locator("h1")).to_contain_text("Berlin")
    assert js_errors == []


def test_table_link_opens_the_area_page(page, live_server, js_errors):
    page.goto(f"{live_server.url}/")
    wait_for_map(page)

    page.locator("#area-table").get_by_role("link", name="Pieschen-Süd", exact=True).click()

    page.wait_for_url("**/gebiete/*/")
    expect(page.locator("h1")).to_have_text("Pieschen-Süd")
    assert wait_for_map(page) >= 1
    expect(page.locator("#map")).to_be_visible()
    assert js_errors == []


def test_start_page_fits_a_375_px_phone(phone_page, live_server, js_errors, screenshot_dir):
    page = phone_page
    page.goto(f"{live_server.url}/")

    assert_map_matches_table(page, DRESDEN_STADTTEILE)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=screenshot_dir / "start-phone-375.png", full_page=True)
    assert scroll_width <= 375 + 1, f"horizontal scroll: the page is {scroll_width} px wide"
    assert js_errors == []
