"""The places part of a revision: where and when a published offer takes place.

An organisation that changes a published offer's places (address, coordinates, opening
hours, a place added or removed) changes its open revision, as it does for the offer's own
fields (revisions.py). ``ServiceRevision.proposed["places"]`` then holds the offer's whole
list of places as proposed; without that key the revision leaves the places as published.
One entry per place:

    {"key": "at-12", "at": 12, "name": "…", "street": "…", "postcode": "…", "town": "…",
     "accessibility": "…", "lat": 51.05, "lon": 13.74,
     "hours": [[1, "09:00", "12:00"], …], "hours_note": "…"}

``at`` is the published place (ServiceAtLocation) the entry stands for. A published place
missing from the list is to be removed; an entry whose ``at`` is not (or no longer) one of
the offer's places is to be added (its key is "new-<n>"). Compared with the published
places field by field, this is what the reviewer sees; approval writes it through the
stewardship functions, with history.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from praeventionsnetz.offers import stewardship
from praeventionsnetz.offers.forms import LocationForm
from praeventionsnetz.offers.hours import Interval, format_day
from praeventionsnetz.offers.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceRevision,
)

# The place's own fields that an organisation edits (the place form), and its point.
PLACE_FIELDS = (*LocationForm.Meta.fields, "lat", "lon")
Entry = dict[str, Any]


def _clock(value: dt.time) -> str:
    return value.strftime("%H:%M")


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def entry_of(at: ServiceAtLocation) -> Entry:
    """The published place as an entry of a revision."""
    location = at.location
    schedules = list(at.schedules.all())
    return {
        "key": f"at-{at.pk}",
        "at": at.pk,
        **{name: getattr(location, name) for name in PLACE_FIELDS},
        "hours": sorted([s.weekday, _clock(s.opens_at), _clock(s.closes_at)] for s in schedules),
        "hours_note": next((s.note for s in schedules if s.note), ""),
    }


def places_published(service: Service) -> list[Entry]:
    """The offer's places as they are live, in the order they were added."""
    ats = service.at_locations.select_related("location").prefetch_related("schedules")
    return [entry_of(at) for at in ats.order_by("pk")]


def places_proposed(service: Service, revision: ServiceRevision | None) -> list[Entry]:
    """The offer's places as the open revision proposes them (as published without one)."""
    if revision is not None and "places" in revision.proposed:
        return copy.deepcopy(revision.proposed["places"])
    return places_published(service)


def entry_find(places: Iterable[Entry], key: str) -> Entry | None:
    return next((entry for entry in places if entry["key"] == key), None)


def new_key(places: Iterable[Entry]) -> str:
    """A key for a place to be added that no entry of the list has (a dropped one's key
    may come again: the edit token refuses pages opened before it was dropped)."""
    numbers = [int(e["key"][4:]) for e in places if e["key"].startswith("new-")]
    return f"new-{max(numbers, default=0) + 1}"


def entry_with_location(entry: Entry, location: Location) -> Entry:
    """The entry with the place form's values (an unsaved location)."""
    return {**entry, **{name: getattr(location, name) for name in PLACE_FIELDS}}


def entry_with_hours(entry: Entry, week: dict[int, list[Interval]], note: str) -> Entry:
    """The entry with the opening hours form's week and note."""
    hours = sorted(
        [day, _clock(opens), _clock(closes)]
        for day, intervals in week.items()
        for opens, closes in intervals
    )
    return {**entry, "hours": hours, "hours_note": note if hours else ""}


def entry_location(entry: Entry, service: Service, at: ServiceAtLocation | None) -> Location:
    """An unsaved place with the entry's values, for the place form."""
    location = copy.copy(at.location) if at is not None else Location()
    location.organisation_id = service.organisation_id
    for name in PLACE_FIELDS:
        setattr(location, name, entry.get(name))
    return location


def entry_schedules(entry: Entry) -> list[Schedule]:
    """Unsaved opening hours with the entry's values, for the hours form and the list."""
    return [
        Schedule(
            weekday=day, opens_at=_time(opens), closes_at=_time(closes), note=entry["hours_note"]
        )
        for day, opens, closes in entry["hours"]
    ]


def _week(entry: Entry) -> dict[int, list[Interval]]:
    week: dict[int, list[Interval]] = {}
    for day, opens, closes in entry["hours"]:
        week.setdefault(day, []).append((_time(opens), _time(closes)))
    return week


# --- what the reviewer and the organisation see -----------------------------------------


@dataclass(frozen=True)
class PlaceChange:
    """One line of the reviewer's list: a changed field of a place, or a place added or
    removed (``field`` empty, the whole place as ``old`` or ``new``)."""

    key: str
    kind: str  # "changed", "added" or "removed"
    field: str
    label: str
    old: str
    new: str


def _hours_text(entry: Entry) -> str:
    week = _week(entry)
    days = [f"{WEEKDAYS_ABBR[day - 1]} {format_day(week[day])}" for day in sorted(week)]
    text = "; ".join(days)
    return f"{text} ({entry['hours_note']})" if text and entry.get("hours_note") else text


def _point_text(entry: Entry) -> str:
    return "" if entry.get("lat") is None else f"{entry['lat']}, {entry.get('lon')}"


