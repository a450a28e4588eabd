"""The offer directory as Open Referral HSDS 3.0: export, the API's service objects, import.

Ids: HSDS wants UUIDs. Ours are uuid5 over a fixed project namespace and the primary key
("service:42"), so they stay the same from one export to the next without a stored column.
An imported record keeps no HSDS id of its own; on the next import it is found again by its
natural key (organisation: identifier, or name and postcode; offer: external id, or
organisation and name; location: organisation, name and street). Offers and organisations
first imported from another source keep that source's HSDS id as their external id.

Where HSDS has a place for a field, it goes there (eligibility_description,
application_process, fees_description and cost_options, languages, contacts and phones,
schedules, assured_date, service_areas, addresses, accessibility, parent_organization_id,
organization_identifiers). Topics are taxonomy terms of their own taxonomy; life phases and
transitions are terms of two taxonomies of ours; every other field of ours is an attribute
whose term in the taxonomy "Präventionsnetz: Felder" names the field and whose value holds
it. A package that carries these taxonomies is one of ours: its own fields replace ours on
import. A package from elsewhere only fills what HSDS says.

Import rules: the whole package is checked first (``hsds_import_plan``); any error and
nothing is written (``hsds_import_apply`` runs in one transaction). Organisations come from
the one registry and are never duplicated: one found by its HSDS id takes the package's
non-empty values (never blanks); one found by identifier or by name and postcode keeps the
registry's values and only has its empty fields filled. Offers in the package replace ours,
with their locations and opening hours.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import transaction
from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network import dedup
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.network.services import organisations_locate
from praeventionsnetz.offers import hsds_package
from praeventionsnetz.offers.hsds_package import Problem
from praeventionsnetz.offers.models import (
    PHASE_AGES,
    LifePhase,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Status,
    Topic,
    Transition,
)
from praeventionsnetz.offers.services import services_index

# Fixed for good: every exported id derives from it.
NAMESPACE = uuid.UUID("6f1d2c8e-5b7a-4e0f-9c3d-2a8b4e6f1c70")
AREA_URN = "urn:praeventionsnetz:area:"
TOPICS_DEFAULT = "praeventionsnetz"
PHASES = "Präventionsnetz: Lebensphasen"
TRANSITIONS = "Präventionsnetz: Übergänge"
FIELDS = "Präventionsnetz: Felder"
HSDS_STATUS = {Status.INACTIVE: "inactive"}  # draft, review and published: the offer exists
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def hsds_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@functools.cache
def hsds_spec() -> hsds_package.Spec:
    return hsds_package.spec_load(Path(settings.DATA_DIR) / "hsds" / "hsds-3.0")


@dataclass(frozen=True)
class OwnField:
    key: str
    entity: str  # HSDS table of the record it describes
    attr: str
    kind: str  # text, choice, bool, int, float, city, areas
    name: str  # German, for readers of the package

    @functools.cached_property
    def term_id(self) -> str:
        return hsds_id("taxonomy_term", f"field:{self.key}")


OWN_FIELDS = (
    OwnField("service.access", "service", "access", "choice", "Zugang"),
    OwnField("service.status", "service", "status", "choice", "Status im Präventionsnetz"),
    OwnField("service.legal_basis", "service", "legal_basis", "text", "Rechtsgrundlage"),
    OwnField("service.accessibility", "service", "accessibility", "text", "Barrierefreiheit"),
    OwnField("service.capacity", "service", "capacity", "int", "Plätze"),
    OwnField("service.external_id", "service", "external_id", "text", "Kennung in der Quelle"),
    OwnField("service.source", "service", "source", "text", "Quelle"),
    OwnField("service.is_demo", "service", "is_demo", "bool", "Demodatensatz"),
    OwnField("organization.kind", "organization", "kind", "choice", "Art"),
    OwnField("organization.sector", "organization", "sector", "choice", "Sektor"),
    OwnField("organization.level", "organization", "level", "choice", "Ebene"),
    OwnField("organization.legal_basis", "organization", "legal_basis", "text", "Rechtsgrundlage"),
    OwnField("organization.street", "organization", "street", "text", "Straße"),
    OwnField("organization.postcode", "organization", "postcode", "text", "Postleitzahl"),
    OwnField("organization.town", "organization", "town", "text", "Ort"),
    OwnField("organization.lon", "organization", "lon", "float", "Längengrad"),
    OwnField("organization.lat", "organization", "lat", "float", "Breitengrad"),
    OwnField("organization.city", "organization", "city", "city", "Stadt"),
    OwnField("organization.areas_served", "organization", "areas_served", "areas", "Gebiete"),
    OwnField("organization.is_public", "organization", "is_public", "bool", "Öffentlich"),
    OwnField("organization.source", "organization", "source", "text", "Quelle"),
    OwnField("organization.is_demo", "organization", "is_demo", "bool", "Demodatensatz"),
    # Only when the address is incomplete: HSDS addresses need street, postcode and town.
    OwnField("location.street", "location", "street", "text", "Straße"),
    OwnField("location.postcode", "location", "postcode", "text", "Postleitzahl"),
    OwnField("location.town", "location", "town", "text", "Ort"),
)
FIELD_BY_TERM = {f.term_id: f for f in OWN_FIELDS}
MODELS = {"service": Service, "organization": Organisation, "location": Location}


def _taxonomy_id(name: str) -> str:
    return hsds_id("taxonomy", name)


@functools.cache
def _phase_term(value: str) -> str:
    return hsds_id("taxonomy_term", f"phase:{value}")


@functools.cache
def _transition_term(value: str) -> str:
    return hsds_id("taxonomy_term", f"transition:{value}")


@functools.cache
def _topic_term(code: str) -> str:
    return hsds_id("taxonomy_term", f"topic:{code}")


OWN_TAXONOMIES = {_taxonomy_id(n): n for n in (PHASES, TRANSITIONS, FIELDS)}
PHASE_BY_TERM = {_phase_term(p.value): p.value for p in LifePhase}
TRANSITION_BY_TERM = {_transition_term(t.value): t.value for t in Transition}


def _german(label: Any) -> str:
    with translation.override("de"):
        return str(label)


def area_ref(area: Area) -> str:
    """city code:level:code, the same in every instance that loads the same geography."""
    city = area.city.code if area.city_id else area.code
    return f"{city}:{area.level}:{area.code}"


def _language_name(code: str) -> str:
    """The language's German name from Django's catalogue, else the code."""
    try:
        return _german(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


@functools.cache
def _language_codes() -> dict[str, str]:
    """Language name (English, own or German) → ISO 639-1 code."""
    codes = {}
    for code, info in LANG_INFO.items():
        if len(code) == 2 and "name" in info:
            for name in (info["name"], info.get("name_local", ""), _language_name(code)):
                codes[str(name).casefold()] = code
    return codes


def _clean(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


def _encode(own: OwnField, value: Any) -> list[str]:
    if own.kind == "areas":
        return [area_ref(a) for a in value]
    if value is None or value == "":
        return []
    if own.kind == "bool":
        return ["true" if value else "false"]
    if own.kind == "city":
        return [value.code]
    return [str(value)]


# --- export --------------------------------------------------------------------------------


def _areas() -> QuerySet[Area]:
    """Areas with what a reference needs; their geometries stay in the database."""
    return Area.objects.select_related("city").only("code", "name", "level", "city__code")


def services_for_hsds(*, include_unpublished: bool = False) -> QuerySet[Service]:
    """The offers to publish as HSDS, with everything the tables need (fixed query count)."""
    qs = (
        Service.objects.all()
        if include_unpublished
        else Service.objects.filter(status=Status.PUBLISHED)
    )
    return qs.prefetch_related(
        "topics",
        Prefetch("areas_served", _areas()),
        Prefetch(
            "at_locations",
            ServiceAtLocation.objects.select_related("location").prefetch_related("schedules"),
        ),
    ).order_by("pk")


class _Tables:
    """Collects the HSDS rows of a set of offers."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.seen: set[tuple[str, str]] = set()
        self.taxonomies: dict[str, dict[str, Any]] = {}

    def add(self, table: str, row: dict[str, Any]) -> None:
        if (table, row["id"]) not in self.seen:
            self.seen.add((table, row["id"]))
            self.rows[table].append(row)

    def taxonomy(self, name: str, description: str) -> str:
        taxonomy_id = _taxonomy_id(name)
        self.taxonomies.setdefault(
            taxonomy_id, {"id": taxonomy_id, "name": name, "description": description}
        )
        return taxonomy_id

    def term(self, term_id: str, code: str, name: str, description: str, taxonomy: str) -> None:
        if ("taxonomy_term", term_id) in self.seen:
            return
        own = taxonomy in (PHASES, TRANSITIONS, FIELDS)
        taxonomy_id = self.taxonomy(
            taxonomy,
            f"Eigene Taxonomie des Präventionsnetzes: {taxonomy.split(': ')[-1]}"
            if own
            else f"Themen ({taxonomy})",
        )
        self.add(
            "taxonomy_term",
            _clean(
                id=term_id,
                code=code,
                name=name,
                description=description,
                taxonomy=taxonomy,
                taxonomy_id=taxonomy_id,
                language="de",
            ),
        )

    def attribute(self, entity: str, link_id: str, term_id: str, value: str = "") -> None:
        self.add(
            "attribute",
            _clean(
                id=hsds_id("attribute", f"{link_id}:{term_id}:{value}"),
                link_id=link_id,
                taxonomy_term_id=term_id,
                link_entity=entity,
                value=value,
            ),
        )

    def own_fields(
        self, entity: str, link_id: str, obj: Model, skip: frozenset[str] = frozenset()
    ) -> None:
        for own in OWN_FIELDS:
            if own.entity != entity or own.attr in skip:
                continue
            value = getattr(obj, own.attr)
            if own.kind == "areas":
                value = value.all()
            for text in _encode(own, value):
                self.term(own.term_id, f"field:{own.key}", own.name, f"Feld {own.key}", FIELDS)
                self.attribute(entity, link_id, own.term_id, text)

    def topic(self, topic: Topic) -> str:
        term_id = _topic_term(topic.code)
        self.term(term_id, topic.code, topic.name, topic.name, topic.taxonomy or TOPICS_DEFAULT)
        return term_id

    def organisation(self, org: Organisation) -> None:
        org_id = hsds_id("organization", org.pk)
        self.add(
            "organization",
            _clean(
                id=org_id,
                name=org.name,
                # Required by HSDS; we keep no description of an organisation, its kind says most.
                description=_german(org.get_kind_display()),
                parent_organization_id=hsds_id("organization", org.provider_id)
                if org.provider_id
                else None,
            ),
        )
        if org.external_id:
            self.add(
                "organization_identifier",
                {
                    "id": hsds_id("organization_identifier", org.pk),
                    "organization_id": org_id,
                    "identifier_type": "external_id",
                    "identifier": org.external_id,
                },
            )
        self.own_fields("organization", org_id, org)

    def location(self, location: Location) -> None:
        location_id = hsds_id("location", location.pk)
        self.add(
            "location",
            _clean(
                id=location_id,
                location_type="physical",
                organization_id=hsds_id("organization", location.organisation_id),
                name=location.name,
                latitude=location.lat,
                longitude=location.lon,
            ),
        )
        complete = bool(location.street and location.postcode and location.town)
        if complete:
            self.add(
                "address",
                {
                    "id": hsds_id("address", location.pk),
                    "location_id": location_id,
                    "address_1": location.street,
                    "city": location.town,
                    # Required by HSDS; we do not store the federal state, the town stands in.
                    "state_province": location.town,
                    "postal_code": location.postcode,
                    "country": "DE",
                    "address_type": "physical",
                },
            )
        if location.accessibility:
            self.add(
                "accessibility",
                {
                    "id": hsds_id("accessibility", location.pk),
                    "location_id": location_id,
                    "description": location.accessibility,
                },
            )
        skip = frozenset({"street", "postcode", "town"}) if complete else frozenset()
        self.own_fields("location", location_id, location, skip)

    def service(self, service: Service) -> None:
        sid = hsds_id("service", service.pk)
        ages = [PHASE_AGES[LifePhase(p)] for p in service.life_phases if p in PHASE_AGES]
        self.add(
            "service",
            _clean(
                id=sid,
                organization_id=hsds_id("organization", service.organisation_id),
                name=service.name,
                description=service.description,
                url=service.url,
                email=service.contact_email,
                status=HSDS_STATUS.get(service.status, "active"),
                application_process=service.application_process,
                fees_description=service.fees,
                eligibility_description=service.eligibility,
                # Derived from the life phases, for readers that filter by age.
                minimum_age=min(low for low, _high in ages) if ages else None,
                maximum_age=max(high for _low, high in ages) - 1 if ages else None,
                assured_date=service.last_verified_on.isoformat()
                if service.last_verified_on
                else None,
                last_modified=service.updated_at.astimezone(dt.UTC)
                .isoformat(timespec="milliseconds")
                .replace("+00:00", "Z"),
            ),
        )
        self.own_fields("service", sid, service)
        for phase in service.life_phases:
            term_id = _phase_term(phase)
            label = _german(LifePhase(phase).label) if phase in LifePhase.values else phase
            self.term(term_id, f"phase:{phase}", label, f"Lebensphase: {label}", PHASES)
            self.attribute("service", sid, term_id)
        for transition in service.transitions:
            term_id = _transition_term(transition)
            label = (
                _german(Transition(transition).label)
                if transition in Transition.values
                else transition
            )
            self.term(term_id, f"transition:{transition}", label, f"Übergang: {label}", TRANSITIONS)
            self.attribute("service", sid, term_id)
        for topic in service.topics.all():
            self.attribute("service", sid, self.topic(topic))
        for code in dict.fromkeys(service.languages):
            self.add(
                "language",
                {
                    "id": hsds_id("language", f"{sid}:{code}"),
                    "service_id": sid,
                    "name": _language_name(code),
                    "code": code,
                },
            )
        self.add(
            "cost_option",
            _clean(
                id=hsds_id("cost_option", service.pk),
                service_id=sid,
                option="kostenlos" if service.is_free else "kostenpflichtig",
                currency="EUR",
                amount=0 if service.is_free else None,
            ),
        )
        contact_id = hsds_id("contact", service.pk) if service.contact_role else None
        if contact_id:
            self.add(
                "contact",
                _clean(
                    id=contact_id,
                    service_id=sid,
                    title=service.contact_role,
                    email=service.contact_email,
                ),
            )
        if service.contact_phone:
            self.add(
                "phone",
                _clean(
                    id=hsds_id("phone", service.pk),
                    service_id=sid,
                    contact_id=contact_id,
                    number=service.contact_phone,
                ),
            )
        for area in service.areas_served.all():
            self.add(
                "service_area",
                {
                    "id": hsds_id("service_area", f"{service.pk}:{area.pk}"),
                    "service_id": sid,
                    "name": area.name,
                    "uri": AREA_URN + area_ref(area),
                },
            )
        for at in service.at_locations.all():
            location_id = hsds_id("location", at.location_id)
            at_id = hsds_id("service_at_location", at.pk)
            self.add(
                "service_at_location",
                {"id": at_id, "service_id": sid, "location_id": location_id},
            )
            for schedule in at.schedules.all():
                self.add(
                    "schedule",
                    _clean(
                        id=hsds_id("schedule", schedule.pk),
                        service_id=sid,
                        location_id=location_id,
                        service_at_location_id=at_id,
                        freq="WEEKLY",
                        byday=DAYS[schedule.weekday - 1],
                        opens_at=schedule.opens_at.strftime("%H:%M:%S"),
                        closes_at=schedule.closes_at.strftime("%H:%M:%S"),
                        notes=schedule.note,
                    ),
                )

    def finish(self) -> dict[str, list[dict[str, Any]]]:
        self.rows["taxonomy"] = list(self.taxonomies.values())
        return dict(self.rows)


