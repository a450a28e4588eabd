"""A resident applies to the action budget on a phone and confirms by the e-mail link; the
coordinator approves in part; the resident sees the decision through the link; a payment
and a receipt are recorded; the district's public page and the utilisation show it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def gorbitz_budget(dresden):
    """An action budget of 5,000 € for Stadtraum 16, one of the demo coordinator's areas."""
    from django.utils import timezone

    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.funding import services
    from praeventionsnetz.funding.models import Module, ModuleKind, Programme

    area = Area.objects.current().get(city=dresden, level=Level.STADTRAUM, code="16")
    programme = Programme.objects.create(key="aktionsbudget-test", name="Aktionsbudget")
    module = Module.objects.create(
        programme=programme,
        key="aktionsbudget",
        name="Aktionsbudget",
        kind=ModuleKind.ACTION_BUDGET,
    )
    return services.budget_line_plan(
        module=module, area=area, year=timezone.localdate().year, cents=500_000, reason="Plan"
    )


def test_a_resident_applies_and_the_coordinator_approves_in_part(
    page, phone_page, live_server, gorbitz_budget, receipt_storage, js_errors, tmp_path
):
    from praeventionsnetz.funding.models import ActionApplication

    base = live_server.url
    area = gorbitz_budget.area

    # A resident applies on a phone; a typo in the amount is explained, nothing is lost.
    phone_page.goto(f"{base}/aktionsbudget/{area.pk}/antrag/")
    phone_page.locator("#id_title").fill("Hoffest Amalie-Dietrich-Platz")
    phone_page.locator("#id_what").fill("Ein Fest mit Nachbarn, Kita und Jugendclub.")
    phone_page.locator("#id_why").fill("Viele neue Familien im Haus.")
    phone_page.locator("#id_for_whom").fill("Familien im Quartier")
    phone_page.locator("#id_participants").fill("Hausgemeinschaft, Kita")
    phone_page.locator("#id_amount").fill("zwölfhundert")
    phone_page.locator("#id_timing").fill("im Juni")
    phone_page.locator("#id_applicant_name").fill("Anna Anwohnerin")
    phone_page.locator("#id_applicant_email").fill("anna@example.org")
    phone_page.locator("#id_no_personal_data").check()
    phone_page.locator("#application-form button[type=submit]").click()
    expect(phone_page.locator("#id_amount_error")).to_be_visible()
    expect(phone_page.locator("#id_title")).to_have_value("Hoffest Amalie-Dietrich-Platz")
    phone_page.locator("#id_amount").fill("1.200,00 €")
    phone_page.locator("#application-form button[type=submit]").click()
    expect(phone_page.locator("#action-sent")).to_be_visible()
    # Nothing sticks out of the 375 px screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375

    # The confirmation link from the e-mail.
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/aktionsbudget/bestaetigen/\S+/)", mail.outbox[0].body)[1]
    phone_page.goto(f"{base}{path}")
    expect(phone_page.locator("#application-status")).to_have_attribute("data-status", "confirmed")
    status_url = phone_page.url

    # The coordinator approves in part.
    application = ActionApplication.objects.get()
    log_in(page, base, "koordination")
    page.goto(f"{base}/foerderung/aktionsbudget/{gorbitz_budget.pk}/")
    page.locator("#status-confirmed").get_by_role(
        "link", name="Hoffest Amalie-Dietrich-Platz"
    ).click()
    page.locator("#criteria-form select").first.select_option("yes")
    page.locator("#criteria-form textarea").first.fill("Im Haus kennt man sich kaum.")
    page.locator("#criteria-form button[type=submit]").click()
    page.locator("#decision_outcome_1").check()
    page.locator("#decision_amount").fill("900")
    page.locator("#decision_reason").fill("Die Musikanlage leiht der Jugendclub.")
    page.locator("#decision-form button[type=submit]").click()
    expect(page.locator("#application-status")).to_have_attribute(
        "data-status", "partially_approved"
    )
    expect(page.locator("#amount-decided")).to_contain_text("900,00")

    # The resident sees the decision and its reason through the link.
    phone_page.goto(status_url)
    expect(phone_page.locator("#application-status")).to_have_attribute(
        "data-status", "partially_approved"
    )
    expect(phone_page.locator("#decision")).to_contain_text("900,00")
    expect(phone_page.locator("#decision")).to_contain_text("1.200,00")
    expect(phone_page.locator("#decision-reason")).to_contain_text("Musikanlage")

    # Started, a payment and a receipt for the proof of use.
    page.locator("#start-form button[type=submit]").click()
    expect(page.locator("#application-status")).to_have_attribute("data-status", "started")
    page.locator("#payment_amount").fill("900,00")
    page.locator("#payment-form button[type=submit]").click()
    expect(page.locator("#payments")).to_contain_text("900,00")
    receipt = tmp_path / "kassenbon.pdf"
    receipt.write_bytes(PDF)
    page.locator("#receipt_file").set_input_files(str(receipt))
    page.locator("#receipt_amount").fill("887,40")
    page.locator("#receipt-form button[type=submit]").click()
    expect(page.locator("#receipts")).to_contain_text("kassenbon.pdf")
    page.locator("#complete_note").fill(
        "Rund 80 Gäste, Kita und Hausgemeinschaft haben mitgemacht."
    )
    page.locator("#complete-form button[type=submit]").click()
    expect(page.locator("#application-status")).to_have_attribute("data-status", "done")
    application.refresh_from_db()
    assert application.receipts.count() == 1

    # The utilisation shows the commitment and the payment.
    page.goto(f"{base}/foerderung/auslastung/")
    row = page.locator("#utilisation-table tbody tr", has_text=area.name)
    expect(row).to_contain_text("900,00")
    expect(row).to_contain_text("4.100,00")

    # The district's public page shows what was funded, without the applicant.
    phone_page.goto(f"{base}/aktionsbudget/{area.pk}/")
    funded = phone_page.locator(f"#funded-{application.pk}")
    expect(funded).to_contain_text("Hoffest Amalie-Dietrich-Platz")
    expect(funded).to_contain_text("900,00")
    expect(phone_page.locator("main")).not_to_contain_text("Anna Anwohnerin")
    expect(phone_page.locator("main")).not_to_contain_text("anna@example.org")
    assert js_errors == []


