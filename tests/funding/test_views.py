"""Funding pages: who sees what, the figures they show, their exports."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.funding import services
from praeventionsnetz.funding.models import PlannedPosition
from tests.funding.factories import ModuleFactory, budget_line


@pytest.fixture
def lines(district, other_district):
    module = ModuleFactory(name="Aktionsbudget")
    return budget_line(module=module, area=district, cents=500_000), budget_line(
        module=module, area=other_district, cents=300_000
    )


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    "url_name", ["funding:overview", "funding:utilisation", "funding:positions"]
)
def test_the_public_is_sent_to_the_login_and_providers_are_refused(client, member, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
    client.force_login(member)
    assert client.get(reverse(url_name)).status_code == 403


def test_the_planner_sees_every_line(client, planner, lines):
    client.force_login(planner)
    page = client.get(reverse("funding:utilisation")).content.decode()
    assert "Nordraum" in page
    assert "Südraum" in page
    assert "5.000,00" in page
    assert "3.000,00" in page


def test_a_coordinator_sees_only_the_lines_of_their_areas(client, coordinator, lines):
    mine, theirs = lines
    client.force_login(coordinator)
    page = client.get(reverse("funding:utilisation")).content.decode()
    assert "Nordraum" in page
    assert "Südraum" not in page
    overview = client.get(reverse("funding:overview")).content.decode()
    assert "5.000,00" in overview
    assert "8.000,00" not in overview
    assert client.get(reverse("funding:ledger", args=[mine.pk])).status_code == 200
    assert client.get(reverse("funding:ledger", args=[theirs.pk])).status_code == 403


def test_a_city_wide_line_is_for_planning_and_steering(client, coordinator, steering, planner):
    line = budget_line(area=None, cents=1_000)
    url = reverse("funding:ledger", args=[line.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    for user in (planner, steering):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_the_ledger_page_reconciles(client, planner, budget_line_object):
    client.force_login(planner)
    response = client.get(reverse("funding:ledger", args=[budget_line_object.pk]))
    page = response.content.decode()
    assert 'id="reconciled"' in page
    assert "3.800,00" in page  # 5,000 planned − 1,200 committed


def test_the_ledger_csv_holds_every_entry_and_its_amounts_sum_to_available(
    client, planner, budget_line_object
):
    client.force_login(planner)
    response = client.get(
        reverse("funding:ledger", args=[budget_line_object.pk]), {"format": "csv"}
    )
    rows = csv_rows(response)
    assert len(rows) == 3  # header, plan, commitment
    amounts = [Decimal(r[4].replace(",", ".")) for r in rows[1:]]
    assert amounts == [Decimal("5000.00"), Decimal("-1200.00")]
    assert Decimal(rows[-1][5].replace(",", ".")) == sum(amounts) == Decimal("3800.00")


def test_the_utilisation_export_has_one_row_per_line_with_exact_euros(client, planner, lines):
    services.application_decide(
        application=services.application_record(
            budget_line=lines[0],
            title="Fest",
            what="Fest",
            amount_requested_cents=12_345,
            applicant_name="A",
        ),
        outcome="approved",
        by=planner,
    )
    client.force_login(planner)
    response = client.get(reverse("funding:utilisation"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    first = rows[1]
    assert first[2] == "Nordraum"
    assert first[4:10] == (5000, 0, 123.45, 0, 0, 4876.55)


def test_the_utilisation_filters_by_year(client, planner, district):
    budget_line(area=district, year=2025, cents=100)
    budget_line(area=district, year=2026, cents=200)
    client.force_login(planner)
    rows = csv_rows(client.get(reverse("funding:utilisation"), {"jahr": 2025, "format": "csv"}))
    assert [r[3] for r in rows[1:]] == ["2025"]


def test_the_utilisation_page_needs_few_queries(
    client, planner, lines, django_assert_max_num_queries
):
    for n in range(5):
        budget_line(area=lines[0].area, year=2010 + n, cents=100)
    client.force_login(planner)
    with django_assert_max_num_queries(15):
        client.get(reverse("funding:utilisation"))


def test_the_positions_page_shows_vacancies_and_positions_ending_soon(
    client, planner, coordinator, district, other_district, organisation
):
    module = ModuleFactory(name="Praxismodul")
    north = PlannedPosition.objects.create(module=module, name="Platz Nord", fte=Decimal("0.5"))
    north.areas.set([district])
    south = PlannedPosition.objects.create(module=module, name="Platz Süd", fte=Decimal("0.5"))
    south.areas.set([other_district])
    services.position_save(
        module=module,
        title="Koordination Nord",
        provider=organisation,
        areas=[district],
        fte=Decimal("0.5"),
        starts_on=dt.date(2019, 2, 1),
        ends_on=timezone.localdate() + dt.timedelta(days=10),
        planned=north,
    )
    client.force_login(planner)
    page = client.get(reverse("funding:positions")).content.decode()
    assert f'id="place-{south.pk}"' in page
    assert 'class="status-vacant"' in page
    assert 'class="ending-soon"' in page
    assert "Koordination Nord" in page
    client.force_login(coordinator)
    page = client.get(reverse("funding:positions")).content.decode()
    assert f'id="place-{north.pk}"' in page
    assert f'id="place-{south.pk}"' not in page


def test_the_ledger_page_needs_few_queries(
    client, planner, budget_line_object, django_assert_max_num_queries
):
    for n in range(20):
        services.application_decide(
            application=services.application_record(
                budget_line=budget_line_object,
                title=f"Aktion {n}",
                what="x",
                amount_requested_cents=100,
                applicant_name="A",
            ),
            outcome="approved",
            by=planner,
        )
    client.force_login(planner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("funding:ledger", args=[budget_line_object.pk]))
    assert response.content.decode().count("<tr>") >= 22


def test_the_funding_pages_speak_english_when_chosen(client, planner, budget_line_object):
    from tests.language import english, visible_text, words_in

    client.force_login(planner)
    english(client)
    for url in (
        reverse("funding:overview"),
        reverse("funding:utilisation"),
        reverse("funding:positions"),
        reverse("funding:ledger", args=[budget_line_object.pk]),
    ):
        page = client.get(url)
        assert words_in(page, ["Haushaltsjahr", "Buchungen", "verfügbar", "Stellen"]) == [], url
    assert "1,200.00" in visible_text(page)  # English number format on the ledger
