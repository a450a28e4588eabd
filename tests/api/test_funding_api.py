"""The funding API: budget lines, paper applications and decisions, with personal keys."""

import pytest

from praeventionsnetz.core import tokens
from praeventionsnetz.funding import selectors
from praeventionsnetz.funding.models import ActionApplication, ApplicationStatus, LedgerEntry
from tests.funding.factories import budget_line, paper_application

pytestmark = pytest.mark.django_db


def key_for(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {tokens.token_create(user=user, name='Test')[1]}"}


@pytest.fixture
def lines(district, other_district):
    own = budget_line(area=district, cents=100_000, year=2026)
    other = budget_line(area=other_district, cents=50_000, year=2026)
    older = budget_line(area=district, cents=80_000, year=2025)
    return own, other, older


def test_budgets_list_what_the_keys_owner_may_see(client, lines, planner, coordinator, district):
    own, other, older = lines
    as_planner = client.get("/api/funding/budgets", **key_for(planner)).json()
    assert {row["id"] for row in as_planner} == {own.pk, other.pk, older.pk}
    as_coordinator = client.get("/api/funding/budgets", **key_for(coordinator)).json()
    assert {row["id"] for row in as_coordinator} == {own.pk, older.pk}
    filtered = client.get(
        "/api/funding/budgets", {"area": district.code, "year": 2026}, **key_for(planner)
    ).json()
    assert [row["id"] for row in filtered] == [own.pk]
    assert filtered[0] == {
        "id": own.pk,
        "programme": own.module.programme.name,
        "module": own.module.name,
        "area": district.code,
        "year": 2026,
        "planned_cents": 100_000,
        "committed_cents": 0,
        "paid_cents": 0,
        "carried_in_cents": 0,
        "carried_over_cents": 0,
        "available_cents": 100_000,
    }


def test_without_a_valid_key_nothing_is_told(client, lines, member):
    assert client.get("/api/funding/budgets").status_code == 401
    assert client.get("/api/funding/budgets", HTTP_AUTHORIZATION="Bearer pn_x").status_code == 401
    # An organisation member's key opens the API, but no budget line.
    assert client.get("/api/funding/budgets", **key_for(member)).json() == []


def test_a_coordinator_records_a_paper_application_and_decides_in_part(client, lines, coordinator):
    own = lines[0]
    key = key_for(coordinator)
    response = client.post(
        f"/api/funding/budgets/{own.pk}/applications",
        {
            "title": "Nachbarschaftsfest",
            "applicant_name": "Verein Gorbitz e. V.",
            "amount_requested_cents": 40_000,
            "description": "Ein Fest im Stadtteil",
        },
        content_type="application/json",
        **key,
    )
    assert response.status_code == 201
    created = response.json()
    assert created["status"] == "submitted"
    application = ActionApplication.objects.get(pk=created["id"])
    assert application.recorded_by == coordinator
    assert application.history.first().history_user == coordinator
    response = client.post(
        f"/api/funding/applications/{application.pk}/decision",
        {"decision": "partially_approved", "amount_cents": 25_000, "reason": "Nur die Miete"},
        content_type="application/json",
        **key,
    )
    assert response.status_code == 200
    assert response.json()["status"] == ApplicationStatus.PARTIALLY_APPROVED
    assert response.json()["decided_amount_cents"] == 25_000
    figures = selectors.figures_for([own.pk])[own.pk]
    assert (figures.committed, figures.available) == (25_000, 75_000)


def test_an_amount_the_line_cannot_hold_is_a_409_in_german_and_changes_nothing(
    client, lines, planner
):
    own = lines[0]
    application = paper_application(own, cents=150_000)
    entries = LedgerEntry.objects.count()
    response = client.post(
        f"/api/funding/applications/{application.pk}/decision",
        {"decision": "approved"},
        content_type="application/json",
        **key_for(planner),
    )
    assert response.status_code == 409
    assert "nur noch 1.000,00 € verfügbar" in response.json()["detail"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert LedgerEntry.objects.count() == entries


def test_outside_ones_areas_is_403_and_unknown_is_404(client, lines, coordinator):
    other = lines[1]
    key = key_for(coordinator)
    body = {
        "title": "Fest",
        "applicant_name": "Verein",
        "amount_requested_cents": 1_000,
        "description": "Fest",
    }
    response = client.post(
        f"/api/funding/budgets/{other.pk}/applications",
        body,
        content_type="application/json",
        **key,
    )
    assert response.status_code == 403
    application = paper_application(other, cents=1_000)
    response = client.post(
        f"/api/funding/applications/{application.pk}/decision",
        {"decision": "approved"},
        content_type="application/json",
        **key,
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    missing = client.post(
        "/api/funding/applications/999999/decision",
        {"decision": "approved"},
        content_type="application/json",
        **key,
    )
    assert missing.status_code == 404


def test_a_revoked_key_decides_nothing(client, lines, planner):
    application = paper_application(lines[0], cents=1_000)
    token, key = tokens.token_create(user=planner, name="Finanzverfahren")
    tokens.token_revoke(token=token, by=planner)
    response = client.post(
        f"/api/funding/applications/{application.pk}/decision",
        {"decision": "approved"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 401
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_bad_input_is_a_422_and_stores_nothing(client, lines, planner):
    own = lines[0]
    response = client.post(
        f"/api/funding/budgets/{own.pk}/applications",
        {"title": "", "applicant_name": "X", "amount_requested_cents": -5, "description": "Y"},
        content_type="application/json",
        **key_for(planner),
    )
    assert response.status_code == 422
    assert not ActionApplication.objects.exists()
