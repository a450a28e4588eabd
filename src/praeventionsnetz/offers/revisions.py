"""Changes to a published offer wait as a revision; the published version stays live.

An organisation edits a published offer: its form fills the offer's open revision (one per
offer, re-editable until a reviewer decides), never the offer's own fields, so the public
page, the search index, the map and the chain keep showing the published version. The same
holds for its places and opening hours (the revision's "places" part, place_revisions.py).
The reviewer sees the changes field by field and approves them (applied to the offer in one
transaction, with history and a fresh search index) or sends them back with a note.
Everyone edits a published offer this way, planning included: nobody bypasses the review.

Two people at once: every write locks the offer's row, and each page carries the state it
was opened on (``edit_token`` for the organisation's form, the revision's ``version`` for
the reviewer). A write based on an outdated state is refused with a message; the input of
the one refused is shown again, so nothing is lost.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers.forms import ServiceForm
from praeventionsnetz.offers.hours import Interval
from praeventionsnetz.offers.models import (
    OPEN_REVISION,
    Access,
    LifePhase,
    Location,
    ReviewNote,
    RevisionStatus,
    Service,
    ServiceRevision,
    Status,
    Topic,
    Transition,
)
from praeventionsnetz.offers.place_revisions import (
    Entry,
    PlaceChange,
    entry_find,
    entry_of,
    entry_with_hours,
    entry_with_location,
    new_key,
    place_changes,
    places_apply,
    places_proposed,
)
from praeventionsnetz.offers.services import services_index

# The offer's own fields that an organisation edits (the offer form), in form order; the
# topics are kept as a list of ids under "topics".
REVISED_FIELDS = tuple(name for name in ServiceForm.Meta.fields if name != "topics")


class OutdatedError(DomainError):
    """The page was opened on a state that someone else has changed since."""


def revision_open(service: Service) -> ServiceRevision | None:
    """The revision of this offer that waits for review or was sent back, if any."""
    return service.revisions.filter(status__in=OPEN_REVISION).first()


def edit_token(service: Service) -> str:
    """The state an edit form is opened on: the offer's last save and its latest revision."""
    latest = service.revisions.order_by("-pk").only("pk", "version").first()
    saved = service.updated_at.isoformat() if service.updated_at else "-"
    return f"{saved}|{latest.pk if latest else 0}:{latest.version if latest else 0}"


def values_of(service: Service, topics: Iterable[Topic] | None = None) -> dict[str, Any]:
    """The revised fields of an offer (saved or as edited) as JSON values."""
    values = {name: getattr(service, name) for name in REVISED_FIELDS}
    chosen = service.topics.all() if topics is None else topics
    values["topics"] = sorted(t.pk for t in chosen)
    return values


def service_as_proposed(service: Service, revision: ServiceRevision) -> Service:
    """An unsaved copy of the offer with the revision's values, for the edit form."""
    proposed = copy.copy(service)
    for name in REVISED_FIELDS:
        if name in revision.proposed:
            setattr(proposed, name, revision.proposed[name])
    return proposed


