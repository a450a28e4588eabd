"""Committee writes: seat categories, members joining and leaving, and the refusals."""

import datetime as dt

import pytest

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.steering import services
from praeventionsnetz.steering.models import CommitteeMembership, SeatCategory
from tests.factories import OrganisationFactory
from tests.steering.factories import CommitteeFactory, PersonFactory, SeatCategoryFactory

D = dt.date
JAN_2025 = D(2025, 1, 1)


def _seat(committee, key):
    return committee.seat_categories.get(key=key)


def _add(committee, key, starts_on=JAN_2025, by=None, **kwargs):
    if "person" not in kwargs:
        kwargs["person"] = PersonFactory()
    return services.membership_add(
        committee=committee,
        seat_category=_seat(committee, key) if key else None,
        starts_on=starts_on,
        by=by,
        **kwargs,
    )


def test_committee_save_creates_and_changes_seat_categories_with_the_user(planner, city):
    committee = services.committee_save(
        committee=None,
        fields={"name": "AG Frühprävention", "kind": "working_group", "area": city},
        seats=[
            services.SeatRow("Frühe Hilfen", 1),
            services.SeatRow("Freie Träger", 2, is_minimum=True),
        ],
        by=planner,
    )
    assert [(c.key, c.seats, c.is_minimum, c.order) for c in committee.seat_categories.all()] == [
        ("fruhe-hilfen", 1, False, 0),
        ("freie-trager", 2, True, 1),
    ]
    assert committee.history.first().history_user == planner
    first, second = committee.seat_categories.all()
    services.committee_save(
        committee=committee,
        fields={"name": "AG Frühprävention"},
        seats=[services.SeatRow("Freie Träger vor Ort", 3, True, pk=second.pk)],
        by=planner,
    )
    assert list(committee.seat_categories.values_list("pk", "name", "seats")) == [
        (second.pk, "Freie Träger vor Ort", 3)
    ]
    assert not SeatCategory.objects.filter(pk=first.pk).exists()


def test_a_seat_category_with_members_is_not_removed(steering_group, planner):
    _add(steering_group, "projekttraeger")
    keep = [
        services.SeatRow(c.name, c.seats, pk=c.pk)
        for c in steering_group.seat_categories.exclude(key="projekttraeger")
    ]
    with pytest.raises(DomainError, match="kann nicht entfernt werden"):
        services.committee_save(committee=steering_group, fields={}, seats=keep, by=planner)
    assert steering_group.seat_categories.count() == 3


def test_a_seat_category_of_another_committee_is_refused(steering_group, district_team):
    foreign = SeatCategoryFactory(committee=district_team)
    with pytest.raises(DomainError, match="anderen Gremium"):
        services.membership_add(
            committee=steering_group,
            seat_category=foreign,
            person=PersonFactory(),
            starts_on=D(2025, 1, 1),
            by=None,
        )
    with pytest.raises(DomainError, match="anderen Gremium"):
        services.committee_save(
            committee=steering_group,
            fields={},
            seats=[services.SeatRow("x", 1, pk=foreign.pk)],
            by=None,
        )


def test_adding_and_ending_names_the_user_in_the_history(steering_group, planner):
    membership = _add(steering_group, "jha", by=planner)
    services.membership_end(membership=membership, left_on=D(2026, 7, 1), by=planner)
    membership.refresh_from_db()
    assert membership.ends_on == D(2026, 6, 30)  # the last day is the day before leaving
    assert [h.history_user for h in membership.history.all()] == [planner, planner]


def test_ending_on_or_before_the_first_day_is_refused(steering_group):
    membership = _add(steering_group, "jha", starts_on=D(2026, 3, 1))
    for day in (D(2026, 2, 1), D(2026, 3, 1)):
        with pytest.raises(DomainError, match=r"frühestens am 02\.03\.2026"):
            services.membership_end(membership=membership, left_on=day, by=None)
    services.membership_end(membership=membership, left_on=D(2026, 3, 2), by=None)
    membership.refresh_from_db()
    assert membership.ends_on == D(2026, 3, 1)
    with pytest.raises(DomainError, match=r"endete bereits am 01\.03\.2026"):
        services.membership_end(membership=membership, left_on=D(2026, 5, 1), by=None)


