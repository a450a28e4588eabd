"""Model-area selection: indices as criteria, saved rules, counts, German form errors, and the
framework concept's choice as the demo's example run."""

import re

import pytest
from django.urls import reverse

from praeventionsnetz.areas import demo
from praeventionsnetz.areas.models import Level
from praeventionsnetz.monitoring import demo as demo_monitoring
from praeventionsnetz.monitoring.demo.selection import EXAMPLE_NAME, INDEX_KEY
from praeventionsnetz.monitoring.models import (
    Dimension,
    IndexResult,
    IndicatorKind,
    SelectionRun,
)
from praeventionsnetz.monitoring.services.analysis import index_criterion_key
from tests.factories import AreaFactory
from tests.monitoring.factories import (
    AreaTypeAssignmentFactory,
    AreaTypeFactory,
    CompositeIndexFactory,
    IndicatorFactory,
    ObservationFactory,
)


@pytest.fixture
def raeume(city):
    """Six Stadträume: a share, a precarity index, and types A (01–02), B (03–04), none."""
    areas = [
        AreaFactory(
            city=city, parent=city, level=Level.STADTRAUM, code=f"{n:02d}", name=f"Raum {n}"
        )
        for n in range(1, 7)
    ]
    share = IndicatorFactory(
        key="ae_anteil",
        name_de="Anteil Alleinerziehende",
        kind=IndicatorKind.RATE,
        unit="%",
        dimension=Dimension.SOCIAL_STRUCTURE,
    )
    index = CompositeIndexFactory(
        key="prekaer",
        name="Prekarisierungsindex Test",
        definition={
            "key": "prekaer",
            "indices": [
                {
                    "key": "p",
                    "label": "Prekarisierung",
                    "components": [{"key": "ae_anteil", "weight": 1, "direction": 1}],
                }
            ],
        },
    )
    # The index ranks the areas the other way round from the share.
    for n, area in enumerate(areas):
        ObservationFactory(
            area=area, indicator=share, value=float(n + 1), numerator=n + 1, denominator=100
        )
        IndexResult.objects.create(
            index=index, part="p", area=area, period="2024", value=2.5 - n, rank=n + 1
        )
    for code, areas_of_type in (("A", areas[:2]), ("B", areas[2:4])):
        area_type = AreaTypeFactory(city=city, code=code, name=f"Typ {code}")
        for area in areas_of_type:
            AreaTypeAssignmentFactory(area=area, area_type=area_type)
    return areas


def post(client, **fields):
    data = {"stadt": "teststadt", "ebene": "stadtraum", "periode": "2024", "anzahl": "2"}
    return client.post(reverse("monitoring:selection-create"), {**data, **fields})


def test_the_precarity_index_is_a_criterion(client, planner, raeume):
    client.force_login(planner)
    key = index_criterion_key("prekaer", "p")
    form = client.get(reverse("monitoring:selection-create"), {"stadt": "teststadt"})
    assert f'<option value="{key}">Prekarisierungsindex Test: Prekarisierung</option>' in (
        form.content.decode()
    )
    response = post(client, name="Index", kriterium_0=key, gewicht_0="1")
    assert response.status_code == 302
    run = SelectionRun.objects.get(name="Index")
    assert [r["code"] for r in run.result["ranking"] if r["selected"]] == ["01", "02"]
    assert run.criteria[0]["label"] == "Prekarisierungsindex Test: Prekarisierung (2024)"
    page = client.get(response["Location"]).content.decode()
    assert "Prekarisierungsindex Test: Prekarisierung (2024)" in page
    assert key not in page.split("<main")[-1].split("</main>")[0].replace(f'value="{key}"', "")


@pytest.mark.parametrize("weight", ["abc", "1,5,x", "1_5", "1e3", "-1"])
def test_a_wrong_weight_is_a_german_form_error(client, planner, raeume, weight):
    client.force_login(planner)
    response = post(client, kriterium_0="ae_anteil", gewicht_0=weight)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kriterium 1: Das Gewicht muss eine Zahl ≥ 0 sein, z. B. 1 oder 1,5." in page
    assert f'value="{weight}"' in page
    assert not SelectionRun.objects.exists()


