"""Nested HSDS service objects for the API."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from praeventionsnetz.offers.hsds.export import hsds_tables, services_for_hsds
from praeventionsnetz.offers.hsds.vocabulary import hsds_id
from praeventionsnetz.offers.models import Service, Status


def hsds_service_objects(services: Sequence[Service], *, full: bool = True) -> list[dict]:
    """Nested HSDS service objects, as the HSDS API returns them."""
    tables = hsds_tables(services, with_providers=False, all_topics=False)

    def group(table: str, key: str) -> dict[str, list[dict]]:
        grouped = defaultdict(list)
        for row in tables.get(table, []):
            if key in row:
                grouped[row[key]].append(row)
        return grouped

    terms = {t["id"]: t for t in tables.get("taxonomy_term", [])}
    taxonomies = {t["id"]: t for t in tables.get("taxonomy", [])}
    attributes = group("attribute", "link_id")

    def with_terms(link_id: str) -> list[dict]:
        found = []
        for a in attributes.get(link_id, []):
            term = terms[a["taxonomy_term_id"]]
            detail = taxonomies[term["taxonomy_id"]]
            found.append({**a, "taxonomy_term": {**term, "taxonomy_detail": detail}})
        return found

    identifiers = group("organization_identifier", "organization_id")
    organisations = {
        o["id"]: {
            **o,
            "organization_identifiers": identifiers.get(o["id"], []),
            "attributes": with_terms(o["id"]),
        }
        for o in tables.get("organization", [])
    }
    if not full:
        return [
            {**s, "organization": organisations[s["organization_id"]]}
            for s in tables.get("service", [])
        ]
    addresses = group("address", "location_id")
    access = group("accessibility", "location_id")
    locations = {
        loc["id"]: {
            **loc,
            "addresses": addresses.get(loc["id"], []),
            "accessibility": access.get(loc["id"], []),
            "attributes": with_terms(loc["id"]),
        }
        for loc in tables.get("location", [])
    }
    schedules = group("schedule", "service_at_location_id")
    at_locations = group("service_at_location", "service_id")
    phones = group("phone", "service_id")
    contact_phones = group("phone", "contact_id")
    by_service = {
        name: group(name, "service_id")
        for name in ("contact", "language", "cost_option", "service_area")
    }
    objects = []
    order = {hsds_id("service", s.pk): i for i, s in enumerate(services)}
    for s in sorted(tables.get("service", []), key=lambda r: order[r["id"]]):
        sid = s["id"]
        objects.append(
            {
                **s,
                "organization": organisations[s["organization_id"]],
                "phones": phones.get(sid, []),
                "schedules": [],
                "service_areas": by_service["service_area"].get(sid, []),
                "service_at_locations": [
                    {
                        **at,
                        "schedules": schedules.get(at["id"], []),
                        "location": locations[at["location_id"]],
                    }
                    for at in at_locations.get(sid, [])
                ],
                "languages": by_service["language"].get(sid, []),
                "cost_options": by_service["cost_option"].get(sid, []),
                "contacts": [
                    {**c, "phones": contact_phones.get(c["id"], [])}
                    for c in by_service["contact"].get(sid, [])
                ],
                "attributes": with_terms(sid),
            }
        )
    return objects


def published_service_for_hsds_id(value: str) -> Service | None:
    """The published offer with this HSDS id, or None."""
    try:
        wanted = str(uuid.UUID(value))
    except ValueError:
        return None
    # Ids are hashes of the primary key: hash the few thousand published keys and compare.
    for pk in Service.objects.filter(status=Status.PUBLISHED).values_list("pk", flat=True):
        if hsds_id("service", pk) == wanted:
            return services_for_hsds().get(pk=pk)
    return None
