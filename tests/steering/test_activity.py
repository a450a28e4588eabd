"""The activity log: recording, changing and deleting one's own entries; what the form
offers first; the time account from the database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding import services as funding_services
from praeventionsnetz.steering import activity
from praeventionsnetz.steering.models import ActivityEntry
from tests.factories import OrganisationFactory
from tests.funding.factories import ModuleFactory

TODAY = dt.date(2026, 7, 31)


def make_position(area, *, fte="0.5", starts_on=dt.date(2019, 2, 1), ends_on=None, title=None):
    return funding_services.position_save(
        module=ModuleFactory(),
        title=title or f"Sozialraumkoordination {area.name}",
        provider=OrganisationFactory(name="Träger"),
        areas=[area],
        fte=Decimal(fte),
        starts_on=starts_on,
        ends_on=ends_on,
    )


@pytest.fixture
def position(district):
    return make_position(district)


@pytest.fixture
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def record(user, **kwargs):
    values = {
        "by": user,
        "date": TODAY - dt.timedelta(days=1),
        "minutes": 120,
        "task": "a",
        "areas": [],
        "note": "",
    }
    values.update(kwargs)
    return activity.activity_record(**values)


@pytest.mark.usefixtures("_today")
def test_a_coordinator_logs_time_in_their_area_with_history(coordinator, district, position):
    organisation = OrganisationFactory(name="Kita Sonnenschein")
    entry = record(
        coordinator, areas=[district], organisations=[organisation], position=position, note=" x "
    )
    assert entry.user == coordinator
    assert list(entry.areas.all()) == [district]
    assert list(entry.organisations.all()) == [organisation]
    assert entry.note == "x"
    assert entry.history.first().history_user == coordinator


@pytest.mark.usefixtures("_today")
def test_an_area_below_ones_own_may_be_chosen(coordinator, quarter):
    assert list(record(coordinator, areas=[quarter]).areas.all()) == [quarter]


@pytest.mark.usefixtures("_today")
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": TODAY + dt.timedelta(days=1)}, "Zukunft"),
        ({"minutes": 4}, "zwischen 5 Minuten und 24 Stunden"),
        ({"minutes": 24 * 60 + 1}, "zwischen 5 Minuten und 24 Stunden"),
        ({"task": "f"}, "fünf Aufgaben"),
        ({"note": "x" * 501}, "500"),
        ({"areas": []}, "mindestens ein Gebiet"),
    ],
)
def test_wrong_input_is_refused_in_plain_words(coordinator, district, change, message):
    values = {"areas": [district], **change}
    with pytest.raises(DomainError, match=message):
        record(coordinator, **values)
    assert not ActivityEntry.objects.exists()


@pytest.mark.usefixtures("_today")
def test_the_limits_themselves_are_allowed(coordinator, district):
    assert record(coordinator, areas=[district], minutes=5, date=TODAY).minutes == 5
    assert record(coordinator, areas=[district], minutes=24 * 60, note="x" * 500).minutes == 1440


@pytest.mark.usefixtures("_today")
def test_a_coordinator_cannot_log_into_another_area(coordinator, other_district):
    with pytest.raises(DomainError, match="Südraum"):
        record(coordinator, areas=[other_district])


@pytest.mark.usefixtures("_today")
def test_only_positions_of_ones_areas_that_run_on_the_day(coordinator, district, other_district):
    foreign = make_position(other_district, title="Süd")
    ended = make_position(district, ends_on=dt.date(2026, 6, 30), title="Alt")
    later = make_position(district, starts_on=TODAY, title="Neu")
    for position in (foreign, ended, later):
        with pytest.raises(DomainError, match="läuft an diesem Tag nicht"):
            record(coordinator, areas=[district], position=position)
    assert record(coordinator, areas=[district], position=ended, date=dt.date(2026, 6, 30))
    assert list(activity.positions_for(coordinator, TODAY)) == [later]


@pytest.mark.usefixtures("_today")
def test_other_roles_keep_no_log(planner, steering, district):
    for user in (planner, steering):
        with pytest.raises(DomainError, match="Nur Koordinatorinnen"):
            record(user, areas=[district])


@pytest.mark.usefixtures("_today")
def test_change_and_delete_only_ones_own_entry(coordinator, other_coordinator, district):
    entry = record(coordinator, areas=[district])
    with pytest.raises(DomainError, match="Ihre eigenen Einträge"):
        activity.activity_change(
            entry=entry, by=other_coordinator, date=TODAY, minutes=60, task="b", areas=[district]
        )
    with pytest.raises(DomainError, match="Ihre eigenen Einträge"):
        activity.activity_delete(entry=entry, by=other_coordinator)
    changed = activity.activity_change(
        entry=entry, by=coordinator, date=TODAY, minutes=60, task="b", areas=[district]
    )
    assert (changed.minutes, changed.task) == (60, "b")
    activity.activity_delete(entry=entry, by=coordinator)
    assert not ActivityEntry.objects.exists()
    deleted = ActivityEntry.history.filter(history_type="-").get()
    assert deleted.history_user == coordinator


@pytest.mark.usefixtures("_today")
def test_recent_areas_and_organisations_most_used_in_90_days_first(coordinator, district, quarter):
    kita, school, old = (OrganisationFactory(name=n) for n in ("Kita", "Schule", "Alt"))
    record(coordinator, areas=[quarter], organisations=[school])
    record(coordinator, areas=[district, quarter], organisations=[kita, school])
    record(coordinator, areas=[district], organisations=[kita, school])
    record(coordinator, areas=[district], organisations=[old], date=TODAY - dt.timedelta(days=91))
    assert activity.recent_organisation_ids(coordinator) == [school.pk, kita.pk]
    # Both areas twice in 90 days: the lower id first.
    assert activity.recent_area_ids(coordinator) == sorted([district.pk, quarter.pk])
    items = activity.recent_first([old, kita, school], [school.pk, kita.pk])
    assert items == [school, kita, old]


@pytest.mark.usefixtures("_today")
def test_time_account_sums_by_task_and_month_against_the_position(coordinator, district):
    position = make_position(district, starts_on=dt.date(2026, 7, 15), fte="1")
    for date, minutes, task in [
        (dt.date(2026, 7, 15), 120, "a"),
        (dt.date(2026, 7, 16), 90, "a"),
        (dt.date(2026, 7, 20), 30, "d"),
    ]:
        record(
            coordinator, areas=[district], date=date, minutes=minutes, task=task, position=position
        )
    record(coordinator, areas=[district], date=dt.date(2026, 6, 1), minutes=60, task="e")
    account = activity.time_account_of(coordinator, year=2026)
    july, june = account.months[6], account.months[5]
    assert july.minutes_by_task == {"a": 210, "b": 0, "c": 0, "d": 30, "e": 0}
    assert june.minutes_by_task == {"a": 0, "b": 0, "c": 0, "d": 0, "e": 60}
    assert june.target_minutes == 0  # no position before the 15th of July
    assert july.target_minutes == 13 * 468  # 13 working days × 7.8 h
    assert account.total.total_minutes == 300
    rows = activity.time_accounts(year=2026)
    assert [(r.user, r.position) for r in rows] == [(coordinator, position), (coordinator, None)]
    assert rows[0].account.total.total_minutes == 240
    assert rows[1].account.total.target_minutes == 0


@pytest.mark.usefixtures("_today")
def test_weekly_hours_come_from_the_settings(settings, coordinator, district, position):
    settings.STEERING_WEEKLY_HOURS = "40"
    record(coordinator, areas=[district], position=position, date=dt.date(2026, 2, 2))
    assert activity.time_account_of(coordinator, year=2026).months[1].target_minutes == 20 * 240
