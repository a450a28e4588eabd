"""The demo's real statistics and the MSS computed in the database."""

import csv

import pytest

from praeventionsnetz.areas import demo
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.monitoring import demo as demo_monitoring
from praeventionsnetz.monitoring.demo import berlin as demo_berlin
from praeventionsnetz.monitoring.demo import dresden as demo_dresden
from praeventionsnetz.monitoring.models import IndexResult, Observation

CLASSES = {"status_index_class": "status", "dynamic_index_class": "dynamics"}


@pytest.fixture
def dresden(db):
    city = demo.load_dresden()
    demo_dresden.load_dresden_statistics(city)
    return city


def value(key, area, period):
    return Observation.objects.get(indicator__key=key, area=area, period=period).value


def test_dresden_totals_match_the_published_city_totals(dresden):
    assert value("einwohner", dresden, "2024") == 571_789
    assert value("alleinerziehende_haushalte", dresden, "2024") == 13_961
    assert value("geburten", dresden, "2013") == 6_066
    assert value("geburten", dresden, "2025") == 3_882
    assert value("haushalte", dresden, "2015") == 297_955
    # Q1 2018: 18,548 unemployed, 13,071 of them under SGB II (unknown district included).
    assert value("arbeitslose", dresden, "2018-Q1") == 18_548
    assert value("arbeitslose_sgb2", dresden, "2018-Q1") == 13_071


def test_stadtraum_figures_split_strehlen_as_the_tables_do(dresden):
    sr11 = Area.objects.get(city=dresden, level=Level.STADTRAUM, code="11")
    sr12 = Area.objects.get(city=dresden, level=Level.STADTRAUM, code="12")
    strehlen = Area.objects.get(city=dresden, level=Level.STADTTEIL, code="76")
    both = value("geburten", sr11, "2024") + value("geburten", sr12, "2024")
    others = sum(
        value("geburten", a, "2024")
        for a in Area.objects.filter(parent__in=[sr11, sr12])
        if a.code != "76"
    )
    assert both == others + value("geburten", strehlen, "2024")


def test_rates_are_stored_with_numerator_and_denominator(dresden):
    obs = Observation.objects.get(
        indicator__key="alleinerziehende_anteil", area=dresden, period="2024"
    )
    assert (obs.numerator, obs.denominator) == (13_961, 312_021)
    assert obs.value == pytest.approx(13_961 / 312_021 * 100)


def test_demo_figures_are_marked_and_aggregate_to_the_city(dresden):
    demo_dresden.load_dresden_demo_figures(dresden)
    city_cases = value("hze_ambulant", dresden, "2024")
    raeume = Area.objects.filter(city=dresden, level=Level.STADTRAUM)
    assert city_cases == sum(value("hze_ambulant", a, "2024") for a in raeume)
    assert Observation.objects.get(
        indicator__key="hze_ambulant", area=dresden, period="2024"
    ).indicator.is_demo


@pytest.mark.slow
def test_mss_classes_computed_in_the_database_match_the_publication(db):
    demo.load_berlin()
    demo_monitoring.load_monitoring_demo()
    for year in demo_berlin.MSS_YEARS:
        published = {}
        with demo_berlin.mss_file(year, "1").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for column, part in CLASSES.items():
                    published[(row["id"], part)] = row[column]
        computed = {
            (r.area.code, r.part): r.class_label
            for r in IndexResult.objects.filter(index__key=f"mss_{year}").select_related("area")
        }
        mismatches = sorted(k for k in published if computed.get(k) != published[k])
        assert not mismatches, (year, mismatches[:10])
        assert set(computed) == set(published), year
