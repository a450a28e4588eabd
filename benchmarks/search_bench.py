"""The family search on 100,000 offers, on SQLite and on PostgreSQL.

`search_p95_100k_sqlite` and `search_p95_100k_postgresql`: 100,000 synthetic offers of a
city like Dresden (18 offer types from Krabbelgruppe to Schulsozialarbeit, each in several
wordings, with providers, Stadtteile, streets, life phases and languages; 90 % published),
written with bulk_create and indexed with `services_index`. Measured: the 95th percentile of
the latency of `offers_page` over 240 timed calls after a warm-up, 20 rounds of 12 queries:
single words, compounds, misspellings, two words, with age and distance filters; the first
page as /angebote/ shows it: the best 200 offers ranked (201 asked for, to tell "more than
200"), the 20 of the page loaded with their organisation, locations and opening hours.

All three load the same page of PAGE (20) offers with organisation, locations and opening
hours, so they do the same work. Baseline: a plain `icontains` search over the name and
description of published offers (every word in one of them), ordered by name (the offers'
default order), its first page. Peer (the `..._vs_fulltext` line): the database's own
full-text search over the raw name and description doing the same look-up (SQLite FTS5
with unicode61, PostgreSQL's German configuration in a stored weighted tsvector with a GIN
index; both built by this benchmark only), ranked by the engine (bm25, ts_rank), its first
page. The three alternate call by call, rotating which goes first.
`search_recall5_50q` (search_recall.py) is printed first.

Diagnostics on stderr: build and indexing times; p50 and p95 of each search per query;
for the word queries without filters, how many offers each search finds and how many of
the intended ones (the offer types a family means) it misses; and the latency of broad
single words ("Beratung": four in ten offers, "Familie": all), which are not part of
the p95 because their cost grows with the number of hits.

Settings are per process, so each database is measured in a process of its own:
    python benchmarks/search_bench.py              recall, then both databases, two lines each
    python benchmarks/search_bench.py --quick      10,000 offers instead of 100,000
    python benchmarks/search_bench.py --database-url URL --name NAME    one empty database
SQLite uses var/bench_search.sqlite3; PostgreSQL the scratch database praeventionsnetz_bench
on 127.0.0.1:5432 (user postgres), dropped before and after the run (--keep keeps both
for a look at query plans). If PostgreSQL is not reachable, its measurement is skipped with
a note on stderr. SEARCH_BENCH_OFFERS sets the number of offers too. About six minutes on
two cores, most of it writing and indexing the offers.
"""

import argparse
import datetime as dt
import gc
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from benchlib import Result

BENCH_DIR = Path(__file__).resolve().parent
SQLITE_PATH = BENCH_DIR.parent / "var" / "bench_search.sqlite3"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = "praeventionsnetz_bench"
OFFERS = 100_000
QUICK_OFFERS = 10_000
ORGANISATIONS = 2_000
WARMUP_ROUNDS = 2
TIMED_ROUNDS = 20  # × 12 queries = 240 timed calls of each kind
PAGE = 20  # the offers the search page shows at a time (offers.selectors.PER_PAGE)
SEED = 20260601

# Stadtteile of Dresden with their approximate centres (lon, lat).
DISTRICTS = {
    "Altstadt": (13.737, 51.050),
    "Neustadt": (13.752, 51.065),
    "Pieschen": (13.735, 51.079),
    "Trachau": (13.715, 51.087),
    "Mickten": (13.708, 51.078),
    "Klotzsche": (13.777, 51.117),
    "Hellerau": (13.760, 51.113),
    "Loschwitz": (13.820, 51.052),
    "Blasewitz": (13.800, 51.050),
    "Striesen": (13.785, 51.045),
    "Johannstadt": (13.770, 51.052),
    "Gruna": (13.795, 51.033),
    "Leuben": (13.845, 51.013),
    "Laubegast": (13.835, 51.023),
    "Prohlis": (13.800, 50.998),
    "Reick": (13.785, 51.010),
    "Strehlen": (13.770, 51.025),
    "Plauen": (13.715, 51.030),
    "Löbtau": (13.700, 51.045),
    "Cotta": (13.685, 51.058),
    "Gorbitz": (13.660, 51.040),
    "Friedrichstadt": (13.715, 51.057),
    "Südvorstadt": (13.735, 51.030),
    "Weixdorf": (13.800, 51.145),
}
STREETS = (
    "Königsbrücker Straße",
    "Bautzner Straße",
    "Leipziger Straße",
    "Großenhainer Straße",
    "Hauptstraße",
    "Kesselsdorfer Straße",
    "Tharandter Straße",
    "Dohnaer Straße",
    "Stübelallee",
    "Borsbergstraße",
    "Schandauer Straße",
    "Pirnaer Landstraße",
    "Wiener Straße",
    "Chemnitzer Straße",
    "Hamburger Straße",
    "Meißner Landstraße",
    "Alaunstraße",
    "Görlitzer Straße",
    "Rothenburger Straße",
    "Freiberger Straße",
    "Reicker Straße",
    "Gostritzer Straße",
    "Altenberger Straße",
    "Prager Straße",
)
PROVIDERS = (
    "AWO",
    "Diakonie",
    "Caritas",
    "DRK",
    "Volkssolidarität",
    "Kinderschutzbund",
    "Johanniter",
    "Malteser",
    "pro familia",
    "Lebenshilfe",
    "Kindervereinigung",
    "Jugendhilfe",
    "Stadt Dresden",
)

