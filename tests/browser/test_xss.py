"""Names with markup stay text on every page that shows them, and the pages work under the CSP.

A payload goes in through every way a name gets stored (forms' services, the HSDS and
GeoJSON imports, the network survey, the indicator registry). Every page that shows the
names is opened in Chromium: no payload runs (window.__xss stays unset), no element from a
payload exists, and the browser reports no Content-Security-Policy violation, so the
platform's own scripts (map, tooltips, print button, API docs) run under the strict policy.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, wait_for_map
from tests.monitoring.factories import IndicatorFactory, ObservationFactory
from tests.offers.factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory

pytestmark = pytest.mark.browser

PAYLOADS = (
    "<img src=x onerror=window.__xss=1>",
    "<script>window.__xss=1</script>",
    '"><svg onload=window.__xss=1>',
)
MARK = " ".join(PAYLOADS)
SHOWN = "<img src=x onerror"  # the start of the payload as visible text

# Collects CSP violations from the first moment of every page (before the page's scripts).
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push(event.effectiveDirective + " " + event.blockedURI + " " +
                    event.sourceFile + ":" + event.lineNumber);
});
"""


def _square(lon: float, lat: float, size: float) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def planted(dresden):
    """Every kind of name that others see, each carrying the payloads."""
    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.areas.services import area_import
    from praeventionsnetz.core.models import User
    from praeventionsnetz.network.models import (
        Organisation,
        PartnerSuggestion,
        SurveyInvitation,
        SurveyWave,
    )
    from praeventionsnetz.network.services import (
        suggestion_decide,
        survey_answer_submit,
        tie_record,
    )
    from praeventionsnetz.offers.hsds.apply import hsds_import_apply
    from praeventionsnetz.offers.hsds.export import hsds_tables
    from praeventionsnetz.offers.hsds.files import package_files
    from praeventionsnetz.offers.hsds.planning import hsds_import_plan
    from praeventionsnetz.offers.hsds.vocabulary import hsds_spec
    from praeventionsnetz.offers.models import Service, Status
    from praeventionsnetz.offers.services import services_index

    # An area from a GeoJSON import, inside Dresden's Altstadt.
    result = area_import(
        features=[
            {
                "type": "Feature",
                "properties": {"code": "99", "name": f"Gebiet {MARK}"},
                "geometry": _square(13.735, 51.045, 0.01),
            }
        ],
        city=dresden,
        level=Level.STADTTEIL,
        mapping={"code": "code", "name": "name"},
    )
    assert not getattr(result, "errors", None), result
    area = Area.objects.current().get(city=dresden, level=Level.STADTTEIL, code="99")

    # Provider, organisation, offer (name and description) and its place (name and address).
    provider = Organisation.objects.create(name=f"Träger {MARK}", city=dresden)
    org = Organisation.objects.create(name=f"Zentrum {MARK}", city=dresden, provider=provider)
    service = ServiceFactory(
        organisation=org,
        name=f"Xsskita {MARK}",
        description=f"Beschreibung {MARK}",
        status=Status.PUBLISHED,
    )
    location = LocationFactory(
        organisation=org,
        name=f"Ort {MARK}",
        street=f"Straße {MARK}"[:200],
        town="Dresden",
        lon=13.740,
        lat=51.050,
    )
    ServiceAtLocationFactory(service=service, location=location)

    # An offer whose names arrive by an HSDS import.
    imported_org = Organisation.objects.create(name="Hsdsverein", city=dresden)
    imported = ServiceFactory(
        organisation=imported_org, name="Hsdsangebot", status=Status.PUBLISHED
    )
    ServiceAtLocationFactory(
        service=imported,
        location=LocationFactory(
            organisation=imported_org, name="Hsdsort", street="Altmarkt 1", lon=13.742, lat=51.051
        ),
    )
    tables = hsds_tables([imported])
    for table, column, value in (
        ("organization", "name", f"Hsdsverein {MARK}"),
        ("service", "name", f"Hsdsangebot {MARK}"),
        ("location", "name", f"Hsdsort {MARK}"),
    ):
        for row in tables[table]:
            if row.get(column) in {"Hsdsverein", "Hsdsangebot", "Hsdsort"}:
                row[column] = value
    files = package_files(tables, hsds_spec(), meta={"title": "Test"})
    plan = hsds_import_plan(files, city=dresden)
    assert not plan.errors, plan.error_texts
    hsds_import_apply(plan)
    imported.refresh_from_db()
    assert imported.name == f"Hsdsangebot {MARK}"
    services_index(Service.objects.all())

    # Names typed in a network survey wait for review; one accepted becomes an organisation
    # tied to the organisation above, one stays in the review queue.
    wave = SurveyWave.objects.create(
        area=dresden,
        name=f"Befragung {MARK}",
        started_on=dt.date(2026, 1, 1),
        closes_on=dt.date(2026, 12, 31),
    )
    invitation = SurveyInvitation.objects.create(wave=wave, organisation=org, nonce="n1")
    with transaction.atomic():
        survey_answer_submit(
            invitation=invitation,
            answers=[],
            new_partners=[f"Partner {MARK}", f"Vorschlag {MARK}"],
        )
    reviewer = User.objects.get(username="planung")
    suggestion_decide(
        suggestion=PartnerSuggestion.objects.get(name=f"Partner {MARK}"), by=reviewer, accept=True
    )
    tie_record(reporter=provider, partner=org, kind="cooperation", source="registry")

    # An indicator with figures for the imported area and its neighbours.
    indicator = IndicatorFactory(key="xss_kennzahl", name_de=f"Kennzahl {MARK}")
    for i, neighbour in enumerate(
        Area.objects.current().filter(city=dresden, level=Level.STADTTEIL).order_by("code")[:5]
    ):
        ObservationFactory(indicator=indicator, area=neighbour, period="2024", value=10.0 + i)
    ObservationFactory(indicator=indicator, area=area, period="2024", value=20.0)
    return {"service": service, "imported": imported, "org": org, "area": area, "wave": wave}


