"""Answering a city-wide wave of 1,000 organisations on a phone (375 px) and a desktop."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, TIMEOUT_MS

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def thousand_wave(dresden):
    """1,000 organisations of Dresden and a city-wide wave with a link for each."""
    from django.utils import timezone

    from praeventionsnetz.network import services
    from praeventionsnetz.network.models import Organisation

    Organisation.objects.bulk_create(
        Organisation(name=f"Kinderhaus Löbtau-Süd Nummer {n:04d}", city=dresden)
        for n in range(1000)
    )
    return services.wave_start(
        area=dresden,
        name="Netzwerkbefragung Dresden",
        closes_on=timezone.localdate() + dt.timedelta(days=14),
        organisations=Organisation.objects.filter(city=dresden),
    )


def _link(live_server, wave) -> str:
    from praeventionsnetz.network import services

    invitation = wave.invitations.order_by("organisation__name").first()
    return f"{live_server.url}/befragung/{services.invitation_token(invitation)}/"


def _answer(page: Page, link: str, wave) -> None:
    from praeventionsnetz.network.models import Organisation, Tie

    page.goto(link)
    expect(page.locator("h1")).to_contain_text("Netzwerkbefragung Dresden")
    # 1,000 organisations, but the form holds only what is added: no 400 on sending.
    assert page.locator("#survey-form select").count() == 0
    partner = Organisation.objects.get(name="Kinderhaus Löbtau-Süd Nummer 0500")
    page.locator("#partner-query").fill("loebtau-sud 0500")  # case and umlauts do not matter
    add = page.get_by_role("button", name=f"{partner.name} hinzufügen")
    add.click()
    row = page.locator(f"#row-{partner.pk}")
    expect(row).to_be_visible()
    expect(page.locator(f"#hit-{partner.pk}")).to_have_text("hinzugefügt")
    checkbox = row.get_by_role("checkbox", name=partner.name)
    expect(checkbox).to_be_checked()
    # The name is readable: it does not wrap one letter per line.
    label = row.locator(".partner-row__name").bounding_box()
    assert label is not None
    assert label["width"] > 200, label
    # Untick and tick again by tapping: nothing lies over the checkbox.
    checkbox.click()
    expect(checkbox).not_to_be_checked()
    checkbox.click()
    expect(checkbox).to_be_checked()

    def saved_both(response) -> bool:
        body = response.request.post_data or ""
        return (
            response.url.endswith("/entwurf/")
            and f"art_{partner.pk}=case" in body
            and f"vertrauen_{partner.pk}=4" in body
        )

    with page.expect_response(saved_both):
        page.locator(f"#art_{partner.pk}").select_option("case")
        page.locator(f"#vertrauen_{partner.pk}").select_option("4")
    expect(page.locator("#draft-status")).to_contain_text("Entwurf um")
    # A reload shows the draft.
    page.reload()
    expect(page.locator(f"#art_{partner.pk}")).to_have_value("case")
    expect(page.locator(f"#vertrauen_{partner.pk}")).to_have_value("4")
    page.locator("#submit-survey").click()
    expect(page.locator("#survey-thanks")).to_contain_text("1 Kooperation gespeichert")
    tie = Tie.objects.get(wave=wave)
    assert (tie.partner_id, tie.kind, tie.trust) == (partner.pk, "case", 4)


def _open(chromium: Browser, viewport: dict[str, int], js_errors: list[str]):
    context = chromium.new_context(viewport=viewport, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    return context, page


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone-375", "desktop-1366"])
def test_answering_a_1000_organisation_wave(
    chromium, live_server, thousand_wave, js_errors, viewport
):
    context, page = _open(chromium, viewport, js_errors)
    try:
        _answer(page, _link(live_server, thousand_wave), thousand_wave)
        # Nothing sticks out sideways on the phone.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], width
    finally:
        context.close()
    assert js_errors == []


def test_without_javascript_search_and_add_work(chromium, live_server, thousand_wave):
    from praeventionsnetz.network.models import Organisation

    context = chromium.new_context(viewport=PHONE, locale="de-DE", java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(_link(live_server, thousand_wave))
        partner = Organisation.objects.get(name="Kinderhaus Löbtau-Süd Nummer 0042")
        page.locator("#partner-query").fill("nummer 0042")
        page.locator("#search-button").click()
        page.get_by_role("button", name=f"{partner.name} hinzufügen").click()
        page.locator(f"#art_{partner.pk}").select_option("referral")
        page.locator("#submit-survey").click()
        expect(page.locator("#survey-thanks")).to_contain_text("1 Kooperation gespeichert")
    finally:
        context.close()