# Offer types: key, names (several wordings), life phases, description sentences.
TYPES = (
    (
        "krabbelgruppe",
        ("Krabbelgruppe", "Krabbeltreff", "Eltern-Kind-Gruppe"),
        ("0-1", "1-3", "parents"),
        (
            "Eltern treffen sich mit ihren Babys und Kleinkindern zum Spielen und Singen.",
            "Wir krabbeln, singen Lieder und tauschen uns über den Alltag mit Kind aus.",
            "Offener Treff für Mütter und Väter mit Kindern bis drei Jahre.",
        ),
    ),
    (
        "erziehungsberatung",
        ("Erziehungsberatung", "Erziehungsberatungsstelle", "Beratung für Erziehung"),
        ("3-6", "6-10", "10-14", "14-18", "parents"),
        (
            "Wir beraten Eltern bei Fragen zur Erziehung und Entwicklung ihrer Kinder.",
            "Vertrauliche und kostenfreie Beratung bei Konflikten in der Familie.",
            "Unterstützung für Familien in schwierigen Lebenslagen und Krisen.",
        ),
    ),
    (
        "familienzentrum",
        ("Familienzentrum", "Familientreff", "Eltern-Kind-Zentrum"),
        ("0-1", "1-3", "3-6", "6-10", "parents"),
        (
            "Ein Ort für die ganze Familie mit Kursen, Beratung und offenem Café.",
            "Nachbarschaftlicher Treffpunkt für Familien im Stadtteil.",
            "Familienbildung, Elternkurse und Ferienangebote unter einem Dach.",
        ),
    ),
    (
        "hebamme",
        ("Hebammensprechstunde", "Hebammenberatung", "Familienhebamme"),
        ("pregnancy", "0-1", "parents"),
        (
            "Hebammen beraten Schwangere und junge Mütter vor und nach der Geburt.",
            "Hilfe beim Stillen, bei der Ernährung und Pflege des Säuglings.",
            "Wochenbettbetreuung und Rückbildung mit erfahrenen Hebammen.",
        ),
    ),
    (
        "schulsozialarbeit",
        ("Schulsozialarbeit", "Sozialarbeit an der Schule", "Schulsozialarbeit Oberschule"),
        ("6-10", "10-14", "14-18"),
        (
            "Ansprechpartner für Schülerinnen und Schüler bei Sorgen und Konflikten.",
            "Beratung für Jugendliche, Eltern und Lehrkräfte direkt an der Schule.",
            "Projekte gegen Mobbing und für ein gutes Klassenklima.",
        ),
    ),
    (
        "kita",
        ("Kindertagesstätte", "Kita", "Kinderkrippe", "Kindergarten", "Hort"),
        ("1-3", "3-6", "6-10"),
        (
            "Ganztägige Betreuung in kleinen Gruppen mit großem Garten.",
            "Unsere Erzieherinnen und Erzieher begleiten Kinder beim Spielen und Lernen.",
            "Betreuung von Kindern ab einem Jahr bis zum Schuleintritt.",
        ),
    ),
    (
        "schwangerschaftsberatung",
        ("Schwangerschaftsberatung", "Schwangerenberatung", "Beratung für Schwangere"),
        ("pregnancy", "parents"),
        (
            "Beratung rund um Schwangerschaft, Geburt und finanzielle Hilfen.",
            "Wir helfen bei Anträgen auf Elterngeld und Mutterschutz.",
            "Anonyme Schwangerschaftskonfliktberatung nach Paragraf 219.",
        ),
    ),
    (
        "jugendtreff",
        ("Jugendtreff", "Jugendclub", "Offener Jugendtreff"),
        ("10-14", "14-18", "18-27"),
        (
            "Freizeit, Sport und Musik für Jugendliche am Nachmittag.",
            "Ein offener Raum zum Chillen, Kickern und Reden.",
            "Unterstützung bei Bewerbungen und der Suche nach einem Ausbildungsplatz.",
        ),
    ),
    (
        "hausaufgabenhilfe",
        ("Hausaufgabenhilfe", "Lernförderung", "Hausaufgabenbetreuung"),
        ("6-10", "10-14"),
        (
            "Ehrenamtliche helfen Schulkindern bei den Hausaufgaben.",
            "Lernen in kleinen Gruppen mit Unterstützung in Mathematik und Deutsch.",
        ),
    ),
    (
        "elterncafe",
        ("Elterncafé", "Elternfrühstück", "Väterfrühstück"),
        ("0-1", "1-3", "parents"),
        (
            "Gemütliches Frühstück für Eltern mit Austausch und Kinderbetreuung.",
            "Väter und Mütter lernen sich kennen und tauschen Erfahrungen aus.",
        ),
    ),
    (
        "schuldnerberatung",
        ("Schuldnerberatung", "Schuldenberatung", "Beratung bei Schulden"),
        ("parents", "18-27"),
        (
            "Hilfe für Familien mit Schulden und finanziellen Sorgen.",
            "Wir erstellen einen Haushaltsplan und verhandeln mit Gläubigern.",
        ),
    ),
    (
        "sprachfoerderung",
        ("Sprachförderung", "Deutschkurs für Mütter", "Sprachcafé"),
        ("3-6", "6-10", "parents"),
        (
            "Deutsch lernen mit Kinderbetreuung während des Kurses.",
            "Spielerische Sprachförderung für Kinder mit Deutsch als Zweitsprache.",
        ),
    ),
    (
        "bewegung",
        ("Babyschwimmen", "Schwimmkurs für Kinder", "Eltern-Kind-Turnen"),
        ("0-1", "1-3", "3-6", "6-10"),
        (
            "Bewegung und Spaß im Wasser für die Kleinsten.",
            "Turnen, Toben und Klettern in der Sporthalle.",
        ),
    ),
    (
        "fruehe_hilfen",
        ("Frühe Hilfen", "Willkommensbesuch für Neugeborene", "Babylotsen"),
        ("pregnancy", "0-1", "1-3", "parents"),
        (
            "Wir besuchen Familien nach der Geburt und informieren über Angebote.",
            "Lotsen begleiten junge Eltern in den ersten Lebensjahren des Kindes.",
        ),
    ),
    (
        "kinderarzt",
        ("Kinderärztliche Sprechstunde", "Kinderarztpraxis", "Kinder- und Jugendarzt"),
        ("0-1", "1-3", "3-6", "6-10", "10-14", "14-18"),
        (
            "Vorsorgeuntersuchungen, Impfungen und Beratung zur Entwicklung.",
            "Sprechstunde für Säuglinge, Kinder und Jugendliche.",
        ),
    ),
    (
        "trennung",
        ("Trennungs- und Scheidungsberatung", "Beratung bei Trennung", "Umgangsberatung"),
        ("parents",),
        (
            "Beratung für Eltern in Trennung und Scheidung zum Wohl der Kinder.",
            "Begleiteter Umgang und Hilfe bei der Regelung des Sorgerechts.",
        ),
    ),
    (
        "suchtberatung",
        (
            "Suchtberatung",
            "Suchtprävention für Jugendliche",
            "Beratung für suchtbelastete Familien",
        ),
        ("14-18", "18-27", "parents"),
        (
            "Beratung bei Alkohol, Drogen und Medienabhängigkeit.",
            "Hilfe für Kinder aus suchtbelasteten Familien.",
        ),
    ),
    (
        "ferien",
        ("Ferienfreizeit", "Ferienprogramm", "Ferienspiele"),
        ("6-10", "10-14"),
        (
            "Ausflüge, Basteln und Spiele in den Sommerferien.",
            "Eine Woche Natur, Zelten und Abenteuer für Schulkinder.",
        ),
    ),
)
GENERIC = (
    "Kostenlos und ohne Anmeldung.",
    "Bitte melden Sie sich vorher telefonisch an.",
    "Die Räume sind barrierefrei erreichbar.",
    "Wir sprechen Deutsch, Englisch und Arabisch.",
    "Dolmetscherinnen können organisiert werden.",
    "Auch am Wochenende geöffnet.",
    "Gefördert durch das Jugendamt.",
)
EXTRA_LANGUAGES = ("en", "ar", "ru", "uk", "tr", "fa", "vi")
ACCESS = ("open", "appointment", "referral")

