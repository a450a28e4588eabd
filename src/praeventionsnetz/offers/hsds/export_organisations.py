"""The HSDS export of organisations: the organization and organization_identifier tables."""

from __future__ import annotations

from django.db.models import Prefetch

from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers.hsds.export_rows import HsdsRows
from praeventionsnetz.offers.hsds.vocabulary import (
    areas_for_refs,
    german,
    hsds_id,
    without_empty,
)


def organisations_for_hsds(ids: set[int], *, with_providers: bool) -> list[Organisation]:
    """These organisations, and with ``with_providers`` their providers up the chain."""
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


def organisation_rows(rows: HsdsRows, org: Organisation) -> None:
    """The rows of an organisation: organization, organization_identifier, attribute."""
    org_id = hsds_id("organization", org.pk)
    rows.city_codes[org.pk] = org.city.code if org.city_id else ""
    rows.add(
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
        rows.add(
            "organization_identifier",
            {
                "id": hsds_id("organization_identifier", org.pk),
                "organization_id": org_id,
                "identifier_type": "external_id",
                "identifier": org.external_id,
            },
        )
    rows.own_fields("organization", org_id, org)
