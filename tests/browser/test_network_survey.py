"""A coordinator runs a network survey; an organisation answers through its personal link."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def gorbitz_organisations(dresden):
    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.network.models import Organisation, Sector

    gorbitz = Area.objects.get(city=dresden, level="stadtraum", code="16")
    found = {}
    for name, sector, email in [
        ("Kita Sonnenblume", Sector.YOUTH_WELFARE, "kita-sonnenblume@example.org"),
        ("Grundschule am Park", Sector.SCHOOL, "grundschule@example.org"),
        ("Kinderarztpraxis West", Sector.HEALTH, ""),
    ]:
        org = Organisation.objects.create(name=name, sector=sector, city=dresden, email=email)
        org.areas_served.add(gorbitz)
        found[name] = org
    return found


def test_survey_from_start_to_close(page, live_server, gorbitz_organisations, js_errors):
    log_in(page, live_server.url, "koordination")
    page.goto(f"{live_server.url}/netzwerk/hinweise/?stadt=dresden")
    before = page.locator("#hint-count").inner_text()

    page.goto(f"{live_server.url}/netzwerk/befragungen/neu/")
    page.locator("#id_gebiet").select_option(label="Gorbitz (Stadtraum)")
    page.locator("#id_name").fill("Netzwerkbefragung Gorbitz")
    page.get_by_role("button", name="Starten und Links erzeugen").click()
    expect(page.locator("#progress")).to_contain_text("0 von 3")
    kita = gorbitz_organisations["Kita Sonnenblume"]
    link = page.locator(f'input.link-field[data-organisation="{kita.pk}"]').input_value()
    wave_url = page.url

    # The organisation answers without logging in.
    answer = page.context.browser.new_context(locale="de-DE")
    form = answer.new_page()
    form.goto(link)
    expect(form.locator("h1")).to_contain_text("Netzwerkbefragung Gorbitz")
    form.locator("#partner-query").fill("grundschule")
    form.get_by_role("button", name="Grundschule am Park hinzufügen").click()
    expect(form.get_by_role("checkbox", name="Grundschule am Park")).to_be_checked()
    form.locator(f"#art_{gorbitz_organisations['Grundschule am Park'].pk}").select_option("case")
    form.locator("#submit-survey").click()
    expect(form.locator("#survey-thanks")).to_contain_text("1 Kooperation gespeichert")

    # A forged link is refused.
    form.goto(link[:-6] + "XXXXXX/")
    expect(form.locator("#survey-error")).to_contain_text("ungültig")

    page.goto(wave_url)
    expect(page.locator("#progress")).to_contain_text("1 von 3")
    # The personal links for a mail merge, and a reminder by e-mail to who has not answered.
    with page.expect_download() as download:
        page.locator("#export-links").click()
    rows = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "Organisation;E-Mail;Persönlicher Link;Gültig bis;Geantwortet"
    assert any(row.startswith("Kita Sonnenblume;kita-sonnenblume@example.org;http") for row in rows)
    page.locator("#remind-wave").click()
    expect(page.locator(".messages")).to_contain_text(
        "Erinnerung an 1 Organisation per E-Mail gesendet."
    )
    expect(page.locator(".messages")).to_contain_text("1 Organisation hat keine E-Mail-Adresse")
    assert [m.to for m in mail.outbox] == [["grundschule@example.org"]]
    page.locator("#close-wave").click()
    expect(page.locator(".message")).to_contain_text("abgeschlossen")

    form.goto(link)
    expect(form.locator("#survey-error")).to_contain_text("abgeschlossen")
    answer.close()

    page.goto(f"{live_server.url}/netzwerk/?stadt=dresden")
    expect(page.locator("#tie-table")).to_contain_text("Kita Sonnenblume")
    expect(page.locator("#tie-table")).to_contain_text("Grundschule am Park")
    expect(page.locator(".network-figure svg")).to_be_visible()
    page.goto(f"{live_server.url}/netzwerk/hinweise/?stadt=dresden")
    after = page.locator("#hint-count").inner_text()
    assert after != before
    expect(page.locator("body")).to_contain_text("Kinderarztpraxis West ist nicht eingebunden")
    assert js_errors == []


def test_network_pages_have_no_accessibility_violations(page, live_server, gorbitz_organisations):
    import datetime as dt

    from axe_playwright_python.sync_playwright import Axe
    from django.utils import timezone

    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.network import services

    gorbitz = Area.objects.get(city__code="dresden", level="stadtraum", code="16")
    wave = services.wave_start(
        area=gorbitz,
        name="Befragung Gorbitz",
        closes_on=timezone.localdate() + dt.timedelta(days=9),
    )
    link = services.invitation_token(wave.invitations.first())
    kita = gorbitz_organisations["Kita Sonnenblume"]
    axe = Axe()
    public = [
        "/netzwerk/organisationen/?stadt=dresden",
        f"/netzwerk/organisationen/{kita.pk}/",
        f"/befragung/{link}/",
    ]
    internal = [
        "/netzwerk/?stadt=dresden",
        f"/netzwerk/?stadt=dresden&welle={wave.pk}",  # an open wave: response rate, warning
        "/netzwerk/matrix/?stadt=dresden",
        "/netzwerk/hinweise/?stadt=dresden",
        f"/netzwerk/befragungen/{wave.pk}/",
    ]
    for url in public:
        page.goto(f"{live_server.url}{url}")
        result = axe.run(page)
        details = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]
        ]
        assert result.violations_count == 0, (url, details)
    log_in(page, live_server.url, "planung")
    for url in internal:
        page.goto(f"{live_server.url}{url}")
        result = axe.run(page)
        details = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]
        ]
        assert result.violations_count == 0, (url, details)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_network_map_defaults_to_the_closed_wave(
    request, live_server, gorbitz_organisations, js_errors, screenshot_dir, viewport
):
    """A later open wave with 1 of 3 answers does not replace the closed wave's network;
    chosen, it says how few have answered."""
    import datetime as dt

    from django.utils import timezone

    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.network import services
    from praeventionsnetz.network.models import Tie, TieKind, TieSource

    page = request.getfixturevalue("page" if viewport == "desktop" else "phone_page")
    gorbitz = Area.objects.get(city__code="dresden", level="stadtraum", code="16")
    kita, school, doctor = gorbitz_organisations.values()
    closes = timezone.localdate() + dt.timedelta(days=9)
    closed = services.wave_start(area=gorbitz, name="Befragung Gorbitz 2025", closes_on=closes)
    for a, b in [(kita, school), (school, kita), (school, doctor)]:
        Tie.objects.create(
            reporter=a, partner=b, kind=TieKind.CASE, source=TieSource.SURVEY, wave=closed
        )
    closed.invitations.update(answered_at=timezone.now())
    services.wave_close(wave=closed)
    running = services.wave_start(area=gorbitz, name="Befragung Gorbitz 2026", closes_on=closes)
    Tie.objects.create(
        reporter=doctor, partner=kita, kind=TieKind.CASE, source=TieSource.SURVEY, wave=running
    )
    running.invitations.filter(organisation=doctor).update(answered_at=timezone.now())

    log_in(page, live_server.url, "planung")
    page.goto(f"{live_server.url}/netzwerk/?stadt=dresden")
    expect(page.locator("#id_welle option:checked")).to_have_text("Befragung Gorbitz 2025")
    expect(page.locator("#id_welle")).to_contain_text(
        "Befragung Gorbitz 2026 (offen: 1 von 3 geantwortet)"
    )
    expect(page.locator(".network-figure figcaption")).to_have_text(
        "3 Organisationen, 3 gemeldete Beziehungen."
    )
    expect(page.locator("[data-wave-status]")).to_have_count(0)
    expect(page.locator(".network-figure svg")).to_be_visible()

    page.locator("#id_welle").select_option(
        label="Befragung Gorbitz 2026 (offen: 1 von 3 geantwortet)"
    )
    page.get_by_role("button", name="Anzeigen").click()
    status = page.locator("[data-wave-status]")
    expect(status).to_contain_text(
        "Bisher hat 1 von 3 eingeladenen Organisationen geantwortet (33 %)"
    )
    expect(status.locator(".response-warning")).to_contain_text("Weniger als 60 %")
    expect(page.locator(".network-figure figcaption")).to_have_text(
        "3 Organisationen, 1 gemeldete Beziehung."
    )
    page.screenshot(path=str(screenshot_dir / f"network_open_wave_{viewport}.png"), full_page=True)

    page.goto(f"{live_server.url}/netzwerk/vergleich/?stadt=dresden")
    expect(page.locator("#id_nachher option:checked")).to_have_text("Befragung Gorbitz 2025")
    assert js_errors == []
