"""The HSDS export of offers: the service table and the tables that hang on it."""

from __future__ import annotations

import datetime as dt

from praeventionsnetz.offers.hsds.export_rows import HsdsRows, topic_rows
from praeventionsnetz.offers.hsds.vocabulary import (
    AREA_URN,
    DAYS,
    HSDS_STATUS,
    PHASES,
    TRANSITIONS,
    area_ref,
    german,
    hsds_id,
    language_name,
    phase_term_id,
    transition_term_id,
    without_empty,
)
from praeventionsnetz.offers.models import PHASE_AGES, LifePhase, Service, Transition


def service_rows(rows: HsdsRows, service: Service) -> None:
    """The rows of an offer: service, its terms and attributes, language, cost_option,
    contact, phone, service_area, service_at_location and schedule."""
    sid = hsds_id("service", service.pk)
    ages = [PHASE_AGES[LifePhase(p)] for p in service.life_phases if p in PHASE_AGES]
    rows.add(
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
            assured_date=service.last_verified_on.isoformat() if service.last_verified_on else None,
            last_modified=service.updated_at.astimezone(dt.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
        ),
    )
    rows.own_fields("service", sid, service)
    for phase in service.life_phases:
        term_id = phase_term_id(phase)
        label = german(LifePhase(phase).label) if phase in LifePhase.values else phase
        rows.term(term_id, f"phase:{phase}", label, f"Lebensphase: {label}", PHASES)
        rows.attribute("service", sid, term_id)
    for transition in service.transitions:
        term_id = transition_term_id(transition)
        label = (
            german(Transition(transition).label) if transition in Transition.values else transition
        )
        rows.term(term_id, f"transition:{transition}", label, f"Übergang: {label}", TRANSITIONS)
        rows.attribute("service", sid, term_id)
    for topic in service.topics.all():
        rows.attribute("service", sid, topic_rows(rows, topic))
    for code in dict.fromkeys(service.languages):
        rows.add(
            "language",
            {
                "id": hsds_id("language", f"{sid}:{code}"),
                "service_id": sid,
                "name": language_name(code),
                "code": code,
            },
        )
    rows.add(
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
        rows.add(
            "contact",
            without_empty(
                id=contact_id,
                service_id=sid,
                title=service.contact_role,
                email=service.contact_email,
            ),
        )
    if service.contact_phone:
        rows.add(
            "phone",
            without_empty(
                id=hsds_id("phone", service.pk),
                service_id=sid,
                contact_id=contact_id,
                number=service.contact_phone,
            ),
        )
    for area in service.areas_served.all():
        rows.add(
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
        rows.add(
            "service_at_location",
            {"id": at_id, "service_id": sid, "location_id": location_id},
        )
        for schedule in at.schedules.all():
            rows.add(
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