# Queries families type: words, age of the child, the district distances are measured from
# and the radius in km. Last, the offers a family means by the words, for the recall lines:
# offer types, and where given only some wordings of the name or one district.
QUERIES = (
    ("Krabbelgruppe", None, None, None, ({"krabbelgruppe"}, None, None)),
    ("Erziehungsberatung", None, None, None, ({"erziehungsberatung"}, None, None)),
    ("Hebame", None, None, None, ({"hebamme"}, None, None)),
    ("Erziehungsbertung", None, None, None, ({"erziehungsberatung"}, None, None)),
    ("Kita", 2, None, None, ({"kita"}, None, None)),
    ("Familienzentrum", None, "Prohlis", 3.0, ({"familienzentrum"}, None, None)),
    ("Schulsozialarbeit", 12, None, None, ({"schulsozialarbeit"}, None, None)),
    ("Beratung Trennung", None, None, None, ({"trennung"}, None, None)),
    ("Kindertagesstätte Pieschen", None, None, None, ({"kita"}, None, "Pieschen")),
    ("Sprachförderung", 4, "Gorbitz", 5.0, ({"sprachfoerderung"}, None, None)),
    (
        "Hausaufgabenhilfe",
        None,
        None,
        None,
        ({"hausaufgabenhilfe"}, {"Hausaufgabenhilfe", "Hausaufgabenbetreuung"}, None),
    ),
    ("Babyschwimmen", None, None, None, ({"bewegung"}, {"Babyschwimmen"}, None)),
)


