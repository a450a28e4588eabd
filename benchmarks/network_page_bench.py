"""The network map page with 2,000 organisations and 8,000 reported ties.

A synthetic city "netzstadt" with one closed survey wave. The first request computes the
measures and the layout and keeps them (network.layouts); every later request reads them,
draws the SVG from the kept positions and lists the ties.

Peer, measured in the same run with requests interleaved: the page's data query alone, the
same selectors the page calls (the wave's ties, its invitations and the organisations'
names, sectors and levels) read into the same frames, without any measure, drawing or
template. The ratio (peer / page) says how much of the page is reading the data.

Lines:
    network_page_2000        median of the page (kept layout) against the data query
    network_page_2000_p95    95th percentile of the same requests, against the query's p95
    network_page_2000_first  the first request, which computes and keeps the layout, against
                             the median data query
Goal (issue 11): the page at most 300 ms server time with the layout kept.
"""

import datetime as dt
import secrets
import statistics
import sys
import time

import numpy as np
from benchlib import Result, count_queries, get_ms

ORGANISATIONS = 2000
TIES = 8000
WARMUP = 3
ROUNDS = 21
MAX_QUERIES = 20


def _build() -> int:
    from praeventionsnetz.areas.models import Area, Level
    from praeventionsnetz.network.models import (
        Organisation,
        OrgLevel,
        Sector,
        SurveyInvitation,
        SurveyWave,
        Tie,
        TieKind,
        TieSource,
    )

    rng = np.random.default_rng(7)
    city = Area.objects.create(code="netzstadt", name="Netzstadt", level=Level.CITY)
    sectors = list(Sector.values)
    levels = list(OrgLevel.values)
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Organisation {i}",
                city=city,
                sector=sectors[int(rng.integers(len(sectors)))],
                level=levels[int(rng.choice(len(levels), p=[0.7, 0.1, 0.1, 0.07, 0.03]))],
            )
            for i in range(ORGANISATIONS)
        ]
    )
    wave = SurveyWave.objects.create(
        area=city,
        name="Bench",
        started_on=dt.date(2026, 1, 1),
        closes_on=dt.date(2026, 2, 1),
        closed_at=dt.datetime(2026, 2, 1, 18, tzinfo=dt.UTC),
    )
    SurveyInvitation.objects.bulk_create(
        [
            SurveyInvitation(wave=wave, organisation=o, nonce=secrets.token_hex(8))
            for o in organisations
        ]
    )
    pairs = set()
    while len(pairs) < TIES:
        a, b = (int(x) for x in rng.integers(ORGANISATIONS, size=2))
        # Most ties stay near in index order, so the network has neighbourhoods.
        b = (a + int(rng.integers(1, 40))) % ORGANISATIONS if rng.random() < 0.8 else b
        if a != b:
            pairs.add((a, b))
    Tie.objects.bulk_create(
        [
            Tie(
                reporter=organisations[a],
                partner=organisations[b],
                kind=TieKind.INFORMATION,
                source=TieSource.SURVEY,
                wave=wave,
            )
            for a, b in pairs
        ],
        batch_size=5000,
    )
    return wave.pk


def data_query_ms(wave_pk: int) -> float:
    """The page's data query alone (see the module docstring), in milliseconds."""
    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.network import selectors
    from praeventionsnetz.network.models import SurveyWave

    started = time.perf_counter()
    city = Area.objects.get(code="netzstadt")
    wave = SurveyWave.objects.get(pk=wave_pk)
    ties = selectors.ties_frame(selectors.network_ties(city=city, wave=wave))
    invited = list(wave.invitations.values_list("organisation_id", "answered_at"))
    ids = set(ties["source"].tolist()) | set(ties["target"].tolist())
    ids |= {str(o) for o, _a in invited}
    selectors.nodes_frame([int(i) for i in ids])
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def network_page_2000(client) -> list[Result]:
    from praeventionsnetz.core.models import User

    wave = _build()
    client.force_login(User.objects.get(username="planung"))
    path = f"/netzwerk/?stadt=netzstadt&welle={wave}"
    try:
        first = get_ms(client, path)
        for _ in range(WARMUP):
            get_ms(client, path)
            data_query_ms(wave)
        queries = count_queries(client, path)
        print(f"network_page_2000: {queries} SQL queries per request", file=sys.stderr)
        if queries >= MAX_QUERIES:
            sys.exit(f"network_page_2000: {queries} SQL queries, expected fewer than {MAX_QUERIES}")
        page, peer = [], []
        for i in range(ROUNDS):
            if i % 2:
                peer.append(data_query_ms(wave))
                page.append(get_ms(client, path))
            else:
                page.append(get_ms(client, path))
                peer.append(data_query_ms(wave))
    finally:
        client.logout()
    return [
        Result("network_page_2000", statistics.median(page), "ms", statistics.median(peer)),
        Result("network_page_2000_p95", p95(page), "ms", p95(peer)),
        Result("network_page_2000_first", first, "ms", statistics.median(peer)),
    ]


if __name__ == "__main__":
    import sys
    import time

    import run

    run.configure_environment()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.test import Client

    from praeventionsnetz.site.demo import load_demo_users

    load_demo_users()
    started = time.perf_counter()
    for result in network_page_2000(Client()):
        print(run.format_result(result), flush=True)
    print(f"done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
