"""Changes to a published offer's places and opening hours wait in its revision: the public
page, the search and the map keep the published places until the coordinator approves the
changes, which they see field by field."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from praeventionsnetz.offers import place_revisions, revisions
from praeventionsnetz.offers.models import (
    Location,
    RevisionStatus,
    Schedule,
    ServiceAtLocation,
    ServiceRevision,
    Status,
)
from praeventionsnetz.offers.selectors import offers_search
from praeventionsnetz.offers.services import services_index
from tests.concurrency import needs_row_locks, together
from tests.offers.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

OLD_POINT, NEW_POINT = (13.70, 51.08), (13.80, 51.00)  # (lon, lat), some 9 km apart
PLACE_FORM = {
    "form": "place",
    "name": "Familienzentrum Pieschen",
    "street": "Neue Str. 2",
    "postcode": "01127",
    "town": "Dresden",
    "coordinates": f"{NEW_POINT[1]}, {NEW_POINT[0]}",
}


@pytest.fixture
def live(organisation, district):
    organisation.areas_served.add(district)
    service = ServiceFactory(organisation=organisation, name="Elterncafé", status=Status.PUBLISHED)
    service.areas_served.add(district)
    services_index([service])
    return service


@pytest.fixture
def place(live):
    location = LocationFactory(
        organisation=live.organisation,
        name="Familienzentrum Pieschen",
        street="Alte Str. 1",
        postcode="01127",
        town="Dresden",
        lon=OLD_POINT[0],
        lat=OLD_POINT[1],
    )
    at = ServiceAtLocationFactory(service=live, location=location)
    ScheduleFactory(service_at_location=at, weekday=1, opens_at=dt.time(9), closes_at=dt.time(12))
    return at


def _location(service, **values):
    """An unsaved place as the place form gives it."""
    fields = {
        "name": "Familienzentrum Pieschen",
        "street": "Alte Str. 1",
        "postcode": "01127",
        "town": "Dresden",
        "accessibility": "",
        "lon": OLD_POINT[0],
        "lat": OLD_POINT[1],
        **values,
    }
    return Location(organisation_id=service.organisation_id, **fields)


def _week(**days):
    """{1: [(09:00, 13:00)]} from mon=(9, 13)."""
    numbers = {"mon": 1, "tue": 2, "wed": 3}
    return {numbers[d]: [(dt.time(o), dt.time(c))] for d, (o, c) in days.items()}


def _changes(service):
    with translation.override("en"):
        revision = revisions.revision_open(service)
        return [
            (c.kind, c.field, c.label, c.old, c.new)
            for c in revisions.revision_place_changes(revision)
        ]


def _found_near(point):
    return [hit.service.name for hit in offers_search(near=point, radius_km=1)]


# --- the domain ---------------------------------------------------------------------------


def test_a_changed_address_waits_in_the_revision(live, place, member):
    key = revisions.revision_place_save(
        service=live,
        key=f"at-{place.pk}",
        location=_location(live, street="Neue Str. 2"),
        token=revisions.edit_token(live),
        by=member,
    )
    assert key == f"at-{place.pk}"
    place.location.refresh_from_db()
    assert place.location.street == "Alte Str. 1"  # the published place stays live
    revision = ServiceRevision.objects.get(service=live)
    assert revision.status == RevisionStatus.PENDING
    assert [e["street"] for e in revision.proposed["places"]] == ["Neue Str. 2"]
    assert revision.history.first().history_user == member
    assert _changes(live) == [
        (
            "changed",
            "street",
            "Place “Familienzentrum Pieschen”: street",
            "Alte Str. 1",
            "Neue Str. 2",
        )
    ]


def test_changed_opening_hours_wait_and_show_old_and_new(live, place, member):
    revisions.revision_hours_save(
        service=live,
        key=f"at-{place.pk}",
        week=_week(mon=(9, 13)),
        note="",
        token=revisions.edit_token(live),
        by=member,
    )
    assert list(place.schedules.values_list("closes_at", flat=True)) == [dt.time(12)]
    assert _changes(live) == [
        (
            "changed",
            "hours",
            "Place “Familienzentrum Pieschen”: Opening hours",
            "Mon 9–12",
            "Mon 9–13",
        )
    ]


def test_an_added_and_a_removed_place_wait(live, place, member):
    revisions.revision_place_save(
        service=live,
        key=None,
        location=_location(live, name="Treff am Markt", street="Markt 1", lat=None, lon=None),
        token=revisions.edit_token(live),
        by=member,
    )
    revisions.revision_hours_save(
        service=live,
        key="new-1",
        week=_week(wed=(14, 17)),
        note="nicht in den Ferien",
        token=revisions.edit_token(live),
        by=member,
    )
    revisions.revision_place_remove(
        service=live, key=f"at-{place.pk}", token=revisions.edit_token(live), by=member
    )
    assert list(live.at_locations.all()) == [place]
    assert _changes(live) == [
        (
            "removed",
            "",
            "Place “Familienzentrum Pieschen” removed",
            "Alte Str. 1, 01127 Dresden\ncoordinates: 51.08, 13.7\nOpening hours: Mon 9–12",
            "",
        ),
        (
            "added",
            "",
            "Place “Treff am Markt” added",
            "",
            "Markt 1, 01127 Dresden\nOpening hours: Wed 14–17 (nicht in den Ferien)",
        ),
    ]
    assert ServiceRevision.objects.get(service=live).version == 3


def test_approval_applies_every_place_change_with_history(live, place, member, coordinator):
    revisions.revision_place_save(
        service=live,
        key=f"at-{place.pk}",
        location=_location(live, street="Neue Str. 2", lon=NEW_POINT[0], lat=NEW_POINT[1]),
        token=revisions.edit_token(live),
        by=member,
    )
    revisions.revision_hours_save(
        service=live,
        key=f"at-{place.pk}",
        week=_week(mon=(9, 13), tue=(14, 16)),
        note="",
        token=revisions.edit_token(live),
        by=member,
    )
    revisions.revision_place_save(
        service=live,
        key=None,
        location=_location(live, name="Treff am Markt", street="Markt 1", lat=None, lon=None),
        token=revisions.edit_token(live),
        by=member,
    )
    revisions.revision_hours_save(
        service=live,
        key="new-1",
        week=_week(wed=(10, 12)),
        note="",
        token=revisions.edit_token(live),
        by=member,
    )
    assert _found_near(NEW_POINT) == []  # the search keeps the published place
    assert _found_near(OLD_POINT) == ["Elterncafé"]
    revision = revisions.revision_open(live)
    revisions.revision_approve(service=live, version=revision.version, by=coordinator)

    place.location.refresh_from_db()
    assert (place.location.street, place.location.lat) == ("Neue Str. 2", NEW_POINT[1])
    hours = list(place.schedules.values_list("weekday", "opens_at", "closes_at"))
    assert hours == [(1, dt.time(9), dt.time(13)), (2, dt.time(14), dt.time(16))]
    added = live.at_locations.exclude(pk=place.pk).select_related("location").get()
    assert (added.location.name, added.location.organisation) == (
        "Treff am Markt",
        live.organisation,
    )
    assert list(added.schedules.values_list("weekday", flat=True)) == [3]
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by) == (RevisionStatus.APPROVED, coordinator)
    # Every row the approval wrote is in the audit trail, by the reviewer, with the reason.
    record = place.location.history.first()
    assert (record.history_user, record.history_change_reason) == (
        coordinator,
        "revision approved",
    )
    removed = Schedule.history.filter(history_type="-", service_at_location_id=place.pk).get()
    assert (removed.closes_at, removed.history_user) == (dt.time(12), coordinator)
    assert {r.history_user for r in added.history.all()} == {coordinator}
    assert _found_near(NEW_POINT) == ["Elterncafé"]
    assert _found_near(OLD_POINT) == []
    assert revisions.revision_open(live) is None


def test_an_approved_removal_deletes_the_place_and_its_hours(live, place, member, coordinator):
    revisions.revision_place_remove(
        service=live, key=f"at-{place.pk}", token=revisions.edit_token(live), by=member
    )
    revision = revisions.revision_open(live)
    revisions.revision_approve(service=live, version=revision.version, by=coordinator)
    assert not live.at_locations.exists()
    assert not Schedule.objects.exists()
    deleted = ServiceAtLocation.history.filter(history_type="-").get()
    assert (deleted.id, deleted.history_user) == (place.pk, coordinator)


def test_sending_back_keeps_the_places_for_re_editing(live, place, member, coordinator):
    revisions.revision_place_save(
        service=live,
        key=f"at-{place.pk}",
        location=_location(live, street="Neue Str. 2"),
        token=revisions.edit_token(live),
        by=member,
    )
    revision = revisions.revision_open(live)
    revisions.revision_return(
        service=live, version=revision.version, text="Hausnummer?", by=coordinator
    )
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.RETURNED
    proposed = place_revisions.places_proposed(live, revision)
    assert [e["street"] for e in proposed] == ["Neue Str. 2"]
    place.location.refresh_from_db()
    assert place.location.street == "Alte Str. 1"
    revisions.revision_place_save(
        service=live,
        key=f"at-{place.pk}",
        location=_location(live, street="Neue Str. 2a"),
        token=revisions.edit_token(live),
        by=member,
    )
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PENDING
    assert revision.proposed["places"][0]["street"] == "Neue Str. 2a"


def test_field_and_place_changes_share_one_revision(live, place, member, coordinator):
    revisions.revision_place_save(
        service=live,
        key=f"at-{place.pk}",
        location=_location(live, street="Neue Str. 2"),
        token=revisions.edit_token(live),
        by=member,
    )
    edited = revisions.service_as_proposed(live, revisions.revision_open(live))
    edited.contact_phone = "0351 0123"
    revisions.revision_save(
        service=live, edited=edited, topics=[], token=revisions.edit_token(live), by=member
    )
    revision = ServiceRevision.objects.get(service=live)
    assert revision.proposed["contact_phone"] == "0351 0123"
    assert revision.proposed["places"][0]["street"] == "Neue Str. 2"
    revisions.revision_approve(service=live, version=revision.version, by=coordinator)
    live.refresh_from_db()
    place.location.refresh_from_db()
    assert (live.contact_phone, place.location.street) == ("0351 0123", "Neue Str. 2")


def test_a_place_edit_on_an_outdated_state_is_refused(live, place, member, coordinator):
    token = revisions.edit_token(live)
    revisions.revision_place_save(
        service=live,
        key=f"at-{place.pk}",
        location=_location(live, street="Neue Str. 2"),
        token=token,
        by=member,
    )
    with pytest.raises(revisions.OutdatedError):
        revisions.revision_hours_save(
            service=live, key=f"at-{place.pk}", week={}, note="", token=token, by=member
        )
    assert ServiceRevision.objects.get(service=live).version == 1


def test_a_shared_place_is_copied_on_approval(live, place, member, coordinator):
    other = ServiceFactory(organisation=live.organisation, name="Krabbelgruppe")
    ServiceAtLocationFactory(service=other, location=place.location)
    revisions.revision_place_save(
        service=live,
        key=f"at-{place.pk}",
        location=_location(live, street="Neue Str. 2"),
        token=revisions.edit_token(live),
        by=member,
    )
    revisions.revision_approve(
        service=live, version=revisions.revision_open(live).version, by=coordinator
    )
    place.refresh_from_db()
    assert place.location.street == "Neue Str. 2"
    assert other.at_locations.get().location.street == "Alte Str. 1"
    # The copy keeps the offer's opening hours.
    assert list(place.schedules.values_list("weekday", flat=True)) == [1]


# --- the pages ----------------------------------------------------------------------------


def _place_page(client, service, at=None, new=None):
    if at is not None:
        return reverse("offers:place", args=[service.pk, at.pk])
    url = reverse("offers:place-create", args=[service.pk])
    return f"{url}?neu={new}" if new else url


def _post(client, url, data):
    token = client.get(url).context["token"]
    return client.post(url, {**data, "token": token})


def test_a_member_s_place_edit_leaves_the_public_page_as_published(client, member, live, place):
    client.force_login(member)
    url = _place_page(client, live, place)
    response = _post(client, url, PLACE_FORM)
    assert response.status_code == 302
    place.location.refresh_from_db()
    assert place.location.street == "Alte Str. 1"
    # The member's page shows what they proposed, and says that it waits.
    page = client.get(url)
    text = page.content.decode()
    assert 'value="Neue Str. 2"' in text
    assert 'id="place-revision-state"' in text
    assert page.context["state"] == "changed"
    edit = client.get(reverse("offers:edit", args=[live.pk]))
    assert [(r.street, r.state) for r in edit.context["places"]] == [("Neue Str. 2", "changed")]
    client.logout()
    public = client.get(reverse("offers:detail", args=[live.pk])).content.decode()
    assert "Alte Str. 1" in public
    assert "Neue Str. 2" not in public


def test_the_place_page_says_the_change_waits_for_review(client, member, live, place):
    client.force_login(member)
    with translation.override("en"):
        text = client.get(_place_page(client, live, place), HTTP_ACCEPT_LANGUAGE="en")
    # Checked by structure: the German wording needs the compiled catalogue.
    assert b'id="place-revision-state"' in text.content
    assert text.context["is_live"] is True


def test_the_coordinator_sees_the_place_changes_escaped_and_approves(
    client, member, coordinator, live, place
):
    client.force_login(member)
    hostile = "<script>alert(1)</script>"
    _post(client, _place_page(client, live, place), {**PLACE_FORM, "street": hostile})
    _post(
        client,
        _place_page(client, live, place),
        {"form": "hours", "hours-day_1": "9–13"},
    )
    _post(client, _place_page(client, live), {**PLACE_FORM, "name": f"Neu {hostile}"})
    client.force_login(coordinator)
    page = client.get(reverse("offers:revision", args=[live.pk]))
    assert page.status_code == 200
    kinds = [(c.kind, c.field) for c in page.context["place_changes"]]
    assert kinds == [
        ("changed", "street"),
        ("changed", "coordinates"),
        ("changed", "hours"),
        ("added", ""),
    ]
    text = page.content.decode()
    assert 'id="revision-place-diff"' in text
    assert hostile not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Alte Str. 1" in text
    version = revisions.revision_open(live).version
    response = client.post(reverse("offers:revision-approve", args=[live.pk]), {"version": version})
    assert response.status_code == 302
    place.location.refresh_from_db()
    assert place.location.street == hostile
    assert live.at_locations.count() == 2
    public = client.get(reverse("offers:detail", args=[live.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in public
    assert hostile not in public


def test_a_removal_waits_and_the_place_stays_public(client, member, coordinator, live, place):
    client.force_login(member)
    edit_url = reverse("offers:edit", args=[live.pk])
    token = client.get(edit_url).context["token"]
    response = client.post(
        reverse("offers:place-remove", args=[live.pk, place.pk]), {"token": token}
    )
    assert response.status_code == 302
    assert ServiceAtLocation.objects.filter(pk=place.pk).exists()
    assert [(r.name, r.state) for r in client.get(edit_url).context["places"]] == [
        ("Familienzentrum Pieschen", "removed")
    ]
    assert "Alte Str. 1" in client.get(reverse("offers:detail", args=[live.pk])).content.decode()
    # Saving the place again keeps it.
    response = _post(client, _place_page(client, live, place), PLACE_FORM)
    assert response.status_code == 302
    assert [r.state for r in client.get(edit_url).context["places"]] == ["changed"]


def test_a_new_place_gets_its_hours_and_can_be_dropped(client, member, live, place):
    client.force_login(member)
    response = _post(client, _place_page(client, live), {**PLACE_FORM, "name": "Treff"})
    new_url = _place_page(client, live, new=1)
    assert response.url == new_url
    page = client.get(new_url)
    assert page.context["state"] == "added"
    assert page.context["has_hours"] is True
    response = _post(client, new_url, {"form": "hours", "hours-day_3": "14:30–17"})
    assert response.status_code == 302
    edit = client.get(reverse("offers:edit", args=[live.pk]))
    rows = {r.key: r for r in edit.context["places"]}
    assert [(h.weekday, h.opens_at) for h in rows["new-1"].hours] == [(3, dt.time(14, 30))]
    assert "?neu=1" in edit.content.decode()
    response = _post(client, new_url, {"form": "remove"})
    assert response.status_code == 302
    assert [r.key for r in client.get(edit.request["PATH_INFO"]).context["places"]] == [
        f"at-{place.pk}"
    ]
    assert live.at_locations.count() == 1


def test_a_new_place_s_page_after_its_approval_leads_back_to_the_offer(
    client, member, coordinator, live
):
    client.force_login(member)
    _post(client, _place_page(client, live), {**PLACE_FORM, "name": "Treff"})
    revisions.revision_approve(
        service=live, version=revisions.revision_open(live).version, by=coordinator
    )
    response = client.get(_place_page(client, live, new=1))
    assert response.url == reverse("offers:edit", args=[live.pk])
    assert [m.level_tag for m in get_messages(response.wsgi_request)][-1] == "info"
    assert live.at_locations.get().location.name == "Treff"


def test_an_outdated_place_edit_is_refused_and_keeps_the_input(client, member, live, place):
    other = Client()
    other.force_login(member)
    client.force_login(member)
    url = _place_page(client, live, place)
    token = client.get(url).context["token"]
    _post(other, url, {**PLACE_FORM, "street": "Andere Str. 3"})  # someone else, meanwhile
    response = client.post(url, {**PLACE_FORM, "token": token})
    assert response.status_code == 400
    assert response.context["place_form"].non_field_errors()
    assert 'value="Neue Str. 2"' in response.content.decode()
    assert revisions.revision_open(live).proposed["places"][0]["street"] == "Andere Str. 3"
    # Saving again from the page that said so goes through.
    response = client.post(url, {**PLACE_FORM, "token": response.context["token"]})
    assert response.status_code == 302
    assert revisions.revision_open(live).proposed["places"][0]["street"] == "Neue Str. 2"


def test_an_outdated_hours_edit_is_refused_and_keeps_the_input(
    client, member, coordinator, live, place
):
    client.force_login(member)
    url = _place_page(client, live, place)
    _post(client, url, PLACE_FORM)
    token = client.get(url).context["token"]
    revisions.revision_approve(
        service=live, version=revisions.revision_open(live).version, by=coordinator
    )
    response = client.post(url, {"form": "hours", "hours-day_2": "8–10", "token": token})
    assert response.status_code == 400
    assert response.context["hours_form"].non_field_errors()
    assert 'value="8–10"' in response.content.decode()
    assert list(place.schedules.values_list("weekday", flat=True)) == [1]


def test_a_remove_click_on_an_outdated_page_is_refused(client, member, live, place):
    client.force_login(member)
    token = client.get(reverse("offers:edit", args=[live.pk])).context["token"]
    _post(client, _place_page(client, live, place), PLACE_FORM)
    response = client.post(
        reverse("offers:place-remove", args=[live.pk, place.pk]), {"token": token}
    )
    assert [str(m) for m in get_messages(response.wsgi_request)]
    assert [e["key"] for e in revisions.revision_open(live).proposed["places"]] == [
        f"at-{place.pk}"
    ]


def test_planning_s_place_edits_wait_for_review_too(client, planner, live, place):
    client.force_login(planner)
    response = _post(client, _place_page(client, live, place), PLACE_FORM)
    assert response.status_code == 302
    place.location.refresh_from_db()
    assert place.location.street == "Alte Str. 1"
    assert revisions.revision_open(live).created_by == planner


def test_a_place_only_revision_keeps_the_published_topics_in_the_form(client, member, live, place):
    from tests.offers.factories import TopicFactory

    topic = TopicFactory(name="Beratung")
    live.topics.add(topic)
    client.force_login(member)
    _post(client, _place_page(client, live, place), PLACE_FORM)
    form = client.get(reverse("offers:edit", args=[live.pk])).context["form"]
    assert [int(pk) for pk in form["topics"].value()] == [topic.pk]


def test_a_draft_s_places_still_change_at_once(client, member, live, place):
    live.status = Status.DRAFT
    live.save()
    client.force_login(member)
    url = _place_page(client, live, place)
    response = client.post(url, PLACE_FORM)
    assert response.status_code == 302
    place.location.refresh_from_db()
    assert place.location.street == "Neue Str. 2"
    assert not ServiceRevision.objects.exists()


@needs_row_locks
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_an_hours_edit_and_an_approval_at_once_lose_nothing(
    attempt, organisation, district, coordinator, member
):
    organisation.areas_served.add(district)
    service = ServiceFactory(organisation=organisation, name="Elterncafé", status=Status.PUBLISHED)
    service.areas_served.add(district)
    at = ServiceAtLocationFactory(
        service=service, location=LocationFactory(organisation=organisation, name="Treff")
    )
    editor, reviewer = Client(), Client()
    editor.force_login(member)
    reviewer.force_login(coordinator)
    url = reverse("offers:place", args=[service.pk, at.pk])
    _post(editor, url, {"form": "hours", "hours-day_1": "9–12"})
    version = revisions.revision_open(service).version
    token = editor.get(url).context["token"]
    edit, approval = together(
        lambda: editor.post(url, {"form": "hours", "hours-day_1": "9–13", "token": token}),
        lambda: reviewer.post(
            reverse("offers:revision-approve", args=[service.pk]), {"version": version}
        ),
    )
    closing = list(at.schedules.values_list("closes_at", flat=True))
    pending = ServiceRevision.objects.filter(service=service, status=RevisionStatus.PENDING)
    if closing == [dt.time(12)]:  # the approval came first
        assert edit.status_code == 400  # the edit was refused with its input shown again
        assert 'value="9–13"' in edit.content.decode()
        assert not pending.exists()
    else:  # the edit came first: the approval was refused, the new proposal waits
        assert closing == []
        assert pending.get().proposed["places"][0]["hours"] == [[1, "09:00", "13:00"]]
        assert [str(m) for m in get_messages(approval.wsgi_request)]