BROAD_WORDS = ("Beratung", "Familie")
BROAD_ROUNDS = 3


def offer_count() -> int:
    return int(os.environ.get("SEARCH_BENCH_OFFERS") or OFFERS)


def build(count: int) -> dict[int, tuple[str, str, str]]:
    """Organisations, locations, offers with opening hours; returns offer id → (offer type,
    wording of the name, district) of the published offers."""
    from praeventionsnetz.network.models import Organisation
    from praeventionsnetz.offers.models import (
        Location,
        Schedule,
        Service,
        ServiceAtLocation,
        Status,
    )

    rng = random.Random(SEED)
    districts = list(DISTRICTS)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"{PROVIDERS[i % len(PROVIDERS)]} {districts[i % len(districts)]} {i}",
            town="Dresden",
        )
        for i in range(ORGANISATIONS)
    )
    locations = []
    for i, organisation in enumerate(organisations):
        lon, lat = DISTRICTS[districts[i % len(districts)]]
        locations.append(
            Location(
                organisation_id=organisation.pk,
                name=organisation.name,
                street=f"{STREETS[i % len(STREETS)]} {i % 90 + 1}",
                town="Dresden",
                lon=lon + rng.gauss(0, 0.008),
                lat=lat + rng.gauss(0, 0.005),
            )
        )
    locations = Location.objects.bulk_create(locations, batch_size=2000)
    statuses = rng.choices(
        [Status.PUBLISHED, Status.DRAFT, Status.REVIEW, Status.INACTIVE],
        weights=[90, 4, 3, 3],
        k=count,
    )
    services, meta, where = [], [], []
    for status in statuses:
        key, names, phases, sentences = rng.choice(TYPES)
        o = rng.randrange(ORGANISATIONS)
        district, street = districts[o % len(districts)], STREETS[o % len(STREETS)]
        wording = rng.choice(names)
        suffix = rng.choice((district, PROVIDERS[o % len(PROVIDERS)], street))
        description = " ".join(
            [
                *rng.sample(sentences, min(2, len(sentences))),
                rng.choice(GENERIC),
                f"Sie finden uns in {district}, {street}.",
            ]
        )
        services.append(
            Service(
                organisation_id=organisations[o].pk,
                name=f"{wording} {suffix}",
                description=description,
                eligibility=f"Für Familien aus {district} und Umgebung.",
                status=status,
                is_free=rng.random() < 0.8,
                languages=["de", *(x for x in EXTRA_LANGUAGES if rng.random() < 0.08)],
                life_phases=list(phases[: rng.randint(1, len(phases))]),
                access=rng.choice(ACCESS),
            )
        )
        meta.append((key, wording, district) if status == Status.PUBLISHED else None)
        where.append(o)
    services = Service.objects.bulk_create(services, batch_size=2000)
    at_locations = ServiceAtLocation.objects.bulk_create(
        (
            ServiceAtLocation(service_id=s.pk, location_id=locations[o].pk)
            for s, o in zip(services, where, strict=True)
        ),
        batch_size=5000,
    )
    Schedule.objects.bulk_create(
        (
            Schedule(
                service_at_location_id=sal.pk,
                weekday=1 + i % 5,
                opens_at=dt.time(8 + i % 4),
                closes_at=dt.time(13 + i % 5),
            )
            for i, sal in enumerate(at_locations)
        ),
        batch_size=5000,
    )
    return {s.pk: m for s, m in zip(services, meta, strict=True) if m is not None}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def baseline(q: str):
    """The plain search: every word in the name or the description of a published offer."""
    from django.db.models import Q

    from praeventionsnetz.offers.selectors import published

    qs = published()
    for word in q.split():
        qs = qs.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return qs