@pytest.fixture
def watched(page: Page):
    page.add_init_script(WATCH_CSP)
    console: list[str] = []
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return console


def _assert_inert(page: Page, console: list[str], url: str) -> None:
    assert page.evaluate("window.__xss") is None, url
    assert page.evaluate("window.__csp") == [], url
    assert console == [], url
    planted_elements = page.evaluate(
        "document.querySelectorAll('[onerror], [onload], img[src=x]').length"
    )
    assert planted_elements == 0, url


def _hover_first_shape(page: Page, text: str) -> None:
    """Open the tooltip of the map's shape that carries `text` and check it shows it as text."""
    shapes = page.locator(".map path.leaflet-interactive")
    for i in range(shapes.count()):
        shapes.nth(i).dispatch_event("mouseover")
        tooltip = page.locator(".leaflet-tooltip")
        if tooltip.count() and text in tooltip.last.inner_text():
            assert tooltip.last.locator("img, svg, script").count() == 0
            return
        shapes.nth(i).dispatch_event("mouseout")
    raise AssertionError(f"no tooltip shows {text!r}")


def test_planted_names_stay_text_on_every_page_that_shows_them(
    page, live_server, planted, watched, js_errors
):
    base = live_server.url
    log_in(page, base, "planung")
    service, imported, org, area = (
        planted["service"],
        planted["imported"],
        planted["org"],
        planted["area"],
    )
    map_pages = [
        ("/angebote/?q=Xsskita", f"Xsskita {SHOWN}"),
        ("/angebote/?q=Hsdsangebot", f"Hsdsangebot {SHOWN}"),
        (f"/angebote/{service.pk}/", f"Ort {SHOWN}"),
        (f"/angebote/{imported.pk}/", f"Hsdsort {SHOWN}"),
        (
            "/monitoring/?stadt=dresden&ebene=stadtteil&indikator=xss_kennzahl&periode=2024",
            f"Gebiet {SHOWN}",
        ),
        (f"/gebiete/{area.pk}/", f"Gebiet {SHOWN}"),
    ]
    for path, text in map_pages:
        page.goto(f"{base}{path}")
        assert wait_for_map(page) > 0, path
        _hover_first_shape(page, text)
        _assert_inert(page, watched, path)
    # The survey's ties are those of its wave, which is still open: shown when chosen.
    network_map = f"/netzwerk/?stadt=dresden&welle={planted['wave'].pk}"
    pages = [
        (f"/angebote/{service.pk}/", [f"Beschreibung {SHOWN}", f"Ort {SHOWN}", f"Straße {SHOWN}"]),
        (f"/angebote/{imported.pk}/", [f"Hsdsort {SHOWN}", f"Hsdsverein {SHOWN}"]),
        (f"/netzwerk/organisationen/{org.pk}/", [f"Zentrum {SHOWN}", f"Träger {SHOWN}"]),
        ("/netzwerk/organisationen/", [f"Zentrum {SHOWN}", f"Partner {SHOWN}"]),
        (network_map, ["Zentrum <img src=x", "Partner <img src=x"]),
        ("/monitoring/kennzahlen/", [f"Kennzahl {SHOWN}"]),
        ("/monitoring/?stadt=dresden&ebene=stadtteil&indikator=xss_kennzahl", [f"Gebiet {SHOWN}"]),
        ("/angebote/pflege/", [f"Xsskita {SHOWN}"]),
        ("/netzwerk/befragungen/", [f"Befragung {SHOWN}"]),
        (f"/netzwerk/befragungen/{planted['wave'].pk}/neue-namen/", [f"Vorschlag {SHOWN}"]),
    ]
    for path, texts in pages:
        page.goto(f"{base}{path}")
        shown = page.evaluate("document.body.textContent")
        for text in texts:
            assert text in shown, (path, text)
        _assert_inert(page, watched, path)
    # The network map is drawn on the server: its labels and tooltips are SVG text.
    page.goto(f"{base}{network_map}")
    drawing = page.evaluate(
        "Array.from(document.querySelectorAll('.chart-panel svg, main svg'))"
        ".map(svg => svg.textContent).join(' ')"
    )
    assert "Zentrum <img src=x" in drawing
    assert "Partner <img src=x" in drawing
    _assert_inert(page, watched, "network map")
    assert js_errors == []


def test_the_print_button_works_without_inline_script(page, live_server, planted, watched):
    page.goto(f"{live_server.url}/angebote/{planted['service'].pk}/")
    page.evaluate("window.print = function () { window.__printed = true; }")
    button = page.get_by_role("button", name="Drucken")
    expect(button).to_be_visible()
    button.click()
    assert page.evaluate("window.__printed") is True
    _assert_inert(page, watched, "print")


def test_api_docs_run_from_the_platform_alone_under_the_csp(page, live_server, watched, js_errors):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Präventionsnetz API")
    expect(page.locator(".opblock").first).to_be_visible()
    foreign = [url for url in requested if not url.startswith((live_server.url, "data:"))]
    assert foreign == []
    assert page.evaluate("window.__csp") == []
    assert watched == []
    assert js_errors == []


def test_markup_that_gets_in_anyway_is_blocked_and_reported(page, live_server, watched):
    """The second wall: even a payload put into the page as HTML runs no script."""
    page.goto(f"{live_server.url}/angebote/")
    page.evaluate(
        "markup => document.querySelector('main').insertAdjacentHTML('beforeend', markup)",
        PAYLOADS[0],
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__xss") is None
    assert any(v.startswith("script-src-attr") for v in page.evaluate("window.__csp"))
