"""Published offers as Open Referral HSDS 3.0 service objects (the HSDS API's /services).

Only published offers leave here; the objects are built by ``offers.hsds`` from the same
rows as the datapackage export and are valid against HSDS's ``schema/service.json``. The
schemas below document the part of HSDS that we fill; absent values are left out, never
sent as null, because HSDS types them as plain strings and numbers.
"""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from praeventionsnetz.api.areas import NotFoundOut, ValidationErrorOut
from praeventionsnetz.offers.hsds.export import services_for_hsds
from praeventionsnetz.offers.hsds.objects import hsds_service_objects, published_service_for_hsds_id

router = Router(tags=["hsds"])


class HsdsQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    per_page: int = Field(50, ge=1, le=200, description="Services per page.")
    full: bool = Field(
        False, description="Fully nested services; otherwise one-to-one fields and organization."
    )


class TaxonomyOut(Schema):
    id: str
    name: str
    description: str


class TaxonomyTermOut(Schema):
    id: str
    code: str | None = None
    name: str
    description: str
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    language: str | None = None
    taxonomy_detail: TaxonomyOut | None = None


class AttributeOut(Schema):
    id: str
    link_id: str
    taxonomy_term_id: str
    link_entity: str
    value: str | None = None
    taxonomy_term: TaxonomyTermOut | None = None


class IdentifierOut(Schema):
    id: str
    organization_id: str
    identifier_type: str
    identifier: str


class OrganizationOut(Schema):
    id: str
    name: str
    description: str
    parent_organization_id: str | None = None
    organization_identifiers: list[IdentifierOut] | None = None
    attributes: list[AttributeOut] | None = None


class AddressOut(Schema):
    id: str
    location_id: str
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str
    address_type: str


class AccessibilityOut(Schema):
    id: str
    location_id: str
    description: str


class LocationOut(Schema):
    id: str
    location_type: str
    organization_id: str | None = None
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[AddressOut]
    accessibility: list[AccessibilityOut]
    attributes: list[AttributeOut]


class ScheduleOut(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    service_at_location_id: str | None = None
    freq: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    notes: str | None = None


class ServiceAtLocationOut(Schema):
    id: str
    service_id: str
    location_id: str
    schedules: list[ScheduleOut]
    location: LocationOut


class PhoneOut(Schema):
    id: str
    service_id: str | None = None
    contact_id: str | None = None
    number: str


class ContactOut(Schema):
    id: str
    service_id: str | None = None
    title: str | None = None
    email: str | None = None
    phones: list[PhoneOut]


class LanguageOut(Schema):
    id: str
    service_id: str
    name: str | None = None
    code: str | None = None


class CostOptionOut(Schema):
    id: str
    service_id: str
    option: str | None = None
    currency: str | None = None
    amount: float | None = None


class ServiceAreaOut(Schema):
    id: str
    service_id: str
    name: str | None = None
    uri: str | None = None


class ServiceOut(Schema):
    id: str
    organization_id: str
    name: str
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str
    application_process: str | None = None
    fees_description: str | None = None
    eligibility_description: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: str | None = None
    last_modified: str | None = None
    organization: OrganizationOut
    phones: list[PhoneOut] | None = None
    schedules: list[ScheduleOut] | None = None
    service_areas: list[ServiceAreaOut] | None = None
    service_at_locations: list[ServiceAtLocationOut] | None = None
    languages: list[LanguageOut] | None = None
    cost_options: list[CostOptionOut] | None = None
    contacts: list[ContactOut] | None = None
    attributes: list[AttributeOut] | None = None


class ServicePage(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[ServiceOut]


@router.get(
    "/services",
    response={200: ServicePage, 422: ValidationErrorOut},
    exclude_none=True,
    summary="Published offers as HSDS 3.0 services, page by page",
)
def hsds_service_list(request: HttpRequest, query: Query[HsdsQuery]) -> dict[str, Any]:
    services = services_for_hsds()
    total = services.count()
    start = (query.page - 1) * query.per_page
    page = list(services[start : start + query.per_page])
    pages = max(1, math.ceil(total / query.per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": query.page,
        "size": len(page),
        "first_page": query.page == 1,
        "last_page": query.page >= pages,
        "empty": not page,
        "contents": hsds_service_objects(page, full=query.full),
    }


@router.get(
    "/services/{service_id}",
    response={200: ServiceOut, 404: NotFoundOut, 422: ValidationErrorOut},
    exclude_none=True,
    summary="One published offer as a fully nested HSDS 3.0 service",
)
def hsds_service_detail(request: HttpRequest, service_id: str):
    service = published_service_for_hsds_id(service_id)
    if service is None:
        return Status(
            404, {"detail": "Dieses Angebot gibt es nicht oder ist nicht veröffentlicht."}
        )
    return hsds_service_objects([service])[0]
