"""Import planning for offers: their values, languages, topics, areas, sites and hours."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from praeventionsnetz.areas.models import Area
from praeventionsnetz.network import dedup
from praeventionsnetz.offers.hsds.export import services_for_hsds
from praeventionsnetz.offers.hsds.package import Row
from praeventionsnetz.offers.hsds.plan import (
    HSDS_STATUS_IMPORT,
    Hour,
    PlannedService,
    PlannedSite,
    differs,
    hour_label,
)
from praeventionsnetz.offers.hsds.planner_base import _PlannerBase
from praeventionsnetz.offers.hsds.schemas import parse_time
from praeventionsnetz.offers.hsds.vocabulary import (
    DAYS,
    OWN_FIELDS,
    PHASE_BY_TERM,
    TRANSITION_BY_TERM,
    hsds_id,
    language_code,
)
from praeventionsnetz.offers.models import PHASE_AGES, Service, Status


class _ServicesPlanner(_PlannerBase):
    """Offers with their languages, topics, areas, sites and opening hours."""

    def services_plan(self) -> None:
        rows = self.package.rows("service")
        known = list(Service.objects.values_list("pk", "external_id", "organisation_id", "name"))
        by_id = {ext: pk for pk, ext, _o, _n in known if ext}
        by_id.update({hsds_id("service", pk): pk for pk, *_rest in known})
        by_external, by_name = defaultdict(list), defaultdict(list)
        for pk, ext, org_id, name in known:
            by_external[(org_id, ext)].append(pk)
            by_name[(org_id, dedup.normalise(name))].append(pk)
        wanted: dict[str, int | None] = {}
        planned_values = {}
        for row in rows:
            sid = row.get("id")
            values = self.service_values(row)
            planned_values[sid] = values
            owner = self.orgs.get(row.get("organization_id"))
            pk = by_id.get(sid)
            if pk is None and owner is not None and owner.existing is not None:
                ext = values.get("external_id")
                candidates = by_external[(owner.existing.pk, ext)] if ext else []
                if not candidates:
                    candidates = by_name[(owner.existing.pk, dedup.normalise(values["name"]))]
                pk = candidates[0] if len(candidates) == 1 else None
            wanted[sid] = pk
        existing = (
            services_for_hsds(include_unpublished=True)
            .filter(pk__in=[pk for pk in wanted.values() if pk])
            .in_bulk()
        )
        hours = self.hours()
        languages = self.group("language", "service_id")
        claimed: dict[int, int] = {}
        for row in rows:
            sid = row.get("id")
            values = planned_values[sid]
            service = existing.get(wanted[sid])
            if service is not None and service.pk in claimed:
                self.error(
                    "service",
                    row.number,
                    f"meint dasselbe Angebot „{service.name}“ wie Zeile {claimed[service.pk]}",
                )
                continue
            if service is not None:
                claimed[service.pk] = row.number
            planned = PlannedService(sid, row.number, row.get("organization_id"), values, service)
            planned.topics = self.topics_of(sid)
            planned.areas = self.areas_of(sid)
            if service is None:
                if not self.plan.is_own:
                    values.setdefault("external_id", sid)
                    values.setdefault("source", self.source_note())
                planned.action = "create"
            else:
                changed = differs(service, values) or (
                    service.organisation_id != getattr(self.orgs[planned.org].existing, "pk", None)
                )
                if planned.topics is not None:
                    changed |= sorted(planned.topics) != sorted(
                        t.code for t in service.topics.all()
                    )
                if planned.areas is not None:
                    changed |= {a.pk for a in planned.areas} != {
                        a.pk for a in service.areas_served.all()
                    }
                planned.action = "update" if changed else "unchanged"
            self.lengths("service", row.number, Service, values)
            self.entry("service", row.number, values["name"], planned.action)
            self.language_entries(planned, languages.get(sid, []))
            self.sites(planned, hours)
            self.plan.services.append(planned)

    def service_values(self, row: Row) -> dict[str, Any]:
        sid = row.get("id")
        contacts = [c for c in self.group("contact", "service_id").get(sid, []) if c.get("title")]
        contact = contacts[0] if contacts else None
        phones = self.group("phone", "service_id").get(sid, []) or (
            self.group("phone", "contact_id").get(contact.get("id"), []) if contact else []
        )
        costs = self.group("cost_option", "service_id").get(sid, [])
        fees = str(row.get("fees_description") or row.get("fees") or "")
        assured = row.get("assured_date")
        status = HSDS_STATUS_IMPORT.get(row.get("status"), Status.PUBLISHED)
        values: dict[str, Any] = {
            "name": str(row.get("name")),
            "description": str(row.get("description", "")),
            "eligibility": str(row.get("eligibility_description", "")),
            "application_process": str(row.get("application_process", "")),
            "url": str(row.get("url", "")),
            "fees": fees,
            "is_free": any(c.get("amount") == 0 for c in costs) if costs else not fees,
            "last_verified_on": dt.date.fromisoformat(assured) if assured else None,
            "contact_role": str(contact.get("title", "")) if contact else "",
            "contact_email": str(
                (contact.get("email") if contact else None) or row.get("email") or ""
            ),
            "contact_phone": str(phones[0].get("number", "")) if phones else "",
            "languages": self.language_codes(sid),
            "status": status,
        }
        if self.plan.is_own:
            # Our package says everything about our fields: what it leaves out is empty.
            values.update(
                {
                    f.attr: Service._meta.get_field(f.attr).get_default()
                    for f in OWN_FIELDS
                    if f.entity == "service"
                }
            )
            values["status"] = Status.PUBLISHED
            values.update(self.own_values("service", sid))
            values["life_phases"], values["transitions"] = [], []
            for attribute in self.attributes.get(sid, []):
                term = attribute.get("taxonomy_term_id")
                if term in PHASE_BY_TERM:
                    values["life_phases"].append(PHASE_BY_TERM[term])
                elif term in TRANSITION_BY_TERM:
                    values["transitions"].append(TRANSITION_BY_TERM[term])
        elif row.get("minimum_age") is not None or row.get("maximum_age") is not None:
            low = row.get("minimum_age", 0)
            high = row.get("maximum_age", 200)
            values["life_phases"] = [
                p.value for p, (a, b) in PHASE_AGES.items() if a <= high and b > low
            ]
        return values

    def language_codes(self, sid: str) -> list[str]:
        codes = []
        for row in self.group("language", "service_id").get(sid, []):
            code = language_code(row)
            if code:
                codes.append(code)
            else:
                self.warn(
                    "language",
                    row.number,
                    f"Sprache „{row.get('code') or row.get('name') or ''}“ ist nicht als "
                    "ISO-639-1-Code erkennbar; sie wird nicht übernommen",
                )
        return list(dict.fromkeys(codes))

    def language_entries(self, planned: PlannedService, rows: list[Row]) -> None:
        before = planned.existing.languages if planned.existing else []
        after = planned.values["languages"]
        for row in rows:
            code = language_code(row)
            if code:
                self.entry(
                    "language", row.number, code, "unchanged" if code in before else "create"
                )
        for code in before:
            if code not in after:
                self.entry("language", None, code, "delete")

    def topics_of(self, sid: str) -> list[str] | None:
        codes = [
            self.topic_terms[a.get("taxonomy_term_id")][0]
            for a in self.attributes.get(sid, [])
            if a.get("taxonomy_term_id") in self.topic_terms
        ]
        if not codes and not self.plan.is_own:
            return None
        return list(dict.fromkeys(codes))

    def areas_of(self, sid: str) -> list[Area] | None:
        rows = self.group("service_area", "service_id").get(sid, [])
        if not rows and not self.plan.is_own:
            return None
        return list({a.pk: a for a in map(self.area_of, rows) if a is not None}.values())

    def hours(self) -> dict[tuple[str, str | None], list[Hour]]:
        """(service id, location id or None for every location) → weekly hours."""
        found: dict[tuple[str, str | None], list[Hour]] = defaultdict(list)
        sites = {r.get("id"): r for r in self.package.rows("service_at_location")}
        for row in self.package.rows("schedule"):
            site = sites.get(row.get("service_at_location_id"))
            service = site.get("service_id") if site else row.get("service_id")
            location = site.get("location_id") if site else row.get("location_id")
            if service is None:
                self.warn(
                    "schedule",
                    row.number,
                    "Öffnungszeiten eines Ortes ohne Angebot werden nicht übernommen",
                )
                continue
            weekly = self.weekly(row)
            if weekly is not None:
                found[(service, location)].extend(weekly)
        return found

    def weekly(self, row: Row) -> list[Hour] | None:
        days = [d.strip().upper() for d in str(row.get("byday", "")).split(",") if d.strip()]
        opens = parse_time(str(row.get("opens_at", "")))
        closes = parse_time(str(row.get("closes_at", "")))
        regular = row.get("freq") in (None, "WEEKLY") and row.get("interval", 1) == 1
        if not (regular and days and opens and closes) or any(d not in DAYS for d in days):
            self.warn(
                "schedule",
                row.number,
                "nur wöchentliche Öffnungszeiten mit Wochentagen (byday) und Uhrzeiten werden "
                "übernommen; dieser Zeitplan nicht",
            )
            return None
        if opens >= closes:
            self.error(
                "schedule",
                row.number,
                f"„opens_at“ {opens:%H:%M} liegt nicht vor „closes_at“ {closes:%H:%M}",
            )
            return None
        note = str(row.get("notes") or row.get("description") or "")
        if len(note) > 200:
            self.error("schedule", row.number, "„notes“ ist länger als 200 Zeichen")
        return [(DAYS.index(d) + 1, opens, closes, note) for d in days]

    def sites(self, planned: PlannedService, hours: Mapping) -> None:
        rows = self.group("service_at_location", "service_id").get(planned.hsds_id, [])
        current = {}
        if planned.existing is not None:
            current = {at.location_id: at for at in planned.existing.at_locations.all()}
        kept: set[int] = set()
        seen: dict[str, int] = {}
        if not rows and hours.get((planned.hsds_id, None)):
            self.warn("schedule", None, f"„{planned.values['name']}“: Öffnungszeiten ohne Ort")
        for row in rows:
            location_id = row.get("location_id")
            if location_id in seen:
                self.error(
                    "service_at_location",
                    row.number,
                    f"dasselbe Angebot am selben Ort wie Zeile {seen[location_id]}",
                )
                continue
            seen[location_id] = row.number
            location = self.locations.get(location_id)
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
                    (s.weekday, s.opens_at, s.closes_at, s.note): s
                    for s in existing.schedules.all()
                }
            site.add = sorted(wanted - set(have))
            site.drop = [s for key, s in have.items() if key not in wanted]
            label = f"{planned.values['name']} @ {location.values['name']}"
            self.entry(
                "service_at_location", row.number, label, "unchanged" if existing else "create"
            )
            for hour in sorted(wanted):
                action = "unchanged" if hour in have else "create"
                self.entry("schedule", None, f"{label}: {hour_label(hour)}", action)
            for s in site.drop:
                self.entry("schedule", None, f"{label}: {s}", "delete")
            planned.sites.append(site)
        for at in current.values():
            if at.pk not in kept:
                planned.drop_sites.append(at)
                self.entry("service_at_location", None, str(at), "delete")
                for s in at.schedules.all():
                    self.entry("schedule", None, f"{at}: {s}", "delete")
