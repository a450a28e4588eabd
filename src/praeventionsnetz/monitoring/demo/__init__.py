"""Indicators and observations of the demo: real Dresden and Berlin statistics, and the
figures that no open data holds, generated plausibly and marked as demo data."""

from __future__ import annotations

from django.db import transaction

from praeventionsnetz.areas.demo import data_dir
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.monitoring.demo.berlin import MSS_YEARS, load_berlin_mss
from praeventionsnetz.monitoring.demo.catalogue import DEMO_SOURCE, MSS_SOURCE
from praeventionsnetz.monitoring.demo.dresden import (
    load_dresden_age_bands,
    load_dresden_demo_figures,
    load_dresden_education,
    load_dresden_statistics,
    load_dresden_types,
)
from praeventionsnetz.monitoring.demo.selection import load_dresden_example_selection
from praeventionsnetz.monitoring.services.indices import composite_index_load, index_compute


@transaction.atomic
def load_monitoring_demo() -> int:
    written = 0
    dresden = Area.objects.current().cities().filter(code="dresden").first()
    if dresden:
        written += load_dresden_statistics(dresden)
        written += load_dresden_demo_figures(dresden)
        written += load_dresden_age_bands(dresden)
        written += load_dresden_education(dresden)
        written += load_dresden_types(dresden)
    berlin = Area.objects.current().cities().filter(code="berlin").first()
    if berlin:
        written += load_berlin_mss(berlin)
    written += load_indices_demo()
    if dresden:
        # After the indices: the example run uses the precarity index as a criterion.
        written += load_dresden_example_selection(dresden)
    return written


def load_indices_demo() -> int:
    """The MSS definitions computed on Berlin's planning areas, and a demo index for Dresden."""
    folder = data_dir() / "indices"
    written = 0
    berlin = Area.objects.current().cities().filter(code="berlin").first()
    if berlin:
        plr = list(Area.objects.current().filter(city=berlin, level=Level.PLANUNGSRAUM))
        for year in MSS_YEARS:
            index = composite_index_load(folder / f"mss_{year}.json", source=MSS_SOURCE)
            written += index_compute(index=index, areas=plr, period=year)
    dresden = Area.objects.current().cities().filter(code="dresden").first()
    if dresden:
        raeume = list(Area.objects.current().filter(city=dresden, level=Level.STADTRAUM))
        index = composite_index_load(
            folder / "dresden_prekarisierung_demo.json", source=DEMO_SOURCE, is_demo=True
        )
        written += index_compute(index=index, areas=raeume, period="2024")
    return written
