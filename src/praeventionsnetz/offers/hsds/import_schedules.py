"""Import planning for an offer's places and opening hours: service_at_location, schedule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from django.utils.translation import gettext as _

from praeventionsnetz.offers.hsds.import_context import ImportContext
from praeventionsnetz.offers.hsds.package import Row
from praeventionsnetz.offers.hsds.plan import Hour, PlannedService, PlannedSite, hour_label
from praeventionsnetz.offers.hsds.schemas import parse_time
from praeventionsnetz.offers.hsds.vocabulary import DAYS


def opening_hours(context: ImportContext) -> dict[tuple[str, str | None], list[Hour]]:
    """(service id, location id or None for every location) → weekly hours."""
    found: dict[tuple[str, str | None], list[Hour]] = defaultdict(list)
    sites = {r.get("id"): r for r in context.package.rows("service_at_location")}
    for row in context.package.rows("schedule"):
        site = sites.get(row.get("service_at_location_id"))
        service = site.get("service_id") if site else row.get("service_id")
        location = site.get("location_id") if site else row.get("location_id")
        if service is None:
            context.warn(
                "schedule",
                row.number,
                _("Opening hours of a place without an offer are not taken over"),
            )
            continue
        weekly = _weekly(context, row)
        if weekly is not None:
            found[(service, location)].extend(weekly)
    return found


def _weekly(context: ImportContext, row: Row) -> list[Hour] | None:
    """The weekly opening hours of one schedule row; None, with a problem, if it has none."""
    days = [d.strip().upper() for d in str(row.get("byday", "")).split(",") if d.strip()]
    opens = parse_time(str(row.get("opens_at", "")))
    closes = parse_time(str(row.get("closes_at", "")))
    regular = row.get("freq") in (None, "WEEKLY") and row.get("interval", 1) == 1
    if not (regular and days and opens and closes) or any(d not in DAYS for d in days):
        context.warn(
            "schedule",
            row.number,
            _(
                "only weekly opening hours with weekdays (byday) and times are taken over; "
                "this schedule is not"
            ),
        )
        return None
    if opens >= closes:
        context.error(
            "schedule",
            row.number,
            _("“opens_at” %(opens)s does not come before “closes_at” %(closes)s")
            % {"opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"},
        )
        return None
    note = str(row.get("notes") or row.get("description") or "")
    if len(note) > 200:
        context.error("schedule", row.number, _("“notes” is longer than 200 characters"))
    return [(DAYS.index(d) + 1, opens, closes, note) for d in days]


def sites_plan(context: ImportContext, planned: PlannedService, hours: Mapping) -> None:
    """Plan an offer's places (service_at_location) and their opening hours (schedule)."""
    rows = context.group("service_at_location", "service_id").get(planned.hsds_id, [])
    current = {}
    if planned.existing is not None:
        current = {at.location_id: at for at in planned.existing.at_locations.all()}
    kept: set[int] = set()
    seen: dict[str, int] = {}
    if not rows and hours.get((planned.hsds_id, None)):
        context.warn(
            "schedule",
            None,
            _("“%(name)s”: opening hours without a place") % {"name": planned.values["name"]},
        )
    for row in rows:
        location_id = row.get("location_id")
        if location_id in seen:
            context.error(
                "service_at_location",
                row.number,
                _("the same offer at the same place as row %(row)s") % {"row": seen[location_id]},
            )
            continue
        seen[location_id] = row.number
        location = context.locations.get(location_id)
        if location is None:
            continue
        existing = current.get(location.existing.pk) if location.existing else None
        site = PlannedSite(row.number, location_id, existing)
        wanted = set(hours.get((planned.hsds_id, location_id), [])) | set(
            hours.get((planned.hsds_id, None), [])
        )
        have = {}
        if existing is not None:
            kept.add(existing.pk)
            have = {
                (s.weekday, s.opens_at, s.closes_at, s.note): s for s in existing.schedules.all()
            }
        site.add = sorted(wanted - set(have))
        site.drop = [s for key, s in have.items() if key not in wanted]
        label = f"{planned.values['name']} @ {location.values['name']}"
        context.entry(
            "service_at_location", row.number, label, "unchanged" if existing else "create"
        )
        for hour in sorted(wanted):
            action = "unchanged" if hour in have else "create"
            context.entry("schedule", None, f"{label}: {hour_label(hour)}", action)
        for s in site.drop:
            context.entry("schedule", None, f"{label}: {s}", "delete")
        planned.sites.append(site)
    for at in current.values():
        if at.pk not in kept:
            planned.drop_sites.append(at)
            context.entry("service_at_location", None, str(at), "delete")
            for s in at.schedules.all():
                context.entry("schedule", None, f"{at}: {s}", "delete")