def _organisations(ids: set[int], *, with_providers: bool) -> list[Organisation]:
    found: dict[int, Organisation] = {}
    wanted = set(ids)
    while wanted:
        batch = (
            Organisation.objects.filter(pk__in=wanted)
            .select_related("city")
            .defer("city__geometry", "city__display_geometry")
            .prefetch_related(Prefetch("areas_served", _areas()))
        )
        found.update({o.pk: o for o in batch})
        wanted = (
            {o.provider_id for o in found.values() if o.provider_id} - set(found)
            if with_providers
            else set()
        )
    return [found[pk] for pk in sorted(found)]


def hsds_tables(
    services: Iterable[Service], *, with_providers: bool = True, all_topics: bool = True
) -> dict[str, list[dict[str, Any]]]:
    """The HSDS rows (table → records) of these offers, their organisations and locations."""
    services = list(services)
    tables = _Tables()
    locations = {at.location for s in services for at in s.at_locations.all()}
    org_ids = {s.organisation_id for s in services} | {loc.organisation_id for loc in locations}
    for org in _organisations(org_ids, with_providers=with_providers):
        tables.organisation(org)
    for location in sorted(locations, key=lambda loc: loc.pk):
        tables.location(location)
    for service in services:
        tables.service(service)
    if all_topics:
        # The whole small vocabulary, so that unused topics survive a round trip too.
        for topic in Topic.objects.all():
            tables.topic(topic)
    return tables.finish()


