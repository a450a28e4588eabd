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


def _keys(svg: str) -> list[tuple[float, float, str]]:
    return [
        (float(x), float(y), text)
        for x, y, text in re.findall(
            r'<text x="([\d.]+)" y="([\d.]+)" class="chart-key">([^<]*)<', svg
        )
    ]


def _height(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))


@pytest.mark.parametrize("count", [2, 4, 6, 7])
def test_line_chart_key_lists_every_series_inside_the_chart(count):
    names = [
        "Dresden",
        "Äußere Neustadt (Antonstadt)",
        "Friedrichstadt",
        "Leuben/Kleinzschachwitz",
        "Gorbitz-Süd",
        "Prohlis-Nord",
        "Weißig",
    ][:count]
    svg = charts.line_chart(
        [charts.Series(n, [("2019", i + 1.0), ("2020", i + 2.0)]) for i, n in enumerate(names)],
        title="t",
    )
    keys = _keys(svg)
    assert [text for _x, _y, text in keys] == names
    height = _height(svg)
    assert all(y <= height - 4 for _x, y, _t in keys)
    # No two names share a place, and each fits before the next column begins.
    columns = sorted({x for x, _y, _t in keys})
    width = 640 - 16 - 64
    for x, _y, text in keys:
        right = x + len(text) * charts.CHAR_WIDTH
        later = [c for c in columns if c > x]
        assert right <= (later[0] if later else 64 + width)
    assert len({(x, y) for x, y, _t in keys}) == count


def test_line_chart_shortens_only_a_name_longer_than_the_chart():
    long = "Stadtraum " + "sehr " * 30 + "lang"
    svg = charts.line_chart(
        [charts.Series("Dresden", [("2019", 1.0)]), charts.Series(long, [("2019", 2.0)])], title="t"
    )
    texts = [t for _x, _y, t in _keys(svg)]
    assert texts[0] == "Dresden"
    assert texts[1].endswith("…")
    assert long.startswith(texts[1][:-1])
    assert f"<title>{long}</title>" in svg


def test_line_chart_axis_may_start_above_zero():
    series = [charts.Series("A", [("2019", 95.0), ("2020", 120.0)])]
    zero = charts.line_chart(series, title="t")
    near = charts.line_chart(series, title="t", zero_based=False)
    assert ">0</text>" in zero
    assert ">0</text>" not in near
