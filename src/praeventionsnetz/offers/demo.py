"""Offers of the demo: Berlin's real Kitas, and invented Dresden offers (marked as demo)
along every life phase and transition, attached to the demo organisations."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.db import transaction

from praeventionsnetz.network.models import Organisation, OrgKind
from praeventionsnetz.offers import demo_contacts
from praeventionsnetz.offers.models import (
    Access,
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

TOPICS = {
    "kinderbetreuung": "Kinderbetreuung",
    "beratung": "Beratung",
    "gesundheit": "Gesundheit",
    "freizeit": "Freizeit und Begegnung",
    "bildung": "Bildung und Lernen",
    "elternbildung": "Eltern und Familie",
    "uebergang": "Übergänge begleiten",
    "arbeit": "Ausbildung und Arbeit",
}

# The demo's schools are all of kind SCHOOL; those named "Oberschule …" are secondary schools.
SECONDARY_SCHOOL = "secondary-school"


def offers_of(organisation: Organisation) -> list[tuple]:
    """The demo offers an organisation makes, by its kind (and for schools, its name)."""
    if organisation.kind == OrgKind.SCHOOL and organisation.name.startswith("Oberschule"):
        return DRESDEN_OFFERS[SECONDARY_SCHOOL]
    return DRESDEN_OFFERS.get(organisation.kind, [])


# kind of organisation → offers it makes: name, description, phases, transitions, topics,
# access, free, languages
DRESDEN_OFFERS = {
    OrgKind.KITA: [
        (
            "Kindertagesstätte",
            "Betreuung, Bildung und Erziehung für Kinder bis zum Schuleintritt.",
            ["1-3", "3-6"],
            [Transition.FAMILY_DAYCARE],
            ["kinderbetreuung"],
            Access.APPOINTMENT,
            False,
            ["de"],
        ),
        (
            "Vorschulgruppe",
            "Spielerische Vorbereitung auf die Schule im letzten Kitajahr.",
            ["3-6"],
            [Transition.DAYCARE_PRIMARY],
            ["uebergang", "bildung"],
            Access.APPOINTMENT,
            True,
            ["de"],
        ),
    ],
    OrgKind.SCHOOL: [
        (
            "Schnuppertag für künftige Schulkinder",
            "Kinder und Eltern lernen die Schule kennen.",
            ["3-6", "6-10"],
            [Transition.DAYCARE_PRIMARY],
            ["uebergang"],
            Access.OPEN,
            True,
            ["de"],
        ),
    ],
    # Secondary schools (the demo's "Oberschule …"): their open day is for the children of
    # the fourth class, so it declares the transition from primary to secondary school.
    SECONDARY_SCHOOL: [
        (
            "Schnuppertag für künftige Fünftklässler",
            "Kinder der vierten Klassen und ihre Eltern lernen die Oberschule kennen.",
            ["6-10", "10-14"],
            [Transition.PRIMARY_SECONDARY],
            ["uebergang"],
            Access.OPEN,
            True,
            ["de"],
        ),
    ],
    OrgKind.SCHOOL_SOCIAL_WORK: [
        (
            "Schulsozialarbeit: offene Sprechstunde",
            "Ansprechpartner bei Sorgen in Schule und Familie, vertraulich.",
            ["6-10", "10-14", "14-18", "parents"],
            [Transition.PRIMARY_SECONDARY],
            ["beratung"],
            Access.OPEN,
            True,
            ["de", "en"],
        ),
    ],
    OrgKind.YOUTH_CLUB: [
        (
            "Offener Jugendtreff",
            "Freizeit, Gespräche und Unterstützung für Jugendliche.",
            ["10-14", "14-18", "18-27"],
            [],
            ["freizeit"],
            Access.OPEN,
            True,
            ["de", "ar", "ru"],
        ),
        (
            "Bewerbungswerkstatt",
            "Hilfe bei Bewerbung und Berufswahl.",
            ["14-18", "18-27"],
            [Transition.SCHOOL_WORK],
            ["arbeit", "uebergang"],
            Access.OPEN,
            True,
            ["de", "en"],
        ),
    ],
    OrgKind.AFTER_SCHOOL: [
        (
            "Hortbetreuung",
            "Betreuung nach dem Unterricht und in den Ferien.",
            ["6-10"],
            [],
            ["kinderbetreuung"],
            Access.APPOINTMENT,
            False,
            ["de"],
        ),
    ],
    OrgKind.COUNSELLING: [
        (
            "Erziehungsberatung",
            "Beratung für Eltern, Kinder und Jugendliche bei Fragen der "
            "Erziehung und in Krisen; kostenlos und vertraulich.",
            ["0-1", "1-3", "3-6", "6-10", "10-14", "14-18", "parents"],
            [],
            ["beratung"],
            Access.APPOINTMENT,
            True,
            ["de", "en", "ar"],
        ),
        (
            "Schwangerschaftsberatung",
            "Beratung rund um Schwangerschaft und Geburt.",
            ["pregnancy"],
            [],
            ["beratung", "gesundheit"],
            Access.APPOINTMENT,
            True,
            ["de", "en", "fa"],
        ),
    ],
    OrgKind.FAMILY_CENTRE: [
        (
            "Krabbelgruppe für Mütter und Väter",
            "Treffen für Eltern mit Babys und Kleinkindern.",
            ["0-1", "1-3", "parents"],
            [Transition.FAMILY_DAYCARE],
            ["elternbildung", "freizeit"],
            Access.OPEN,
            True,
            ["de", "ar", "uk"],
        ),
        (
            "Familiencafé",
            "Offener Treffpunkt mit Beratung aus einer Hand.",
            ["parents", "0-1", "1-3", "3-6"],
            [],
            ["elternbildung", "beratung"],
            Access.OPEN,
            True,
            ["de", "en", "ar", "uk"],
        ),
    ],
    OrgKind.MEDICAL: [
        (
            "Kinderärztliche Sprechstunde",
            "Vorsorgeuntersuchungen und Impfungen.",
            ["0-1", "1-3", "3-6", "6-10", "10-14"],
            [],
            ["gesundheit"],
            Access.APPOINTMENT,
            True,
            ["de", "en"],
        ),
        (
            "Hebammensprechstunde",
            "Begleitung in Schwangerschaft und Wochenbett durch die Hebamme.",
            ["pregnancy", "0-1"],
            [],
            ["gesundheit"],
            Access.APPOINTMENT,
            True,
            ["de"],
        ),
    ],
}


WIDE_KINDS = {OrgKind.COUNSELLING, OrgKind.FAMILY_CENTRE}


def _location(org: Organisation, rng: np.random.Generator) -> Location:
    """The organisation's own place; an invented street address in its Stadtteil when the
    organisation has none."""
    found = Location.objects.filter(organisation=org, name=org.name).first()
    if found is None:
        found = Location.of_organisation(org)
        if not found.street:
            stadtteil = (
                org.located_in.filter(level="stadtteil").values_list("code", flat=True).first()
            )
            found.street, found.postcode = demo_contacts.address(stadtteil, rng)
            found.town = "Dresden" if found.street else found.town
        found.save()
    return found


@transaction.atomic
def load_offers_demo(seed: int = 2026) -> int:
    if Service.objects.exists():
        return 0
    topics = {
        code: Topic.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in TOPICS.items()
    }
    rng = np.random.default_rng(seed)
    contacts = np.random.default_rng(seed + 1)  # its own stream: the other draws stay as they were
    created: list[Service] = []
    # Berlin: the real Kitas as offers for 1–3 and 3–6 years.
    kitas = list(
        Organisation.objects.filter(kind=OrgKind.KITA, city__code="berlin").select_related(
            "provider"
        )
    )
    locations = Location.objects.bulk_create(
        [
            Location(
                organisation=k,
                name=k.name,
                street=k.street,
                postcode=k.postcode,
                town=k.town,
                lon=k.lon,
                lat=k.lat,
            )
            for k in kitas
        ],
        batch_size=2000,
    )
    services = Service.objects.bulk_create(
        [
            Service(
                organisation=k,
                name=k.name,
                status=Status.PUBLISHED,
                description=f"Kindertagesstätte, Träger: {k.provider.name if k.provider else '–'}.",
                life_phases=[LifePhase.AGE_1_3, LifePhase.AGE_3_6],
                transitions=[Transition.FAMILY_DAYCARE],
                access=Access.APPOINTMENT,
                is_free=False,
                languages=["de"],
                legal_basis="§ 22 SGB VIII",
                external_id=k.external_id,
                source=k.source,
                last_verified_on=dt.date(2026, 7, 1),
            )
            for k in kitas
        ],
        batch_size=2000,
    )
    ServiceAtLocation.objects.bulk_create(
        [
            ServiceAtLocation(service=s, location=loc)
            for s, loc in zip(services, locations, strict=True)
        ],
        batch_size=2000,
    )
    Service.topics.through.objects.bulk_create(
        [
            Service.topics.through(service_id=s.pk, topic_id=topics["kinderbetreuung"].pk)
            for s in services
        ],
        batch_size=5000,
    )
    created.extend(services)
    # Dresden: invented offers of the demo organisations.
    for org in Organisation.objects.filter(
        city__code="dresden", is_demo=True, kind__in=list(DRESDEN_OFFERS)
    ):
        location = _location(org, contacts)
        phone = demo_contacts.phone(contacts)
        for name, text, phases, transitions, topic_codes, access, free, languages in offers_of(org):
            service = Service.objects.create(
                organisation=org,
                name=f"{name} – {org.name.replace(' (Demodaten)', '')}",
                description=text,
                status=Status.PUBLISHED,
                life_phases=phases,
                transitions=list(transitions),
                access=access,
                is_free=free,
                languages=languages,
                is_demo=True,
                source="Demodaten",
                contact_role="Leitung",
                contact_phone=phone,
                contact_email=demo_contacts.email(org.name),
                url=demo_contacts.website(org.name),
                last_verified_on=dt.date(2026, 1, 1) - dt.timedelta(days=int(rng.integers(0, 500))),
            )
            service.topics.set([topics[c] for c in topic_codes])
            # Facilities serve their own Stadtteil, so the chain has real holes; counselling
            # and family centres serve their whole Stadtraum.
            local = org.kind not in WIDE_KINDS and org.located_in.filter(level="stadtteil")
            service.areas_served.set(local or org.areas_served.all())
            sal = ServiceAtLocation.objects.create(service=service, location=location)
            for weekday in sorted({int(d) for d in rng.choice(range(1, 6), 3, replace=False)}):
                Schedule.objects.create(
                    service_at_location=sal,
                    weekday=weekday,
                    opens_at=dt.time(9),
                    closes_at=dt.time(16),
                )
            created.append(service)
    services_index(created)
    return len(created)
