"""The HSDS export of places: the location, address and accessibility tables."""

from __future__ import annotations

from praeventionsnetz.offers.hsds.export_rows import HsdsRows
from praeventionsnetz.offers.hsds.vocabulary import STATES, hsds_id, without_empty
from praeventionsnetz.offers.models import Location


def location_rows(rows: HsdsRows, location: Location) -> None:
    """The rows of a location: location, address, accessibility, attribute."""
    location_id = hsds_id("location", location.pk)
    rows.add(
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
        rows.add(
            "address",
            {
                "id": hsds_id("address", location.pk),
                "location_id": location_id,
                "address_1": location.street,
                "city": location.town,
                # Required by HSDS: the city's federal state where known, else the town.
                "state_province": STATES.get(
                    rows.city_codes.get(location.organisation_id, ""), location.town
                ),
                "postal_code": location.postcode,
                "country": "DE",
                "address_type": "physical",
            },
        )
    if location.accessibility:
        rows.add(
            "accessibility",
            {
                "id": hsds_id("accessibility", location.pk),
                "location_id": location_id,
                "description": location.accessibility,
            },
        )
    skip = frozenset({"street", "postcode", "town"}) if complete else frozenset()
    rows.own_fields("location", location_id, location, skip)
