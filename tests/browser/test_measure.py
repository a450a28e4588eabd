"""The demo coordinator plans a measure for Stadtraum 16 from its area page, with one
indicator, and finds it on the area page again; on a phone the measure does not scroll
sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_the_coordinator_plans_a_measure_and_sees_it_on_the_area_page(
    page, phone_page, live_server, dresden, js_errors, screenshot_dir
):
    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.steering.models import Measure

    base = live_server.url
    area = Area.objects.current().get(city=dresden, level=Level.STADTRAUM, code="16")
    log_in(page, base, "koordination")

    page.goto(f"{base}/gebiete/{area.pk}/")
    expect(page.locator("#area-measures")).to_contain_text("Maßnahmen im Gebiet")
    page.locator("#area-measure-new").click()
    expect(page.locator("#measure-form")).to_be_visible()
    page.locator("#id_title").fill("Elterncafé am Amalie-Dietrich-Platz")
    page.locator("#id_need").fill("Viele Geburten, kaum Angebote für Eltern mit Babys.")
    # The life phases without offers are offered as gaps.
    expect(page.locator("#field-gap_life_phases")).to_contain_text("(Lücke)")
    page.locator("#field-gap_life_phases input[value='0-1']").check()
    page.locator("#id_goals").fill("Junge Familien kennen ein Angebot im Stadtraum.")
    page.locator("#field-life_phases input[value='0-1']").check()
    # A typo in a figure is explained; nothing typed is lost.
    page.locator("#id_kennzahl-0-name").fill("Teilnehmende Familien pro Monat")
    page.locator("#id_kennzahl-0-baseline").fill("0")
    page.locator("#id_kennzahl-0-target").fill("zwanzig")
    page.locator("#measure-form button[type=submit]").click()
    expect(page.locator("#measure-form-error")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Elterncafé am Amalie-Dietrich-Platz")
    page.locator("#id_kennzahl-0-target").fill("20")
    page.locator("#id_kennzahl-0-current").fill("5")
    page.locator("#measure-form button[type=submit]").click()

    expect(page.locator("#measure-status")).to_have_attribute("data-status", "planned")
    expect(page.locator("#measure-indicators")).to_contain_text("Teilnehmende Familien")
    expect(page.locator("#measure-indicators")).to_contain_text("25 %")
    measure = Measure.objects.get()
    assert measure.area == area
    assert measure.indicators.count() == 1

    page.goto(f"{base}/gebiete/{area.pk}/")
    expect(page.locator("#area-measures")).to_contain_text("Elterncafé am Amalie-Dietrich-Platz")
    expect(page.locator("#area-measures")).to_contain_text("Geplant")

    # On a phone the measure fits the screen.
    log_in(phone_page, base, "koordination")
    phone_page.goto(f"{base}/steuerung/massnahmen/{measure.pk}/")
    expect(phone_page.locator("h1")).to_contain_text("Elterncafé")
    phone_page.screenshot(path=str(screenshot_dir / "measure_phone.png"), full_page=True)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.goto(f"{base}/steuerung/massnahmen/{measure.pk}/bearbeiten/")
    phone_page.screenshot(path=str(screenshot_dir / "measure_form_phone.png"), full_page=True)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.goto(f"{base}/steuerung/massnahmen/")
    expect(phone_page.locator("#measure-table")).to_contain_text("Elterncafé")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert js_errors == []
