"""The committee pages through the test client: roles, the day asked about, forms keeping
what was typed, hostile names escaped (page and export)."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.steering import services
from praeventionsnetz.steering.models import Committee, CommitteeMembership
from tests.steering.factories import MembershipFactory, PersonFactory

HOSTILE = '<script>alert("x")</script>'
ROLES = ["planner", "coordinator", "other_coordinator", "steering"]


def _fill(committee, starts_on=dt.date(2025, 1, 1)):
    return {
        c.key: [MembershipFactory(seat_category=c, starts_on=starts_on) for _ in range(c.seats)]
        for c in committee.seat_categories.all()
    }


@pytest.mark.parametrize("persona", ROLES)
def test_every_steering_role_sees_list_and_detail(persona, request, client, steering_group):
    client.force_login(request.getfixturevalue(persona))
    _fill(steering_group)
    listing = client.get(reverse("steering:committee-list"))
    assert listing.status_code == 200
    assert "Steuerungsgruppe" in listing.content.decode()
    assert "vollständig" in listing.content.decode()
    detail = client.get(reverse("steering:committee-detail", args=[steering_group.pk]))
    page = detail.content.decode()
    assert "Zusammensetzung vollständig und gültig am" in page
    can_manage = persona == "planner"
    assert ('id="membership-new"' in page) is can_manage
    assert ("membership-end" in page) is can_manage


def test_member_and_anonymous_are_kept_out(client, member, steering_group):
    url = reverse("steering:committee-detail", args=[steering_group.pk])
    assert client.get(url).status_code == 302
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.get(reverse("steering:committee-list")).status_code == 403


def test_the_page_shows_a_vacancy_since_the_day_after_the_last_day(
    client, steering, steering_group
):
    seats = _fill(steering_group)
    leaving = seats["jha"][0]
    services.membership_end(membership=leaving, left_on=dt.date(2026, 7, 1), by=None)
    client.force_login(steering)
    url = reverse("steering:committee-detail", args=[steering_group.pk])
    before = client.get(url, {"datum": "2026-06-30"}).content.decode()
    assert "Zusammensetzung vollständig und gültig am 30.06.2026" in before
    after = client.get(url, {"datum": "2026-07-01"}).content.decode()
    assert "Unvollständig am 01.07.2026: 1 Sitz frei." in after
    assert "1 Sitz „Gewählt vom Jugendhilfeausschuss“ frei seit 01.07.2026" in after
    assert leaving.person.name in after.split('id="past-members"')[1]


def test_a_bad_date_shows_today_with_a_message(client, steering, steering_group):
    client.force_login(steering)
    response = client.get(
        reverse("steering:committee-detail", args=[steering_group.pk]), {"datum": "31.02.x"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Das Datum wurde nicht verstanden" in page
    assert timezone.localdate().strftime("%d.%m.%Y") in page


def test_never_filled_seats_and_too_many_are_named(client, planner, steering_group):
    steering_group.founded_on = dt.date(2019, 2, 1)
    steering_group.save()
    extra = steering_group.seat_categories.get(key="projekttraeger")
    MembershipFactory(seat_category=extra)
    MembershipFactory(seat_category=extra)  # written past the service: two on one seat
    client.force_login(planner)
    page = client.get(reverse("steering:committee-detail", args=[steering_group.pk])).content
    page = page.decode()
    assert "6 Sitze frei" in page
    assert "frei seit 01.02.2019" in page
    assert "1 Mitglied zu viel" in page


def test_the_list_takes_the_same_number_of_queries_for_more_committees(
    client, planner, city, django_assert_max_num_queries
):
    from tests.steering.factories import CommitteeFactory, SeatCategoryFactory

    client.force_login(planner)
    for n in range(12):
        committee = CommitteeFactory(area=city, name=f"AG {n}")
        category = SeatCategoryFactory(committee=committee, seats=2)
        MembershipFactory(seat_category=category)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("steering:committee-list"))
    assert response.content.decode().count("1 Sitz frei") == 12


def test_hostile_names_are_escaped_on_the_pages_and_in_the_export(client, planner, city):
    committee = services.committee_save(
        committee=None,
        fields={"name": HOSTILE, "kind": "working_group", "area": city, "description": HOSTILE},
        seats=[services.SeatRow(HOSTILE, 1)],
        by=None,
    )
    MembershipFactory(
        seat_category=committee.seat_categories.get(),
        person=PersonFactory(name=HOSTILE, role_title="=HYPERLINK(1)"),
    )
    client.force_login(planner)
    for url in (
        reverse("steering:committee-list"),
        reverse("steering:committee-detail", args=[committee.pk]),
        reverse("steering:committee-edit", args=[committee.pk]),
        reverse("steering:membership-new", args=[committee.pk]),
        reverse("steering:membership-end", args=[committee.memberships.get().pk]),
    ):
        page = client.get(url).content.decode()
        assert HOSTILE not in page, url
        assert "&lt;script&gt;" in page, url
    export = reverse("steering:committee-members-export", args=[committee.pk])
    response = client.get(export, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Name", "Funktion", "Organisation", "Sitzgruppe"]
    assert rows[1][0] == HOSTILE
    assert rows[1][1] == "'=HYPERLINK(1)"
    book = openpyxl.load_workbook(io.BytesIO(client.get(export, {"format": "xlsx"}).content))
    assert list(book.active.iter_rows(values_only=True))[1][1] == "'=HYPERLINK(1)"


def test_planning_creates_a_committee_with_seat_categories(client, planner, city):
    client.force_login(planner)
    data = {
        "name": "Steuerungsgruppe Süd",
        "kind": "steering_group",
        "area": city.pk,
        "is_public": "on",
        "sitz-TOTAL_FORMS": "3",
        "sitz-INITIAL_FORMS": "0",
        "sitz-0-name": "Öffentlicher Träger",
        "sitz-0-seats": "3",
        "sitz-1-name": "Träger vor Ort",
        "sitz-1-seats": "2",
        "sitz-1-is_minimum": "on",
        "sitz-2-name": "",
        "sitz-2-seats": "1",
    }
    response = client.post(reverse("steering:committee-new"), data)
    committee = Committee.objects.get(name="Steuerungsgruppe Süd")
    assert response.status_code == 302
    assert response["Location"] == reverse("steering:committee-detail", args=[committee.pk])
    assert [(c.name, c.seats, c.is_minimum) for c in committee.seat_categories.all()] == [
        ("Öffentlicher Träger", 3, False),
        ("Träger vor Ort", 2, True),
    ]


def test_the_committee_form_keeps_what_was_typed(client, planner, city):
    client.force_login(planner)
    data = {
        "name": "Getippter Name",
        "kind": "steering_group",
        "area": city.pk,
        "founded_on": "2025-05-01",
        "dissolved_on": "2024-01-01",
        "sitz-TOTAL_FORMS": "2",
        "sitz-INITIAL_FORMS": "0",
        "sitz-0-name": "Getippte Sitzgruppe",
        "sitz-0-seats": "-4",
        "sitz-1-name": "",
        "sitz-1-seats": "1",
    }
    response = client.post(reverse("steering:committee-new"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Getippter Name"' in page
    assert 'value="Getippte Sitzgruppe"' in page
    assert 'value="-4"' in page
    data["sitz-0-seats"] = "3"
    response = client.post(reverse("steering:committee-new"), data)
    assert response.status_code == 400
    assert "vor seiner Gründung aufgelöst" in response.content.decode()
    assert not Committee.objects.exists()


def test_planning_edits_the_seats(client, planner, steering_group):
    client.force_login(planner)
    url = reverse("steering:committee-edit", args=[steering_group.pk])
    page = client.get(url).content.decode()
    assert 'value="Gewählt vom Jugendhilfeausschuss"' in page
    categories = list(steering_group.seat_categories.all())
    data = {
        "name": steering_group.name,
        "kind": steering_group.kind,
        "area": steering_group.area_id,
        "sitz-TOTAL_FORMS": str(len(categories)),
        "sitz-INITIAL_FORMS": str(len(categories)),
    }
    for i, c in enumerate(categories):
        data |= {f"sitz-{i}-pk": c.pk, f"sitz-{i}-name": c.name, f"sitz-{i}-seats": c.seats}
    data["sitz-2-seats"] = "2"
    data["sitz-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    assert [(c.key, c.seats) for c in steering_group.seat_categories.all()] == [
        ("jha", 3),
        ("projekttraeger", 2),
    ]


def test_planning_adds_a_new_person_and_an_organisation(client, planner, steering_group, city):
    from tests.factories import OrganisationFactory

    client.force_login(planner)
    url = reverse("steering:membership-new", args=[steering_group.pk])
    jha = steering_group.seat_categories.get(key="jha")
    response = client.post(
        url,
        {
            "new_name": "Martina Seidel",
            "new_role_title": "Stadträtin",
            "seat_category": jha.pk,
            "role": "member",
            "starts_on": "01.03.2026",
        },
    )
    assert response.status_code == 302
    membership = CommitteeMembership.objects.get(person__name="Martina Seidel")
    assert (membership.seat_category, membership.starts_on) == (jha, dt.date(2026, 3, 1))
    provider = OrganisationFactory(name="Projektträger gGmbH", city=city)
    response = client.post(
        url,
        {
            "organisation": provider.pk,
            "seat_category": steering_group.seat_categories.get(key="projekttraeger").pk,
            "role": "member",
            "starts_on": "2026-03-01",
        },
    )
    assert response.status_code == 302
    assert steering_group.memberships.filter(organisation=provider).exists()


def test_the_member_form_refuses_in_plain_words_and_keeps_what_was_typed(
    client, planner, steering_group
):
    _fill(steering_group)
    client.force_login(planner)
    url = reverse("steering:membership-new", args=[steering_group.pk])
    data = {
        "new_name": "Getippte Person",
        "new_role_title": "Getippte Funktion",
        "seat_category": steering_group.seat_categories.get(key="jha").pk,
        "role": "member",
        "starts_on": "2026-03-01",
        "note": "Getippte Notiz",
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Alle 3 Sitze" in page
    for typed in ("Getippte Person", "Getippte Funktion", "Getippte Notiz", "2026-03-01"):
        assert f'value="{typed}"' in page
    response = client.post(url, {**data, "new_name": "", "starts_on": "gestern"})
    assert response.status_code == 400
    assert 'value="gestern"' in response.content.decode()


def test_planning_ends_a_membership_and_sees_the_vacancy(client, planner, steering_group):
    seats = _fill(steering_group)
    membership = seats["projekttraeger"][0]
    client.force_login(planner)
    url = reverse("steering:membership-end", args=[membership.pk])
    response = client.post(url, {"left_on": "2026-07-01"}, follow=True)
    page = response.content.decode()
    assert "Die Mitgliedschaft wurde beendet." in page
    assert "1 Sitz „Projektträger“ frei seit 01.07.2026" in page
    membership.refresh_from_db()
    assert membership.ends_on == dt.date(2026, 6, 30)


def test_ending_too_early_is_refused_and_keeps_the_date(client, planner, steering_group):
    membership = _fill(steering_group, starts_on=dt.date(2026, 3, 1))["jha"][0]
    client.force_login(planner)
    url = reverse("steering:membership-end", args=[membership.pk])
    response = client.post(url, {"left_on": "2026-02-01"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "frühestens am 02.03.2026" in page
    assert 'value="2026-02-01"' in page
    membership.refresh_from_db()
    assert membership.ends_on is None


@pytest.mark.parametrize("persona", ["coordinator", "steering"])
def test_only_planning_changes_committees(persona, request, client, steering_group):
    client.force_login(request.getfixturevalue(persona))
    membership = _fill(steering_group)["jha"][0]
    for url, data in (
        (reverse("steering:membership-end", args=[membership.pk]), {"left_on": "2026-07-01"}),
        (reverse("steering:membership-new", args=[steering_group.pk]), {}),
        (reverse("steering:committee-edit", args=[steering_group.pk]), {}),
        (reverse("steering:committee-new"), {}),
    ):
        assert client.post(url, data).status_code == 403
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_guests_future_members_and_a_body_without_seat_rules(client, steering, city):
    from tests.factories import OrganisationFactory
    from tests.steering.factories import CommitteeFactory

    council = CommitteeFactory(name="Jugendhilfeausschuss", kind="council_committee", area=city)
    services.membership_add(
        committee=council,
        person=PersonFactory(name="Gast Person"),
        role="advisory",
        starts_on=dt.date(2025, 1, 1),
        by=None,
    )
    services.membership_add(
        committee=council,
        organisation=OrganisationFactory(name="Künftiger Träger"),
        starts_on=timezone.localdate() + dt.timedelta(days=30),
        by=None,
    )
    client.force_login(steering)
    page = client.get(reverse("steering:committee-detail", args=[council.pk])).content.decode()
    assert "Dieses Gremium hat keine Sitzregeln" in page
    assert "Gast Person" in page.split('id="members-without-seat"')[1]
    assert "Beratendes Mitglied" in page
    assert "Künftiger Träger" in page.split('id="members-future"')[1]
    listing = client.get(reverse("steering:committee-list")).content.decode()
    assert "keine Sitzregeln" in listing
