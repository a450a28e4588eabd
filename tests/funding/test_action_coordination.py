"""The action budget for its coordinator and planning: the district's applications, paper
applications, the checklist, decisions (also two at once), progress, payments, receipts."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.funding import selectors, services
from praeventionsnetz.funding.models import (
    ActionApplication,
    ApplicationStatus,
    CriterionCheck,
    LedgerEntry,
    Receipt,
)
from tests.funding.factories import paper_application

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def application(action_line):
    return paper_application(action_line, cents=100_000, title="Stadtteilfest")


def _available(line):
    return selectors.figures_for([line.pk])[line.pk].available


def _approved(application, by=None):
    return services.application_decide(application=application, outcome="approved", by=by)


# --- Who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("planner", 200),
        ("coordinator", 200),
        ("other_coordinator", 403),
        ("steering", 403),
        ("member", 403),
        ("anonymous", 302),
    ],
)
def test_only_the_areas_coordinator_and_planning_manage_its_applications(
    request, client, application, persona, status
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    line = application.budget_line
    for url in (
        reverse("funding:action-applications", args=[line.pk]),
        reverse("funding:paper-application", args=[line.pk]),
        reverse("funding:application-detail", args=[application.pk]),
    ):
        assert client.get(url).status_code == status, url
    response = client.post(
        reverse("funding:application-decide", args=[application.pk]), {"outcome": "approved"}
    )
    assert response.status_code == (302 if status == 200 else status)
    application.refresh_from_db()
    expected = ApplicationStatus.APPROVED if status == 200 else ApplicationStatus.SUBMITTED
    assert application.status == expected


def test_the_list_groups_the_districts_applications_by_status(client, coordinator, action_line):
    paper_application(action_line, title="Offener Antrag")
    _approved(paper_application(action_line, title="Bewilligter Antrag"))
    client.force_login(coordinator)
    page = client.get(reverse("funding:action-applications", args=[action_line.pk]))
    text = page.content.decode()
    submitted = text.index('id="status-submitted"')
    approved = text.index('id="status-approved"')
    assert submitted < text.index("Offener Antrag") < approved < text.index("Bewilligter Antrag")
    overview = client.get(reverse("funding:action-budgets")).content.decode()
    assert reverse("funding:action-applications", args=[action_line.pk]) in overview


# --- Paper applications -------------------------------------------------------------------


def test_a_paper_application_is_recorded_by_the_coordinator(client, coordinator, action_line):
    client.force_login(coordinator)
    response = client.post(
        reverse("funding:paper-application", args=[action_line.pk]),
        {
            "title": "Bücherschrank",
            "what": "Ein offener Bücherschrank",
            "why": "x",
            "for_whom": "alle",
            "participants": "Bürgerverein",
            "amount": "450",
            "timing": "ab Mai",
            "applicant_name": "Bürgerverein Nord",
            "applicant_email": "",
            "no_personal_data": "on",
        },
    )
    application = ActionApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:application-detail", args=[application.pk])
    assert application.source == "paper"
    assert application.recorded_by == coordinator
    assert application.amount_requested_cents == 45_000
    assert application.token_hash is None
    assert application.history.get().history_user == coordinator


# --- Checklist ------------------------------------------------------------------------------


def test_the_checklist_keeps_a_note_per_criterion(client, coordinator, application):
    client.force_login(coordinator)
    response = client.post(
        reverse("funding:application-criteria", args=[application.pk]),
        {
            "need_met": "yes",
            "need_note": "Kein Fest seit Jahren",
            "participation_met": "yes",
            "participation_note": "Hausgemeinschaft plant mit",
            "prevention_met": "",
            "prevention_note": "",
            "no_substitute_met": "no",
            "no_substitute_note": "Prüfen: Zuschuss vom Amt?",
        },
    )
    assert response.status_code == 302
    checks = {c.criterion: c for c in CriterionCheck.objects.filter(application=application)}
    assert checks["need"].is_met is True
    assert checks["need"].note == "Kein Fest seit Jahren"
    assert checks["prevention"].is_met is None
    assert checks["no_substitute"].is_met is False
    assert checks["need"].checked_by == coordinator
    assert checks["need"].history.get().history_user == coordinator
    page = client.get(reverse("funding:application-detail", args=[application.pk]))
    assert "Prüfen: Zuschuss vom Amt?" in page.content.decode()


# --- Decisions ------------------------------------------------------------------------------


def test_a_partial_approval_commits_the_amount_typed(client, coordinator, application):
    client.force_login(coordinator)
    response = client.post(
        reverse("funding:application-decide", args=[application.pk]),
        {"outcome": "partially_approved", "amount": "750,00 €", "reason": "Ohne Bühne"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PARTIALLY_APPROVED
    assert application.decided_amount_cents == 75_000
    assert application.decided_by == coordinator
    assert application.history.latest().history_user == coordinator
    assert _available(application.budget_line) == 500_000 - 75_000


def test_a_decision_over_the_available_budget_is_a_form_error(english, coordinator, action_line):
    big = paper_application(action_line, cents=600_000, title="Zu groß")
    english.force_login(coordinator)
    response = english.post(
        reverse("funding:application-decide", args=[big.pk]),
        {"outcome": "approved", "amount": "", "reason": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be approved. Nothing was changed." in page
    assert 'id="decision-form"' in page
    big.refresh_from_db()
    assert big.status == ApplicationStatus.SUBMITTED
    assert not LedgerEntry.objects.filter(kind="commitment").exists()
    assert _available(action_line) == 500_000


def test_a_partial_approval_needs_an_amount_and_a_reason(english, coordinator, application):
    english.force_login(coordinator)
    url = reverse("funding:application-decide", args=[application.pk])
    response = english.post(url, {"outcome": "partially_approved", "amount": "", "reason": ""})
    assert response.status_code == 400
    assert "An approval in part grants more than 0" in response.content.decode()
    response = english.post(url, {"outcome": "rejected", "amount": "", "reason": ""})
    assert "Please give the applicant a reason." in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_an_unconfirmed_online_application_cannot_be_decided(english, coordinator, action_line):
    application, _token = services.application_submit(
        budget_line=action_line,
        base_url="http://testserver/",
        applicant_email="a@example.org",
        title="Online",
        what="x",
        amount_requested_cents=10_000,
        applicant_name="A",
    )
    english.force_login(coordinator)
    detail = english.get(reverse("funding:application-detail", args=[application.pk]))
    assert 'id="not-confirmed"' in detail.content.decode()
    assert 'id="decision-form"' not in detail.content.decode()
    response = english.post(
        reverse("funding:application-decide", args=[application.pk]), {"outcome": "approved"}
    )
    assert response.status_code == 400
    assert "not waiting for a decision" in response.content.decode()


def test_a_second_decision_on_a_decided_application_is_refused(
    english, client, coordinator, planner, application
):
    """Two people decide at once from the same page: the first wins, the second hears so."""
    english.force_login(coordinator)
    url = reverse("funding:application-decide", args=[application.pk])
    assert english.post(url, {"outcome": "approved"}).status_code == 302
    english.force_login(planner)
    response = english.post(
        url, {"outcome": "partially_approved", "amount": "100", "reason": "weniger"}
    )
    assert response.status_code == 400
    assert "This application is not waiting for a decision (status: Approved)." in (
        response.content.decode()
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_amount_cents == 100_000
    assert application.decided_by == coordinator
    assert LedgerEntry.objects.filter(kind="commitment").count() == 1


def test_the_refusal_of_a_second_decision_is_german_for_german_readers(
    client, coordinator, application
):
    """Needs the compiled German catalogue."""
    _approved(application)
    client.force_login(coordinator)
    response = client.post(
        reverse("funding:application-decide", args=[application.pk]), {"outcome": "rejected"}
    )
    assert response.status_code == 400
    assert "wartet nicht auf eine Entscheidung" in response.content.decode()


# --- Progress, payments, completion --------------------------------------------------------


def test_start_payment_and_completion_release_what_was_not_paid(client, coordinator, application):
    _approved(application)
    client.force_login(coordinator)
    today = timezone.localdate().isoformat()
    pk = application.pk
    assert (
        client.post(
            reverse("funding:application-start", args=[pk]), {"started_on": today}
        ).status_code
        == 302
    )
    response = client.post(
        reverse("funding:application-pay", args=[pk]),
        {"amount": "600,00", "paid_on": today, "note": "Abschlag"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("funding:application-complete", args=[pk]),
        {"done_on": today, "note": "Gut besucht, 120 Gäste"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DONE
    assert application.started_on == timezone.localdate()
    assert application.completion_note == "Gut besucht, 120 Gäste"
    figures = selectors.figures_for([application.budget_line_id])[application.budget_line_id]
    assert figures.paid == 60_000
    assert figures.committed == 60_000  # 400 € were released
    assert figures.available == 500_000 - 60_000
    assert application.history.filter(status="started").get().history_user == coordinator


def test_a_payment_above_the_approval_is_a_form_error(english, coordinator, application):
    _approved(application)
    english.force_login(coordinator)
    response = english.post(
        reverse("funding:application-pay", args=[application.pk]),
        {"amount": "1.000,01", "paid_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "is still to be paid" in response.content.decode()
    assert not application.payments.exists()


def test_a_start_before_the_decision_is_refused(english, coordinator, application):
    english.force_login(coordinator)
    response = english.post(
        reverse("funding:application-start", args=[application.pk]),
        {"started_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "Only an approved application can be marked as started." in response.content.decode()


# --- Receipts -----------------------------------------------------------------------------


def _upload(client, application, name, content, amount=""):
    return client.post(
        reverse("funding:receipt-upload", args=[application.pk]),
        {"file": SimpleUploadedFile(name, content), "amount": amount},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("beleg.pdf", PNG, "its name “beleg.pdf” says otherwise"),
        ("beleg.pdf", b"Rechnung: 100 Euro\n", "content is none of them"),
        ("beleg.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "content is none of them"),
        ("beleg.jpg", PDF, "its name “beleg.jpg” says otherwise"),
    ],
)
def test_a_receipt_of_the_wrong_type_is_refused_and_nothing_stored(
    english, coordinator, application, receipt_storage, name, content, message
):
    _approved(application)
    english.force_login(coordinator)
    response = _upload(english, application, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Receipt.objects.exists()
    assert not receipt_storage.exists("receipts")


def test_a_receipt_above_ten_megabytes_is_refused(
    english, coordinator, application, receipt_storage
):
    _approved(application)
    english.force_login(coordinator)
    too_large = PDF + b"0" * (10 * 1024 * 1024)
    response = _upload(english, application, "gross.pdf", too_large)
    assert response.status_code == 400
    assert "The file is larger than 10 MB." in response.content.decode()
    assert not Receipt.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("Kassenbon.PDF", PDF, "application/pdf"),
        ("foto.jpeg", JPEG, "image/jpeg"),
        ("scan.png", PNG, "image/png"),
    ],
)
def test_a_right_receipt_is_stored_outside_the_web_root_and_served_only_to_the_allowed(
    request, client, coordinator, application, receipt_storage, name, content, kind
):
    _approved(application)
    client.force_login(coordinator)
    response = _upload(client, application, name, content, amount="59,90")
    assert response.status_code == 302
    receipt = Receipt.objects.get()
    assert receipt.content_type == kind
    assert receipt.amount_cents == 5_990
    assert receipt.original_name == name
    assert receipt.size == len(content)
    assert receipt.uploaded_by == coordinator
    # Stored under a random name in the private storage, not under the uploaded name.
    assert receipt_storage.exists(receipt.file.name)
    assert name not in receipt.file.name
    url = reverse("funding:receipt-download", args=[receipt.pk])
    for persona in ("coordinator", "planner"):
        client.force_login(request.getfixturevalue(persona))
        download = client.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == content
        assert download["Content-Type"] == kind
        assert download["Content-Disposition"].startswith("attachment")
        assert download["X-Content-Type-Options"] == "nosniff"
    for persona in ("other_coordinator", "steering", "member"):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_receipts_need_an_approved_application(english, coordinator, application, receipt_storage):
    english.force_login(coordinator)
    response = _upload(english, application, "beleg.pdf", PDF)
    assert response.status_code == 400
    assert "Receipts belong to approved applications." in response.content.decode()
    assert not Receipt.objects.exists()


def test_planning_sees_the_change_history_of_an_application(
    client, planner, coordinator, application
):
    _approved(application, by=coordinator)
    client.force_login(planner)
    page = client.get(reverse("funding:application-detail", args=[application.pk])).content
    assert b'id="history-heading"' in page
    assert b"koordinatorin" in page
    client.force_login(coordinator)
    page = client.get(reverse("funding:application-detail", args=[application.pk])).content
    assert b'id="history-heading"' not in page


def test_the_list_of_applications_has_a_fixed_number_of_queries(
    client, coordinator, action_line, django_assert_max_num_queries
):
    for n in range(12):
        paper_application(action_line, cents=1_000, title=f"Antrag {n}")
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("funding:action-applications", args=[action_line.pk]))
    assert response.content.decode().count("/foerderung/antraege/") == 12
