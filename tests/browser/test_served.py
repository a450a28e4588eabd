"""The production setup in a browser: gunicorn with DEBUG off, static files through WhiteNoise,
the demo on PostgreSQL. `.ci/run` starts that server and names it in PRAEVENTIONSNETZ_SERVED_URL;
without it these tests are skipped (the rest of the suite uses Django's live server)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from tests.browser.conftest import DESKTOP, PHONE, TIMEOUT_MS, log_in, wait_for_map

SERVED_URL = os.environ.get("PRAEVENTIONSNETZ_SERVED_URL", "").rstrip("/")
pytestmark = pytest.mark.skipif(
    not SERVED_URL, reason="no production server named in PRAEVENTIONSNETZ_SERVED_URL"
)
HASHED_STATIC = re.compile(r"/static/.+\.[0-9a-f]{12}\.(css|js)$")


class Visit:
    """A browser tab on the served site, keeping every answer and every console error."""

    def __init__(self, browser: Browser, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport, locale="de-DE")
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page: Page = self.context.new_page()
        self.responses: list[Response] = []
        self.errors: list[str] = []
        self.page.on("response", lambda response: self.responses.append(response))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def failed(self) -> list[str]:
        return [f"{r.status} {r.url}" for r in self.responses if r.status >= 400]

    def static(self) -> list[Response]:
        return [r for r in self.responses if "/static/" in r.url]


@pytest.fixture
def visit(chromium: Browser) -> Iterator[Visit]:
    tab = Visit(chromium, DESKTOP)
    yield tab
    tab.context.close()


@pytest.fixture
def phone_visit(chromium: Browser) -> Iterator[Visit]:
    tab = Visit(chromium, PHONE)
    yield tab
    tab.context.close()


def test_the_start_page_is_served_with_its_static_files_and_policy(visit):
    document = visit.page.goto(f"{SERVED_URL}/")

    assert wait_for_map(visit.page) == 64  # Leaflet and map.js came through WhiteNoise
    policy = document.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    static = visit.static()
    assert static, "no static file was loaded"
    assert all(HASHED_STATIC.search(r.url) for r in static if r.url.endswith((".css", ".js")))
    assert all("immutable" in r.headers["cache-control"] for r in static)
    assert any(r.headers.get("content-encoding") in {"br", "gzip"} for r in static)
    assert visit.failed() == []
    assert visit.errors == []  # a blocked script or style would be reported here


def test_a_planner_logs_in_and_opens_an_area_page(visit):
    log_in(visit.page, SERVED_URL, "planung")
    visit.page.locator("#area-table").get_by_role("link", name="Pieschen-Süd", exact=True).click()

    expect(visit.page.locator("h1")).to_contain_text("Pieschen-Süd")
    [page_answer] = [r for r in visit.responses if re.search(r"/gebiete/\d+/$", r.url)]
    assert page_answer.headers.get("content-encoding") == "gzip"
    assert page_answer.headers["x-request-id"]
    assert visit.failed() == []
    assert visit.errors == []


def test_a_family_searches_on_a_phone(phone_visit):
    page = phone_visit.page
    page.goto(f"{SERVED_URL}/angebote/")
    page.locator("#id_q").fill("Familie")
    page.locator("form[role=search] .search-row button[type=submit]").click()

    expect(page.locator("#results")).to_contain_text("Demodaten")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"] + 1, f"horizontal scroll: {scroll_width} px"
    assert phone_visit.failed() == []
    assert phone_visit.errors == []


def test_health_names_the_database_and_the_queue(visit):
    answer = visit.page.request.get(f"{SERVED_URL}/health/")
    assert answer.status == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert body["database"]["engine"] == os.environ.get(
        "PRAEVENTIONSNETZ_SERVED_ENGINE", "postgresql"
    )
    assert body["tasks"]["status"] == "ok"
    assert body["tasks"]["backend"] == "database"