def _revision_to_edit(service: Service, token: str) -> tuple[Service, ServiceRevision | None]:
    """The offer, locked, and its open revision, if the edit was opened on their state."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.status != Status.PUBLISHED:
        raise OutdatedError(
            _("This offer is no longer published; please open it again to edit it.")
        )
    if token != edit_token(service):
        raise OutdatedError(
            _(
                "The offer or its pending changes were changed meanwhile (perhaps the review "
                "approved or sent back your changes). Your input is kept below: please check "
                "it and save again."
            )
        )
    return service, revision_open(service)


def _revision_propose(
    service: Service, revision: ServiceRevision | None, proposed: dict[str, Any], by: Any
) -> ServiceRevision:
    """Store ``proposed`` as the open revision (a new one, or the next version)."""
    if revision is None:
        revision = ServiceRevision(service=service, created_by=by, proposed=proposed)
    else:
        revision.proposed = proposed
        revision.version += 1
        revision.status = RevisionStatus.PENDING
    revision._history_user = by
    revision.save()
    return revision


@transaction.atomic
def revision_save(
    *, service: Service, edited: Service, topics: Iterable[Topic], token: str, by: Any
) -> ServiceRevision:
    """Store an organisation's edit of a published offer as its open revision.

    ``edited`` is an unsaved copy of the offer with the form's values; the offer itself is
    not changed. ``token`` is the ``edit_token`` the form was opened on. Proposed places
    stay as they are.
    """
    service, revision = _revision_to_edit(service, token)
    values = values_of(edited, topics)
    if revision is not None and "places" in revision.proposed:
        values["places"] = revision.proposed["places"]
    return _revision_propose(service, revision, values, by)


def _places_change(
    service: Service, token: str, by: Any, change: Callable[[list[Entry]], list[Entry]]
) -> ServiceRevision:
    service, revision = _revision_to_edit(service, token)
    places = change(places_proposed(service, revision))
    proposed = {**(revision.proposed if revision is not None else {}), "places": places}
    return _revision_propose(service, revision, proposed, by)


def _missing_place() -> OutdatedError:
    return OutdatedError(
        _(
            "This place is no longer part of the offer or of your pending changes. Please "
            "open the offer again."
        )
    )


@transaction.atomic
def revision_place_save(
    *, service: Service, key: str | None, location: Location, token: str, by: Any
) -> str:
    """Propose a changed place (``key``) or a new one (``key`` None) of a published offer;
    the key of the proposed place.

    ``location`` is an unsaved place with the form's values. A published place that the
    revision removes is proposed again with these values.
    """
    if location.organisation_id != service.organisation_id:
        raise DomainError(_("This place belongs to another organisation."))
    saved_key = key

    def change(places: list[Entry]) -> list[Entry]:
        nonlocal saved_key
        entry = entry_find(places, key) if key else None
        if entry is None and key and key.startswith("at-"):
            # Removed in the revision: the place comes back with the new values.
            at = service.at_locations.filter(pk=int(key[3:])).first()
            if at is None:
                raise _missing_place()
            entry = entry_of(at)
            places = [*places, entry]
        elif entry is None and key:
            raise _missing_place()
        elif entry is None:
            entry = {"key": new_key(places), "at": None, "hours": [], "hours_note": ""}
            places = [*places, entry]
        saved_key = entry["key"]
        updated = entry_with_location(entry, location)
        return [updated if e["key"] == entry["key"] else e for e in places]

    _places_change(service, token, by, change)
    return saved_key  # type: ignore[return-value]


@transaction.atomic
def revision_hours_save(
    *,
    service: Service,
    key: str,
    week: dict[int, list[Interval]],
    note: str,
    token: str,
    by: Any,
) -> ServiceRevision:
    """Propose the weekly opening hours of a place (``key``) of a published offer."""

    def change(places: list[Entry]) -> list[Entry]:
        entry = entry_find(places, key)
        if entry is None:
            raise _missing_place()
        updated = entry_with_hours(entry, week, note)
        return [updated if e["key"] == key else e for e in places]

    return _places_change(service, token, by, change)


@transaction.atomic
def revision_place_remove(*, service: Service, key: str, token: str, by: Any) -> ServiceRevision:
    """Propose that a place of a published offer is removed (or drop a proposed new one)."""

    def change(places: list[Entry]) -> list[Entry]:
        if entry_find(places, key) is None:
            raise _missing_place()
        return [e for e in places if e["key"] != key]

    return _places_change(service, token, by, change)


@transaction.atomic
def revision_approve(*, service: Service, version: int, by: Any) -> Service:
    """Apply the open revision to the published offer; ``version`` is the one reviewed."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    revision = _pending(service, version)
    values = revision.proposed
    for name in REVISED_FIELDS:
        if name in values:
            setattr(service, name, values[name])
    service.last_verified_on = timezone.localdate()
    service._history_user = by
    service._change_reason = "revision approved"
    service.save()
    if "topics" in values:
        service.topics.set(Topic.objects.filter(pk__in=values["topics"]))
    if "places" in values:
        places_apply(service=service, places=values["places"], by=by, reason="revision approved")
    revision.status = RevisionStatus.APPROVED
    revision.version += 1
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision._history_user = by
    revision.save()
    services_index([service])
    return service


@transaction.atomic
def revision_return(*, service: Service, version: int, text: str, by: Any) -> ServiceRevision:
    """Send the open revision back to the organisation with a note; it stays editable."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    revision = _pending(service, version)
    revision.status = RevisionStatus.RETURNED
    revision.note = text.strip()
    revision.version += 1
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision._history_user = by
    revision.save()
    note = ReviewNote(service=service, author=by, text=text.strip())
    note._history_user = by
    note.save()
    return revision


def _pending(service: Service, version: int) -> ServiceRevision:
    revision = revision_open(service)
    if revision is None or revision.status != RevisionStatus.PENDING:
        raise OutdatedError(
            _("These changes are no longer waiting for review (decided or sent back meanwhile).")
        )
    if revision.version != version:
        raise OutdatedError(
            _(
                "The organisation changed its proposal after you opened it. Please look at the "
                "changes again."
            )
        )
    return revision


# --- the reviewer's view of a revision -------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


def _labels(values: Iterable[str], choices: dict[str, str]) -> str:
    return ", ".join(str(choices.get(v, v)) for v in values or ())


def _show(name: str, value: Any, topic_names: dict[int, str]) -> str:
    if name == "topics":
        return ", ".join(topic_names.get(pk, str(pk)) for pk in value or ())
    if name == "life_phases":
        return _labels(value, dict(LifePhase.choices))
    if name == "transitions":
        return _labels(value, dict(Transition.choices))
    if name == "access":
        return str(dict(Access.choices).get(value, value))
    if name == "languages":
        return ", ".join(value or ())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else str(value)


def revision_changes(revision: ServiceRevision) -> list[Change]:
    """The fields the revision changes, each with the published and the proposed value."""
    service = revision.service
    current = values_of(service)
    proposed = revision.proposed
    names = [*REVISED_FIELDS, "topics"]
    topic_ids = set(current["topics"]) | set(proposed.get("topics") or ())
    topic_names = dict(Topic.objects.filter(pk__in=topic_ids).values_list("pk", "name"))
    changes = []
    for name in names:
        if name not in proposed:
            continue
        old, new = current.get(name), proposed[name]
        if name in {"life_phases", "transitions", "topics", "languages"}:
            differs = list(old or ()) != list(new or ())
        else:
            differs = (old or "") != (new or "") if not isinstance(old, bool) else old != new
        if differs:
            label = str(Service._meta.get_field(name).verbose_name)
            changes.append(
                Change(name, label, _show(name, old, topic_names), _show(name, new, topic_names))
            )
    return changes


def revision_place_changes(revision: ServiceRevision) -> list[PlaceChange]:
    """The places the revision changes, adds or removes, field by field."""
    if "places" not in revision.proposed:
        return []
    return place_changes(revision.service, revision.proposed["places"])
