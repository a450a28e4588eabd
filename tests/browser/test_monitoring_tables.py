"""The comparison and time series tables at 1366 px and on a phone, with Dresden's long names.

Every word of a table cell stays on one line (a column is never narrower than its longest
word), a period is one line, and the chart's key shows every series inside the chart (on a
phone, where the chart is drawn at half size, as text below it).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 375, "height": 800}}
PERIODS = [str(year) for year in range(2015, 2025)]

# Per cell: the words (split at spaces, and after "/" and "-", where a line may break) that
# the browser drew on more than one line; and the periods not on one line.
BROKEN_WORDS_JS = """
(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector + " th, " + selector + " td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s\\/-]+[\\/-]?/g;
      let m;
      while ((m = re.exec(node.data)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0] + " in " + cell.textContent.trim());
      }
    }
  }
  return broken;
}
"""

PERIOD_LINES_JS = """
(selector) => [...document.querySelectorAll(selector + " tbody th.period")].map((th) => {
  const range = document.createRange();
  range.selectNodeContents(th);
  const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return [th.textContent.trim(), lines.size];
})
"""

KEY_BOXES_JS = """
() => {
  const svg = document.querySelector(".chart-panel svg");
  const box = svg.getBoundingClientRect();
  const keys = [...svg.querySelectorAll(".chart-key")].map((t) => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
  return {svg: {left: box.left, right: box.right, top: box.top, bottom: box.bottom}, keys};
}
"""


@pytest.fixture
def figures(dresden):
    """Six indicators for every Stadtteil and the city, 2015 to 2024."""
    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.monitoring.models import Dimension, IndicatorKind, Observation
    from tests.monitoring.factories import IndicatorFactory

    areas = [dresden, *Area.objects.current().filter(city=dresden, level="stadtteil")]
    names = [
        "Anteil Alleinerziehender an allen Haushalten mit Kindern",
        "Empfängerinnen und Empfänger von Leistungen nach SGB II unter 15 Jahren",
        "Hilfen zur Erziehung ambulant",
        "Arbeitslosenquote",
        "Kinder in Kindertageseinrichtungen",
        "Geburten",
    ]
    indicators = [
        IndicatorFactory(
            key=f"tabelle_{n}",
            name_de=name,
            kind=IndicatorKind.RATE if n < 2 else IndicatorKind.COUNT,
            unit="%" if n < 2 else "Personen",
            dimension=Dimension.SOCIAL_STRUCTURE,
            source="Testdaten",
        )
        for n, name in enumerate(names)
    ]
    rows = []
    for n, indicator in enumerate(indicators):
        for a, area in enumerate(areas):
            for y, period in enumerate(PERIODS):
                if indicator.kind == IndicatorKind.RATE:
                    value = 3.0 + (a % 9) + y * 0.2 + n
                elif area.pk == dresden.pk:
                    value = 40_000.0 + 500 * y
                else:
                    value = 100.0 + 7 * a + y
                rows.append(Observation(area=area, indicator=indicator, period=period, value=value))
    Observation.objects.bulk_create(rows)
    return indicators


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request, chromium: Browser, live_server, dresden, js_errors) -> Iterator[Page]:
    context = chromium.new_context(viewport=VIEWPORTS[request.param], locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    yield page
    context.close()


def _longest_named(dresden, count: int) -> list:
    from praeventionsnetz.areas.models import Area

    areas = Area.objects.current().filter(city=dresden, level="stadtteil")
    return sorted(areas, key=lambda a: -len(a.name))[:count]


def test_comparison_table_keeps_area_names_whole(
    sized_page, live_server, figures, js_errors, screenshot_dir
):
    page = sized_page
    page.goto(f"{live_server.url}/monitoring/vergleich/?stadt=dresden&ebene=stadtteil")
    table = page.locator("#compare-table")
    assert table.locator("tbody tr").count() == 64
    assert table.locator("thead th").count() == 2 + 6
    assert page.evaluate(BROKEN_WORDS_JS, "#compare-table") == []
    # The area column is as wide as a word of the longest name at least, not 30 px.
    widths = page.evaluate(
        "() => [...document.querySelectorAll('#compare-table td.area-name')]"
        ".map((td) => td.getBoundingClientRect().width)"
    )
    assert min(widths) >= 100
    page.screenshot(path=screenshot_dir / f"vergleich_{page.viewport_size['width']}.png")
    options = page.locator("#id_periode option").all_inner_texts()
    assert options == sorted(set(options), reverse=True)
    assert js_errors == []


def test_time_series_keeps_periods_whole_and_lists_every_series(
    sized_page, live_server, dresden, figures, js_errors, screenshot_dir
):
    page = sized_page
    chosen = _longest_named(dresden, 3)
    query = "&".join(f"gebiet={a.code}" for a in chosen)
    page.goto(
        f"{live_server.url}/monitoring/zeitreihen/?stadt=dresden&ebene=stadtteil"
        f"&indikator={figures[0].key}&{query}"
    )
    page.screenshot(
        path=screenshot_dir / f"zeitreihe_{page.viewport_size['width']}.png", full_page=True
    )
    lines = page.evaluate(PERIOD_LINES_JS, "#series-table")
    assert [period for period, _n in lines] == PERIODS
    assert all(n == 1 for _p, n in lines), lines
    assert page.evaluate(BROKEN_WORDS_JS, "#series-table") == []
    names = ["Dresden", *[a.name for a in chosen]]
    if page.viewport_size["width"] < 600:
        # On a phone the chart is drawn at half size: its key is given as text below it.
        key = page.locator(".series-key li")
        assert key.all_inner_texts() == names
        for i in range(len(names)):
            assert key.nth(i).is_visible()
            assert key.nth(i).evaluate("(li) => parseFloat(getComputedStyle(li).fontSize)") >= 14
        assert not page.locator(".chart-key-item").first.is_visible()
        assert js_errors == []
        return
    assert not page.locator(".series-key").is_visible()
    drawn = page.evaluate(KEY_BOXES_JS)
    keys, svg = drawn["keys"], drawn["svg"]
    assert len(keys) == len(names) == 4
    for key, name in zip(keys, names, strict=True):
        assert key["text"] == name or (
            key["text"].endswith("…") and name.startswith(key["text"][:-1])
        )
        assert svg["left"] <= key["left"], key
        assert key["right"] <= svg["right"] + 0.5, key
        assert svg["top"] <= key["top"], key
        assert key["bottom"] <= svg["bottom"] + 0.5, key
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)
    assert js_errors == []


def test_time_series_relative_to_the_city(sized_page, live_server, dresden, figures):
    page = sized_page
    chosen = _longest_named(dresden, 2)
    query = "&".join(f"gebiet={a.code}" for a in chosen)
    page.goto(
        f"{live_server.url}/monitoring/zeitreihen/?stadt=dresden&ebene=stadtteil"
        f"&indikator={figures[5].key}&{query}"
    )
    page.get_by_label("relativ zur Stadt (Stadt = 100)").check()
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url("**relativ=1**")
    table = page.locator("#series-table")
    assert "Stadt = 100" in table.locator("caption").inner_text()
    first_row = table.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first_row[0] == "100,0"
    assert all(float(v.replace(",", ".")) < 5 for v in first_row[1:])
