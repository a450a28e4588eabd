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
