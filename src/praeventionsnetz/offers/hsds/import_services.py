"""Import planning for offers: their values, languages, topics and areas served."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from praeventionsnetz.areas.models import Area
from praeventionsnetz.network import dedup
from praeventionsnetz.offers.hsds.export import services_for_hsds
from praeventionsnetz.offers.hsds.import_context import (
    ImportContext,
    area_of,
    lengths_check,
    own_values,
    source_note,
)
from praeventionsnetz.offers.hsds.import_schedules import opening_hours, sites_plan
from praeventionsnetz.offers.hsds.package import Row
from praeventionsnetz.offers.hsds.plan import HSDS_STATUS_IMPORT, PlannedService, differs
from praeventionsnetz.offers.hsds.vocabulary import (
    OWN_FIELDS,
    PHASE_BY_TERM,
    TRANSITION_BY_TERM,
    hsds_id,
    language_code,
)
from praeventionsnetz.offers.models import PHASE_AGES, Service, Status


def services_plan(context: ImportContext) -> None:
    """Plan the offers with their languages, topics, areas, sites and opening hours."""
    rows = context.package.rows("service")
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
        values = _values(context, row)
        planned_values[sid] = values
        owner = context.orgs.get(row.get("organization_id"))
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
    hours = opening_hours(context)
    languages = context.group("language", "service_id")
    claimed: dict[int, int] = {}
    for row in rows:
        sid = row.get("id")
        values = planned_values[sid]
        service = existing.get(wanted[sid])
        if service is not None and service.pk in claimed:
            context.error(
                "service",
                row.number,
                _("means the same offer “%(name)s” as row %(row)s")
                % {"name": service.name, "row": claimed[service.pk]},
            )
            continue
        if service is not None:
            claimed[service.pk] = row.number
        planned = PlannedService(sid, row.number, row.get("organization_id"), values, service)
        planned.topics = _topics_of(context, sid)
        planned.areas = _areas_of(context, sid)
        if service is None:
            if not context.plan.is_own:
                values.setdefault("external_id", sid)
                values.setdefault("source", source_note(context))
            planned.action = "create"
        else:
            changed = differs(service, values) or (
                service.organisation_id != getattr(context.orgs[planned.org].existing, "pk", None)
            )
            if planned.topics is not None:
                changed |= sorted(planned.topics) != sorted(t.code for t in service.topics.all())
            if planned.areas is not None:
                changed |= {a.pk for a in planned.areas} != {
                    a.pk for a in service.areas_served.all()
                }
            planned.action = "update" if changed else "unchanged"
        lengths_check(context, "service", row.number, Service, values)
        context.entry("service", row.number, values["name"], planned.action)
        _language_entries(context, planned, languages.get(sid, []))
        sites_plan(context, planned, hours)
        context.plan.services.append(planned)


def _values(context: ImportContext, row: Row) -> dict[str, Any]:
    """The offer's field values from its row and the rows that hang on it."""
    sid = row.get("id")
    contacts = [c for c in context.group("contact", "service_id").get(sid, []) if c.get("title")]
    contact = contacts[0] if contacts else None
    phones = context.group("phone", "service_id").get(sid, []) or (
        context.group("phone", "contact_id").get(contact.get("id"), []) if contact else []
    )
    costs = context.group("cost_option", "service_id").get(sid, [])
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
        "contact_email": str((contact.get("email") if contact else None) or row.get("email") or ""),
        "contact_phone": str(phones[0].get("number", "")) if phones else "",
        "languages": _language_codes(context, sid),
        "status": status,
    }
    if context.plan.is_own:
        # Our package says everything about our fields: what it leaves out is empty.
        values.update(
            {
                f.attr: Service._meta.get_field(f.attr).get_default()
                for f in OWN_FIELDS
                if f.entity == "service"
            }
        )
        values["status"] = Status.PUBLISHED
        values.update(own_values(context, "service", sid))
        values["life_phases"], values["transitions"] = [], []
        for attribute in context.attributes.get(sid, []):
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


def _language_codes(context: ImportContext, sid: str) -> list[str]:
    codes = []
    for row in context.group("language", "service_id").get(sid, []):
        code = language_code(row)
        if code:
            codes.append(code)
        else:
            context.warn(
                "language",
                row.number,
                _(
                    "Language “%(language)s” is not recognisable as an ISO 639-1 code; "
                    "it is not taken over"
                )
                % {"language": row.get("code") or row.get("name") or ""},
            )
    return list(dict.fromkeys(codes))


def _language_entries(context: ImportContext, planned: PlannedService, rows: list[Row]) -> None:
    before = planned.existing.languages if planned.existing else []
    after = planned.values["languages"]
    for row in rows:
        code = language_code(row)
        if code:
            context.entry("language", row.number, code, "unchanged" if code in before else "create")
    for code in before:
        if code not in after:
            context.entry("language", None, code, "delete")


def _topics_of(context: ImportContext, sid: str) -> list[str] | None:
    codes = [
        context.topic_terms[a.get("taxonomy_term_id")][0]
        for a in context.attributes.get(sid, [])
        if a.get("taxonomy_term_id") in context.topic_terms
    ]
    if not codes and not context.plan.is_own:
        return None
    return list(dict.fromkeys(codes))


def _areas_of(context: ImportContext, sid: str) -> list[Area] | None:
    rows = context.group("service_area", "service_id").get(sid, [])
    if not rows and not context.plan.is_own:
        return None
    return list(
        {a.pk: a for a in (area_of(context, row) for row in rows) if a is not None}.values()
    )
