import re

import pytest

from praeventionsnetz.core import charts


@pytest.mark.parametrize(("low", "high"), [(0, 5.8), (0, 120), (-3.2, 7.9), (4089, 6424)])
def test_ticks_cover_the_values(low, high):
    ticks = charts._nice_ticks(low, high)
    assert ticks[0] <= low
    assert ticks[-1] >= high
    assert len(ticks) <= 8


def test_line_chart_draws_every_point_inside_the_plot():
    svg = charts.line_chart(
        [charts.Series("Pieschen", [("2015", 5.4), ("2019", 5.3), ("2024", 5.6)])],
        title="Anteil Alleinerziehender",
        unit="%",
    )
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert len(ys) == 3
    assert all(16 <= y <= 300 - 56 for y in ys)
    assert 'role="img"' in svg
    assert "<title" in svg
    assert "von 5,4 (2015) bis 5,6 (2024) %" in svg


def test_missing_values_break_the_line():
    svg = charts.line_chart(
        [charts.Series("A", [("2019", 1.0), ("2020", None), ("2021", 2.0), ("2022", 3.0)])],
        title="t",
    )
    assert svg.count("<polyline") == 1
    assert svg.count("<circle") == 3


def test_german_number_format():
    assert charts.format_number(1234.5) == "1.234,5"
    assert charts.format_number(None) == "–"
