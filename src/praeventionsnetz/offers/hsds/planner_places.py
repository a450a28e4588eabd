"""Import planning for organisations and their locations."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

from praeventionsnetz.network import dedup
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers.hsds.package import Row
from praeventionsnetz.offers.hsds.plan import (
    PlannedLocation,
    PlannedOrganisation,
    differs,
    is_blank,
)
from praeventionsnetz.offers.hsds.planner_base import _PlannerBase
from praeventionsnetz.offers.hsds.vocabulary import hsds_id
from praeventionsnetz.offers.models import Location


class _PlacesPlanner(_PlannerBase):
    """Organisations, matched against the registry, and their locations."""

    # organisations

    @functools.cached_property
    def registry(self) -> dict[str, dict]:
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

    def match(
        self, row: Row, name: str, external: str | None, postcodes: set[str]
    ) -> tuple[Organisation | None, bool]:
        """The registry's organisation for a package row, and whether its HSDS id matched.

        By HSDS id, else by identifier, else by name and postcode (name alone when the
        package gives no postcode and the name is unique). Raises ValueError when several
        organisations fit."""
        registry = self.registry
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

    def organisations(self) -> None:
        rows = self.package.rows("organization")
        identifiers = self.group("organization_identifier", "organization_id")
        addresses = self.addresses()
        org_locations = self.group("location", "organization_id")
        claimed: dict[int, int] = {}
        in_package = {r.get("id") for r in rows}
        for row in rows:
            oid = row.get("id")
            values: dict[str, Any] = {"name": row.get("name")}
            own = self.own_values("organization", oid)
            areas = own.pop("areas_served", None)
            unknown_city = "city" in own and own["city"] is None
            if unknown_city:
                del own["city"]
            values.update(own)
            ids = identifiers.get(oid, [])
            external = next(
                (i.get("identifier") for i in ids if i.get("identifier_type") == "external_id"),
                None,
            ) or (None if self.plan.is_own else next((i.get("identifier") for i in ids), None))
            if external:
                values["external_id"] = str(external)
            places = [addresses.get(loc.get("id"), {}) for loc in org_locations.get(oid, [])]
            postcodes = (
                {values["postcode"]}
                if values.get("postcode")
                else {p["postcode"] for p in places if p.get("postcode")}
            )
            try:
                existing, by_id = self.match(
                    row, values["name"], values.get("external_id"), postcodes
                )
            except ValueError as exc:
                self.error(
                    "organization",
                    row.number,
                    f"„{values['name']}“ passt zu mehreren Organisationen im Verzeichnis "
                    f"(Nr. {exc}); bitte erst die Dubletten zusammenführen",
                )
                continue
            parent = row.get("parent_organization_id")
            if existing is not None:
                if existing.pk in claimed:
                    self.error(
                        "organization",
                        row.number,
                        f"meint dieselbe Organisation „{existing.name}“ wie Zeile "
                        f"{claimed[existing.pk]}",
                    )
                    continue
                claimed[existing.pk] = row.number
                if not by_id:
                    # Found by identifier or name: the registry's record stands, the package
                    # only fills its gaps.
                    values = {
                        k: v for k, v in values.items() if k != "name" and is_blank(existing, k)
                    }
                    values["name"] = existing.name
                    areas = areas if areas and not self.registry["served"][existing.pk] else None
                    parent = parent if existing.provider_id is None else None
            else:
                if "city" not in values and (unknown_city or not self.plan.is_own):
                    values["city"] = self.plan.city
                if not self.plan.is_own:
                    # New from elsewhere: fill what the registry needs to find it again.
                    values.setdefault("external_id", oid)
                    values.setdefault("source", self.source_note())
                    first = next((p for p in places if p), {})
                    for name in ("street", "postcode", "town", "lon", "lat"):
                        if name not in values and first.get(name) not in (None, ""):
                            values[name] = first[name]
            self.lengths("organization", row.number, Organisation, values)
            planned = PlannedOrganisation(
                oid, row.number, values, existing, parent=parent, areas=areas
            )
            if parent and parent not in in_package:
                planned.parent_known = self.registry["id"].get(parent)
                if planned.parent_known is None:
                    self.warn(
                        "organization",
                        row.number,
                        "Träger („parent_organization_id“) ist weder im Paket noch im "
                        "Verzeichnis; er wird nicht zugeordnet",
                    )
            self.orgs[oid] = planned
        for planned in self.orgs.values():
            planned.action = self.org_action(planned)
            self.entry("organization", planned.row, planned.values["name"], planned.action)

    def org_action(self, planned: PlannedOrganisation) -> str:
        existing = planned.existing
        if existing is None:
            return "create"
        changed = differs(existing, planned.values)
        parent = self.parent_of(planned)
        if parent is not None and existing.provider_id != parent.pk:
            changed = True
        if parent is None and planned.parent in self.orgs:
            changed = True  # the provider is new as well
        if planned.areas is not None:
            changed |= {a.pk for a in planned.areas} != self.registry["served"][existing.pk]
        return "update" if changed else "unchanged"

    def parent_of(self, planned: PlannedOrganisation) -> Organisation | None:
        """The provider as a registry record, if it already is one."""
        if not planned.parent:
            return None
        if planned.parent in self.orgs:
            return self.orgs[planned.parent].existing
        return planned.parent_known

    # locations

    def locations_plan(self) -> None:
        rows = self.package.rows("location")
        if not rows:
            return
        known = Location.objects.values_list("pk", "organisation_id", "name", "street")
        by_id = {hsds_id("location", pk): pk for pk, *_rest in known}
        by_key = defaultdict(list)
        for pk, org_id, name, street in known:
            by_key[(org_id, dedup.normalise(name), dedup.normalise(street))].append(pk)
        first_service = {}
        services = {r.get("id"): r for r in self.package.rows("service")}
        for at in self.package.rows("service_at_location"):
            first_service.setdefault(at.get("location_id"), services.get(at.get("service_id")))
        addresses = self.addresses()
        access = self.group("accessibility", "location_id")
        planned_pks: dict[str, int | None] = {}
        for row in rows:
            lid = row.get("id")
            org = row.get("organization_id") or (first_service.get(lid) or {}).get(
                "organization_id"
            )
            if org is None:
                self.warn(
                    "location", row.number, "Ort ohne Organisation und ohne Angebot; übersprungen"
                )
                continue
            place = addresses.get(lid, {})
            values: dict[str, Any] = {
                "street": place.get("street", ""),
                "postcode": place.get("postcode", ""),
                "town": place.get("town", ""),
            }
            values.update(self.own_values("location", lid))
            values["name"] = str(
                row.get("name") or row.get("alternate_name") or values["street"] or "Ort"
            )
            values["lon"], values["lat"] = row.get("longitude"), row.get("latitude")
            for name, limit in (("lon", 180), ("lat", 90)):
                if values[name] is not None and not -limit <= values[name] <= limit:
                    self.error("location", row.number, f"Koordinate {values[name]} ungültig")
            values["accessibility"] = "\n\n".join(
                str(a.get("description") or a.get("details") or "") for a in access.get(lid, [])
            ).strip()
            self.lengths("location", row.number, Location, values)
            owner = self.orgs.get(org)
            pk = by_id.get(lid)
            if pk is None and owner is not None and owner.existing is not None:
                key = (
                    owner.existing.pk,
                    dedup.normalise(values["name"]),
                    dedup.normalise(values["street"]),
                )
                pk = by_key[key][0] if len(by_key[key]) == 1 else None
            planned_pks[lid] = pk
            self.locations[lid] = PlannedLocation(lid, row.number, org, values, None)
        existing = Location.objects.in_bulk([pk for pk in planned_pks.values() if pk])
        claimed: dict[int, int] = {}
        for lid, planned in self.locations.items():
            planned.existing = existing.get(planned_pks[lid])
            location = planned.existing
            if location is None:
                planned.action = "create"
            else:
                if location.pk in claimed:
                    planned.existing, planned.action = None, "create"
                else:
                    claimed[location.pk] = planned.row
                    owner = self.orgs[planned.org].existing
                    same_owner = owner is not None and owner.pk == location.organisation_id
                    changed = differs(location, planned.values) or not same_owner
                    planned.action = "update" if changed else "unchanged"
            self.entry("location", planned.row, planned.values["name"], planned.action)
        self.plan.locations = list(self.locations.values())
