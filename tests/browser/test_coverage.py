"""A planner looks at the coverage of the prevention chain and follows an area's chain."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import log_in, wait_for_map

pytestmark = pytest.mark.browser


@pytest.fixture
def pieschen_offers(dresden):
    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.network.models import Organisation
    from praeventionsnetz.offers.models import Service, Status

    org = Organisation.objects.create(name="Familienzentrum Pieschen (Demodaten)", city=dresden)
    pieschen = Area.objects.current().get(city=dresden, level=Level.STADTTEIL, code="21")
    for name, phases, transitions in [
        ("Krabbelgruppe Pieschen", ["0-1", "1-3"], ["family-daycare"]),
        ("Hausaufgabenhilfe Pieschen", ["6-10"], []),
    ]:
        service = Service.objects.create(
            organisation=org,
            name=name,
            status=Status.PUBLISHED,
            life_phases=phases,
            transitions=transitions,
            is_demo=True,
        )
        service.areas_served.add(pieschen)
    return pieschen


def test_planner_finds_the_holes_of_an_area(
    page, live_server, pieschen_offers, js_errors, screenshot_dir
):
    log_in(page, live_server.url, "planung")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Präventionskette"
    ).click()
    expect(page.locator("h1")).to_contain_text("Abdeckung der Präventionskette: Dresden")
    assert wait_for_map(page) == 64
    table = page.locator("#coverage-table")
    row = table.locator("tr", has_text="21 Pieschen-Süd")
    # Krabbelgruppe: 0–1 and 1–3 have an offer; 3–6 has none and is a gap.
    cells = row.locator("td")
    expect(cells.nth(1)).to_contain_text("(1)")
    expect(cells.nth(3)).to_contain_text("Lücke")
    page.get_by_label("Lebensphase", exact=True).select_option("6-10")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("#map-heading")).to_contain_text("6–10 Jahre")
    page.locator("#coverage-table").get_by_role("link", name="21 Pieschen-Süd").click()
    expect(page.locator("h1")).to_contain_text("Präventionskette in Pieschen-Süd")
    holes = page.locator("#holes")
    expect(holes).to_contain_text("Kein Angebot für 3–6 Jahre")
    expect(holes).not_to_contain_text("Kein Angebot für 1–3 Jahre")
    expect(page.locator(".chain")).to_contain_text("Krabbelgruppe Pieschen")
    # The same rule as the coverage table: 3–6 is a gap there and a hole here; each phase
    # says its rate (here: no children's figures loaded) and threshold.
    expect(page.locator(".chain__step--hole", has_text="3–6 Jahre")).to_have_count(1)
    expect(page.locator(".chain__step", has_text="1–3 Jahre")).to_contain_text("Schwelle 10,0")
    page.screenshot(path=str(screenshot_dir / "chain-pieschen-sued.png"), full_page=True)
    result = Axe().run(page)
    assert result.violations_count == 0, [v["id"] for v in result.response["violations"]]
    assert js_errors == []
