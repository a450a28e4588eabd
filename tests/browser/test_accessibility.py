"""axe-core in Chromium: the main pages have no accessibility violations (WCAG rules of axe)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import log_in, wait_for_map

pytestmark = pytest.mark.browser

AREA = "Pieschen-Süd"


def describe(violations: list[dict]) -> str:
    """Each violation with its id, help text and the selectors of the offending nodes."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" [{violation.get('helpUrl', '')}]"
        )
        for node in violation.get("nodes", []):
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    {target}")
    return "\n".join(lines)


def assert_no_violations(page: Page, what: str) -> None:
    results = Axe().run(page)
    violations = results.response["violations"]
    assert results.violations_count == 0, (
        f"{results.violations_count} axe violation(s) on {what} ({page.url}):\n"
        + describe(violations)
    )


def open_start(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    wait_for_map(page)


def open_login(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/anmelden/")


def open_area(page: Page, base_url: str) -> None:
    open_start(page, base_url)
    page.locator("#area-table").get_by_role("link", name=AREA, exact=True).click()
    page.wait_for_url("**/gebiete/*/")
    wait_for_map(page)


PAGES = {
    "start page": open_start,
    "login page": open_login,
    f"area page {AREA}": open_area,
}


@pytest.mark.parametrize("what", list(PAGES))
def test_page_has_no_axe_violations(page, live_server, what):
    PAGES[what](page, live_server.url)
    assert_no_violations(page, what)


@pytest.mark.parametrize("what", ["start page", f"area page {AREA}"])
def test_page_has_no_axe_violations_when_logged_in(page, live_server, what):
    """Logged in, the header has the account link, demo badge and log-out button; planning
    also sees the change history on area pages."""
    log_in(page, live_server.url, "planung")
    PAGES[what](page, live_server.url)
    assert_no_violations(page, f"{what} (logged in as planung)")