def test_the_action_budget_pages_have_no_accessibility_violations(
    page, phone_page, live_server, gorbitz_budget
):
    from praeventionsnetz.funding import services
    from tests.browser.test_accessibility import assert_no_violations

    base = live_server.url
    area = gorbitz_budget.area
    application, token = services.application_submit(
        budget_line=gorbitz_budget,
        base_url=base,
        applicant_email="anna@example.org",
        title="Hoffest",
        what="Ein Fest im Hof",
        amount_requested_cents=120_000,
        applicant_name="Anna Anwohnerin",
        timing="im Juni",
    )
    services.application_confirm(application=application)
    services.application_decide(
        application=application,
        outcome="partially_approved",
        amount_cents=90_000,
        reason="Die Musikanlage leiht der Jugendclub.",
        by=None,
    )
    phone_page.goto(f"{base}/aktionsbudget/{area.pk}/antrag/")
    phone_page.locator("#application-form button[type=submit]").click()
    expect(phone_page.locator("#id_title_error")).to_be_visible()
    assert_no_violations(phone_page, "the application form with its errors")
    phone_page.goto(f"{base}/aktionsbudget/status/{token}/")
    assert_no_violations(phone_page, "the applicant's status page")
    phone_page.goto(f"{base}/aktionsbudget/{area.pk}/")
    assert_no_violations(phone_page, "the district's public page")
    log_in(page, base, "koordination")
    page.goto(f"{base}/foerderung/antraege/{application.pk}/")
    assert_no_violations(page, "the coordinator's application page")
    page.goto(f"{base}/foerderung/aktionsbudget/{gorbitz_budget.pk}/")
    assert_no_violations(page, "the district's applications")