def baseline_search(q: str) -> list:
    return load_page(list(baseline(q).values_list("pk", flat=True)[:PAGE]))


PEER_TABLE = "bench_peer_fts"
PEER_COLUMN = "bench_peer_vector"


def peer_create() -> None:
    """The plain full-text search of the database over the offers' raw name and
    description: SQLite FTS5 (unicode61, diacritics removed) and PostgreSQL's German
    configuration in a stored, weighted tsvector with a GIN index. Bench database only."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"ALTER TABLE offers_service ADD COLUMN {PEER_COLUMN} tsvector GENERATED ALWAYS "
                "AS (setweight(to_tsvector('german', coalesce(name, '')), 'A') || "
                "setweight(to_tsvector('german', coalesce(description, '')), 'B')) STORED"
            )
            cursor.execute(
                f"CREATE INDEX bench_peer_gin ON offers_service USING gin ({PEER_COLUMN})"
            )
        else:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {PEER_TABLE} USING fts5(name, description, "
                "content='offers_service', content_rowid='id', "
                "tokenize='unicode61 remove_diacritics 2')"
            )
            cursor.execute(f"INSERT INTO {PEER_TABLE}({PEER_TABLE}) VALUES ('rebuild')")


def peer_ids(q: str, limit: int | None = PAGE) -> list[int]:
    """The peer's look-up: every word, ranked by the engine (bm25, ts_rank), name first."""
    from django.db import connection

    words = q.split()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = (
                f"SELECT id FROM offers_service WHERE {PEER_COLUMN} @@ "
                "plainto_tsquery('german', %s) AND status = 'published' ORDER BY "
                f"ts_rank({PEER_COLUMN}, plainto_tsquery('german', %s)) DESC, name, id"
            )
            params: list = [q, q]
        else:
            sql = (
                f"SELECT s.id FROM {PEER_TABLE} f JOIN offers_service s ON s.id = f.rowid "
                f"WHERE {PEER_TABLE} MATCH %s AND s.status = 'published' "
                f"ORDER BY bm25({PEER_TABLE}, 1.5, 1.0), s.name, s.id"
            )
            params = [" ".join('"' + w.replace('"', "") + '"' for w in words)]
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def load_page(ids: list[int]) -> list:
    """The offers of a page as offers_search loads them."""
    from django.db.models import Prefetch

    from praeventionsnetz.offers.models import Service, ServiceAtLocation

    services = (
        Service.objects.select_related("organisation")
        .prefetch_related(
            Prefetch(
                "at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "schedules"
                ),
            )
        )
        .in_bulk(ids)
    )
    return [services[pk] for pk in ids]


def peer_search(q: str) -> list:
    return load_page(peer_ids(q))


def our_search(q: str, age, district, radius) -> list:
    from praeventionsnetz.offers.selectors.search import offers_page

    near = DISTRICTS[district] if district else None
    return offers_page(q=q, age=age, near=near, radius_km=radius, per_page=PAGE).hits


