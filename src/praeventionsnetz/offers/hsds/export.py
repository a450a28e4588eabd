"""The offer directory as HSDS tables and as a datapackage (folder or zip)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone

from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers.hsds.files import package_files, package_write, package_zip
from praeventionsnetz.offers.hsds.vocabulary import (
    AREA_URN,
    DAYS,
    FIELDS,
    HSDS_STATUS,
    OWN_FIELDS,
    PHASES,
    STATES,
    TOPICS_DEFAULT,
    TRANSITIONS,
    area_ref,
    areas_for_refs,
    encode_own,
    german,
    hsds_id,
    hsds_spec,
    language_name,
    phase_term_id,
    taxonomy_id_of,
    topic_term_id,
    transition_term_id,
    without_empty,
)
from praeventionsnetz.offers.models import (
    PHASE_AGES,
    LifePhase,
    Location,
    Service,
    ServiceAtLocation,
    Status,
    Topic,
    Transition,
)


def services_for_hsds(*, include_unpublished: bool = False) -> QuerySet[Service]:
    """The offers to publish as HSDS, with everything the tables need (fixed query count)."""
    qs = (
        Service.objects.all()
        if include_unpublished
        else Service.objects.filter(status=Status.PUBLISHED)
    )
    return qs.prefetch_related(
        "topics",
        Prefetch("areas_served", areas_for_refs()),
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
        self.city_codes: dict[int, str] = {}  # organisation → its city's code

    def add(self, table: str, row: dict[str, Any]) -> None:
        if (table, row["id"]) not in self.seen:
            self.seen.add((table, row["id"]))
            self.rows[table].append(row)

    def taxonomy(self, name: str, description: str) -> str:
        taxonomy_id = taxonomy_id_of(name)
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
            without_empty(
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
            without_empty(
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
            for text in encode_own(own, value):
                self.term(own.term_id, f"field:{own.key}", own.name, f"Feld {own.key}", FIELDS)
                self.attribute(entity, link_id, own.term_id, text)

    def topic(self, topic: Topic) -> str:
        term_id = topic_term_id(topic.code)
        self.term(term_id, topic.code, topic.name, topic.name, topic.taxonomy or TOPICS_DEFAULT)
        return term_id

    def organisation(self, org: Organisation) -> None:
        org_id = hsds_id("organization", org.pk)
        self.city_codes[org.pk] = org.city.code if org.city_id else ""
        self.add(
            "organization",
            without_empty(
                id=org_id,
                name=org.name,
                # Required by HSDS; we keep no description of an organisation, its kind says most.
                description=german(org.get_kind_display()),
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
            without_empty(
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
                    # Required by HSDS: the city's federal state where known, else the town.
                    "state_province": STATES.get(
                        self.city_codes.get(location.organisation_id, ""), location.town
                    ),
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
            without_empty(
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
            term_id = phase_term_id(phase)
            label = german(LifePhase(phase).label) if phase in LifePhase.values else phase
            self.term(term_id, f"phase:{phase}", label, f"Lebensphase: {label}", PHASES)
            self.attribute("service", sid, term_id)
        for transition in service.transitions:
            term_id = transition_term_id(transition)
            label = (
                german(Transition(transition).label)
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
                    "name": language_name(code),
                    "code": code,
                },
            )
        self.add(
            "cost_option",
            without_empty(
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
                without_empty(
                    id=contact_id,
                    service_id=sid,
                    title=service.contact_role,
                    email=service.contact_email,
                ),
            )
        if service.contact_phone:
            self.add(
                "phone",
                without_empty(
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
                    without_empty(
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
            .prefetch_related(Prefetch("areas_served", areas_for_refs()))
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
    return package_files(tables, hsds_spec(), meta=meta)


def hsds_files(*, include_unpublished: bool = False) -> dict[str, bytes]:
    """The datapackage: every HSDS table as CSV plus ``datapackage.json``."""
    tables = hsds_tables(services_for_hsds(include_unpublished=include_unpublished))
    return _files(tables, include_unpublished=include_unpublished)


def hsds_export(directory: Path, *, include_unpublished: bool = False) -> dict[str, int]:
    """Write the datapackage into a folder; returns the number of rows per table."""
    tables = hsds_tables(services_for_hsds(include_unpublished=include_unpublished))
    files = _files(tables, include_unpublished=include_unpublished)
    package_write(directory, files)
    return {name: len(tables.get(name, [])) for name in hsds_spec().tables}


def hsds_export_zip(*, include_unpublished: bool = False) -> bytes:
    return package_zip(hsds_files(include_unpublished=include_unpublished))