def _address_text(entry: Entry) -> str:
    town = " ".join(v for v in (entry.get("postcode"), entry.get("town")) if v)
    return ", ".join(v for v in (entry.get("street"), town) if v)


def _summary(entry: Entry) -> str:
    """The whole place in a few lines: address, coordinates, opening hours."""
    lines = [
        _address_text(entry),
        _("coordinates") + ": " + _point_text(entry) if _point_text(entry) else "",
        _("Opening hours") + ": " + _hours_text(entry) if entry["hours"] else "",
    ]
    return "\n".join(line for line in lines if line)


def _shown_fields(entry: Entry) -> list[tuple[str, str, str]]:
    """(field, label, value) of an entry in the order of the place form."""
    labels = {name: str(Location._meta.get_field(name).verbose_name) for name in PLACE_FIELDS}
    return [
        ("name", labels["name"], entry.get("name") or ""),
        ("street", labels["street"], entry.get("street") or ""),
        ("postcode", labels["postcode"], entry.get("postcode") or ""),
        ("town", labels["town"], entry.get("town") or ""),
        ("coordinates", _("coordinates"), _point_text(entry)),
        ("accessibility", labels["accessibility"], entry.get("accessibility") or ""),
        ("hours", _("Opening hours"), _hours_text(entry)),
    ]


def place_changes(service: Service, places: list[Entry]) -> list[PlaceChange]:
    """The proposed places compared with the published ones: removed places first, then
    each kept place's changed fields and each added place, in the proposal's order."""
    published = {entry["at"]: entry for entry in places_published(service)}
    kept = {entry["at"] for entry in places if entry.get("at") in published}
    changes = [
        PlaceChange(
            entry["key"],
            "removed",
            "",
            _("Place “%(name)s” removed") % {"name": entry["name"]},
            _summary(entry),
            "",
        )
        for at, entry in published.items()
        if at not in kept
    ]
    for entry in places:
        before = published.get(entry.get("at"))
        if before is None:
            changes.append(
                PlaceChange(
                    entry["key"],
                    "added",
                    "",
                    _("Place “%(name)s” added") % {"name": entry["name"]},
                    "",
                    _summary(entry),
                )
            )
            continue
        old_fields, new_fields = _shown_fields(before), _shown_fields(entry)
        for (field, label, old), (_field, _label, new) in zip(old_fields, new_fields, strict=True):
            if old != new:
                label = _("Place “%(name)s”: %(field)s") % {"name": before["name"], "field": label}
                changes.append(PlaceChange(entry["key"], "changed", field, label, old, new))
    return changes


@dataclass(frozen=True)
class PlaceRow:
    """A place in the organisation's list: as saved, or as its open revision proposes it
    (``state`` says how: "" unchanged, "changed", "added", "removed")."""

    key: str
    at: int | None
    name: str
    street: str
    postcode: str
    town: str
    has_point: bool
    hours: list[Schedule]
    state: str

    @property
    def new(self) -> int | None:
        """The number of a place to be added (for its page's address), else None."""
        return int(self.key[4:]) if self.key.startswith("new-") else None


def _row(entry: Entry, state: str) -> PlaceRow:
    return PlaceRow(
        key=entry["key"],
        at=entry["at"] if state != "added" else None,
        name=entry.get("name") or "",
        street=entry.get("street") or "",
        postcode=entry.get("postcode") or "",
        town=entry.get("town") or "",
        has_point=entry.get("lat") is not None,
        hours=entry_schedules(entry),
        state=state,
    )


def place_rows(service: Service, revision: ServiceRevision | None) -> list[PlaceRow]:
    """The offer's places for its edit page: as proposed, with the published ones that the
    proposal removes at the end."""
    published = {entry["at"]: entry for entry in places_published(service)}
    if revision is None or "places" not in revision.proposed:
        return [_row(entry, "") for entry in published.values()]
    places = revision.proposed["places"]
    rows = []
    for entry in places:
        before = published.get(entry.get("at"))
        state = "added" if before is None else ("" if before == entry else "changed")
        rows.append(_row(entry, state))
    kept = {entry.get("at") for entry in places}
    rows += [_row(entry, "removed") for at, entry in published.items() if at not in kept]
    return rows


# --- approval -------------------------------------------------------------------------


def places_apply(*, service: Service, places: list[Entry], by: Any, reason: str) -> None:
    """Make the proposed places the offer's places (inside the approval's transaction)."""
    published = {
        at.pk: at
        for at in service.at_locations.select_related("location").prefetch_related("schedules")
    }
    kept = {entry.get("at") for entry in places}
    for pk, at in published.items():
        if pk not in kept:
            stewardship.service_location_remove(at=at, by=by, reason=reason)
    for entry in places:
        at = published.get(entry.get("at"))
        before = entry_of(at) if at is not None else None
        if before is None or any(before[name] != entry.get(name) for name in PLACE_FIELDS):
            at = stewardship.service_place_save(
                service=service,
                location=entry_location(entry, service, at),
                by=by,
                at=at,
                reason=reason,
            )
        if before is None or (before["hours"], before["hours_note"]) != (
            entry["hours"],
            entry["hours_note"],
        ):
            stewardship.opening_hours_set(
                at=at, week=_week(entry), note=entry["hours_note"], by=by, reason=reason
            )
