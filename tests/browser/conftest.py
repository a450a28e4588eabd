"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium comes from the system (/usr/bin/chromium), never from `playwright install`. Without
it the tests are skipped, unless REQUIRE_BROWSER=1 (as in CI) turns the skip into a failure.

The data is real: Dresden's areas and the demo logins. The live server needs a transactional
database, which is emptied after every test, so every test gets them anew: loaded for real by
the first test of a process, copied back from that load for the others (DemoSnapshot).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = (
    "Chromium is not installed at /usr/bin/chromium; "
    "install Debian's chromium to run the browser tests"
)

BROWSER_DIR = Path(__file__).resolve().parent
SCREENSHOT_DIR = BROWSER_DIR.parent.parent / "var" / "screenshots"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
TIMEOUT_MS = 15_000

# The demo logins of praeventionsnetz.site.demo: user name → password.
DEMO_PASSWORDS = {
    "planung": "demo-planung",
    "koordination": "demo-koordination",
    "steuerung": "demo-steuerung",
    "traeger": "demo-traeger",
}
ROLES = [*DEMO_PASSWORDS, "anonymous"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test."""
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def chromium_decision(path: Path, required: bool) -> str:
    """ "use", "skip" (no Chromium here) or "fail" (no Chromium, but CI requires it)."""
    if path.exists():
        return "use"
    return "fail" if required else "skip"


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """The system Chromium; skip without it, or fail when REQUIRE_BROWSER=1."""
    decision = chromium_decision(CHROMIUM, os.environ.get("REQUIRE_BROWSER") == "1")
    if decision == "fail":
        pytest.fail(MISSING_CHROMIUM)
    if decision == "skip":
        pytest.skip(MISSING_CHROMIUM)
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright_driver(chromium_executable: Path) -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_driver: Playwright, chromium_executable: Path) -> Iterator[Browser]:
    """One headless Chromium per test process (each xdist worker has its own)."""
    browser = playwright_driver.chromium.launch(
        executable_path=str(chromium_executable), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


class DemoSnapshot:
    """The rows that the demo loaders wrote, to put back in a fraction of the loading time.

    The live server needs a transactional database, which is emptied after every test.
    Loading Dresden costs about 1.5 s (shapes are repaired and dissolved), so each test
    process loads it for real once and copies the resulting rows back for later tests.
    Only tables that were empty before loading are copied; otherwise nothing is cached.
    """

    def __init__(self) -> None:
        self.rows: dict[type[Model], list[Model]] | None = None

    @staticmethod
    def _counts() -> dict[type[Model], int]:
        return {m: m._base_manager.count() for m in apps.get_models(include_auto_created=True)}

    def load(self, loader: Callable[[], object]) -> None:
        if self.rows is not None:
            self._restore()
            return
        before = self._counts()
        loader()
        after = self._counts()
        grown = [m for m in after if after[m] > before[m]]
        if all(before[m] == 0 for m in grown):
            self.rows = {m: list(m._base_manager.order_by("pk")) for m in grown}

    def _restore(self) -> None:
        assert self.rows is not None
        with transaction.atomic():
            for model, rows in self.rows.items():
                model._base_manager.bulk_create(rows)
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                    cursor.execute(sql)


@pytest.fixture(scope="session")
def demo_snapshot() -> DemoSnapshot:
    return DemoSnapshot()


def _load_dresden_and_demo_users() -> None:
    from praeventionsnetz.areas.demo import load_dresden
    from praeventionsnetz.site.demo import load_demo_users

    load_dresden()
    logins = load_demo_users()
    assert {login.username: login.password for login in logins} == DEMO_PASSWORDS


@pytest.fixture
def dresden(transactional_db, demo_snapshot):
    """Dresden's 64 Stadtteile, 17 Stadträume, 10 Stadtbezirke and the four demo logins."""
    from praeventionsnetz.areas.models import Area

    demo_snapshot.load(_load_dresden_and_demo_users)
    return Area.objects.current().cities().get(code="dresden")


@pytest.fixture
def berlin(dresden):
    """Berlin as well (about four seconds): 12 Bezirke down to 448 Planungsräume."""
    from praeventionsnetz.areas.demo import load_berlin

    return load_berlin()


@pytest.fixture
def js_errors() -> list[str]:
    """Uncaught JavaScript errors of the test's page, collected while the test runs."""
    return []


def _open_page(browser: Browser, viewport: dict[str, int], js_errors: list[str]):
    context = browser.new_context(viewport=viewport, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    return context, page


@pytest.fixture
def page(chromium: Browser, live_server, dresden, js_errors) -> Iterator[Page]:
    """A fresh browser tab at 1280×900, with Dresden and the demo logins loaded."""
    context, page = _open_page(chromium, DESKTOP, js_errors)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium: Browser, live_server, dresden, js_errors) -> Iterator[Page]:
    """A fresh browser tab at 375×800, with Dresden and the demo logins loaded."""
    context, page = _open_page(chromium, PHONE, js_errors)
    yield page
    context.close()


@pytest.fixture
def screenshot_dir() -> Path:
    """Screenshots for humans to look at; not compared by any test."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


def log_in(page: Page, base_url: str, username: str) -> None:
    """Log in through the real form at /anmelden/ and wait for the redirect to the start."""
    page.goto(f"{base_url}/anmelden/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(DEMO_PASSWORDS[username])
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")
    errors = page.locator("#login-errors")
    assert errors.count() == 0, f"login as {username} failed: {errors.inner_text()}"


def wait_for_map(page: Page) -> int:
    """Wait until map.js has drawn #map; returns the number of interactive shapes."""
    page.locator("#map[data-ready='true']").wait_for(state="attached")
    return page.locator("#map path.leaflet-interactive").count()