def _files(tables: Mapping[str, list[dict]], *, include_unpublished: bool) -> dict[str, bytes]:
    now = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    meta = {
        "title": "Präventionsnetz: Angebote für Familien",
        "description": "Angebote der Präventionskette im Format Open Referral HSDS 3.0."
        + ("" if include_unpublished else " Nur veröffentlichte Angebote."),
        "created": now.isoformat().replace("+00:00", "Z"),
    }
    return hsds_package.package_files(tables, hsds_spec(), meta=meta)


def hsds_files(*, include_unpublished: bool = False) -> dict[str, bytes]:
    """The datapackage: every HSDS table as CSV plus ``datapackage.json``."""
    tables = hsds_tables(services_for_hsds(include_unpublished=include_unpublished))
    return _files(tables, include_unpublished=include_unpublished)


def hsds_export(directory: Path, *, include_unpublished: bool = False) -> dict[str, int]:
    """Write the datapackage into a folder; returns the number of rows per table."""
    tables = hsds_tables(services_for_hsds(include_unpublished=include_unpublished))
    files = _files(tables, include_unpublished=include_unpublished)
    hsds_package.package_write(directory, files)
    return {name: len(tables.get(name, [])) for name in hsds_spec().tables}


def hsds_export_zip(*, include_unpublished: bool = False) -> bytes:
    return hsds_package.package_zip(hsds_files(include_unpublished=include_unpublished))


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


