"""The demo coordinator logs two hours of task a on a 375 px phone, sees the entry in the
list and in the time account; nothing scrolls sideways. The time the filling takes (page
actions only, without the login and the first page load) is measured and printed."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def gorbitz(dresden):
    """Stadtraum 16 with a running 0.5 FTE position and an organisation serving it."""
    import datetime as dt
    from decimal import Decimal

    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.funding import services
    from praeventionsnetz.funding.models import Module, ModuleKind, Programme
    from praeventionsnetz.network.models import Organisation

    area = Area.objects.current().get(city=dresden, level=Level.STADTRAUM, code="16")
    kita = Organisation.objects.create(name="Kita Sonnenblume (Demodaten)", is_demo=True)
    kita.areas_served.add(area)
    programme = Programme.objects.create(key="koordination-test", name="Koordination")
    module = Module.objects.create(
        programme=programme, key="praxis", name="Praxismodul", kind=ModuleKind.PRACTICE
    )
    services.position_save(
        module=module,
        title="Sozialraumkoordination Stadtraum 16",
        provider=kita,
        areas=[area],
        fte=Decimal("0.5"),
        starts_on=dt.date(2019, 2, 1),
    )
    return area, kita


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_coordinator_logs_two_hours_of_task_a_on_a_phone(
    phone_page, live_server, gorbitz, js_errors, screenshot_dir, capsys
):
    from praeventionsnetz.steering.models import ActivityEntry

    area, kita = gorbitz
    base = live_server.url
    page = phone_page
    log_in(page, base, "koordination")
    page.goto(f"{base}/steuerung/taetigkeiten/")
    expect(page.locator("#note-warning")).to_contain_text(
        "Keine personenbezogenen Daten von Familien"
    )
    _no_sideways_scroll(page)
    page.screenshot(path=screenshot_dir / "activity-phone.png", full_page=True)

    started = time.monotonic()
    form = page.locator("form.activity-form")
    form.locator(".chip", has_text="2 h").first.click()
    form.locator(".task-choice", has_text="a: Kooperationsbeziehungen").click()
    form.locator(f"input[name=gebiete][value='{area.pk}']").check()
    form.locator("#organisation-filter").fill("Sonnen")
    form.locator(".pick-list__items label", has_text="Kita Sonnenblume").click()
    form.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    filled = time.monotonic() - started
    with capsys.disabled():
        print(f"\nactivity entry on a 375 px phone: {filled:.2f} s of page actions")
    assert filled < 30

    entry = ActivityEntry.objects.get()
    assert (entry.minutes, entry.task) == (120, "a")
    assert list(entry.areas.all()) == [area]
    assert list(entry.organisations.all()) == [kita]
    assert entry.position is not None
    first = page.locator("#entries .entry").first
    expect(first).to_contain_text("2:00 h")
    expect(first).to_contain_text("Kita Sonnenblume")
    _no_sideways_scroll(page)

    page.goto(f"{base}/steuerung/zeitkonto/")
    table = page.locator("#time-account-table")
    expect(table.locator("tbody tr").first).to_contain_text("2:00")
    expect(page.locator("svg.chart")).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=screenshot_dir / "time-account-phone.png", full_page=True)
    assert js_errors == []
