"""Berlin's MSS 2013–2019: the shipped definitions reproduce every published class.

Input is the published indicator table (2-1) as it is; the definitions exclude areas under 300
inhabitants and the few areas the publication leaves out, so the output must hold exactly the
areas of the published class table (1).
"""

import io
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import call_command

from praeventionsnetz.monitoring import indices

ROOT = Path(__file__).resolve().parents[2] / "data"
YEARS = [2013, 2015, 2017, 2019]


def table(year: int, name: str) -> Path:
    file = f"berlin-lor-monitoring-social-urban-development-{year}-00-{name}.csv"
    return ROOT / "berlin_mss" / f"mss_{year}" / file


def published(year: int) -> pd.DataFrame:
    classes = pd.read_csv(table(year, "1"), dtype={"id": str})
    return classes.set_index("id")[["status_index_class", "dynamic_index_class"]].rename(
        columns={"status_index_class": "status", "dynamic_index_class": "dynamics"}
    )


def mismatches(computed: pd.Series, expected: pd.Series) -> list[str]:
    return [
        f"{area}: {computed[area]} statt {expected[area]}"
        for area in expected.index
        if computed[area] != expected[area]
    ]


def run_command(year: int, tmp_path: Path) -> pd.DataFrame:
    output = tmp_path / "out.csv"
    call_command(
        "compute_index",
        definition=ROOT / "indices" / f"mss_{year}.json",
        input=table(year, "2-1"),
        output=output,
        stdout=io.StringIO(),
    )
    return pd.read_csv(output, dtype={"id": str, "class": str})


@pytest.mark.parametrize("year", YEARS)
def test_command_reproduces_published_mss_classes(year, tmp_path):
    result = run_command(year, tmp_path)
    classes = result.pivot(index="id", columns="index", values="class")
    expected = published(year)

    extra = sorted(set(classes.index) - set(expected.index))
    missing = sorted(set(expected.index) - set(classes.index))
    assert not extra, f"MSS {year}: berechnet, aber nicht publiziert: {extra}"
    assert not missing, f"MSS {year}: publiziert, aber nicht berechnet: {missing}"
    for key in ["status", "dynamics"]:
        wrong = mismatches(classes[key], expected[key])
        assert not wrong, f"MSS {year} {key}: {len(wrong)} Abweichungen: {wrong}"


@pytest.mark.parametrize("year", YEARS)
def test_ranks_follow_the_burden(year, tmp_path):
    status = run_command(year, tmp_path).query("index == 'status'")
    first = status.sort_values("rank").iloc[0]
    assert first["class"] == "sehr niedrig"
    assert status["value"].mean() == pytest.approx(0, abs=1e-5)


def test_sample_standard_deviation_would_not_match():
    """Evidence for the population SD: with the sample SD three areas change class."""
    changed = []
    for year in YEARS:
        definitions = indices.load_definitions(ROOT / "indices" / f"mss_{year}.json")
        sample = replace(
            definitions,
            indices=tuple(replace(i, standard_deviation="sample") for i in definitions.indices),
        )
        raw = pd.read_csv(table(year, "2-1"), dtype=str, keep_default_na=False)
        result = indices.compute(sample, indices.prepare_input(raw, sample))
        classes = result.pivot(index="id", columns="index", values="class")
        expected = published(year)
        for key in ["status", "dynamics"]:
            changed += [f"{year} {key} {m}" for m in mismatches(classes[key], expected[key])]
    assert [c.split(":")[0] for c in changed] == [
        "2013 status 12214422",
        "2015 dynamics 07070707",
        "2019 status 09030901",
    ]
