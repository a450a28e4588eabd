"""The measures pages per role: list, export, new, detail, edit, linking projects, and the
section on the area page."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from praeventionsnetz.funding import services as funding
from praeventionsnetz.steering.models import Measure, MeasureIndicator, MeasureStatus
from tests.funding.factories import budget_line, paper_application

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def make(area, title="Elterncafé", **extra):
    texts = {"need": "Bedarf", "goals": "Ziele", **extra}
    measure = Measure.objects.create(title=title, area=area, **texts)
    MeasureIndicator.objects.create(
        measure=measure, name="Familien", baseline=0, target=20, current=5, order=1
    )
    return measure


def post_data(**changes):
    data = {
        "title": "Familiencafé",
        "need": "Viele Geburten, wenige Angebote",
        "goals": "Junge Familien erreichen",
        "target_group": "Eltern",
        "life_phases": ["0-1"],
        "activities": "Wöchentliches Café",
        "status": "planned",
        "starts_on": "2026-01-01",
        "ends_on": "",
        "evaluation": "",
        "evaluated_on": "",
        "kennzahl-TOTAL_FORMS": "2",
        "kennzahl-INITIAL_FORMS": "0",
        "kennzahl-MIN_NUM_FORMS": "0",
        "kennzahl-MAX_NUM_FORMS": "30",
        "kennzahl-0-name": "Teilnehmende Familien",
        "kennzahl-0-unit": "Familien",
        "kennzahl-0-baseline": "0",
        "kennzahl-0-target": "25",
        "kennzahl-0-current": "12,5",
        "kennzahl-1-name": "",
    }
    data.update(changes)
    return data


def test_coordinators_see_every_measure_but_edit_only_their_areas(
    client, coordinator, district, other_district
):
    own = make(district, "Eigene Maßnahme")
    foreign = make(other_district, "Fremde Maßnahme")
    client.force_login(coordinator)
    page = client.get(reverse("steering:measure-list")).content.decode()
    assert "Eigene Maßnahme" in page
    assert "Fremde Maßnahme" in page
    assert reverse("steering:measure-edit", args=[own.pk]) in page
    assert reverse("steering:measure-edit", args=[foreign.pk]) not in page


def test_a_coordinator_of_another_area_may_not_edit_or_link(client, other_coordinator, district):
    measure = make(district)
    client.force_login(other_coordinator)
    edit = reverse("steering:measure-edit", args=[measure.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, post_data(title="Übernommen")).status_code == 403
    link = reverse("steering:measure-link-project", args=[measure.pk])
    assert client.post(link, {"antrag": "1", "aktion": "verknuepfen"}).status_code == 403
    measure.refresh_from_db()
    assert measure.title == "Elterncafé"
    # Reading is allowed, without the edit button.
    page = client.get(reverse("steering:measure-detail", args=[measure.pk])).content.decode()
    assert 'id="measure-edit-link"' not in page


def test_steering_reads_but_does_not_create(client, steering, district):
    measure = make(district)
    client.force_login(steering)
    assert client.get(reverse("steering:measure-detail", args=[measure.pk])).status_code == 200
    assert client.get(reverse("steering:measure-new")).status_code == 403


def test_new_asks_for_the_area_first_and_offers_only_own_areas(
    client, coordinator, district, other_district
):
    client.force_login(coordinator)
    page = client.get(reverse("steering:measure-new")).content.decode()
    assert "Nordraum" in page
    assert "Südraum" not in page
    foreign = client.get(reverse("steering:measure-new") + f"?gebiet={other_district.pk}")
    assert foreign.status_code == 400


def test_a_coordinator_creates_a_measure_with_an_indicator(client, coordinator, district):
    client.force_login(coordinator)
    url = reverse("steering:measure-new") + f"?gebiet={district.pk}"
    form = client.get(url)
    assert form.status_code == 200
    assert 'id="measure-form"' in form.content.decode()
    response = client.post(url, post_data())
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("steering:measure-detail", args=[measure.pk])
    assert measure.area == district
    assert measure.created_by == coordinator
    indicator = measure.indicators.get()
    assert (indicator.name, str(indicator.current)) == ("Teilnehmende Familien", "12.50")
    detail = client.get(response["Location"]).content.decode()
    assert "Teilnehmende Familien" in detail
    assert '<progress max="100" value="50"' in detail
    assert "50 %" in detail


def test_gap_phases_are_marked_as_gaps(client, planner, district):
    client.force_login(planner)
    page = client.get(reverse("steering:measure-new") + f"?gebiet={district.pk}").content.decode()
    # Without any offer every life phase is a gap.
    assert "0–1 Jahre (Lücke)" in page


def test_errors_show_the_form_again_with_what_was_typed(client, planner, district):
    client.force_login(planner)
    url = reverse("steering:measure-new") + f"?gebiet={district.pk}"
    response = client.post(
        url, post_data(title="Mein Titel", status="evaluated", **{"kennzahl-0-target": "viel"})
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Mein Titel"' in page
    assert "Evaluationsergebnis" in page
    assert 'value="viel"' in page
    assert not Measure.objects.exists()


def test_evaluated_with_a_result_is_saved(client, planner, district):
    measure = make(district)
    client.force_login(planner)
    response = client.post(
        reverse("steering:measure-edit", args=[measure.pk]),
        post_data(status="evaluated", evaluation="Ziel erreicht"),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.EVALUATED
    assert measure.evaluated_on is not None


def test_hostile_text_is_escaped_everywhere(client, planner, district):
    measure = make(district, HOSTILE, need=HOSTILE, evaluation=HOSTILE)
    measure.indicators.update(name=HOSTILE, unit=HOSTILE[:40])
    client.force_login(planner)
    for url in (
        reverse("steering:measure-list"),
        reverse("steering:measure-detail", args=[measure.pk]),
        reverse("steering:measure-edit", args=[measure.pk]),
        reverse("site:area-detail", args=[district.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url


def test_export_has_one_row_per_indicator_and_neutralises_formulas(client, steering, district):
    measure = make(district, '=HYPERLINK("http://evil")', is_demo=True)
    MeasureIndicator.objects.create(measure=measure, name="@SUM(A1)", order=2)
    make(district, "Ohne Kennzahl").indicators.all().delete()
    client.force_login(steering)
    response = client.get(reverse("steering:measure-export") + "?format=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Maßnahme"
    body = rows[1:]
    assert len(body) == 3
    assert {r[0] for r in body} == {'\'=HYPERLINK("http://evil")', "Ohne Kennzahl"}
    assert "'@SUM(A1)" in {r[12] for r in body}
    xlsx = client.get(reverse("steering:measure-export") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil")' in titles


def test_list_filters(client, planner, district, other_district):
    make(district, "Maßnahme Nord", life_phases=["0-1"])
    make(other_district, "Maßnahme Süd", life_phases=["6-10"], status="running")
    client.force_login(planner)
    url = reverse("steering:measure-list")
    assert "Maßnahme Süd" not in client.get(url, {"gebiet": district.pk}).content.decode()
    assert "Maßnahme Nord" not in client.get(url, {"status": "running"}).content.decode()
    page = client.get(url, {"phase": "6-10"}).content.decode()
    assert "Maßnahme Süd" in page
    assert "Maßnahme Nord" not in page
    # An unknown filter shows everything.
    page = client.get(url, {"status": "kaputt"}).content.decode()
    assert "Maßnahme Nord" in page
    assert "Maßnahme Süd" in page


def test_list_query_count_does_not_grow_with_measures(
    client, coordinator, district, other_district
):
    for n in range(2):
        make(district, f"N{n}")
    client.force_login(coordinator)
    url = reverse("steering:measure-list")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(10):
        make(other_district if n % 2 else district, f"M{n}", life_phases=["0-1"])
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


def test_list_query_budget(client, planner, district, django_assert_max_num_queries):
    for n in range(15):
        make(district, f"M{n}")
    client.force_login(planner)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("steering:measure-list")).status_code == 200


@pytest.fixture
def funded_project(district):
    line = budget_line(area=district, cents=500_000)
    application = paper_application(line, cents=120_000, title="Hoffest im Quartier")
    funding.application_decide(application=application, outcome="approved", by=None)
    return application


def test_linking_a_project_shows_it_with_its_amount(client, coordinator, district, funded_project):
    measure = make(district)
    client.force_login(coordinator)
    detail = reverse("steering:measure-detail", args=[measure.pk])
    assert "Hoffest im Quartier" in client.get(detail).content.decode()  # offered to link
    response = client.post(
        reverse("steering:measure-link-project", args=[measure.pk]),
        {"antrag": funded_project.pk, "aktion": "verknuepfen"},
    )
    assert response.status_code == 302
    assert list(measure.action_applications.all()) == [funded_project]
    page = client.get(detail).content.decode()
    assert "1.200,00\u00a0€" in page
    client.post(
        reverse("steering:measure-link-project", args=[measure.pk]),
        {"antrag": funded_project.pk, "aktion": "loesen"},
    )
    assert not measure.action_applications.exists()


def test_linking_an_unfunded_project_is_refused_in_plain_words(client, planner, district):
    measure = make(district)
    application = paper_application(budget_line(area=district), title="Noch offen")
    client.force_login(planner)
    response = client.post(
        reverse("steering:measure-link-project", args=[measure.pk]),
        {"antrag": application.pk, "aktion": "verknuepfen"},
    )
    assert response.status_code == 400
    assert "Nur geförderte Projekte" in response.content.decode()
    assert not measure.action_applications.exists()


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("anonymous", False),
        ("member", False),
        ("planner", True),
        ("coordinator", True),
        ("steering", True),
    ],
)
def test_area_page_lists_measures_for_steering_roles_only(
    client, request, persona, shown, district
):
    make(district, "Elterncafé Nordraum", status="running")
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("site:area-detail", args=[district.pk])).content.decode()
    assert ("Maßnahmen im Gebiet" in page) is shown
    assert ("Elterncafé Nordraum" in page) is shown
    if persona == "coordinator":
        assert f"{reverse('steering:measure-new')}?gebiet={district.pk}" in page
    if persona == "steering":
        assert 'id="area-measure-new"' not in page


def test_area_page_query_count_does_not_grow_with_measures(client, planner, district):
    client.force_login(planner)
    url = reverse("site:area-detail", args=[district.pk])
    make(district, "Eins")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(8):
        make(district, f"M{n}")
    with CaptureQueriesContext(connection) as nine:
        client.get(url)
    assert len(one) == len(nine)