# --- import --------------------------------------------------------------------------------

# Display order of the preview, with the label of what each table becomes here.
PLAN_TABLES = (
    ("organization", Organisation._meta.verbose_name_plural),
    ("location", Location._meta.verbose_name_plural),
    ("service", Service._meta.verbose_name_plural),
    ("service_at_location", ServiceAtLocation._meta.verbose_name_plural),
    ("schedule", Schedule._meta.verbose_name_plural),
    ("language", Service._meta.get_field("languages").verbose_name),
    ("taxonomy_term", Topic._meta.verbose_name_plural),
)
# HSDS tables with no counterpart here; their rows are reported, not read.
UNUSED_TABLES = ("program", "funding", "required_document", "metadata", "meta_table_description")
ACTIONS = ("create", "update", "unchanged", "delete")
Hour = tuple[int, dt.time, dt.time, str]


@dataclass(frozen=True)
class PlanEntry:
    table: str
    row: int | None
    label: str
    action: str


@dataclass
class _Org:
    hsds_id: str
    row: int
    values: dict[str, Any]
    existing: Organisation | None
    parent: str | None = None
    parent_known: Organisation | None = None
    areas: list[Area] | None = None
    action: str = "create"


@dataclass
class _Location:
    hsds_id: str
    row: int
    org: str
    values: dict[str, Any]
    existing: Location | None
    action: str = "create"


@dataclass
class _Site:
    row: int
    location: str
    existing: ServiceAtLocation | None
    add: list[Hour] = field(default_factory=list)
    drop: list[Schedule] = field(default_factory=list)


