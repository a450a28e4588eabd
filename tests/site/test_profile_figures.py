"""The area profile reads as planners read it: case rates, education, names, sources once."""

import html
import re

import pytest
from django.urls import reverse

from praeventionsnetz.areas.models import Level
from praeventionsnetz.monitoring.demo.catalogue import UNDER_21
from praeventionsnetz.monitoring.models import Dimension, Indicator, IndicatorKind
from tests.factories import AreaFactory
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

SOURCE = "Landeshauptstadt Dresden, opendata.dresden.de (dl-de/by-2-0)"


@pytest.fixture
def raeume(city):
    """Four Stadträume with cases, residents under 21, an education rate and an income."""
    areas = [
        AreaFactory(
            city=city, parent=city, level=Level.STADTRAUM, code=f"{n:02d}", name=f"Raum {n}"
        )
        for n in range(1, 5)
    ]
    ambulant = IndicatorFactory(key="hze_ambulant", name_de="HzE ambulant", unit="Fälle")
    stationaer = IndicatorFactory(key="hze_stationaer", name_de="HzE stationär", unit="Fälle")
    under_21 = IndicatorFactory(key=UNDER_21, name_de="Einwohner unter 21 Jahren")
    gymnasium = IndicatorFactory(
        key="bildungsempfehlung_gymnasium_anteil",
        name_de="Bildungsempfehlungen für das Gymnasium",
        kind=IndicatorKind.RATE,
        unit="%",
        dimension=Dimension.EDUCATION,
        is_demo=True,
    )
    income = IndicatorFactory(
        key="aequivalenzeinkommen",
        name_de="Äquivalenzeinkommen der Haushalte",
        kind=IndicatorKind.VALUE,
        unit="EUR/Monat",
        source=SOURCE,
        licence="dl-de/by-2-0",
    )
    for n, area in enumerate(areas):
        # Raum 1: 2 residential cases, a small count; its rate must not be shown either.
        ObservationFactory(area=area, indicator=ambulant, value=120 + n)
        ObservationFactory(area=area, indicator=stationaer, value=2 if n == 0 else 30 + n)
        ObservationFactory(area=area, indicator=under_21, value=12_000)
        ObservationFactory(
            area=area, indicator=gymnasium, value=50.0, numerator=100, denominator=200
        )
        ObservationFactory(area=area, indicator=income, value=1800 + n)
    return areas


def visible_text(page: str) -> str:
    """What a reader sees or hears: text and the attributes read out, not links or ids."""
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    spoken = " ".join(re.findall(r'(?:title|aria-label|alt|placeholder)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + spoken)


def profile(client, area):
    return client.get(reverse("site:area-detail", args=[area.pk]))


def test_cases_are_shown_per_thousand_residents_under_21(client, raeume):
    response = profile(client, raeume[1])
    rates = {r.indicator.key: r for r in response.context["profile"]["case_rates"]}
    assert rates["hze_ambulant"].value == pytest.approx(121 / 12_000 * 1000)
    assert rates["hze_ambulant"].label == "10,1"
    assert rates["hze_stationaer"].label == "2,6"
    page = response.content.decode()
    assert "<strong>10,1</strong> ambulant je 1.000 Einwohner unter 21 (121 Fälle)" in page
    assert "<strong>2,6</strong> stationär je 1.000 Einwohner unter 21 (31 Fälle)" in page
    assert "Bezug: 12.000 Einwohner unter 21 Jahren (2024)." in page


def test_a_small_case_count_hides_its_rate_too(client, raeume):
    response = profile(client, raeume[0])
    rates = {r.indicator.key: r for r in response.context["profile"]["case_rates"]}
    residential = rates["hze_stationaer"]
    assert residential.count.is_suppressed
    assert residential.value is None
    assert residential.label == residential.count.label == "<3"
    rates_list = response.content.decode().split('id="case-rates"')[1].split("</ul>")[0]
    assert "<strong>&lt;3</strong> stationär je 1.000 Einwohner unter 21 (&lt;3 Fälle)" in (
        rates_list
    )


def test_the_profile_has_an_education_dimension(client, raeume):
    page = profile(client, raeume[1]).content.decode()
    card = page.split('id="education-card"')[1].split("</div>")[0]
    assert "Bildung" in card
    assert "Bildungsempfehlungen für das Gymnasium" in card
    assert "Demodaten" in card
    assert "Bildung: aktuelle Werte" in page  # the dimension's table


def test_no_catalogue_key_appears_on_the_profile(client, raeume):
    text = visible_text(profile(client, raeume[1]).content.decode())
    keys = [*Indicator.objects.values_list("key", flat=True), *Dimension.values]
    assert "Äquivalenzeinkommen der Haushalte" in text
    assert [k for k in keys if re.search(rf"\b{re.escape(k)}\b", text)] == []


def test_sources_are_named_once(client, planner, raeume):
    page = profile(client, raeume[1]).content.decode()
    assert SOURCE in page
    assert "(dl-de/by-2-0) (dl-de/by-2-0)" not in page
    client.force_login(planner)
    catalogue = client.get(reverse("monitoring:indicator-list")).content.decode()
    assert SOURCE in catalogue
    assert "(dl-de/by-2-0) (dl-de/by-2-0)" not in catalogue


def test_the_profile_export_carries_the_rates_with_their_suppression(client, raeume):
    rows = client.get(reverse("site:area-detail", args=[raeume[0].pk]), {"format": "csv"})
    text = rows.content.decode("utf-8-sig")
    assert "HzE ambulant je 1.000 Einwohner unter 21 Jahren;2024;10" in text
    assert "HzE stationär je 1.000 Einwohner unter 21 Jahren;2024;<3" in text
