"""The offer directory as HSDS tables and as a datapackage (folder or zip)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from praeventionsnetz.offers.hsds.export_organisations import (
    organisation_rows,
    organisations_for_hsds,
)
from praeventionsnetz.offers.hsds.export_places import location_rows
from praeventionsnetz.offers.hsds.export_rows import HsdsRows, topic_rows
from praeventionsnetz.offers.hsds.export_services import service_rows
from praeventionsnetz.offers.hsds.files import package_files, package_write, package_zip
from praeventionsnetz.offers.hsds.vocabulary import areas_for_refs, hsds_spec
from praeventionsnetz.offers.models import Service, ServiceAtLocation, Status, Topic


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


def hsds_tables(
    services: Iterable[Service], *, with_providers: bool = True, all_topics: bool = True
) -> dict[str, list[dict[str, Any]]]:
    """The HSDS rows (table → records) of these offers, their organisations and locations."""
    services = list(services)
    tables = HsdsRows()
    locations = {at.location for s in services for at in s.at_locations.all()}
    org_ids = {s.organisation_id for s in services} | {loc.organisation_id for loc in locations}
    for org in organisations_for_hsds(org_ids, with_providers=with_providers):
        organisation_rows(tables, org)
    for location in sorted(locations, key=lambda loc: loc.pk):
        location_rows(tables, location)
    for service in services:
        service_rows(tables, service)
    if all_topics:
        # The whole small vocabulary, so that unused topics survive a round trip too.
        for topic in Topic.objects.all():
            topic_rows(tables, topic)
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
