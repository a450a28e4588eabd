"""A family on a phone finds an offer for a two-year-old near an address."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.offers.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def offers_near(dresden):
    from praeventionsnetz.network.models import Organisation
    from praeventionsnetz.offers.models import (
        Status,
    )
    from praeventionsnetz.offers.services import services_index

    org = Organisation.objects.create(name="Kita Sonnenschein e.V.", city=dresden)
    made = []
    for name, phases, lon, lat, street in [
        (
            "Kindertagesstätte Sonnenschein",
            ["1-3", "3-6"],
            13.7405,
            51.0510,
            "Wilsdruffer Straße 5",
        ),
        ("Jugendtreff Mitte", ["14-18"], 13.7420, 51.0520, "Altmarkt 1"),
    ]:
        service = ServiceFactory(
            organisation=org,
            name=name,
            status=Status.PUBLISHED,
            life_phases=phases,
            description="Demo für den Test",
        )
        location = LocationFactory(
            organisation=org, name=name, street=street, town="Dresden", lon=lon, lat=lat
        )
        sal = ServiceAtLocationFactory(service=service, location=location)
        ScheduleFactory(
            service_at_location=sal, weekday=1, opens_at=dt.time(7), closes_at=dt.time(17)
        )
        made.append(service)
    services_index(made)
    return made


def test_family_on_a_phone_finds_an_offer_for_a_two_year_old(
    phone_page, live_server, offers_near, js_errors
):
    page = phone_page
    page.goto(f"{live_server.url}/angebote/")
    page.locator("#id_q").fill("Kita")
    page.locator(".search-filters > summary").click()  # folded on a phone
    page.locator("#id_alter").fill("2")
    page.locator("#id_nahe").fill("Wilsdruffer Straße")
    page.locator("form[role=search] .search-row button[type=submit]").click()
    results = page.locator("#results")
    expect(results).to_contain_text("Kindertagesstätte Sonnenschein")
    expect(results).not_to_contain_text("Jugendtreff Mitte")
    expect(results).to_contain_text("km")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 376, f"horizontal scroll: {scroll_width} px"
    results.get_by_role("link", name="Kindertagesstätte Sonnenschein").click()
    expect(page.locator("h1")).to_contain_text("Kindertagesstätte Sonnenschein")
    expect(page.locator("body")).to_contain_text("07:00–17:00")
    assert js_errors == []


def test_public_search_pages_have_no_accessibility_violations(page, live_server, offers_near):
    axe = Axe()
    for url in ("/angebote/", "/angebote/?q=Kita&alter=2", f"/angebote/{offers_near[0].pk}/"):
        page.goto(f"{live_server.url}{url}")
        result = axe.run(page)
        details = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]
        ]
        assert result.violations_count == 0, (url, details)


PAYLOAD = '<img src=x onerror="window.__planted = 1">'


def test_a_name_with_markup_stays_text_in_the_map_tooltips(page, live_server, dresden, js_errors):
    from praeventionsnetz.network.models import Organisation
    from praeventionsnetz.offers.models import Status
    from praeventionsnetz.offers.services import services_index

    org = Organisation.objects.create(name="Träger Test", city=dresden)
    service = ServiceFactory(organisation=org, name=f"Kita {PAYLOAD}", status=Status.PUBLISHED)
    location = LocationFactory(
        organisation=org, name=f"Ort {PAYLOAD}", street="Altmarkt 1", lon=13.742, lat=51.052
    )
    ServiceAtLocationFactory(service=service, location=location)
    services_index([service])
    for url in (f"{live_server.url}/angebote/?q=Kita", f"{live_server.url}/angebote/{service.pk}/"):
        page.goto(url)
        expect(page.locator(".map[data-ready=true]").first).to_be_attached()
        # Leaflet opens a sticky tooltip on the shape's mouseover.
        page.locator(".map path.leaflet-interactive").first.dispatch_event("mouseover")
        tooltip = page.locator(".leaflet-tooltip").first
        expect(tooltip).to_contain_text("<img src=x")
        assert page.evaluate("window.__planted") is None
        assert page.locator(".leaflet-tooltip img").count() == 0
    assert js_errors == []


# The two screens: a desktop at 1366 px and a phone at 375×812.
SCREENS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture(params=list(SCREENS))
def screen(request, chromium, live_server, dresden, js_errors):
    context = chromium.new_context(viewport=SCREENS[request.param], locale="de-DE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    yield request.param, page
    context.close()


@pytest.fixture
def playgroups(dresden):
    """A playgroup in Pieschen (by postcode 01127) and one in Prohlis, both in Dresden."""
    from praeventionsnetz.areas.selectors import areas_at
    from praeventionsnetz.network.models import Organisation
    from praeventionsnetz.offers.models import Status
    from praeventionsnetz.offers.services import services_index

    made = []
    for name, lon, lat in [
        ("Krabbelgruppe Pieschen", 13.7215, 51.0785),
        ("Krabbelgruppe Prohlis", 13.7990, 51.0010),
    ]:
        org = Organisation.objects.create(name=f"Träger {name}", city=dresden, lon=lon, lat=lat)
        org.located_in.set(areas_at(lon=lon, lat=lat, city=dresden))
        service = ServiceFactory(
            organisation=org, name=name, status=Status.PUBLISHED, life_phases=["1-3"]
        )
        location = LocationFactory(organisation=org, name=name, lon=lon, lat=lat)
        ServiceAtLocationFactory(service=service, location=location)
        made.append(service)
    services_index(made)
    return made


def _search(page, base_url, *, q, near=""):
    page.goto(f"{base_url}/angebote/")
    page.locator("#id_q").fill(q)
    if near:
        near_field = page.locator("#id_nahe")
        if not near_field.is_visible():
            # On a phone the filters are folded into one control.
            page.locator(".search-filters > summary").click()
        near_field.fill(near)
    page.locator("#id_q").press("Enter")


def test_a_postcode_search_in_dresden(screen, live_server, playgroups, js_errors):
    name, page = screen
    _search(page, live_server.url, q="Krabbelgruppe", near="01127")
    results = page.locator("#results > li")
    expect(results.first).to_contain_text("Krabbelgruppe Pieschen")
    expect(results.nth(1)).to_contain_text("Krabbelgruppe Prohlis")
    expect(page.locator("#result-count")).to_contain_text("01127 Dresden")
    expect(page.locator(".source-note")).to_contain_text("GeoNames")
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[name]["width"]
    assert js_errors == []


def test_a_place_and_topic_query(screen, live_server, playgroups, js_errors):
    _name, page = screen
    _search(page, live_server.url, q="Krabbelgruppe Pieschen")
    expect(page.locator("#result-count")).to_contain_text("Gefiltert nach Ort: Pieschen")
    results = page.locator("#results")
    expect(results).to_contain_text("Krabbelgruppe Pieschen")
    expect(results).not_to_contain_text("Krabbelgruppe Prohlis")
    assert js_errors == []


def test_on_a_phone_the_results_come_first(
    screen, live_server, playgroups, js_errors, screenshot_dir
):
    name, page = screen
    page.goto(f"{live_server.url}/angebote/?q=Krabbelgruppe&alter=2&kostenlos=1")
    expect(page.locator("#results")).to_contain_text("Krabbelgruppe")
    summary = page.locator(".search-filters > summary")
    if name == "phone":
        expect(summary).to_be_visible()
        expect(summary).to_have_text("Filter (2)")
        expect(page.locator("#id_alter")).to_be_hidden()
        # The results start within the first screen of a 375×812 phone.
        top = page.locator("#results").bounding_box()["y"]
        assert top < SCREENS["phone"]["height"], f"results start at {top} px"
        box = page.locator("form[role=search] .search-row button[type=submit]").bounding_box()
        assert box["height"] >= 44, box  # a thumb's target
        summary.click()
        expect(page.locator("#id_alter")).to_be_visible()
    else:
        expect(summary).to_be_hidden()
        expect(page.locator("#id_alter")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / f"family_search_{name}.png"))
    assert js_errors == []


@pytest.fixture
def many_playgroups(dresden):
    """25 playgroups: two pages of results."""
    from praeventionsnetz.network.models import Organisation
    from praeventionsnetz.offers.models import Status
    from praeventionsnetz.offers.services import services_index

    org = Organisation.objects.create(name="Träger Krabbelgruppen", city=dresden)
    made = []
    for n in range(1, 26):
        service = ServiceFactory(
            organisation=org, name=f"Krabbelgruppe {n:02d}", status=Status.PUBLISHED, is_free=True
        )
        location = LocationFactory(
            organisation=org, name=service.name, lon=13.70 + n / 500, lat=51.05
        )
        ServiceAtLocationFactory(service=service, location=location)
        made.append(service)
    services_index(made)
    return made


def test_the_results_come_20_at_a_time(screen, live_server, many_playgroups, js_errors):
    name, page = screen
    page.goto(f"{live_server.url}/angebote/?q=Krabbelgruppe&kostenlos=1")
    results = page.locator("#results > li")
    expect(results).to_have_count(20)
    expect(results.first).to_contain_text("Krabbelgruppe 01")
    pager = page.locator("nav.pager")
    expect(pager).to_have_attribute("aria-label", re.compile(".+"))
    expect(pager.locator("a[rel=prev]")).to_have_count(0)
    following = pager.locator("a[rel=next]")
    box = following.bounding_box()
    assert box["height"] >= 44, box  # a thumb's target
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[name]["width"]
    following.click()
    expect(results).to_have_count(5)
    expect(page.locator("#results")).to_have_attribute("start", "21")
    expect(results.first).to_contain_text("Krabbelgruppe 21")
    assert "kostenlos=1" in page.url
    assert "seite=2" in page.url
    # The map shows the five offers of this page.
    assert len(json.loads(page.locator("#map-data").text_content())["features"]) == 5
    axe = Axe().run(page)
    assert axe.violations_count == 0, [v["id"] for v in axe.response["violations"]]
    page.locator("nav.pager a[rel=prev]").click()
    expect(results.first).to_contain_text("Krabbelgruppe 01")
    assert js_errors == []
