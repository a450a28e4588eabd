"""Organisations keep their offers; coordinators review and publish them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.offers.models import Service, Status


@pytest.fixture
def draft(organisation, district):
    organisation.areas_served.add(district)
    service = Service.objects.create(
        organisation=organisation, name="Elterncafé", status=Status.DRAFT
    )
    service.areas_served.add(district)
    return service


FORM = {
    "name": "Elterncafé Nord",
    "description": "Offener Treff",
    "access": "open",
    "is_free": "on",
    "languages": "de, ar",
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
