"""The area profile printed: one A4 page with its figures, without map, links and change history."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PERIODS = [str(year) for year in range(2015, 2025)]


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF that Chromium wrote (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.fixture
def stadtteil(dresden):
    """Pieschen-Süd with as many figures as a Dresden Stadtraum has: 28 indicators, 10 years."""
    from praeventionsnetz.areas.models import Area
    from praeventionsnetz.monitoring.models import Dimension, IndicatorKind, Observation
    from tests.monitoring.factories import IndicatorFactory

    area = Area.objects.current().get(city=dresden, level="stadtteil", name="Pieschen-Süd")
    keys = ["geburten", "alleinerziehende_anteil", "hze_ambulant"]
    rows = []
    for n in range(28):
        indicator = IndicatorFactory(
            key=keys[n] if n < len(keys) else f"profil_{n}",
            name_de=f"Kinder und Jugendliche in Bedarfsgemeinschaften nach SGB II, Gruppe {n}",
            kind=IndicatorKind.COUNT,
            unit="Personen",
            dimension=Dimension.SOCIAL_STRUCTURE if n < 20 else Dimension.NEED_SERVICE,
            source="Landeshauptstadt Dresden, Kommunale Statistikstelle",
            licence="dl-de/by-2-0",
            is_demo=n % 3 == 0,
        )
        for y, period in enumerate(PERIODS):
            rows.append(
                Observation(area=area, indicator=indicator, period=period, value=100 + n + y)
            )
    Observation.objects.bulk_create(rows)
    area.note = "Hinweis: Die Grenze wurde 2019 geändert."
    area.save()
    return area


def test_area_profile_prints_on_one_a4_page(page, live_server, stadtteil, js_errors, tmp_path):
    from tests.browser.conftest import log_in

    log_in(page, live_server.url, "planung")
    page.goto(f"{live_server.url}/gebiete/{stadtteil.pk}/")
    assert page.locator("#history-heading").is_visible()
    assert page.get_by_role("button", name="Profil drucken (eine Seite)").is_visible()

    page.emulate_media(media="print")
    for hidden in ("#history-heading", "#map", ".breadcrumb", "#children-table", ".exports"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".dimension-table").first.is_visible()
    assert page.locator(".profile-charts svg").count() == 3
    assert page.locator(".profile-sources").is_visible()
    assert "Gedruckt am" in page.locator(".profile-printed").inner_text()
    assert not page.locator(".dimension-table .profile-source").first.is_visible()

    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (tmp_path / "profil.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == 1
    assert js_errors == []
