"""The demo network: Berlin's real Kitas with their operators, and an invented network of
organisations in Dresden (marked as demo data) with two survey waves."""

from __future__ import annotations

import csv
import datetime as dt
import re
import secrets
from collections import defaultdict

import numpy as np
import shapely
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from praeventionsnetz.areas import geo
from praeventionsnetz.areas.demo import data_dir
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.network import dedup
from praeventionsnetz.network.models import (
    Frequency,
    Organisation,
    OrgKind,
    OrgLevel,
    Sector,
    SurveyInvitation,
    SurveyWave,
    Tie,
    TieKind,
    TieSource,
)
from praeventionsnetz.network.services import organisations_locate

KITA_SOURCE = (
    "Senatsverwaltung für Bildung, Jugend und Familie Berlin, Kitas in Berlin, 2026-07 "
    "(CC BY 3.0 DE)"
)


@transaction.atomic
def load_berlin_kitas() -> int:
    """2,893 Kitas and their 1,176 operators, with the vertical facility → provider ties."""
    berlin = Area.objects.current().cities().filter(code="berlin").first()
    if berlin is None or Organisation.objects.filter(city=berlin, kind=OrgKind.KITA).exists():
        return 0
    path = data_dir() / "berlin_kitas" / "berlin-daycare-centers-2026-07-details.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    providers = {}
    for row in rows:
        providers.setdefault(row["sponsor_id"], row["sponsor_name"])
    provider_objs = bulk_create_with_history(
        [
            Organisation(
                name=name,
                kind=OrgKind.PROVIDER,
                sector=Sector.YOUTH_WELFARE,
                level=OrgLevel.PROVIDER,
                legal_basis="§§ 22–24 SGB VIII",
                city=berlin,
                external_id=f"traeger-{sid}",
                source=KITA_SOURCE,
            )
            for sid, name in providers.items()
        ],
        Organisation,
        batch_size=2000,
        default_change_reason="demo",
    )
    by_sponsor = dict(zip(providers, provider_objs, strict=True))
    kitas = bulk_create_with_history(
        [
            Organisation(
                name=row["name"],
                kind=OrgKind.KITA,
                sector=Sector.YOUTH_WELFARE,
                level=OrgLevel.FACILITY,
                legal_basis="§ 22 SGB VIII",
                provider=by_sponsor[row["sponsor_id"]],
                street=row["street"],
                postcode=row["zip_code"],
                town="Berlin",
                lon=float(row["lon"]),
                lat=float(row["lat"]),
                city=berlin,
                external_id=row["id"],
                source=KITA_SOURCE,
            )
            for row in rows
        ],
        Organisation,
        batch_size=2000,
        default_change_reason="demo",
    )
    Tie.objects.bulk_create(
        [
            Tie(reporter=k, partner=k.provider, kind=TieKind.PROVIDER, source=TieSource.REGISTRY)
            for k in kitas
        ],
        batch_size=5000,
    )
    organisations_locate(kitas, berlin)
    return len(kitas) + len(provider_objs)


# --- Dresden: invented network ----------------------------------------------------------