@dataclass
class _Service:
    hsds_id: str
    row: int
    org: str
    values: dict[str, Any]
    existing: Service | None
    topics: list[str] | None = None
    areas: list[Area] | None = None
    sites: list[_Site] = field(default_factory=list)
    drop_sites: list[ServiceAtLocation] = field(default_factory=list)
    action: str = "create"


@dataclass
class _Topic:
    hsds_id: str
    values: dict[str, Any]  # code, name, taxonomy
    existing: Topic | None
    action: str = "create"


@dataclass
class ImportPlan:
    """What an import would do, row by row, and everything that stands in its way."""

    source: str
    title: str = ""
    is_own: bool = False
    city: Area | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    entries: list[PlanEntry] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)
    organisations: list[_Org] = field(default_factory=list)
    locations: list[_Location] = field(default_factory=list)
    services: list[_Service] = field(default_factory=list)
    topics: list[_Topic] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.entries)

    @property
    def has_changes(self) -> bool:
        return any(e.action != "unchanged" for e in self.entries)

    def count(self, table: str, action: str) -> int:
        return sum(1 for e in self.entries if e.table == table and e.action == action)

    @property
    def counts(self) -> list[dict[str, Any]]:
        """One line per table for the preview: rows read and what becomes of them."""
        spec = hsds_spec()
        counted = Counter((e.table, e.action) for e in self.entries)
        return [
            {
                "table": table,
                "file": spec.tables[table].path,
                "label": label,
                "read": self.read.get(table, 0),
                **{action: counted[(table, action)] for action in ACTIONS},
            }
            for table, label in PLAN_TABLES
        ]

    def summary(self) -> str:
        parts = []
        for line in self.counts:
            if line["read"] or any(line[a] for a in ACTIONS):
                parts.append(
                    f"{line['label']}: {line['create']} neu, {line['update']} geändert, "
                    f"{line['unchanged']} unverändert"
                    + (f", {line['delete']} entfernt" if line["delete"] else "")
                )
        return "; ".join(parts) or "nichts zu tun"


class HsdsImportRejected(DomainError):
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(
            f"Import abgelehnt: {len(plan.errors)} Fehler; es wurde nichts gespeichert."
        )


def _is_blank(instance: Model, name: str) -> bool:
    return getattr(instance, instance._meta.get_field(name).attname) in (None, "")


def _differs(instance: Model, values: Mapping[str, Any]) -> bool:
    for name, value in values.items():
        model_field = instance._meta.get_field(name)
        if model_field.is_relation:
            if getattr(instance, model_field.attname) != (value.pk if value else None):
                return True
        elif getattr(instance, name) != value:
            return True
    return False


