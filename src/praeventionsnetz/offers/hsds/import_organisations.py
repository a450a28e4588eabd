"""Import planning for organisations: matched against the registry, never duplicated."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from praeventionsnetz.network import dedup
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers.hsds.import_context import (
    ImportContext,
    addresses,
    lengths_check,
    own_values,
    source_note,
)
from praeventionsnetz.offers.hsds.package import Row
from praeventionsnetz.offers.hsds.plan import PlannedOrganisation, differs, is_blank
from praeventionsnetz.offers.hsds.vocabulary import hsds_id


def _registry() -> dict[str, dict]:
    """The organisation registry, indexed for matching."""
    index: dict[str, dict] = {
        "id": {},
        "external": defaultdict(list),
        "name_postcode": defaultdict(list),
        "name": defaultdict(list),
        "served": defaultdict(set),
    }
    for o in Organisation.objects.all():
        if o.external_id:
            index["id"].setdefault(o.external_id, o)  # first imported from elsewhere
            index["external"][o.external_id].append(o)
        index["id"][hsds_id("organization", o.pk)] = o
        index["name_postcode"][(dedup.normalise(o.name), o.postcode)].append(o)
        index["name"][dedup.normalise(o.name)].append(o)
    through = Organisation.areas_served.through
    for org_id, area_id in through.objects.values_list("organisation_id", "area_id"):
        index["served"][org_id].add(area_id)
    return index


def _match(
    registry: dict[str, dict], row: Row, name: str, external: str | None, postcodes: set[str]
) -> tuple[Organisation | None, bool]:
    """The registry's organisation for a package row, and whether its HSDS id matched.

    By HSDS id, else by identifier, else by name and postcode (name alone when the
    package gives no postcode and the name is unique). Raises ValueError when several
    organisations fit."""
    found = registry["id"].get(row.get("id"))
    if found is not None:
        return found, True
    key = dedup.normalise(name)
    if external:
        candidates = registry["external"].get(external, [])
        same = [o for o in candidates if dedup.normalise(o.name) == key]
        if len(candidates) == 1 or len(same) == 1:
            return (candidates if len(candidates) == 1 else same)[0], False
    candidates = list(
        {o.pk: o for pc in postcodes for o in registry["name_postcode"][(key, pc)]}.values()
    )
    if not postcodes and len(registry["name"][key]) == 1:
        candidates = registry["name"][key]
    if len(candidates) > 1:
        raise ValueError(", ".join(str(o.pk) for o in candidates))
    return (candidates[0] if candidates else None), False


def organisations_plan(context: ImportContext) -> None:
    """Plan the organisations: each matched against the registry, with its action."""
    rows = context.package.rows("organization")
    if not rows:
        return
    registry = _registry()
    identifiers = context.group("organization_identifier", "organization_id")
    places_by_id = addresses(context)
    org_locations = context.group("location", "organization_id")
    claimed: dict[int, int] = {}
    in_package = {r.get("id") for r in rows}
    for row in rows:
        oid = row.get("id")
        values: dict[str, Any] = {"name": row.get("name")}
        own = own_values(context, "organization", oid)
        areas = own.pop("areas_served", None)
        unknown_city = "city" in own and own["city"] is None
        if unknown_city:
            del own["city"]
        values.update(own)
        ids = identifiers.get(oid, [])
        external = next(
            (i.get("identifier") for i in ids if i.get("identifier_type") == "external_id"),
            None,
        ) or (None if context.plan.is_own else next((i.get("identifier") for i in ids), None))
        if external:
            values["external_id"] = str(external)
        places = [places_by_id.get(loc.get("id"), {}) for loc in org_locations.get(oid, [])]
        postcodes = (
            {values["postcode"]}
            if values.get("postcode")
            else {p["postcode"] for p in places if p.get("postcode")}
        )
        try:
            existing, by_id = _match(
                registry, row, values["name"], values.get("external_id"), postcodes
            )
        except ValueError as exc:
            context.error(
                "organization",
                row.number,
                _(
                    "“%(name)s” fits several organisations in the directory (no. %(ids)s); "
                    "please merge the duplicates first"
                )
                % {"name": values["name"], "ids": exc},
            )
            continue
        parent = row.get("parent_organization_id")
        if existing is not None:
            if existing.pk in claimed:
                context.error(
                    "organization",
                    row.number,
                    _("means the same organisation “%(name)s” as row %(row)s")
                    % {"name": existing.name, "row": claimed[existing.pk]},
                )
                continue
            claimed[existing.pk] = row.number
            if not by_id:
                # Found by identifier or name: the registry's record stands, the package
                # only fills its gaps.
                values = {k: v for k, v in values.items() if k != "name" and is_blank(existing, k)}
                values["name"] = existing.name
                areas = areas if areas and not registry["served"][existing.pk] else None
                parent = parent if existing.provider_id is None else None
        else:
            if "city" not in values and (unknown_city or not context.plan.is_own):
                values["city"] = context.plan.city
            if not context.plan.is_own:
                # New from elsewhere: fill what the registry needs to find it again.
                values.setdefault("external_id", oid)
                values.setdefault("source", source_note(context))
                first = next((p for p in places if p), {})
                for name in ("street", "postcode", "town", "lon", "lat"):
                    if name not in values and first.get(name) not in (None, ""):
                        values[name] = first[name]
        lengths_check(context, "organization", row.number, Organisation, values)
        planned = PlannedOrganisation(oid, row.number, values, existing, parent=parent, areas=areas)
        if parent and parent not in in_package:
            planned.parent_known = registry["id"].get(parent)
            if planned.parent_known is None:
                context.warn(
                    "organization",
                    row.number,
                    _(
                        "The provider (“parent_organization_id”) is neither in the package nor "
                        "in the directory; it is not assigned"
                    ),
                )
        context.orgs[oid] = planned
    for planned in context.orgs.values():
        planned.action = _action(context, registry, planned)
        context.entry("organization", planned.row, planned.values["name"], planned.action)


def _action(context: ImportContext, registry: dict[str, dict], planned: PlannedOrganisation) -> str:
    existing = planned.existing
    if existing is None:
        return "create"
    changed = differs(existing, planned.values)
    parent = _provider(context, planned)
    if parent is not None and existing.provider_id != parent.pk:
        changed = True
    if parent is None and planned.parent in context.orgs:
        changed = True  # the provider is new as well
    if planned.areas is not None:
        changed |= {a.pk for a in planned.areas} != registry["served"][existing.pk]
    return "update" if changed else "unchanged"


def _provider(context: ImportContext, planned: PlannedOrganisation) -> Organisation | None:
    """The provider as a registry record, if it already is one."""
    if not planned.parent:
        return None
    if planned.parent in context.orgs:
        return context.orgs[planned.parent].existing
    return planned.parent_known
