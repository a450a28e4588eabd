"""A publish and a send-back of the same offer at the same moment: one of them wins, the
other gets a clear message, and the offer never ends published with an open note."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from praeventionsnetz.offers.models import Service, Status
from tests.concurrency import needs_row_locks, together
from tests.offers.factories import ServiceFactory


@needs_row_locks
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_publish_and_send_back_at_once_leave_one_consistent_outcome(
    attempt, organisation, district, coordinator
):
    service = ServiceFactory(organisation=organisation, name="Elterncafé", status=Status.REVIEW)
    service.areas_served.add(district)
    publisher, returner = Client(), Client()
    publisher.force_login(coordinator)
    returner.force_login(coordinator)
    responses = together(
        lambda: publisher.post(reverse("offers:publish", args=[service.pk])),
        lambda: returner.post(reverse("offers:return", args=[service.pk]), {"text": "Zeiten?"}),
    )
    assert all(getattr(r, "status_code", None) in (200, 302) for r in responses), responses
    service = Service.objects.get(pk=service.pk)
    notes = service.review_notes.count()
    assert (service.status, notes) in {(Status.PUBLISHED, 0), (Status.DRAFT, 1)}
    # The loser was told why nothing happened.
    told = [str(m) for r in responses for m in get_messages(r.wsgi_request)]
    assert any("Prüfung" in text for text in told), told
