"""Organisations keep their offers; coordinators review and publish them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.offers.models import Schedule, ServiceRevision, Status
from tests.offers.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)


@pytest.fixture
def draft(organisation, district):
    organisation.areas_served.add(district)
    service = ServiceFactory(organisation=organisation, name="Elterncafé", status=Status.DRAFT)
    service.areas_served.add(district)
    return service


FORM = {
    "name": "Elterncafé Nord",
    "description": "Offener Treff",
    "access": "open",
    "is_free": "on",
    "languages": ["de", "ar"],
    "life_phases": ["0-1", "parents"],
}


def test_member_edits_own_offer_and_sends_it_to_review(client, member, draft):
    client.force_login(member)
    response = client.post(reverse("offers:edit", args=[draft.pk]), FORM)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.name, draft.status, draft.languages) == (
        "Elterncafé Nord",
        Status.REVIEW,
        ["de", "ar"],
    )
    assert draft.life_phases == ["0-1", "parents"]
    assert draft.history.first().history_user == member


def test_form_errors_keep_the_input(client, member, draft):
    client.force_login(member)
    response = client.post(
        reverse("offers:edit", args=[draft.pk]), {**FORM, "languages": "deutsch"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Elterncafé Nord"' in page
    assert "deutsch" in page


def test_other_organisations_cannot_edit(client, draft, db):
    from praeventionsnetz.core.models import Role
    from tests.factories import OrganisationFactory, UserFactory

    stranger = UserFactory(role=Role.ORGANISATION, organisation=OrganisationFactory())
    client.force_login(stranger)
    assert client.post(reverse("offers:edit", args=[draft.pk]), FORM).status_code == 403


def test_coordinator_of_the_area_publishes(client, coordinator, other_coordinator, draft):
    draft.status = Status.REVIEW
    draft.save()
    client.force_login(other_coordinator)
    assert client.post(reverse("offers:publish", args=[draft.pk])).status_code == 403
    client.force_login(coordinator)
    assert draft in client.get(reverse("offers:workspace")).context["waiting"]
    client.post(reverse("offers:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.last_verified_on == timezone.localdate()
    assert client.get(reverse("offers:detail", args=[draft.pk])).status_code == 200


def test_offers_not_checked_for_a_year_are_flagged(client, member, draft):
    draft.status = Status.PUBLISHED
    draft.last_verified_on = timezone.localdate() - dt.timedelta(days=400)
    draft.save()
    client.force_login(member)
    assert draft in client.get(reverse("offers:workspace")).context["stale"]


# Places of an offer that is not published change at once; those of a published offer wait
# for review as part of its revision (test_place_revisions.py).
@pytest.fixture
def in_review(draft):
    draft.status = Status.REVIEW
    draft.save()
    return draft


def test_member_adds_a_place_to_an_unpublished_offer_at_once(client, member, in_review):
    client.force_login(member)
    page = client.get(reverse("offers:place-create", args=[in_review.pk]))
    # A new place starts from the organisation's address.
    assert page.context["place_form"].initial["name"] == in_review.organisation.name
    response = client.post(
        reverse("offers:place-create", args=[in_review.pk]),
        {
            "form": "place",
            "name": "Treff am Markt",
            "street": "Markt 1",
            "postcode": "01067",
            "town": "Dresden",
            "coordinates": "51,0504; 13,7373",
        },
    )
    assert response.status_code == 302
    at = in_review.at_locations.get()
    assert (at.location.name, at.location.lat, at.location.lon) == (
        "Treff am Markt",
        51.0504,
        13.7373,
    )
    in_review.refresh_from_db()
    assert in_review.status == Status.REVIEW
    assert at.location.history.first().history_user == member


def test_bad_coordinates_keep_what_was_typed(client, member, in_review):
    client.force_login(member)
    response = client.post(
        reverse("offers:place-create", args=[in_review.pk]),
        {"form": "place", "name": "Treff", "coordinates": "Marktplatz"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Breitengrad und Längengrad" in page
    assert 'value="Treff"' in page
    assert 'value="Marktplatz"' in page
    assert not in_review.at_locations.exists()


@pytest.fixture
def place(in_review):
    location = LocationFactory(organisation=in_review.organisation, name="Treff")
    return ServiceAtLocationFactory(service=in_review, location=location)


def test_opening_hours_replace_the_week(client, member, in_review, place):
    ScheduleFactory(service_at_location=place, weekday=5, opens_at=dt.time(8), closes_at=dt.time(9))
    client.force_login(member)
    url = reverse("offers:place", args=[in_review.pk, place.pk])
    response = client.post(
        url,
        {
            "form": "hours",
            "hours-day_1": "9–12, 14–18",
            "hours-day_3": "10:30-12",
            "hours-note": "nicht in den Schulferien",
        },
    )
    assert response.status_code == 302
    rows = list(place.schedules.values_list("weekday", "opens_at", "closes_at", "note"))
    assert rows == [
        (1, dt.time(9), dt.time(12), "nicht in den Schulferien"),
        (1, dt.time(14), dt.time(18), "nicht in den Schulferien"),
        (3, dt.time(10, 30), dt.time(12), "nicht in den Schulferien"),
    ]
    in_review.refresh_from_db()
    assert in_review.status == Status.REVIEW
    # The removed Friday is in the audit trail.
    assert Schedule.history.filter(history_type="-", weekday=5).get().history_user == member
    # The form shows the week as it was written.
    assert client.get(url).context["hours_form"]["day_1"].value() == "9–12, 14–18"


def test_bad_opening_hours_change_nothing(client, member, in_review, place):
    ScheduleFactory(service_at_location=place, weekday=2, opens_at=dt.time(8), closes_at=dt.time(9))
    client.force_login(member)
    response = client.post(
        reverse("offers:place", args=[in_review.pk, place.pk]),
        {"form": "hours", "hours-day_1": "9–12", "hours-day_2": "abends"},
    )
    assert response.status_code == 400
    assert "abends" in response.content.decode()
    assert list(place.schedules.values_list("weekday", flat=True)) == [2]


def test_removing_a_place_of_an_unpublished_offer(client, member, in_review, place):
    client.force_login(member)
    client.post(reverse("offers:place-remove", args=[in_review.pk, place.pk]))
    assert not in_review.at_locations.exists()
    in_review.refresh_from_db()
    assert in_review.status == Status.REVIEW


def test_places_of_other_organisations_are_refused(client, in_review, place, db):
    from praeventionsnetz.core.models import Role
    from tests.factories import OrganisationFactory, UserFactory

    stranger = UserFactory(role=Role.ORGANISATION, organisation=OrganisationFactory())
    client.force_login(stranger)
    url = reverse("offers:place", args=[in_review.pk, place.pk])
    assert client.post(url, {"form": "hours", "hours-day_1": "9–12"}).status_code == 403
    assert not place.schedules.exists()


def test_coordinator_sends_back_with_a_note_the_member_sees(
    client, coordinator, other_coordinator, member, draft
):
    draft.status = Status.REVIEW
    draft.save()
    url = reverse("offers:return", args=[draft.pk])
    client.force_login(other_coordinator)
    assert client.post(url, {"text": "Bitte Zeiten ergänzen"}).status_code == 403
    client.force_login(coordinator)
    client.post(url, {"text": ""})
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW  # an empty note is refused
    client.post(url, {"text": "Bitte die Öffnungszeiten ergänzen."})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.review_notes.get().author == coordinator
    client.force_login(member)
    assert (
        "Bitte die Öffnungszeiten ergänzen."
        in client.get(reverse("offers:edit", args=[draft.pk])).content.decode()
    )
    assert (
        "Bitte die Öffnungszeiten ergänzen."
        in client.get(reverse("offers:workspace")).content.decode()
    )


def test_a_shared_place_is_copied_not_changed_under_other_offers(client, member, in_review, place):
    other = ServiceFactory(
        organisation=in_review.organisation, name="Krabbelgruppe", status=Status.PUBLISHED
    )
    ServiceAtLocationFactory(service=other, location=place.location)
    client.force_login(member)
    response = client.post(
        reverse("offers:place", args=[in_review.pk, place.pk]),
        {"form": "place", "name": "Treff", "street": "Neue Straße 2", "coordinates": ""},
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.location.street == "Neue Straße 2"
    assert other.at_locations.get().location.street == ""
    assert place.location_id != other.at_locations.get().location_id
    other.refresh_from_db()
    assert other.status == Status.PUBLISHED
    assert place.history.first().history_user == member


def test_a_note_without_times_is_refused(client, member, in_review, place):
    client.force_login(member)
    response = client.post(
        reverse("offers:place", args=[in_review.pk, place.pk]),
        {"form": "hours", "hours-note": "nur nach Vereinbarung"},
    )
    assert response.status_code == 400
    assert "mindestens eine Zeit" in response.content.decode()


def test_a_draft_stays_a_draft_when_a_place_is_added(client, member, draft):
    client.force_login(member)
    client.post(
        reverse("offers:place-create", args=[draft.pk]),
        {"form": "place", "name": "Treff", "coordinates": ""},
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.at_locations.get().history.first().history_user == member


def test_workspace_queries_do_not_grow_with_offers_to_review(
    client, coordinator, organisation, district, other_district, django_assert_max_num_queries
):
    for i in range(12):
        service = ServiceFactory(
            organisation=organisation, name=f"Angebot {i}", status=Status.REVIEW
        )
        service.areas_served.add(district if i % 2 else other_district)
        live = ServiceFactory(organisation=organisation, name=f"Live {i}", status=Status.PUBLISHED)
        live.areas_served.add(district if i % 2 else other_district)
        ServiceRevision.objects.create(service=live, proposed={"name": f"Live {i}!"})
    client.force_login(coordinator)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("offers:workspace"))
    # Only the offers of the coordinator's own area.
    assert len(response.context["waiting"]) == 6
    assert len(response.context["revisions"]) == 6


def test_stale_offers_link_to_where_the_user_can_act(client, member, coordinator, draft):
    draft.status = Status.PUBLISHED
    draft.last_verified_on = timezone.localdate() - dt.timedelta(days=400)
    draft.save()
    client.force_login(member)
    assert (
        reverse("offers:edit", args=[draft.pk])
        in client.get(reverse("offers:workspace")).content.decode()
    )
    client.force_login(coordinator)
    page = client.get(reverse("offers:workspace")).content.decode()
    assert f'href="{reverse("offers:detail", args=[draft.pk])}"' in page


def test_a_publish_from_a_page_opened_before_a_send_back_does_not_override_it(
    client, coordinator, draft
):
    # Two reviewers had the workspace open; one sends the offer back, then the other clicks
    # "publish" on the page they opened before.
    draft.status = Status.REVIEW
    draft.save()
    client.force_login(coordinator)
    client.post(reverse("offers:return", args=[draft.pk]), {"text": "Zeiten fehlen."})
    response = client.post(reverse("offers:publish", args=[draft.pk]), follow=True)
    assert response.status_code == 200
    assert "wartet nicht auf Prüfung" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.review_notes.get().text == "Zeiten fehlen."