def test_a_person_holds_one_seat_at_a_time_in_a_committee(steering_group):
    person = PersonFactory(name="Martina Seidel")
    first = _add(steering_group, "jha", person=person)
    with pytest.raises(DomainError, match=r"Martina Seidel ist bereits ab 01\.01\.2025 Mitglied"):
        _add(steering_group, "oeffentlicher-traeger", person=person, starts_on=D(2026, 1, 1))
    with pytest.raises(DomainError, match="bereits ab"):
        _add(steering_group, None, person=person, starts_on=D(2026, 1, 1))
    services.membership_end(membership=first, left_on=D(2026, 1, 1), by=None)
    # After leaving, the same person may take another seat from the day she left.
    _add(steering_group, "oeffentlicher-traeger", person=person, starts_on=D(2026, 1, 1))
    with pytest.raises(DomainError, match="bereits ab"):
        _add(steering_group, "jha", person=person, starts_on=D(2024, 1, 1), ends_on=D(2025, 6, 1))


def test_an_exact_count_is_not_exceeded_a_successor_starts_when_the_predecessor_leaves(
    steering_group,
):
    memberships = [_add(steering_group, "jha") for _ in range(3)]
    with pytest.raises(DomainError, match="Alle 3 Sitze"):
        _add(steering_group, "jha", starts_on=D(2026, 1, 1))
    services.membership_end(membership=memberships[0], left_on=D(2026, 7, 1), by=None)
    with pytest.raises(DomainError, match="Alle 3 Sitze"):
        _add(steering_group, "jha", starts_on=D(2026, 6, 30))
    _add(steering_group, "jha", starts_on=D(2026, 7, 1))
    # A future member on the last seat blocks an open-ended one starting earlier.
    services.membership_end(membership=memberships[1], left_on=D(2026, 9, 1), by=None)
    _add(steering_group, "jha", starts_on=D(2026, 12, 1))
    with pytest.raises(DomainError, match="Alle 3 Sitze"):
        _add(steering_group, "jha", starts_on=D(2026, 10, 1))
    # … while a guest without a seat is always welcome.
    _add(steering_group, None, starts_on=D(2026, 10, 1))


def test_a_minimum_takes_any_number(district_team):
    category = SeatCategoryFactory(committee=district_team, key="traeger", seats=2, is_minimum=True)
    for n in range(4):
        services.membership_add(
            committee=district_team,
            seat_category=category,
            organisation=OrganisationFactory(name=f"Träger {n}"),
            starts_on=D(2025, 1, 1),
            by=None,
        )
    assert CommitteeMembership.objects.filter(seat_category=category).count() == 4


def test_an_organisation_or_a_person_not_both_nor_none(steering_group):
    with pytest.raises(DomainError, match="entweder eine Person oder eine Organisation"):
        _add(steering_group, "jha", person=None)
    with pytest.raises(DomainError, match="entweder eine Person oder eine Organisation"):
        _add(steering_group, "jha", organisation=OrganisationFactory())


def test_a_new_person_is_created_only_with_the_membership(steering_group):
    from praeventionsnetz.steering.models import Person

    _add(steering_group, "projekttraeger")  # the only seat of its category
    before = Person.objects.count()
    with pytest.raises(DomainError):
        services.membership_add(
            committee=steering_group,
            seat_category=_seat(steering_group, "projekttraeger"),
            new_person_name="Neue Person",
            starts_on=D(2025, 1, 1),
            by=None,
        )
    assert Person.objects.count() == before
    membership = services.membership_add(
        committee=steering_group,
        seat_category=_seat(steering_group, "jha"),
        new_person_name="  Neue Person ",
        new_person_role_title="Stadträtin",
        starts_on=D(2025, 1, 1),
        by=None,
    )
    assert (membership.person.name, membership.person.role_title) == ("Neue Person", "Stadträtin")


def test_a_dissolved_committee_takes_no_new_members(city):
    committee = CommitteeFactory(area=city, founded_on=D(2019, 1, 1), dissolved_on=D(2024, 12, 31))
    with pytest.raises(DomainError, match=r"am 31\.12\.2024 aufgelöst"):
        services.membership_add(
            committee=committee, person=PersonFactory(), starts_on=D(2025, 1, 1), by=None
        )
    with pytest.raises(DomainError, match="vor seiner Gründung aufgelöst"):
        services.committee_save(
            committee=committee,
            fields={"founded_on": D(2025, 1, 1), "dissolved_on": D(2024, 1, 1)},
            seats=[],
            by=None,
        )