DRESDEN_KINDS = [
    # kind, sector, level, legal basis, name pattern, count per Stadtraum
    (OrgKind.KITA, Sector.YOUTH_WELFARE, OrgLevel.FACILITY, "§ 22 SGB VIII", "Kita {n}", 4),
    (OrgKind.SCHOOL, Sector.SCHOOL, OrgLevel.FACILITY, "SächsSchulG", "Grundschule {n}", 2),
    (OrgKind.SCHOOL, Sector.SCHOOL, OrgLevel.FACILITY, "SächsSchulG", "Oberschule {n}", 1),
    (
        OrgKind.SCHOOL_SOCIAL_WORK,
        Sector.YOUTH_WELFARE,
        OrgLevel.FACILITY,
        "§ 13a SGB VIII",
        "Schulsozialarbeit {n}",
        2,
    ),
    (
        OrgKind.YOUTH_CLUB,
        Sector.YOUTH_WELFARE,
        OrgLevel.FACILITY,
        "§ 11 SGB VIII",
        "Jugendtreff {n}",
        2,
    ),
    (OrgKind.AFTER_SCHOOL, Sector.YOUTH_WELFARE, OrgLevel.FACILITY, "§ 22 SGB VIII", "Hort {n}", 1),
    (
        OrgKind.COUNSELLING,
        Sector.YOUTH_WELFARE,
        OrgLevel.FACILITY,
        "§ 28 SGB VIII",
        "Erziehungsberatung {n}",
        1,
    ),
    (
        OrgKind.FAMILY_CENTRE,
        Sector.YOUTH_WELFARE,
        OrgLevel.FACILITY,
        "§ 16 SGB VIII",
        "Familienzentrum {n}",
        1,
    ),
    (OrgKind.MEDICAL, Sector.HEALTH, OrgLevel.FACILITY, "SGB V", "Kinderarztpraxis {n}", 2),
    (OrgKind.ASSOCIATION, Sector.CIVIL_SOCIETY, OrgLevel.FACILITY, "", "Stadtteilverein {n}", 1),
    (OrgKind.ASSOCIATION, Sector.CIVIL_SOCIETY, OrgLevel.FACILITY, "", "Kirchgemeinde {n}", 1),
]
DRESDEN_CITY_WIDE = [
    ("ASD Sozialraum Nord", OrgKind.ASD, Sector.ADMINISTRATION, OrgLevel.DISTRICT, "SGB VIII"),
    ("ASD Sozialraum Süd", OrgKind.ASD, Sector.ADMINISTRATION, OrgLevel.DISTRICT, "SGB VIII"),
    (
        "Gesundheitsamt, Kinder- und Jugendärztlicher Dienst",
        OrgKind.HEALTH_OFFICE,
        Sector.HEALTH,
        OrgLevel.CITY,
        "SächsGDG",
    ),
    ("Jobcenter Dresden", OrgKind.JOBCENTER, Sector.EMPLOYMENT, OrgLevel.CITY, "SGB II"),
    (
        "Jugendamt, Jugendhilfeplanung",
        OrgKind.ADMINISTRATION,
        Sector.ADMINISTRATION,
        OrgLevel.CITY,
        "§ 80 SGB VIII",
    ),
    (
        "Landesamt für Schule und Bildung",
        OrgKind.ADMINISTRATION,
        Sector.SCHOOL,
        OrgLevel.STATE,
        "SächsSchulG",
    ),
    (
        "Agentur für Arbeit, Berufsberatung",
        OrgKind.ADMINISTRATION,
        Sector.EMPLOYMENT,
        OrgLevel.CITY,
        "SGB III",
    ),
    (
        "Frühe Hilfen Koordinierungsstelle",
        OrgKind.ADMINISTRATION,
        Sector.HEALTH,
        OrgLevel.CITY,
        "KKG",
    ),
]
PROVIDERS = [
    "Stadtmission (Demodaten)",
    "Kinderland gGmbH (Demodaten)",
    "Outlaw gGmbH (Demodaten)",
    "Eigenbetrieb Kindertageseinrichtungen (Demodaten)",
]


def _demo_contact(name: str, number: int) -> dict[str, str]:
    """An invented office e-mail (on example.org, which delivers nowhere) and phone number
    (the 555 range of Dresden's area code is not given out) for a demo organisation."""
    slug = re.sub(r"[^a-z0-9]+", "-", dedup.normalise(name.replace("(Demodaten)", ""))).strip("-")
    return {"email": f"{slug}@example.org", "phone": f"0351 555{number:04d}"}


def _points_in(shape, count: int, rng: np.random.Generator) -> list[tuple[float, float]]:
    minx, miny, maxx, maxy = shape.bounds
    points: list[tuple[float, float]] = []
    while len(points) < count:
        xs = rng.uniform(minx, maxx, count * 4)
        ys = rng.uniform(miny, maxy, count * 4)
        inside = shapely.contains_xy(shape, xs, ys)
        points.extend(zip(xs[inside].tolist(), ys[inside].tolist(), strict=True))
    return points[:count]


@transaction.atomic
def load_dresden_network(seed: int = 2026) -> int:
    dresden = Area.objects.current().cities().filter(code="dresden").first()
    if (
        dresden is None
        or Organisation.objects.filter(city=dresden, is_demo=True, kind=OrgKind.KITA).exists()
    ):
        return 0
    rng = np.random.default_rng(seed)
    raeume = list(
        Area.objects.current().filter(city=dresden, level=Level.STADTRAUM).order_by("code")
    )
    providers = [
        Organisation.objects.create(
            name=name,
            kind=OrgKind.PROVIDER,
            sector=Sector.YOUTH_WELFARE,
            level=OrgLevel.PROVIDER,
            city=dresden,
            is_demo=True,
            source="Demodaten",
        )
        for name in PROVIDERS
    ]
    organisations = list(providers)
    home: dict[int, Area] = {}
    for raum in raeume:
        shape = geo.parse_area_geometry(raum.geometry)
        short = raum.name.split(",")[0].replace("Stadtbezirk ", "")
        for kind, sector, level, basis, pattern, count in DRESDEN_KINDS:
            for n, (lon, lat) in enumerate(_points_in(shape, count, rng), start=1):
                name = f"{pattern.format(n=n)} {short} (Demodaten)"
                org = Organisation.objects.create(
                    name=name,
                    **_demo_contact(name, len(organisations)),
                    kind=kind,
                    sector=sector,
                    level=level,
                    legal_basis=basis,
                    lon=lon,
                    lat=lat,
                    city=dresden,
                    is_demo=True,
                    source="Demodaten",
                    provider=providers[int(rng.integers(len(providers)))]
                    if sector == Sector.YOUTH_WELFARE
                    else None,
                )
                org.areas_served.add(raum)
                organisations.append(org)
                home[org.pk] = raum
    for name, kind, sector, level, basis in DRESDEN_CITY_WIDE:
        org = Organisation.objects.create(
            name=f"{name} (Demodaten)",
            **_demo_contact(name, len(organisations)),
            kind=kind,
            sector=sector,
            level=level,
            legal_basis=basis,
            city=dresden,
            is_demo=True,
            source="Demodaten",
        )
        org.areas_served.add(dresden)
        organisations.append(org)
    family_centre = Organisation.objects.filter(
        name="Kinder- und Familienzentrum Gorbitz (Demodaten)"
    ).first()
    if family_centre:
        family_centre.kind, family_centre.sector = OrgKind.FAMILY_CENTRE, Sector.YOUTH_WELFARE
        family_centre.city, family_centre.is_demo = dresden, True
        gorbitz = next(r for r in raeume if r.code == "16")
        if family_centre.lon is None:
            # A point in Gorbitz (its own random stream: the other draws stay as they were),
            # so that its offers have an address and a map point like every other.
            point = _points_in(
                geo.parse_area_geometry(gorbitz.geometry), 1, np.random.default_rng(seed + 16)
            )
            family_centre.lon, family_centre.lat = point[0]
            for field, value in _demo_contact(family_centre.name, len(organisations)).items():
                setattr(family_centre, field, getattr(family_centre, field) or value)
        family_centre.save()
        family_centre.areas_served.add(gorbitz)
        home[family_centre.pk] = gorbitz
        organisations.append(family_centre)
    organisations_locate(organisations, dresden)
    _demo_waves(dresden, organisations, home, rng)
    return len(organisations)


