"""An organisation member edits an offer, the coordinator of the area publishes it, and
families find it with its new place and opening hours."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def gorbitz_draft(dresden):
    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.network.models import Organisation
    from praeventionsnetz.offers.models import Service, Status
    from praeventionsnetz.site.demo import DEMO_ORGANISATION

    organisation = Organisation.objects.get(name=DEMO_ORGANISATION)
    service = Service.objects.create(
        organisation=organisation,
        name="Elterncafé Gorbitz",
        status=Status.DRAFT,
        life_phases=["0-1", "parents"],
        is_demo=True,
    )
    service.areas_served.add(
        Area.objects.current().get(city=dresden, level=Level.STADTRAUM, code="16")
    )
    return service


def _log_out(page, base_url):
    page.context.clear_cookies()
    page.goto(f"{base_url}/")


def test_member_edits_and_the_coordinator_publishes(page, live_server, gorbitz_draft, js_errors):
    base = live_server.url
    log_in(page, base, "traeger")
    page.goto(f"{base}/angebote/pflege/")
    page.locator("#own-table").get_by_role("link", name="Elterncafé Gorbitz").click()
    page.get_by_label("Beschreibung").fill("Offener Treff für Eltern mit Babys, mit Frühstück.")
    page.get_by_role("button", name="Speichern und zur Prüfung geben").click()
    expect(page.locator("#own-table")).to_contain_text("Wartet auf Prüfung")

    page.locator("#own-table").get_by_role("link", name="Elterncafé Gorbitz").click()
    page.get_by_role("link", name="Ort hinzufügen").click()
    page.get_by_label("Name").fill("Treff Amalie-Dietrich-Platz")
    page.get_by_label("Straße").fill("Amalie-Dietrich-Platz 3")
    page.get_by_label("Koordinaten").fill("51.0455, 13.6570")
    page.get_by_role("button", name="Ort speichern").click()
    # A typo is explained and nothing is lost.
    page.get_by_label("Montag").fill("9 bis 12, nachmittags")
    page.get_by_role("button", name="Öffnungszeiten speichern").click()
    expect(page.locator("#hours-form")).to_contain_text("„nachmittags“ verstehen wir nicht")
    expect(page.get_by_label("Montag")).to_have_value("9 bis 12, nachmittags")
    page.get_by_label("Montag").fill("9–12")
    page.get_by_label("Mittwoch").fill("14:30–17")
    page.get_by_role("button", name="Öffnungszeiten speichern").click()
    expect(page.locator("#places")).to_contain_text("Mi 14:30–17:00")

    _log_out(page, base)
    log_in(page, base, "koordination")
    page.goto(f"{base}/angebote/pflege/")
    review = page.locator("#review-table")
    expect(review).to_contain_text("Elterncafé Gorbitz")
    review.get_by_role("button", name="Elterncafé Gorbitz veröffentlichen").click()
    expect(page.locator("body")).to_contain_text("„Elterncafé Gorbitz“ veröffentlicht.")
    expect(page.locator("#review-table")).not_to_contain_text("Elterncafé Gorbitz")

    _log_out(page, base)
    page.goto(f"{base}/angebote/?q=Elterncafe")
    page.locator("#results").get_by_role("link", name="Elterncafé Gorbitz").click()
    body = page.locator("main")
    expect(body).to_contain_text("Offener Treff für Eltern mit Babys")
    expect(body).to_contain_text("Amalie-Dietrich-Platz 3")
    expect(body).to_contain_text("09:00–12:00")
    assert js_errors == []


@pytest.fixture
def gorbitz_live(gorbitz_draft):
    from praeventionsnetz.offers.models import Status
    from praeventionsnetz.offers.services import services_index

    gorbitz_draft.status = Status.PUBLISHED
    gorbitz_draft.description = "Treff für Eltern mit Babys."
    gorbitz_draft.save()
    services_index([gorbitz_draft])
    return gorbitz_draft


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_pending_edit_leaves_the_offer_live(
    request, live_server, gorbitz_live, js_errors, screenshot_dir, viewport
):
    page = request.getfixturevalue("page" if viewport == "desktop" else "phone_page")
    base = live_server.url
    public = f"{base}/angebote/{gorbitz_live.pk}/"
    log_in(page, base, "traeger")
    page.goto(f"{base}/angebote/{gorbitz_live.pk}/bearbeiten/")
    expect(page.locator("#revision-state")).to_contain_text("veröffentlicht")
    page.get_by_label("Telefon").fill("0351 0815 4711")
    page.get_by_role("button", name="Speichern und zur Prüfung geben").click()
    expect(page.locator("#own-table")).to_contain_text("Änderungen warten auf Prüfung")

    # The public still sees the published version, with no trace of the pending phone.
    _log_out(page, base)
    page.goto(public)
    expect(page.locator("main h1")).to_contain_text("Elterncafé Gorbitz")
    expect(page.locator("main")).not_to_contain_text("0351 0815 4711")

    log_in(page, base, "koordination")
    page.goto(f"{base}/angebote/pflege/")
    page.get_by_role("link", name="Änderungen an Elterncafé Gorbitz prüfen").click()
    diff = page.locator("#revision-diff")
    expect(diff).to_contain_text("Telefon")
    expect(diff).to_contain_text("0351 0815 4711")
    review_shot = screenshot_dir / f"offer-changes-review-{viewport}.png"
    page.screenshot(path=str(review_shot), full_page=True)
    page.get_by_role("button", name="Änderungen freigeben und veröffentlichen").click()
    expect(page.locator("body")).to_contain_text("Änderungen an „Elterncafé Gorbitz“ freigegeben")

    _log_out(page, base)
    page.goto(public)
    expect(page.locator("main")).to_contain_text("0351 0815 4711")
    page.screenshot(
        path=str(screenshot_dir / f"offer-after-approval-{viewport}.png"), full_page=True
    )
    assert js_errors == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_offer_page_shows_how_to_reach_it_with_a_map_point(
    request, live_server, gorbitz_live, js_errors, screenshot_dir, viewport
):
    from praeventionsnetz.offers.models import Location, Schedule, ServiceAtLocation

    page = request.getfixturevalue("page" if viewport == "desktop" else "phone_page")
    gorbitz_live.contact_phone = "0351 012 3456"
    gorbitz_live.contact_email = "elterncafe@example.org"
    gorbitz_live.save()
    location = Location.objects.create(
        organisation=gorbitz_live.organisation,
        name="Treff Amalie-Dietrich-Platz",
        street="Amalie-Dietrich-Platz 3",
        postcode="01169",
        town="Dresden",
        lat=51.0455,
        lon=13.6570,
    )
    at = ServiceAtLocation.objects.create(service=gorbitz_live, location=location)
    Schedule.objects.create(service_at_location=at, weekday=2, opens_at="09:00", closes_at="12:00")
    page.goto(f"{live_server.url}/angebote/{gorbitz_live.pk}/")
    reach = page.locator("#reach")
    expect(reach).to_contain_text("Amalie-Dietrich-Platz 3")
    expect(reach).to_contain_text("01169 Dresden")
    expect(reach.get_by_role("link", name="0351 012 3456")).to_have_attribute(
        "href", "tel:03510123456"
    )
    expect(reach.get_by_role("link", name="elterncafe@example.org")).to_be_visible()
    expect(reach).to_contain_text("09:00–12:00")
    expect(page.locator("#demo-contact")).to_contain_text("Erfundene Kontaktdaten")
    expect(page.locator("#map")).to_have_attribute("data-ready", "true")
    # The place is a point on the map, framed by the outline of its Stadtteil.
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(1)
    expect(page.locator("#map path:not(.leaflet-interactive)")).to_have_count(1)
    page.screenshot(path=str(screenshot_dir / f"offer-page-{viewport}.png"), full_page=True)
    assert js_errors == []


def test_a_changed_place_waits_for_review_on_a_phone(
    phone_page, live_server, gorbitz_live, js_errors, screenshot_dir
):
    from praeventionsnetz.offers.models import Location, Schedule, ServiceAtLocation

    page = phone_page
    base = live_server.url
    public = f"{base}/angebote/{gorbitz_live.pk}/"
    location = Location.objects.create(
        organisation=gorbitz_live.organisation,
        name="Treff Gorbitz",
        street="Amalie-Dietrich-Platz 3",
        postcode="01169",
        town="Dresden",
        lat=51.0455,
        lon=13.6570,
    )
    at = ServiceAtLocation.objects.create(service=gorbitz_live, location=location)
    Schedule.objects.create(service_at_location=at, weekday=1, opens_at="09:00", closes_at="12:00")

    log_in(page, base, "traeger")
    page.goto(f"{base}/angebote/{gorbitz_live.pk}/orte/{at.pk}/")
    page.get_by_label("Straße").fill("Leutewitzer Ring 7")
    page.get_by_role("button", name="Ort speichern").click()
    expect(page.locator("#place-revision-state")).to_contain_text("Prüfung")
    # The week of opening hours fits the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(screenshot_dir / "place-change-phone.png"), full_page=True)
    page.get_by_label("Montag").fill("9–13")
    page.get_by_role("button", name="Öffnungszeiten speichern").click()
    expect(page.locator("#places")).to_contain_text("Mo 09:00–13:00")

    _log_out(page, base)
    page.goto(public)
    expect(page.locator("main")).to_contain_text("Amalie-Dietrich-Platz 3")
    expect(page.locator("main")).not_to_contain_text("Leutewitzer Ring")

    log_in(page, base, "koordination")
    page.goto(f"{base}/angebote/{gorbitz_live.pk}/aenderungen/")
    places = page.locator("#revision-place-diff")
    expect(places).to_contain_text("Amalie-Dietrich-Platz 3")
    expect(places).to_contain_text("Leutewitzer Ring 7")
    expect(places).to_contain_text("Mo 9–13")
    page.get_by_role("button", name="Änderungen freigeben und veröffentlichen").click()
    expect(page.locator("body")).to_contain_text("freigegeben")

    _log_out(page, base)
    page.goto(public)
    expect(page.locator("main")).to_contain_text("Leutewitzer Ring 7")
    expect(page.locator("main")).to_contain_text("09:00–13:00")
    assert js_errors == []