class _Planner:
    def __init__(self, package: hsds_package.Package, plan: ImportPlan) -> None:
        self.package = package
        self.plan = plan
        self.spec = hsds_spec()
        self.terms = {row.get("id"): row for row in package.rows("taxonomy_term")}
        taxonomy_names = {row.get("id"): row.get("name") for row in package.rows("taxonomy")}
        self.topic_terms: dict[str, tuple[str, str, str]] = {}  # term id → code, name, taxonomy
        for term_id, row in self.terms.items():
            known = term_id in PHASE_BY_TERM or term_id in TRANSITION_BY_TERM
            if known or term_id in FIELD_BY_TERM:
                plan.is_own = True
            elif row.get("taxonomy_id") in OWN_TAXONOMIES:
                self.error(
                    "taxonomy_term", row.number, f"Begriff „{row.get('code')}“ ist unbekannt"
                )
            else:
                name = row.get("name", "")
                code = row.get("code") or slugify(name)[:60] or term_id
                taxonomy = (
                    row.get("taxonomy")
                    or taxonomy_names.get(row.get("taxonomy_id"))
                    or TOPICS_DEFAULT
                )
                self.topic_terms[term_id] = (code, name, taxonomy)
        self.attributes: dict[str, list[hsds_package.Row]] = defaultdict(list)
        for row in package.rows("attribute"):
            self.attributes[row.get("link_id")].append(row)
        self.orgs: dict[str, _Org] = {}
        self.locations: dict[str, _Location] = {}
        self.groups: dict[tuple[str, str], dict[Any, list[hsds_package.Row]]] = {}

    # helpers

    def file(self, table: str) -> str:
        return self.package.file(table, self.spec)

    def error(self, table: str, row: int | None, message: str) -> None:
        self.plan.errors.append(Problem(self.file(table), row, message))

    def warn(self, table: str, row: int | None, message: str) -> None:
        self.plan.warnings.append(Problem(self.file(table), row, message))

    def entry(self, table: str, row: int | None, label: str, action: str) -> None:
        self.plan.entries.append(PlanEntry(table, row, label, action))

    @functools.cached_property
    def areas(self) -> dict[str, Area]:
        return {area_ref(a): a for a in _areas().filter(pk__in=Area.objects.current())}

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

    def group(self, table: str, key: str) -> dict[Any, list[hsds_package.Row]]:
        if (table, key) not in self.groups:
            grouped = defaultdict(list)
            for row in self.package.rows(table):
                grouped[row.get(key)].append(row)
            self.groups[(table, key)] = grouped
        return self.groups[(table, key)]

    def lengths(self, table: str, row: int, model: type[Model], values: Mapping) -> None:
        for name, value in values.items():
            limit = getattr(model._meta.get_field(name), "max_length", None)
            if isinstance(value, str) and limit and len(value) > limit:
                label = _german(model._meta.get_field(name).verbose_name)
                self.error(table, row, f"„{label}“ hat {len(value)} Zeichen, erlaubt sind {limit}")

    def own_values(self, entity: str, link_id: str) -> dict[str, Any]:
        """Our fields carried as attributes of one record, decoded and checked."""
        values: dict[str, Any] = {}
        for row in self.attributes.get(link_id, []):
            own = FIELD_BY_TERM.get(row.get("taxonomy_term_id"))
            if own is None or own.entity != entity:
                continue
            text = str(row.get("value", ""))
            value = self.decode(own, text, row.number)
            if own.kind == "areas":
                values.setdefault(own.attr, [])
                if value is not None:
                    values[own.attr].append(value)
            elif value is not None or own.kind == "city":
                values[own.attr] = value  # a city unknown here stays None: see organisations()
        return values

    def decode(self, own: OwnField, text: str, row: int) -> Any:
        model = MODELS[own.entity]
        problem = None
        value: Any = text
        if own.kind == "choice":
            if text not in {c[0] for c in model._meta.get_field(own.attr).choices}:
                problem = "ist kein erlaubter Wert"
        elif own.kind == "bool":
            value = {"true": True, "false": False}.get(text.casefold())
            problem = "ist weder true noch false" if value is None else None
        elif own.kind == "int":
            value = int(text) if text.isdigit() else None
            problem = "ist keine ganze Zahl ≥ 0" if value is None else None
        elif own.kind == "float":
            limit = 180 if own.attr == "lon" else 90
            try:
                value = float(text)
            except ValueError:
                value = None
            if value is None or not -limit <= value <= limit:
                problem, value = f"ist keine Zahl von −{limit} bis {limit}", None
        elif own.kind == "city":
            value = self.cities.get(text)
            if value is None:
                self.warn("attribute", row, f"Stadt „{text}“ gibt es hier nicht")
        elif own.kind == "areas":
            value = self.areas.get(text)
            if value is None:
                self.warn("attribute", row, f"Gebiet „{text}“ gibt es hier nicht")
        if problem:
            self.error("attribute", row, f"„{text}“ für „{own.name}“ ({own.key}) {problem}")
            return None
        return value

    def area_of(self, row: hsds_package.Row) -> Area | None:
        uri = str(row.get("uri", ""))
        if uri.startswith(AREA_URN) and uri[len(AREA_URN) :] in self.areas:
            return self.areas[uri[len(AREA_URN) :]]
        named = self.areas_by_name.get(str(row.get("name", "")).casefold(), [])
        if len(named) == 1:
            return named[0]
        self.warn(
            "service_area",
            row.number,
            f"Gebiet „{row.get('name') or uri}“ ist hier nicht eindeutig bekannt; "
            "es wird nicht zugeordnet",
        )
        return None

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
        self, row: hsds_package.Row, name: str, external: str | None, postcodes: set[str]
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
                        k: v for k, v in values.items() if k != "name" and _is_blank(existing, k)
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
            planned = _Org(oid, row.number, values, existing, parent=parent, areas=areas)
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

    def org_action(self, planned: _Org) -> str:
        existing = planned.existing
        if existing is None:
            return "create"
        changed = _differs(existing, planned.values)
        parent = self.parent_of(planned)
        if parent is not None and existing.provider_id != parent.pk:
            changed = True
        if parent is None and planned.parent in self.orgs:
            changed = True  # the provider is new as well
        if planned.areas is not None:
            changed |= {a.pk for a in planned.areas} != self.registry["served"][existing.pk]
        return "update" if changed else "unchanged"

    def parent_of(self, planned: _Org) -> Organisation | None:
        """The provider as a registry record, if it already is one."""
        if not planned.parent:
            return None
        if planned.parent in self.orgs:
            return self.orgs[planned.parent].existing
        return planned.parent_known

    def source_note(self) -> str:
        title = self.package.title or self.plan.source
        return f"HSDS-Import „{title}“"[:300]

    def addresses(self) -> dict[str, dict[str, Any]]:
        """Location id → street, postcode, town, lon, lat from addresses and coordinates."""
        found: dict[str, dict[str, Any]] = {}
        by_location = self.group("address", "location_id")
        for row in self.package.rows("location"):
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
            self.locations[lid] = _Location(lid, row.number, org, values, None)
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
                    changed = _differs(location, planned.values) or not same_owner
                    planned.action = "update" if changed else "unchanged"
            self.entry("location", planned.row, planned.values["name"], planned.action)
        self.plan.locations = list(self.locations.values())

    # offers

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
            planned = _Service(sid, row.number, row.get("organization_id"), values, service)
            planned.topics = self.topics_of(sid)
            planned.areas = self.areas_of(sid)
            if service is None:
                if not self.plan.is_own:
                    values.setdefault("external_id", sid)
                    values.setdefault("source", self.source_note())
                planned.action = "create"
            else:
                changed = _differs(service, values) or (
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

    def service_values(self, row: hsds_package.Row) -> dict[str, Any]:
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
            code = _language_code(row)
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

    def language_entries(self, planned: _Service, rows: list[hsds_package.Row]) -> None:
        before = planned.existing.languages if planned.existing else []
        after = planned.values["languages"]
        for row in rows:
            code = _language_code(row)
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

    def weekly(self, row: hsds_package.Row) -> list[Hour] | None:
        days = [d.strip().upper() for d in str(row.get("byday", "")).split(",") if d.strip()]
        opens = hsds_package.parse_time(str(row.get("opens_at", "")))
        closes = hsds_package.parse_time(str(row.get("closes_at", "")))
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

    def sites(self, planned: _Service, hours: Mapping) -> None:
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
            site = _Site(row.number, location_id, existing)
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
                self.entry("schedule", None, f"{label}: {_hour_label(hour)}", action)
            for s in site.drop:
                self.entry("schedule", None, f"{label}: {s}", "delete")
            planned.sites.append(site)
        for at in current.values():
            if at.pk not in kept:
                planned.drop_sites.append(at)
                self.entry("service_at_location", None, str(at), "delete")
                for s in at.schedules.all():
                    self.entry("schedule", None, f"{at}: {s}", "delete")

    # topics

    def topics_plan(self) -> None:
        linked = {
            a.get("taxonomy_term_id")
            for a in self.package.rows("attribute")
            if a.get("link_entity") == "service"
        }
        wanted = {}
        for term_id, (code, name, taxonomy) in self.topic_terms.items():
            if self.plan.is_own or term_id in linked:
                wanted[code] = (term_id, name, taxonomy)
        existing = {t.code: t for t in Topic.objects.filter(code__in=list(wanted))}
        for code, (term_id, name, taxonomy) in wanted.items():
            topic = existing.get(code)
            row = self.terms[term_id].number
            if topic is None:
                action = "create"
            else:
                action = (
                    "unchanged" if (topic.name, topic.taxonomy) == (name, taxonomy) else "update"
                )
            values = {"code": code, "name": name, "taxonomy": taxonomy}
            self.lengths("taxonomy_term", row, Topic, values)
            self.plan.topics.append(_Topic(term_id, values, topic, action))
            self.entry("taxonomy_term", row, name, action)

    def unused(self) -> None:
        for table in UNUSED_TABLES:
            if self.package.rows(table):
                self.warn(
                    table,
                    None,
                    f"{len(self.package.rows(table))} Zeile(n) ohne Gegenstück im "
                    "Präventionsnetz; sie werden nicht übernommen",
                )
        ignored = [
            a
            for a in self.package.rows("attribute")
            if a.get("taxonomy_term_id") not in FIELD_BY_TERM and a.get("link_entity") != "service"
        ]
        if ignored:
            self.warn(
                "attribute",
                None,
                f"{len(ignored)} Merkmal(e) an Organisationen, Orten oder anderem als "
                "Angeboten werden nicht übernommen",
            )

    def run(self) -> None:
        self.organisations()
        self.locations_plan()
        self.topics_plan()
        self.services_plan()
        self.unused()
        self.plan.organisations = list(self.orgs.values())
        self.plan.read = {table: len(self.package.rows(table)) for table, _label in PLAN_TABLES}


def _language_code(row: hsds_package.Row) -> str:
    """ISO 639-1 from the code ("de", "de-DE") or, failing that, the language's name."""
    code = str(row.get("code", "")).strip().casefold().replace("_", "-").split("-")[0]
    if len(code) == 2:
        return code
    return _language_codes().get(str(row.get("name", "")).strip().casefold(), "")


HSDS_STATUS_IMPORT = {"inactive": Status.INACTIVE, "defunct": Status.INACTIVE}


def _hour_label(hour: Hour) -> str:
    weekday, opens, closes, _note = hour
    return f"{weekday} {opens:%H:%M}–{closes:%H:%M}"


def hsds_import_plan(
    source: Path | Mapping[str, bytes], *, city: Area | None = None, name: str = ""
) -> ImportPlan:
    """Read and check a package (folder, zip file or file name → bytes); write nothing.

    ``city`` is the city of organisations that are new to the registry and whose package
    does not say which city they belong to.
    """
    spec = hsds_spec()
    try:
        if isinstance(source, Path):
            files = (
                hsds_package.files_from_zip(source.read_bytes())
                if source.is_file()
                else hsds_package.files_from_directory(source)
            )
        else:
            files = dict(source)
        package = hsds_package.package_read(files, spec)
    except (hsds_package.PackageError, OSError) as exc:
        raise DomainError(str(exc)) from exc
    plan = ImportPlan(source=name or str(source), title=package.title, city=city)
    plan.errors.extend(package.errors)
    plan.warnings.extend(package.warnings)
    if not package.rows("service"):
        plan.errors.append(Problem(spec.tables["service"].path, None, "keine Angebote im Paket"))
    if plan.errors:
        # Broken rows or references would only cause follow-up errors; fix these first.
        return plan
    _Planner(package, plan).run()
    return plan


def _save(obj: Model, by: Any) -> None:
    obj._history_user = by
    obj.save()


def _delete(obj: Model, by: Any) -> None:
    obj._history_user = by
    obj.delete()


def _create(model: type[Model], objs: list[Model], by: Any) -> None:
    """Insert new rows in batches, each with its history row: a city's directory has
    thousands, and one save per row would take minutes."""
    if objs:
        bulk_create_with_history(objs, model, batch_size=500, default_user=by)


def _write(model: type[Model], planned: Iterable[Any], instances: Mapping, by: Any) -> None:
    """Save the planned records that are new or changed; new ones in batches."""
    new = []
    for p in planned:
        if p.action == "unchanged":
            continue
        obj = instances[p.hsds_id]
        for name, value in p.values.items():
            setattr(obj, name, value)
        if p.action == "create":
            new.append(obj)
        else:
            _save(obj, by)
    _create(model, new, by)


def _apply_organisations(plan: ImportPlan, by: Any) -> dict[str, Organisation]:
    orgs = {o.hsds_id: o.existing or Organisation() for o in plan.organisations}
    planned = {o.hsds_id: o for o in plan.organisations}

    def provider(o: _Org) -> Organisation | None:
        return orgs.get(o.parent) if o.parent in orgs else o.parent_known

    # New providers first, so that their facilities are written once, with the provider.
    waiting = [o for o in plan.organisations if o.action != "unchanged"]
    while waiting:
        ready = [o for o in waiting if (p := provider(o)) is None or p.pk is not None]
        ready = ready or waiting  # a loop of providers: closed by the pass below
        for o in ready:
            if provider(o) is not None and provider(o).pk is not None:
                o.values["provider"] = provider(o)
        _write(Organisation, ready, orgs, by)
        waiting = [o for o in waiting if o not in ready]
    for hsds_key, org in orgs.items():
        target = provider(planned[hsds_key])
        if target is not None and org.provider_id != target.pk:
            org.provider = target
            _save(org, by)
        if planned[hsds_key].areas is not None and planned[hsds_key].action != "unchanged":
            org._history_user = by
            org.areas_served.set(planned[hsds_key].areas)
    changed = [orgs[o.hsds_id] for o in plan.organisations if o.action != "unchanged"]
    for city in {org.city for org in changed if org.city_id}:
        organisations_locate([org for org in changed if org.city_id == city.pk], city)
    return orgs


@transaction.atomic
def hsds_import_apply(plan: ImportPlan, *, by: Any = None) -> ImportPlan:
    """Carry out a checked plan in one transaction; raises HsdsImportRejected on errors."""
    if plan.errors:
        raise HsdsImportRejected(plan)
    by_term = {t.hsds_id: t.existing or Topic() for t in plan.topics}
    _write(Topic, plan.topics, by_term, by)
    topics = {t.values["code"]: by_term[t.hsds_id] for t in plan.topics}
    orgs = _apply_organisations(plan, by)
    locations = {p.hsds_id: p.existing or Location() for p in plan.locations}
    for p in plan.locations:
        p.values["organisation"] = orgs[p.org]
    _write(Location, plan.locations, locations, by)
    services = {p.hsds_id: p.existing or Service() for p in plan.services}
    for p in plan.services:
        p.values["organisation"] = orgs[p.org]
    _write(Service, plan.services, services, by)
    topic_links, area_links = [], []
    for p in plan.services:
        service = services[p.hsds_id]
        if p.action == "create":
            topic_links += [(service.pk, topics[code].pk) for code in p.topics or []]
            area_links += [(service.pk, area.pk) for area in p.areas or []]
        elif p.action == "update":
            if p.topics is not None:
                service.topics.set([topics[code] for code in p.topics])
            if p.areas is not None:
                service.areas_served.set(p.areas)
    Service.topics.through.objects.bulk_create(
        Service.topics.through(service_id=s, topic_id=t) for s, t in topic_links
    )
    Service.areas_served.through.objects.bulk_create(
        Service.areas_served.through(service_id=s, area_id=a) for s, a in area_links
    )
    new_sites = []
    for p in plan.services:
        for site in p.sites:
            if site.existing is None:
                site.existing = ServiceAtLocation(
                    service=services[p.hsds_id], location=locations[site.location]
                )
                new_sites.append(site.existing)
    _create(ServiceAtLocation, new_sites, by)
    new_hours = []
    for p in plan.services:
        for site in p.sites:
            for schedule in site.drop:
                _delete(schedule, by)
            new_hours += [
                Schedule(
                    service_at_location=site.existing,
                    weekday=weekday,
                    opens_at=opens,
                    closes_at=closes,
                    note=note,
                )
                for weekday, opens, closes, note in site.add
            ]
        for at in p.drop_sites:
            for schedule in at.schedules.all():
                _delete(schedule, by)
            _delete(at, by)
    _create(Schedule, new_hours, by)
    services_index([services[p.hsds_id] for p in plan.services if p.action != "unchanged"])
    return plan
