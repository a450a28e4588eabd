"""The network map page with 2,000 organisations and about 8,000 reported ties.

A synthetic city "netzstadt" with one survey wave; the page computes all metrics, lays the
network out, draws the SVG and lists the ties. Baseline: the trivial `/health/` view, as for
the other page benchmarks.
"""

import datetime as dt
import secrets

import numpy as np
from benchlib import Result, compare_with_baseline

ORGANISATIONS = 2000
TIES = 8000
ROUNDS = 7


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
        area=city, name="Bench", started_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 2, 1)
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


def network_page_2000(client) -> Result:
    from praeventionsnetz.core.models import User

    wave = _build()
    client.force_login(User.objects.get(username="planung"))
    try:
        return compare_with_baseline(
            client,
            "network_page_2000",
            f"/netzwerk/?stadt=netzstadt&welle={wave}",
            rounds=ROUNDS,
            max_queries=40,
        )
    finally:
        client.logout()
