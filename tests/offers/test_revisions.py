"""An edit of a published offer is a revision: the published version stays live until the
coordinator approves the changes, which they see field by field."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from praeventionsnetz.areas.models import Level
from praeventionsnetz.offers import chain, revisions
from praeventionsnetz.offers.models import (
    RevisionStatus,
    SearchDocument,
    Service,
    ServiceRevision,
    Status,
)
from praeventionsnetz.offers.services import services_index
from tests.concurrency import needs_row_locks, together
from tests.offers.factories import ServiceFactory, TopicFactory

FORM = {
    "name": "Elterncafé Nord",
    "description": "Offener Treff mit Frühstück",
    "access": "open",
    "is_free": "on",
    "languages": "de",
    "life_phases": ["0-1", "parents"],
    "contact_phone": "0351 0123456",
}


@pytest.fixture
def live(organisation, district):
    organisation.areas_served.add(district)
    service = ServiceFactory(
        organisation=organisation,
        name="Elterncafé Nord",
        description="Offener Treff",
        status=Status.PUBLISHED,
        access="open",
        languages=["de"],
        life_phases=["0-1", "parents"],
    )
    service.areas_served.add(district)
    services_index([service])
    return service


def _edit(client, service, **changes):
    page = client.get(reverse("offers:edit", args=[service.pk]))
    token = page.context["token"]
    return client.post(
        reverse("offers:edit", args=[service.pk]), {**FORM, **changes, "token": token}
    )


def _terms(service):
    document = SearchDocument.objects.filter(service=service).first()
    return set(f"{document.name_terms} {document.body_terms}".split()) if document else set()


def test_an_edit_of_a_published_offer_leaves_the_published_version_live(client, member, live):
    terms = _terms(live)
    client.force_login(member)
    response = _edit(client, live, contact_phone="0351 0999999", description="Neu <b>fett</b>")
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.status, live.contact_phone, live.description) == (
        Status.PUBLISHED,
        "",
        "Offener Treff",
    )
    assert _terms(live) == terms  # the search index keeps the published text
    revision = ServiceRevision.objects.get(service=live)
    assert revision.status == RevisionStatus.PENDING
    assert revision.proposed["contact_phone"] == "0351 0999999"
    assert revision.history.first().history_user == member
    client.logout()
    page = client.get(reverse("offers:detail", args=[live.pk]))
    assert page.status_code == 200
    assert "Offener Treff" in page.content.decode()
    assert "0351 0999999" not in page.content.decode()


def test_the_edit_form_shows_the_pending_changes_and_edits_them_again(client, member, live):
    client.force_login(member)
    _edit(client, live, contact_phone="0351 0999999")
    page = client.get(reverse("offers:edit", args=[live.pk]))
    assert 'value="0351 0999999"' in page.content.decode()
    assert "revision-state" in page.content.decode()
    _edit(client, live, contact_phone="0351 0888888")
    revision = ServiceRevision.objects.get(service=live)  # still one open revision
    assert (revision.proposed["contact_phone"], revision.version) == ("0351 0888888", 2)


def test_the_coordinator_sees_each_changed_field_escaped(client, member, coordinator, live):
    topic = TopicFactory(name="Beratung")
    client.force_login(member)
    _edit(client, live, name="<script>alert(1)</script>", topics=[topic.pk])
    client.force_login(coordinator)
    workspace = client.get(reverse("offers:workspace"))
    assert [r.service for r in workspace.context["revisions"]] == [live]
    page = client.get(reverse("offers:revision", args=[live.pk]))
    changes = {c.field: (c.old, c.new) for c in page.context["changes"]}
    assert changes == {
        "name": ("Elterncafé Nord", "<script>alert(1)</script>"),
        "description": ("Offener Treff", "Offener Treff mit Frühstück"),
        "contact_phone": ("", "0351 0123456"),
        "topics": ("", "Beratung"),
    }
    text = page.content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_approving_applies_the_changes_with_history_and_index(client, member, coordinator, live):
    client.force_login(member)
    _edit(client, live, name="Familiencafé Nord")
    revision = ServiceRevision.objects.get(service=live)
    client.force_login(coordinator)
    response = client.post(
        reverse("offers:revision-approve", args=[live.pk]), {"version": revision.version}
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.name, live.contact_phone, live.status) == (
        "Familiencafé Nord",
        "0351 0123456",
        Status.PUBLISHED,
    )
    assert live.history.first().history_user == coordinator
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by) == (RevisionStatus.APPROVED, coordinator)
    assert any(t.startswith("familiencaf") for t in _terms(live))
    assert (
        "Familiencafé Nord" in client.get(reverse("offers:detail", args=[live.pk])).content.decode()
    )


def test_sending_back_keeps_the_revision_for_the_organisation(client, member, coordinator, live):
    client.force_login(member)
    _edit(client, live, contact_phone="123")
    revision = ServiceRevision.objects.get(service=live)
    client.force_login(coordinator)
    client.post(
        reverse("offers:revision-return", args=[live.pk]),
        {"version": revision.version, "text": "Bitte die Vorwahl angeben."},
    )
    revision.refresh_from_db()
    assert (revision.status, revision.note) == (
        RevisionStatus.RETURNED,
        "Bitte die Vorwahl angeben.",
    )
    client.force_login(member)
    page = client.get(reverse("offers:edit", args=[live.pk])).content.decode()
    assert "Bitte die Vorwahl angeben." in page
    assert 'value="123"' in page
    _edit(client, live, contact_phone="0351 0123")
    revision.refresh_from_db()
    assert (revision.status, revision.proposed["contact_phone"]) == (
        RevisionStatus.PENDING,
        "0351 0123",
    )


def test_an_approval_of_an_outdated_view_is_refused(client, member, coordinator, live):
    client.force_login(member)
    _edit(client, live, contact_phone="0351 0111111")
    seen = ServiceRevision.objects.get(service=live).version
    _edit(client, live, contact_phone="0351 0222222")  # the organisation changes it meanwhile
    client.force_login(coordinator)
    response = client.post(reverse("offers:revision-approve", args=[live.pk]), {"version": seen})
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("nachdem Sie" in t or "after you opened" in t for t in told), told
    live.refresh_from_db()
    assert live.contact_phone == ""


def test_an_edit_opened_before_an_approval_is_refused_and_keeps_the_input(
    client, member, coordinator, live
):
    client.force_login(member)
    _edit(client, live, contact_phone="0351 0111111")
    old_token = client.get(reverse("offers:edit", args=[live.pk])).context["token"]
    revision = ServiceRevision.objects.get(service=live)
    revisions.revision_approve(service=live, version=revision.version, by=coordinator)
    response = client.post(
        reverse("offers:edit", args=[live.pk]),
        {**FORM, "contact_phone": "0351 0333333", "token": old_token},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'value="0351 0333333"' in text  # nothing typed is lost
    assert response.context["form"].non_field_errors()
    assert not ServiceRevision.objects.filter(service=live, status=RevisionStatus.PENDING).exists()
    # Saving again from the page that said so goes through.
    response = client.post(
        reverse("offers:edit", args=[live.pk]),
        {**FORM, "contact_phone": "0351 0333333", "token": response.context["token"]},
    )
    assert response.status_code == 302


def test_a_new_offer_still_goes_through_the_review(client, member):
    client.force_login(member)
    response = client.post(reverse("offers:create"), FORM)
    assert response.status_code == 302
    service = Service.objects.get(name="Elterncafé Nord")
    assert service.status == Status.REVIEW
    assert not service.revisions.exists()


def test_the_chain_keeps_an_offer_with_pending_changes(client, member, live, city, district):
    client.force_login(member)
    _edit(client, live, life_phases=["pregnancy"])
    records = chain.offer_records(city, Level.STADTBEZIRK)
    assert [r.phases for r in records if r.key == live.pk] == [("0-1", "parents")]


def test_others_may_not_review_or_approve(client, other_coordinator, member, live):
    client.force_login(member)
    _edit(client, live)
    version = ServiceRevision.objects.get(service=live).version
    assert client.get(reverse("offers:revision", args=[live.pk])).status_code == 403
    client.force_login(other_coordinator)
    response = client.post(reverse("offers:revision-approve", args=[live.pk]), {"version": version})
    assert response.status_code == 403


@needs_row_locks
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_an_edit_and_an_approval_at_once_lose_nothing(
    attempt, organisation, district, coordinator, member
):
    organisation.areas_served.add(district)
    service = ServiceFactory(organisation=organisation, name="Elterncafé", status=Status.PUBLISHED)
    service.areas_served.add(district)
    editor, reviewer = Client(), Client()
    editor.force_login(member)
    reviewer.force_login(coordinator)
    _edit(editor, service, contact_phone="0351 0111111")
    version = ServiceRevision.objects.get(service=service).version
    token = editor.get(reverse("offers:edit", args=[service.pk])).context["token"]
    responses = together(
        lambda: editor.post(
            reverse("offers:edit", args=[service.pk]),
            {**FORM, "contact_phone": "0351 0222222", "token": token},
        ),
        lambda: reviewer.post(
            reverse("offers:revision-approve", args=[service.pk]), {"version": version}
        ),
    )
    edit, approval = responses
    service.refresh_from_db()
    pending = ServiceRevision.objects.filter(service=service, status=RevisionStatus.PENDING)
    if service.contact_phone == "0351 0111111":  # the approval came first
        assert edit.status_code == 400  # the edit was refused with its input shown again
        assert 'value="0351 0222222"' in edit.content.decode()
        assert not pending.exists()
    else:  # the edit came first: the approval was refused, the new proposal waits
        assert service.contact_phone == ""
        assert pending.get().proposed["contact_phone"] == "0351 0222222"
        told = [str(m) for m in get_messages(approval.wsgi_request)]
        assert told, told