def ms(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def report_recall(published: dict[int, tuple[str, str, str]]) -> None:
    """Per word query: offers each search finds, and intended offers each misses."""
    from praeventionsnetz.offers.selectors import offers_ranked

    for q, age, district, _radius, (kinds, wordings, in_district) in QUERIES:
        if age is not None or district is not None:
            continue  # the baseline has no filters
        ours = {row.service_id for row in offers_ranked(q=q, limit=None)}
        plain = set(baseline(q).values_list("pk", flat=True))
        peer = set(peer_ids(q, limit=None))
        intended = {
            pk
            for pk, (kind, wording, where) in published.items()
            if kind in kinds
            and (wordings is None or wording in wordings)
            and (in_district is None or where == in_district)
        }
        log(
            f"  {q!r}: ours finds {len(ours):,} and misses {len(intended - ours):,} of the "
            f"{len(intended):,} intended; icontains finds {len(plain):,} and misses "
            f"{len(intended - plain):,}; full text finds {len(peer):,} and misses "
            f"{len(intended - peer):,}"
        )


def measure(name: str) -> list[Result]:
    """Build, index and time both searches in this process (Django is set up)."""
    from django.core.management import call_command
    from django.db import connection

    from praeventionsnetz.offers.models import Service
    from praeventionsnetz.offers.selectors import offers_ranked
    from praeventionsnetz.offers.services import services_index

    count = offer_count()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    published = build(count)
    built = time.perf_counter()
    terms = services_index(Service.objects.all())
    indexed = time.perf_counter()
    log(
        f"{name}: {count:,} offers written in {built - started:.0f} s (with migrations), "
        f"indexed in {indexed - built:.0f} s ({terms:,} search terms)"
    )
    peer_create()
    log(f"{name}: plain full-text index built in {time.perf_counter() - indexed:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load
    # The build's objects are no garbage of the searches: out of the collector's way.
    gc.collect()
    gc.freeze()
    for _ in range(WARMUP_ROUNDS):
        for q, age, district, radius, _intended in QUERIES:
            our_search(q, age, district, radius)
            baseline_search(q)
            peer_search(q)
    load = os.getloadavg()[0]
    ours: dict[str, list[float]] = {q: [] for q, *_ in QUERIES}
    plain: dict[str, list[float]] = {q: [] for q, *_ in QUERIES}
    peer: dict[str, list[float]] = {q: [] for q, *_ in QUERIES}
    for round_ in range(TIMED_ROUNDS):
        for q, age, district, radius, _intended in QUERIES:
            # Rotate which search goes first, so all see the same cache state.
            calls = [
                lambda q=q, a=age, d=district, r=radius: ours[q].append(ms(our_search, q, a, d, r)),
                lambda q=q: plain[q].append(ms(baseline_search, q)),
                lambda q=q: peer[q].append(ms(peer_search, q)),
            ]
            shift = round_ % 3
            for call in calls[shift:] + calls[:shift]:
                call()
    all_ours = [v for values in ours.values() for v in values]
    all_plain = [v for values in plain.values() for v in values]
    all_peer = [v for values in peer.values() for v in values]
    log(
        f"{name}: p50 {statistics.median(all_ours):.1f} ms, icontains p50 "
        f"{statistics.median(all_plain):.1f} ms, full text p50 {statistics.median(all_peer):.1f}"
        f" ms; p95 {p95(all_ours):.1f}, {p95(all_plain):.1f} and {p95(all_peer):.1f} ms; "
        f"{len(all_ours)} timed calls each, load average {load:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after on {os.cpu_count()} cores"
    )
    for q in ours:
        log(
            f"  {q!r}: p50 {statistics.median(ours[q]):.1f} ms, p95 {p95(ours[q]):.1f} ms; "
            f"icontains p50 {statistics.median(plain[q]):.1f} ms, p95 {p95(plain[q]):.1f} ms; "
            f"full text p50 {statistics.median(peer[q]):.1f} ms, p95 {p95(peer[q]):.1f} ms"
        )
    report_recall(published)
    for word in BROAD_WORDS:
        found = len(offers_ranked(q=word, limit=None))
        timed = [ms(our_search, word, None, None, None) for _ in range(BROAD_ROUNDS)]
        plain_timed = [ms(baseline_search, word) for _ in range(BROAD_ROUNDS)]
        peer_timed = [ms(peer_search, word) for _ in range(BROAD_ROUNDS)]
        log(
            f"  broad {word!r} ({found:,} offers, not in the p95): p50 "
            f"{statistics.median(timed):.1f} ms, icontains p50 "
            f"{statistics.median(plain_timed):.1f} ms, full text p50 "
            f"{statistics.median(peer_timed):.1f} ms"
        )
    return [
        Result(name, p95(all_ours), "ms", p95(all_plain)),
        Result(f"{name}_vs_fulltext", p95(all_ours), "ms", p95(all_peer)),
    ]


def bench_name(vendor: str) -> str:
    return f"search_p95_{offer_count() // 1000}k_{vendor}"


def run_in_subprocess(name: str, database_url: str) -> list[Result]:
    """Run `measure` in a fresh process on DATABASE_URL; its diagnostics pass through."""
    completed = subprocess.run(
        [sys.executable, __file__, "--database-url", database_url, "--name", name],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("BENCH ")]
    if completed.returncode != 0 or not lines:
        sys.exit(f"{name}: the benchmark process failed (exit code {completed.returncode})")
    results = []
    for line in lines:
        _, result_name, value, unit, baseline, _ratio = line.split()
        results.append(
            Result(result_name, float(value), unit, float(baseline.removeprefix("baseline=")))
        )
    return results


def keep_databases() -> bool:
    return bool(os.environ.get("SEARCH_BENCH_KEEP"))


def search_p95_100k_sqlite(client=None) -> list[Result]:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    SQLITE_PATH.unlink(missing_ok=True)
    try:
        return run_in_subprocess(bench_name("sqlite"), f"sqlite:///{SQLITE_PATH}")
    finally:
        if not keep_databases():
            SQLITE_PATH.unlink(missing_ok=True)


def search_p95_100k_postgresql(client=None) -> list[Result] | None:
    """None (and a note on stderr) if the local PostgreSQL server is not reachable."""
    import psycopg

    name = bench_name("postgresql")
    try:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}")
            conn.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0]
        print(f"{name}: skipped, PostgreSQL is not reachable ({reason})", file=sys.stderr)
        return None
    try:
        return run_in_subprocess(name, f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}")
    finally:
        if not keep_databases():
            with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}")