def test_a_weight_with_a_decimal_comma_is_taken(client, planner, raeume):
    client.force_login(planner)
    assert post(client, name="Komma", kriterium_0="ae_anteil", gewicht_0="1,5").status_code == 302
    assert SelectionRun.objects.get(name="Komma").criteria[0]["weight"] == 1.5


def test_a_saved_run_shows_every_rule_and_counts_the_selected(client, planner, raeume):
    client.force_login(planner)
    response = post(
        client,
        name="Regeln",
        kriterium_0="ae_anteil",
        schwellenart_0="max",
        schwelle_0="6",
        ein_pro_typ="1",
        ausschliessen=["02"],
        anzahl="3",
    )
    run = SelectionRun.objects.get(name="Regeln")
    assert run.constraints == {"exclude": ["02"], "one_per_type": True, "type_column": "type"}
    assert (run.criteria[0]["threshold"], run.criteria[0]["threshold_kind"]) == (6.0, "max")
    page = client.get(response["Location"]).content.decode()
    rules = page.split('id="selection-rules"')[1].split("</section>")[0]
    assert "Gebiete ohne Stadtraumtyp bleiben außen vor" in rules
    assert "Ohne Typ und daher nicht berücksichtigt: 2 Gebiete (Raum 5; Raum 6)." in rules
    assert "02 Raum 2" in rules  # excluded, by name
    assert "Anteil Alleinerziehende ≤ 6 %" in rules
    # Types A and B give two areas (04 and 01), though three were asked for.
    assert [r["code"] for r in run.result["ranking"] if r["selected"]] == ["04", "01"]
    assert "2 von 3 gewünschten Modellgebieten ausgewählt" in page
    assert "Nur 2 von 3 gewünschten Gebieten erfüllen alle Bedingungen." in page
    listing = client.get(reverse("monitoring:selection-list")).content.decode()
    assert '<td class="num">2 von 3</td>' in listing


def test_the_form_says_that_one_per_type_leaves_out_areas_without_a_type(client, planner, raeume):
    client.force_login(planner)
    page = client.get(reverse("monitoring:selection-create"), {"stadt": "teststadt"})
    assert "Gebiete ohne Stadtraumtyp bleiben dann außen vor." in page.content.decode()


@pytest.mark.slow
def test_the_framework_concepts_choice_loads_as_an_example_run(client, planner, db):
    demo.load_dresden()
    demo_monitoring.load_monitoring_demo()
    demo_monitoring.load_monitoring_demo()  # safe to run again: still one run
    run = SelectionRun.objects.get(name=EXAMPLE_NAME)
    assert [c["key"] for c in run.criteria] == [
        INDEX_KEY,
        "prognose_0_21",
        "hze_ambulant",
        "hze_stationaer",
    ]
    assert run.constraints["one_per_type"] is True
    assert run.number == 3
    selected = [r for r in run.result["ranking"] if r["selected"]]
    assert len(selected) == 3
    assert "2017 gewählt: SR 4 Leipziger Vorstadt, Pieschen (Typ D)" in run.description
    assert "Prekarisierungsindex 2017 +0,002, heute" in run.description
    assert "Fallaufkommen ambulant/stationär 2017 11/9, heute" in run.description
    client.force_login(planner)
    page = client.get(reverse("monitoring:selection-detail", args=[run.pk])).content.decode()
    assert "Zu dieser Auswahl" in page
    assert "Wo die Zahlen von 2017 von den heutigen abweichen" in page
    assert "3 von 3 gewünschten Modellgebieten ausgewählt" in page
    # Case counts are whole numbers in the explanations.
    assert re.search(r"\(Fallaufkommen\) \d+ Fälle; Beitrag", page)
    assert ",0 Fälle" not in page
