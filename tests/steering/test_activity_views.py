"""Pages of the activity log and the time accounts: each role, own entries only, input kept
on errors, hostile text escaped in HTML and neutralised in the downloads, no N+1."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.steering import activity
from praeventionsnetz.steering.models import ActivityEntry
from tests.factories import OrganisationFactory
from tests.steering.test_activity import make_position

HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://example.org","klick")'


@pytest.fixture
def position(district):
    return make_position(district)


@pytest.fixture
def kita(district):
    organisation = OrganisationFactory(name="Kita Regenbogen")
    organisation.areas_served.add(district)
    return organisation


def form_data(district, **change):
    data = {
        "datum": timezone.localdate().isoformat(),
        "dauer": "120",
        "dauer_frei": "",
        "aufgabe": "a",
        "gebiete": [str(district.pk)],
        "organisationen": [],
        "stelle": "",
        "notiz": "Stadtteilrunde",
    }
    data.update(change)
    return data


def log(user, district, **kwargs):
    values = {
        "by": user,
        "date": timezone.localdate(),
        "minutes": 60,
        "task": "b",
        "areas": [district],
    }
    values.update(kwargs)
    return activity.activity_record(**values)


def test_the_form_is_ready_for_a_quick_entry(client, coordinator, district, position, kita):
    client.force_login(coordinator)
    response = client.get(reverse("steering:activity-log"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Keine personenbezogenen Daten von Familien" in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    # The only area of the coordinator and the only running position are pre-selected.
    assert f'name="gebiete" value="{district.pk}" id="id_gebiete_0" checked' in page
    assert f'<option value="{position.pk}" selected>' in page
    assert "Kita Regenbogen" in page
    for quick in ("30 min", "1 h", "1,5 h", "2 h", "3 h"):
        assert f"<span>{quick}</span>" in page


def test_a_coordinator_logs_two_hours_of_task_a(client, coordinator, district, position, kita):
    client.force_login(coordinator)
    data = form_data(district, organisationen=[str(kita.pk)], stelle=str(position.pk))
    response = client.post(reverse("steering:activity-log"), data)
    assert response.status_code == 302
    entry = ActivityEntry.objects.get()
    assert (entry.minutes, entry.task, entry.position) == (120, "a", position)
    assert list(entry.organisations.all()) == [kita]
    page = client.get(reverse("steering:activity-log")).content.decode()
    assert "Stadtteilrunde" in page
    assert "2:00 h" in page


@pytest.mark.parametrize(("free", "minutes"), [("1,5", 90), ("0:45", 45), ("45 min", 45)])
def test_a_free_duration_wins_over_the_quick_choice(client, coordinator, district, free, minutes):
    client.force_login(coordinator)
    client.post(reverse("steering:activity-log"), form_data(district, dauer_frei=free))
    assert ActivityEntry.objects.get().minutes == minutes


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"dauer": "", "dauer_frei": ""}, "Dauer"),
        ({"dauer": "", "dauer_frei": "zwei"}, "1:30"),
        ({"dauer": "", "dauer_frei": "0:03"}, "5 Minuten und 24 Stunden"),
        ({"datum": "2099-01-01"}, "Zukunft"),
        ({"notiz": "x" * 501}, "500"),
        ({"aufgabe": ""}, "erforderlich"),
    ],
)
def test_errors_keep_what_was_typed(client, coordinator, district, change, message):
    client.force_login(coordinator)
    data = form_data(district, **{"notiz": "Vorbereitung Runde", **change})
    response = client.post(reverse("steering:activity-log"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert data["notiz"][:30] in page
    assert not ActivityEntry.objects.exists()


def test_a_coordinator_cannot_log_into_another_area(client, coordinator, other_district):
    client.force_login(coordinator)
    response = client.post(reverse("steering:activity-log"), form_data(other_district))
    assert response.status_code == 400
    assert "gültige Auswahl" in response.content.decode()
    assert not ActivityEntry.objects.exists()


def test_a_position_of_another_area_is_not_offered(client, coordinator, district, other_district):
    foreign = make_position(other_district, title="Stelle Süd")
    client.force_login(coordinator)
    response = client.post(
        reverse("steering:activity-log"), form_data(district, stelle=str(foreign.pk))
    )
    assert response.status_code == 400
    assert not ActivityEntry.objects.exists()


def test_another_coordinators_entry_is_not_found(client, other_coordinator, coordinator, district):
    entry = log(coordinator, district)
    client.force_login(other_coordinator)
    edit = reverse("steering:activity-edit", args=[entry.pk])
    delete = reverse("steering:activity-delete", args=[entry.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, form_data(district)).status_code == 404
    assert client.post(delete).status_code == 404
    entry.refresh_from_db()
    assert entry.minutes == 60


def test_a_coordinator_changes_and_deletes_their_entry(client, coordinator, district):
    entry = log(coordinator, district, minutes=100)
    client.force_login(coordinator)
    edit = reverse("steering:activity-edit", args=[entry.pk])
    page = client.get(edit).content.decode()
    assert 'value="1:40"' in page  # not a quick choice: shown as free input
    response = client.post(edit, form_data(district, dauer="30", aufgabe="c"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.minutes, entry.task) == (30, "c")
    response = client.post(reverse("steering:activity-delete", args=[entry.pk]))
    assert response.status_code == 302
    assert not ActivityEntry.objects.exists()


@pytest.mark.parametrize("url_name", ["steering:activity-log", "steering:time-account"])
def test_planning_and_steering_keep_no_log(client, planner, steering, url_name):
    for user in (planner, steering):
        client.force_login(user)
        assert client.get(reverse(url_name)).status_code == 403


def test_hostile_note_is_escaped_in_the_list(client, coordinator, district):
    log(coordinator, district, note=HOSTILE)
    client.force_login(coordinator)
    page = client.get(reverse("steering:activity-log")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def _rows(response, fmt):
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return [list(row) for row in book.active.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_note_is_neutralised_in_the_download(client, coordinator, district, fmt):
    log(coordinator, district, note='=HYPERLINK("http://example.org","klick")')
    client.force_login(coordinator)
    response = client.get(reverse("steering:activity-log"), {"format": fmt})
    assert response.status_code == 200
    rows = _rows(response, fmt)
    assert rows[0][0] == "Datum"
    assert rows[1][-1] == '\'=HYPERLINK("http://example.org","klick")'


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_position_title_is_neutralised_in_the_accounts(
    client, steering, coordinator, district, fmt
):
    position = make_position(district, title="=HYPERLINK(1)")
    log(coordinator, district, position=position)
    client.force_login(steering)
    response = client.get(reverse("steering:time-accounts"), {"format": fmt})
    rows = _rows(response, fmt)
    assert rows[1][1] == "'=HYPERLINK(1)"


def test_own_time_account_sums_by_task_and_month(client, coordinator, district, position):
    today = timezone.localdate()
    log(coordinator, district, minutes=120, task="a", position=position)
    log(coordinator, district, minutes=30, task="a", position=position)
    log(coordinator, district, minutes=45, task="e", position=position)
    client.force_login(coordinator)
    response = client.get(reverse("steering:time-account"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page
    assert 'role="img"' in page
    assert 'id="time-account-table"' in page
    assert "2:30" in page
    assert "0:45" in page
    assert "3:15" in page
    account = activity.time_account_of(coordinator, year=today.year)
    month = account.months[today.month - 1]
    assert month.minutes_by_task["a"] == 150
    assert month.total_minutes == 195
    response = client.get(reverse("steering:time-account-export"), {"format": "csv"})
    rows = _rows(response, "csv")
    header, body = rows[0], [r for r in rows[1:] if r and r[0] == coordinator.username]
    assert header[4] == "Aufgabe a (h)"
    assert len(body) == 13  # twelve months and the year
    current = body[today.month - 1]
    assert current[3] == f"{today.year}-{today.month:02d}"
    assert current[4:9] == ["2,5", "0", "0", "0", "0,75"]
    years = client.get(reverse("steering:time-account"), {"ansicht": "jahr"})
    assert str(today.year) in years.content.decode()


def test_time_accounts_of_all_coordinators(
    client, planner, coordinator, other_coordinator, district, other_district, position
):
    log(coordinator, district, position=position)
    log(other_coordinator, other_district, minutes=30)
    client.force_login(planner)
    response = client.get(reverse("steering:time-accounts"))
    page = response.content.decode()
    assert response.status_code == 200
    assert coordinator.username in page
    assert other_coordinator.username in page
    assert position.title in page
    client.force_login(coordinator)
    assert client.get(reverse("steering:time-accounts")).status_code == 403


def test_lists_have_a_fixed_number_of_queries(
    client, coordinator, planner, district, position, kita, django_assert_max_num_queries
):
    for day in range(30):
        log(
            coordinator,
            district,
            date=timezone.localdate() - dt.timedelta(days=day),
            organisations=[kita],
            position=position,
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("steering:activity-log")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("steering:time-account")).status_code == 200
    client.force_login(planner)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("steering:time-accounts")).status_code == 200