def _with_offers(count: int, benchmark):
    """The benchmark run at another number of offers (SEARCH_BENCH_OFFERS, restored)."""
    before = os.environ.get("SEARCH_BENCH_OFFERS")
    os.environ["SEARCH_BENCH_OFFERS"] = str(count)
    try:
        return benchmark()
    finally:
        if before is None:
            os.environ.pop("SEARCH_BENCH_OFFERS", None)
        else:
            os.environ["SEARCH_BENCH_OFFERS"] = before


def search_p95_10k_sqlite(client=None) -> list[Result]:
    return _with_offers(QUICK_OFFERS, search_p95_100k_sqlite)


def search_p95_10k_postgresql(client=None) -> list[Result] | None:
    return _with_offers(QUICK_OFFERS, search_p95_100k_postgresql)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_OFFERS:,} offers")
    parser.add_argument("--offers", type=int, help=f"number of offers (default {OFFERS:,})")
    parser.add_argument("--database-url", help="measure on this (empty) database only")
    parser.add_argument("--name", help="name of the result line (with --database-url)")
    parser.add_argument(
        "--keep", action="store_true", help="keep both databases afterwards, e.g. for EXPLAIN"
    )
    args = parser.parse_args()
    if args.keep:
        os.environ["SEARCH_BENCH_KEEP"] = "1"
    if args.quick or args.offers:
        os.environ["SEARCH_BENCH_OFFERS"] = str(args.offers or QUICK_OFFERS)
    started = time.perf_counter()
    # run.py is not the main module here, so importing it loads it once.
    from run import configure_environment, format_result

    if args.database_url:
        os.environ["BENCH_DATABASE_URL"] = args.database_url
        configure_environment()
        import django

        django.setup()
        for result in measure(args.name or "search"):
            print(format_result(result), flush=True)
        return 0
    from search_recall import search_recall5

    print(format_result(search_recall5()), flush=True)
    for benchmark in (search_p95_100k_sqlite, search_p95_100k_postgresql):
        for result in benchmark() or ():
            print(format_result(result), flush=True)
    print(f"Search benchmarks done in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
