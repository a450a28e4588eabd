"""The state of one import being planned, and the look-ups every table's planning uses."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas.models import Area
from praeventionsnetz.offers.hsds.package import Package, Row
from praeventionsnetz.offers.hsds.plan import (
    ImportPlan,
    PlanEntry,
    PlannedLocation,
    PlannedOrganisation,
)
from praeventionsnetz.offers.hsds.problems import Problem
from praeventionsnetz.offers.hsds.schemas import Spec
from praeventionsnetz.offers.hsds.vocabulary import (
    AREA_URN,
    FIELD_BY_TERM,
    MODELS,
    OWN_TAXONOMIES,
    PHASE_BY_TERM,
    TOPICS_DEFAULT,
    TRANSITION_BY_TERM,
    OwnField,
    area_ref,
    areas_for_refs,
    hsds_spec,
)


@dataclass
class ImportContext:
    """One package being planned: the plan it fills and what the tables share.

    ``orgs`` and ``locations`` hold the planned records by HSDS id, so that later tables
    (locations, offers) find their organisation and places.
    """

    package: Package
    plan: ImportPlan
    spec: Spec
    terms: dict[str, Row] = field(default_factory=dict)
    # term id → code, name, taxonomy of the terms that are topics
    topic_terms: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    attributes: dict[str, list[Row]] = field(default_factory=dict)
    orgs: dict[str, PlannedOrganisation] = field(default_factory=dict)
    locations: dict[str, PlannedLocation] = field(default_factory=dict)
    groups: dict[tuple[str, str], dict[Any, list[Row]]] = field(default_factory=dict)

    def file(self, table: str) -> str:
        return self.package.file(table, self.spec)

    # Messages are in the language of the request that plans the import.
    def error(self, table: str, row: int | None, message: str) -> None:
        self.plan.errors.append(Problem(self.file(table), row, message))

    def warn(self, table: str, row: int | None, message: str) -> None:
        self.plan.warnings.append(Problem(self.file(table), row, message))

    def entry(self, table: str, row: int | None, label: str, action: str) -> None:
        self.plan.entries.append(PlanEntry(table, row, label, action))

    def group(self, table: str, key: str) -> dict[Any, list[Row]]:
        """The rows of a table by the value of one column, built once."""
        if (table, key) not in self.groups:
            grouped = defaultdict(list)
            for row in self.package.rows(table):
                grouped[row.get(key)].append(row)
            self.groups[(table, key)] = grouped
        return self.groups[(table, key)]

    @functools.cached_property
    def areas(self) -> dict[str, Area]:
        return {area_ref(a): a for a in areas_for_refs().filter(pk__in=Area.objects.current())}

    @functools.cached_property
    def cities(self) -> dict[str, Area]:
        cities = Area.objects.current().cities().defer("geometry", "display_geometry")
        return {city.code: city for city in cities}

    @functools.cached_property
    def areas_by_name(self) -> dict[str, list[Area]]:
        found = defaultdict(list)
        for area in self.areas.values():
            if self.plan.city is None or area.city_id in (self.plan.city.pk, None):
                found[area.name.casefold()].append(area)
        return found


def import_context(package: Package, plan: ImportPlan) -> ImportContext:
    """Start planning a package: its taxonomy terms sorted into ours and topics, its
    attributes by record; marks the plan as one of ours when our taxonomies are in it."""
    context = ImportContext(package=package, plan=plan, spec=hsds_spec())
    context.terms = {row.get("id"): row for row in package.rows("taxonomy_term")}
    taxonomy_names = {row.get("id"): row.get("name") for row in package.rows("taxonomy")}
    for term_id, row in context.terms.items():
        known = term_id in PHASE_BY_TERM or term_id in TRANSITION_BY_TERM
        if known or term_id in FIELD_BY_TERM:
            plan.is_own = True
        elif row.get("taxonomy_id") in OWN_TAXONOMIES:
            context.error(
                "taxonomy_term",
                row.number,
                _("Term “%(code)s” is unknown") % {"code": row.get("code")},
            )
        else:
            name = row.get("name", "")
            code = row.get("code") or slugify(name)[:60] or term_id
            taxonomy = (
                row.get("taxonomy") or taxonomy_names.get(row.get("taxonomy_id")) or TOPICS_DEFAULT
            )
            context.topic_terms[term_id] = (code, name, taxonomy)
    context.attributes = defaultdict(list)
    for row in package.rows("attribute"):
        context.attributes[row.get("link_id")].append(row)
    return context


def lengths_check(
    context: ImportContext, table: str, row: int, model: type[Model], values: Mapping
) -> None:
    """An error for each text longer than its model field allows."""
    for name, value in values.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if isinstance(value, str) and limit and len(value) > limit:
            context.error(
                table,
                row,
                ngettext(
                    "“%(field)s” has %(count)s character, %(limit)s are allowed",
                    "“%(field)s” has %(count)s characters, %(limit)s are allowed",
                    len(value),
                )
                % {
                    "field": model._meta.get_field(name).verbose_name,
                    "count": len(value),
                    "limit": limit,
                },
            )


def own_values(context: ImportContext, entity: str, link_id: str) -> dict[str, Any]:
    """Our fields carried as attributes of one record, decoded and checked."""
    values: dict[str, Any] = {}
    for row in context.attributes.get(link_id, []):
        own = FIELD_BY_TERM.get(row.get("taxonomy_term_id"))
        if own is None or own.entity != entity:
            continue
        text = str(row.get("value", ""))
        value = _decode(context, own, text, row.number)
        if own.kind == "areas":
            values.setdefault(own.attr, [])
            if value is not None:
                values[own.attr].append(value)
        elif value is not None or own.kind == "city":
            # A city unknown here stays None: see import_organisations.organisations_plan.
            values[own.attr] = value
    return values


def _decode(context: ImportContext, own: OwnField, text: str, row: int) -> Any:
    # own.name is the term's name in the package (German, as our export writes it).
    model = MODELS[own.entity]
    problem = None
    value: Any = text
    values = {"value": text, "field": own.name, "key": own.key}
    if own.kind == "choice":
        if text not in {c[0] for c in model._meta.get_field(own.attr).choices}:
            problem = _("“%(value)s” for “%(field)s” (%(key)s) is not an allowed value")
    elif own.kind == "bool":
        value = {"true": True, "false": False}.get(text.casefold())
        if value is None:
            problem = _("“%(value)s” for “%(field)s” (%(key)s) is neither true nor false")
    elif own.kind == "int":
        value = int(text) if text.isdigit() else None
        if value is None:
            problem = _("“%(value)s” for “%(field)s” (%(key)s) is not a whole number ≥ 0")
    elif own.kind == "float":
        limit = 180 if own.attr == "lon" else 90
        try:
            value = float(text)
        except ValueError:
            value = None
        if value is None or not -limit <= value <= limit:
            value = None
            values["limit"] = limit
            problem = _(
                "“%(value)s” for “%(field)s” (%(key)s) is not a number from −%(limit)s to %(limit)s"
            )
    elif own.kind == "city":
        value = context.cities.get(text)
        if value is None:
            context.warn("attribute", row, _("There is no city “%(code)s” here") % {"code": text})
    elif own.kind == "areas":
        value = context.areas.get(text)
        if value is None:
            context.warn("attribute", row, _("There is no area “%(area)s” here") % {"area": text})
    if problem:
        context.error("attribute", row, problem % values)
        return None
    return value


def area_of(context: ImportContext, row: Row) -> Area | None:
    """The area a service_area row names, by our URN or by a unique name; else a warning."""
    uri = str(row.get("uri", ""))
    if uri.startswith(AREA_URN) and uri[len(AREA_URN) :] in context.areas:
        return context.areas[uri[len(AREA_URN) :]]
    named = context.areas_by_name.get(str(row.get("name", "")).casefold(), [])
    if len(named) == 1:
        return named[0]
    context.warn(
        "service_area",
        row.number,
        _("Area “%(area)s” is not known unambiguously here; it is not assigned")
        % {"area": row.get("name") or uri},
    )
    return None


def source_note(context: ImportContext) -> str:
    """Where records new from elsewhere came from, for their source field (stored data, so
    always German)."""
    title = context.package.title or context.plan.source
    return f"HSDS-Import „{title}“"[:300]


def addresses(context: ImportContext) -> dict[str, dict[str, Any]]:
    """Location id → street, postcode, town, lon, lat from addresses and coordinates."""
    found: dict[str, dict[str, Any]] = {}
    by_location = context.group("address", "location_id")
    for row in context.package.rows("location"):
        rows = by_location.get(row.get("id"), [])
        rows = sorted(rows, key=lambda r: r.get("address_type") != "physical")
        place: dict[str, Any] = {}
        if rows:
            address = rows[0]
            parts = (address.get("address_1"), address.get("address_2"))
            place = {
                "street": ", ".join(str(p) for p in parts if p),
                "postcode": str(address.get("postal_code", "")),
                "town": str(address.get("city", "")),
            }
        place["lon"], place["lat"] = row.get("longitude"), row.get("latitude")
        found[row.get("id")] = place
    return found
