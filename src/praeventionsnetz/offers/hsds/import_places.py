"""Import planning for locations: the places of organisations and their offers."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from praeventionsnetz.network import dedup
from praeventionsnetz.offers.hsds.import_context import (
    ImportContext,
    addresses,
    lengths_check,
    own_values,
)
from praeventionsnetz.offers.hsds.plan import PlannedLocation, differs
from praeventionsnetz.offers.hsds.vocabulary import hsds_id
from praeventionsnetz.offers.models import Location


def locations_plan(context: ImportContext) -> None:
    """Plan the locations, each found again by organisation, name and street."""
    rows = context.package.rows("location")
    if not rows:
        return
    known = Location.objects.values_list("pk", "organisation_id", "name", "street")
    by_id = {hsds_id("location", pk): pk for pk, *_rest in known}
    by_key = defaultdict(list)
    for pk, org_id, name, street in known:
        by_key[(org_id, dedup.normalise(name), dedup.normalise(street))].append(pk)
    first_service = {}
    services = {r.get("id"): r for r in context.package.rows("service")}
    for at in context.package.rows("service_at_location"):
        first_service.setdefault(at.get("location_id"), services.get(at.get("service_id")))
    places = addresses(context)
    access = context.group("accessibility", "location_id")
    planned_pks: dict[str, int | None] = {}
    for row in rows:
        lid = row.get("id")
        org = row.get("organization_id") or (first_service.get(lid) or {}).get("organization_id")
        if org is None:
            context.warn(
                "location", row.number, _("Place without organisation and without offer; skipped")
            )
            continue
        place = places.get(lid, {})
        values: dict[str, Any] = {
            "street": place.get("street", ""),
            "postcode": place.get("postcode", ""),
            "town": place.get("town", ""),
        }
        values.update(own_values(context, "location", lid))
        # Stored data, so German whoever imports.
        values["name"] = str(
            row.get("name") or row.get("alternate_name") or values["street"] or "Ort"
        )
        values["lon"], values["lat"] = row.get("longitude"), row.get("latitude")
        for name, limit in (("lon", 180), ("lat", 90)):
            if values[name] is not None and not -limit <= values[name] <= limit:
                context.error(
                    "location",
                    row.number,
                    _("Coordinate %(value)s is invalid") % {"value": values[name]},
                )
        values["accessibility"] = "\n\n".join(
            str(a.get("description") or a.get("details") or "") for a in access.get(lid, [])
        ).strip()
        lengths_check(context, "location", row.number, Location, values)
        owner = context.orgs.get(org)
        pk = by_id.get(lid)
        if pk is None and owner is not None and owner.existing is not None:
            key = (
                owner.existing.pk,
                dedup.normalise(values["name"]),
                dedup.normalise(values["street"]),
            )
            pk = by_key[key][0] if len(by_key[key]) == 1 else None
        planned_pks[lid] = pk
        context.locations[lid] = PlannedLocation(lid, row.number, org, values, None)
    existing = Location.objects.in_bulk([pk for pk in planned_pks.values() if pk])
    claimed: dict[int, int] = {}
    for lid, planned in context.locations.items():
        planned.existing = existing.get(planned_pks[lid])
        location = planned.existing
        if location is None:
            planned.action = "create"
        else:
            if location.pk in claimed:
                planned.existing, planned.action = None, "create"
            else:
                claimed[location.pk] = planned.row
                owner = context.orgs[planned.org].existing
                same_owner = owner is not None and owner.pk == location.organisation_id
                changed = differs(location, planned.values) or not same_owner
                planned.action = "update" if changed else "unchanged"
        context.entry("location", planned.row, planned.values["name"], planned.action)
    context.plan.locations = list(context.locations.values())