def _demo_waves(dresden, organisations, home, rng) -> None:
    """Wave 1: ties mostly within sectors (silos). Wave 2: more cross-sector ties in the
    two coordinated Stadträume (04 Pieschen, 16 Gorbitz), as a network that improves."""
    by_raum: dict[int, list[Organisation]] = defaultdict(list)
    for org in organisations:
        if org.pk in home:
            by_raum[home[org.pk].pk].append(org)
    city_wide = [o for o in organisations if o.pk not in home and o.level != OrgLevel.PROVIDER]
    kinds = [TieKind.INFORMATION, TieKind.CASE, TieKind.REFERRAL, TieKind.JOINT_OFFER]
    frequencies = [f.value for f in Frequency]
    today = timezone.localdate()
    for number, (start, close, cross) in enumerate(
        [
            (dt.date(2025, 3, 1), dt.date(2025, 4, 30), 0.12),
            (dt.date(2026, 3, 1), dt.date(2026, 4, 30), 0.45),
        ],
        start=1,
    ):
        wave = SurveyWave.objects.create(
            area=dresden,
            name=f"Netzwerkbefragung {start.year} (Demodaten)",
            started_on=start,
            closes_on=close,
            is_demo=True,
            closed_at=timezone.make_aware(dt.datetime.combine(close, dt.time(18))),
        )
        invitations = SurveyInvitation.objects.bulk_create(
            [
                SurveyInvitation(
                    wave=wave,
                    organisation=o,
                    nonce=secrets.token_hex(8),
                    sent_at=timezone.make_aware(dt.datetime.combine(start, dt.time(9))),
                )
                for o in organisations
                if o.level != OrgLevel.PROVIDER
            ]
        )
        answered = []
        ties = []
        for invitation in invitations:
            org = invitation.organisation
            if rng.random() > 0.8:
                continue  # no answer
            answered.append(invitation)
            raum = home.get(org.pk)
            local = by_raum.get(raum.pk, []) if raum else city_wide
            improved = raum is not None and raum.code in {"04", "16"} and number == 2
            share = cross if improved else 0.12
            for _ in range(int(rng.integers(2, 6))):
                same = [o for o in local if o.sector == org.sector and o.pk != org.pk]
                other = [o for o in local + city_wide if o.sector != org.sector]
                pool = other if (rng.random() < share and other) else (same or other)
                if not pool:
                    continue
                partner = pool[int(rng.integers(len(pool)))]
                ties.append(
                    Tie(
                        reporter=org,
                        partner=partner,
                        wave=wave,
                        kind=kinds[int(rng.integers(len(kinds)))],
                        frequency=frequencies[int(rng.integers(len(frequencies)))],
                        trust=int(rng.integers(2, 5)),
                        value=int(rng.integers(2, 5)),
                        source=TieSource.SURVEY,
                        is_demo=True,
                    )
                )
        now = timezone.make_aware(dt.datetime.combine(min(close, today), dt.time(12)))
        for invitation in answered:
            invitation.answered_at = now
        SurveyInvitation.objects.bulk_update(answered, ["answered_at"])
        Tie.objects.bulk_create(ties, ignore_conflicts=True)


def load_network_demo() -> int:
    return load_berlin_kitas() + load_dresden_network()
