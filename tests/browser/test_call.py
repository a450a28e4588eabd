"""A call for expressions of interest from start to end: planning sets it up with the
programme's two statements and two weighted criteria and publishes it; a provider applies on
a phone (a draft first, then submitted); planning and the steering group each score alone;
planning records the decision; the position appears on the positions page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, _open_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def programme(dresden):
    from django.conf import settings

    from praeventionsnetz.funding import services

    services.programme_load(settings.DATA_DIR / "programmes" / "dresden_2018.json")


@pytest.fixture
def steering_page(chromium: Browser, live_server, dresden, js_errors) -> Iterator[Page]:
    context, page = _open_page(chromium, DESKTOP, js_errors)
    yield page
    context.close()


def test_a_call_from_setup_to_position(
    page, phone_page, steering_page, live_server, programme, js_errors
):
    from praeventionsnetz.funding.models import Call, CallStatus, Position

    base = live_server.url

    # Planning sets the call up: the decision's two statements are there already.
    log_in(page, base, "planung")
    page.goto(f"{base}/foerderung/ausschreibungen/")
    page.locator("#call-new").click()
    expect(page.locator("#id_frage-0-text")).to_have_value(
        "Wie stellt sich der/die Bewerber/-in grundsätzlich den Prozess der sozialräumlichen "
        "Umstellung der Jugendhilfe vor und welche Rolle sieht er für sich in diesem Projekt?"
    )
    expect(page.locator("#id_frage-1-text")).to_contain_text("Erfahrungstransfer")
    page.locator("#id_title").fill("Sozialraumkoordination Stadtraum 05")
    page.locator("#id_planned_position").select_option(label="Praxismodul: Stadtraum 05 (0.50 VZÄ)")
    page.locator("#id_kriterium-0-name").fill("Verständnis der Sozialraumorientierung")
    page.locator("#id_kriterium-0-weight").fill("2")
    page.locator("#id_kriterium-1-name").fill("Kooperation und Transfer")
    page.get_by_role("button", name="Ausschreibung speichern").click()
    expect(page.locator("#call-status")).to_have_text("Entwurf")
    page.get_by_role("button", name="Ausschreibung veröffentlichen").click()
    expect(page.locator("#call-status")).to_have_text("Offen")
    call = Call.objects.get(title="Sozialraumkoordination Stadtraum 05")
    assert call.questions.count() == 2
    assert call.criteria.count() == 2

    # The provider applies on a phone: a missing answer is explained, the draft is kept.
    log_in(phone_page, base, "traeger")
    phone_page.goto(f"{base}/foerderung/ausschreibungen/offen/")
    phone_page.get_by_role("link", name="Sozialraumkoordination Stadtraum 05").click()
    first, second = (f"#frage-{q.pk}" for q in call.questions.all())
    phone_page.locator(first).fill("Wir sehen uns als Brücke zwischen ASD und Stadtteil.")
    phone_page.get_by_role("button", name="Bewerbung einreichen").click()
    expect(phone_page.locator("#call-error")).to_contain_text("Bitte beantworten Sie")
    expect(phone_page.locator(first)).to_have_value(
        "Wir sehen uns als Brücke zwischen ASD und Stadtteil."
    )
    phone_page.locator(second).fill("Monatlicher Arbeitskreis und gemeinsame Fallwerkstatt.")
    phone_page.get_by_role("button", name="Bewerbung einreichen").click()
    expect(phone_page.locator("#application-status")).to_contain_text("Eingereicht")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the application page is {width} px wide on a 375 px phone"
    application = call.applications.get()

    # Planning and the steering group score alone.
    for reviewer, user, scores in (
        (page, "planung", ("4", "3")),
        (steering_page, "steuerung", ("2", "5")),
    ):
        if user == "steuerung":
            log_in(reviewer, base, user)
        reviewer.goto(f"{base}/foerderung/bewerbungen/{application.pk}/bewertung/")
        expect(reviewer.locator(".review")).to_have_count(0)
        for criterion, score in zip(call.criteria.all(), scores, strict=True):
            reviewer.locator(f"#kriterium-{criterion.pk}").fill(score)
        reviewer.get_by_role("button", name="Bewertung abschließen").click()
        expect(reviewer.locator("#own-scores")).to_be_visible()
    # Planning now sees the spread: weighted (2·4+3)/3 = 11/3 and (2·2+5)/3 = 3, mean 10/3.
    page.goto(f"{base}/foerderung/ausschreibungen/{call.pk}/auswertung/")
    expect(page.locator("main table tbody tr")).to_contain_text("3,33 (3,00–3,67)")

    # Planning records the decision; the position is on the positions page.
    page.goto(f"{base}/foerderung/ausschreibungen/{call.pk}/entscheidung/")
    page.get_by_label(application.organisation.name).check()
    page.get_by_role("button", name="Entscheidung erfassen").click()
    expect(page.locator("#call-status")).to_have_text("Entschieden")
    call.refresh_from_db()
    assert call.status == CallStatus.DECIDED
    position = Position.objects.get(awarded_by=application)
    page.goto(f"{base}/foerderung/stellen/")
    row = page.locator(f"#place-{position.planned_id}")
    expect(row).to_contain_text(application.organisation.name)
    expect(row).to_contain_text("besetzt")
    assert js_errors == []
