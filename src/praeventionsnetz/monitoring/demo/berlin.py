"""Berlin in the demo: the Monitoring Soziale Stadtentwicklung 2013–2019 per planning area."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from praeventionsnetz.areas.demo import data_dir
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.monitoring.demo.catalogue import (
    MSS_INDICATORS,
)
from praeventionsnetz.monitoring.demo.store import Figures, indicators_ensure, observations_upsert

MSS_YEARS = ("2013", "2015", "2017", "2019")


def mss_file(year: str, table: str) -> Path:
    return (
        data_dir()
        / "berlin_mss"
        / f"mss_{year}"
        / f"berlin-lor-monitoring-social-urban-development-{year}-00-{table}.csv"
    )


def load_berlin_mss(city: Area) -> int:
    """The MSS indicator values 2013–2019 on the planning areas, as published."""
    ind = indicators_ensure(MSS_INDICATORS)
    plr = {a.code: a.pk for a in Area.objects.current().filter(city=city, level=Level.PLANUNGSRAUM)}
    figures: dict[str, Figures] = defaultdict(dict)
    for year in MSS_YEARS:
        with mss_file(year, "2-1").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                area = plr.get(row["id"])
                if area is None:
                    continue
                for key in ind:
                    if key in row and row[key] != "":
                        figures[key][(area, year)] = (float(row[key]), None, None)
    return sum(observations_upsert(ind[k], figures[k]) for k in figures)
