"""The coverage matrix and the chain view, on a small city counted by hand.

Teststadt: Stadtraum 01 Nordraum (with Stadtteil 11 Nordviertel) and 02 Südraum.
Births 2024: 100 in Nordraum, 2 in Südraum (below the minimum cell size of 3).
Children 1–3 (demo figures): 500 in Nordraum.
"""

import csv
import io

import pytest
from django.urls import reverse

from praeventionsnetz.monitoring.models import Indicator, Observation
from praeventionsnetz.offers.models import Status
from tests.offers.factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory


def _indicator(key, *, is_demo=False):
    return Indicator.objects.create(
        key=key,
        name_de=key,
        unit="Kinder",
        dimension="social",
        direction=0,
        kind="count",
        is_demo=is_demo,
    )


@pytest.fixture
def small_city(city, district, other_district, quarter, organisation):
    births = _indicator("geburten")
    band = _indicator("kinder_1_3", is_demo=True)
    Observation.objects.create(indicator=births, area=district, period="2023", value=80)
    Observation.objects.create(indicator=births, area=district, period="2024", value=100)
    Observation.objects.create(indicator=births, area=other_district, period="2024", value=2)
    Observation.objects.create(indicator=band, area=district, period="2024", value=500)
    organisation.city = city
    organisation.save()

    def offer(name, phases, *, status=Status.PUBLISHED, serves=(), transitions=(), at=None):
        service = ServiceFactory(
            organisation=organisation,
            name=name,
            status=status,
            life_phases=phases,
            transitions=list(transitions),
        )
        service.areas_served.set(serves)
        if at:
            location = LocationFactory(organisation=organisation, name=name, lon=at[0], lat=at[1])
            ServiceAtLocationFactory(service=service, location=location)
        return service

    return {
        "hebamme": offer("Hebammensprechstunde", ["0-1"], serves=[district]),
        "kita": offer("Kita Süd", ["1-3"], transitions=["family-daycare"], at=(13.03, 51.01)),
        "entwurf": offer("Entwurf", ["0-1"], status=Status.DRAFT, serves=[other_district]),
        "elternbrief": offer("Elternbriefe", ["parents"], serves=[city]),
        "vorschule": offer("Vorschule Nordviertel", ["3-6"], serves=[quarter]),
    }


def _cells(response):
    return {
        (row["area"].code, cell["phase"]): cell
        for row in response.context["rows"]
        for cell in row["cells"]
    }


def _matrix(client, level):
    return _cells(client.get(reverse("offers:coverage"), {"stadt": "teststadt", "ebene": level}))


def test_matrix_counts_rates_and_gaps(client, planner, small_city):
    client.force_login(planner)
    response = client.get(reverse("offers:coverage"), {"stadt": "teststadt", "ebene": "stadtraum"})
    assert response.status_code == 200
    cells = _cells(response)
    # 1 offer for 100 births of the latest year: 10 per 1,000, at the default threshold.
    assert (cells["01", "0-1"]["offers"], cells["01", "0-1"]["rate"]) == (1, 10.0)
    assert cells["01", "0-1"]["class"] == "low"
    # The draft does not count; no offer is a gap, and 2 births are shown as "<3".
    assert cells["02", "0-1"]["offers"] == 0
    assert cells["02", "0-1"]["class"] == "gap"
    assert cells["02", "0-1"]["children"] == "<3"
    # The Kita lies in Südraum by its coordinates; there is no children's figure there.
    assert (cells["02", "1-3"]["offers"], cells["02", "1-3"]["class"]) == (1, "unknown")
    # Nordraum has 500 children aged 1–3 and no offer.
    assert cells["01", "1-3"]["class"] == "gap"
    # A city-wide offer reaches both; an offer for a Stadtteil counts in its Stadtraum.
    assert cells["01", "parents"]["offers"] == cells["02", "parents"]["offers"] == 1
    assert cells["01", "3-6"]["offers"] == 1
    assert cells["02", "3-6"]["offers"] == 0
    page = response.content.decode()
    assert 'id="demo-notice"' in page
    missing = {m["area"].code: m["missing"] for m in response.context["missing"]}
    assert "Familie → Kita" in missing["01"]
    assert "Familie → Kita" not in missing["02"]


def test_export_suppresses_small_numbers(client, steering, small_city):
    client.force_login(steering)
    response = client.get(
        reverse("offers:coverage"), {"stadt": "teststadt", "ebene": "stadtraum", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == [
        "Gebietsschlüssel",
        "Gebiet",
        "Lebensphase",
        "Angebote",
        "Orte, an denen Angebote stattfinden",
    ]
    by_key = {(r[0], r[2]): r for r in rows[1:] if len(r) > 3}
    assert by_key["02", "0–1 Jahre"][5] == "<3"
    assert by_key["02", "0–1 Jahre"][8] == "ja"
    assert by_key["01", "0–1 Jahre"][6] == "10"
    assert "Demodaten" in rows[-1][0]


def test_chain_shows_offers_and_holes(client, coordinator, small_city, district):
    client.force_login(coordinator)
    response = client.get(reverse("offers:chain", args=[district.pk]))
    steps = {s["phase"]: s for s in response.context["steps"]}
    assert [s.name for s in steps["0-1"]["offers"]] == ["Hebammensprechstunde"]
    assert steps["1-3"]["offers"] == []
    assert "1–3 Jahre" in [h["label"] for h in response.context["holes"]]
    assert "Familie → Kita" in response.context["open_transitions"]
    assert "Lücke" in response.content.decode()


def test_coverage_query_count_does_not_grow_with_offers(
    client, planner, small_city, organisation, district, django_assert_max_num_queries
):
    for i in range(30):
        service = ServiceFactory(
            organisation=organisation,
            name=f"Angebot {i}",
            status=Status.PUBLISHED,
            life_phases=["6-10"],
        )
        service.areas_served.add(district)
    client.force_login(planner)
    # 31: one of them fills the per-process cache of display geometries on a cold start.
    with django_assert_max_num_queries(31):
        client.get(reverse("offers:coverage"), {"stadt": "teststadt", "ebene": "stadtraum"})


def test_planner_sets_a_threshold_that_turns_a_cell_into_a_gap(
    client, planner, coordinator, small_city, city
):
    from praeventionsnetz.offers.models import CoverageThreshold

    url = reverse("offers:coverage-thresholds") + "?stadt=teststadt"
    values = dict.fromkeys(["pregnancy", "1-3", "3-6", "6-10", "10-14"], "10")
    values |= {"14-18": "4", "18-27": "2", "parents": "2"}
    client.force_login(coordinator)
    assert client.post(url, {**values, "0-1": "12,5"}).status_code == 403
    client.force_login(planner)
    response = client.post(url, {**values, "0-1": "viel"})
    assert response.status_code == 400
    assert 'value="viel"' in response.content.decode()
    assert not CoverageThreshold.objects.exists()
    assert client.post(url, {**values, "0-1": "12,5"}).status_code == 302
    threshold = CoverageThreshold.objects.get(city=city, phase="0-1")
    assert float(threshold.per_1000) == 12.5
    assert threshold.history.first().history_user == planner
    cells = _matrix(client, "stadtraum")
    assert cells["01", "0-1"]["class"] == "gap"  # 10 per 1,000 < 12.5


def test_navigation_and_area_page_lead_to_the_chain(client, planner, small_city, district):
    response = client.get(reverse("site:area-detail", args=[district.pk]))
    assert reverse("offers:chain", args=[district.pk]) not in response.content.decode()
    client.force_login(planner)
    page = client.get(reverse("site:area-detail", args=[district.pk])).content.decode()
    assert reverse("offers:chain", args=[district.pk]) in page
    coverage = client.get(reverse("offers:coverage"), {"stadt": "teststadt"}).content.decode()
    assert f'href="{reverse("offers:coverage")}" aria-current="page">Präventionskette' in coverage


def test_organisation_location_only_maps_fine_areas_up(
    client, planner, small_city, organisation, city, district, quarter
):
    # The registry stores an organisation's location at every level, the city included.
    organisation.located_in.set([city, district, quarter])
    ServiceFactory(
        organisation=organisation, name="Lernpaten", status=Status.PUBLISHED, life_phases=["6-10"]
    )
    client.force_login(planner)
    cells = _matrix(client, "stadtraum")
    assert cells["01", "6-10"]["offers"] == 1
    assert cells["02", "6-10"]["offers"] == 0


def test_offers_from_elsewhere_that_serve_the_city_count(
    client, planner, small_city, other_district
):
    from tests.factories import OrganisationFactory

    outside = OrganisationFactory(name="Landesweiter Träger")  # no city
    service = ServiceFactory(
        organisation=outside, name="Elterntelefon", status=Status.PUBLISHED, life_phases=["10-14"]
    )
    service.areas_served.add(other_district)
    client.force_login(planner)
    cells = _matrix(client, "stadtraum")
    assert cells["02", "10-14"]["offers"] == 1


def test_a_hidden_count_does_not_leak_through_the_gap_flag(
    client, planner, small_city, organisation, other_district, city
):
    from praeventionsnetz.offers.models import CoverageThreshold

    service = ServiceFactory(
        organisation=organisation, name="Babytreff", status=Status.PUBLISHED, life_phases=["0-1"]
    )
    service.areas_served.add(other_district)  # 1 offer for 2 births: 500 per 1,000
    client.force_login(planner)
    classes = []
    for limit in (400, 600):
        CoverageThreshold.objects.update_or_create(
            city=city, phase="0-1", defaults={"per_1000": limit}
        )
        cell = _matrix(client, "stadtraum")["02", "0-1"]
        assert (cell["children"], cell["rate"]) == ("<3", None)
        classes.append(cell["class"])
    assert classes == ["unknown", "unknown"]


def test_a_threshold_of_zero_still_classes_the_rates(client, planner, small_city, city):
    from praeventionsnetz.offers.models import CoverageThreshold

    CoverageThreshold.objects.create(city=city, phase="0-1", per_1000=0)
    client.force_login(planner)
    cells = _matrix(client, "stadtraum")
    assert cells["01", "0-1"]["class"] == "high"


def test_an_area_in_two_parents_is_reached_from_both(
    client, planner, small_city, organisation, quarter, other_district
):
    quarter.also_in.add(other_district)
    service = ServiceFactory(
        organisation=organisation, name="Streetwork", status=Status.PUBLISHED, life_phases=["14-18"]
    )
    service.areas_served.add(other_district)
    client.force_login(planner)
    cells = _matrix(client, "stadtteil")
    assert cells["11", "14-18"]["offers"] == 1


def test_unknown_phase_and_format_fall_back_to_the_page_for_1_to_3_years(
    client, planner, small_city
):
    client.force_login(planner)
    response = client.get(
        reverse("offers:coverage"),
        {"stadt": "teststadt", "ebene": "stadtraum", "phase": "99", "format": "pdf"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["phase"] == "1-3"


def test_the_chain_and_the_coverage_page_agree_on_gaps_and_show_the_rate(
    client, planner, small_city, district
):
    client.force_login(planner)
    matrix = _matrix(client, "stadtraum")
    chain = client.get(reverse("offers:chain", args=[district.pk]))
    gaps = {phase for (code, phase), c in matrix.items() if code == "01" and c["class"] == "gap"}
    assert {h["phase"] for h in chain.context["holes"]} == gaps
    assert "0-1" not in gaps
    # The rate stands beside each phase: 10,0 per 1,000 for 0–1 years.
    assert "10,0 je 1.000 Kinder (Schwelle 10,0)" in chain.content.decode()


def test_an_offer_at_three_places_counts_three_times(client, planner, small_city, organisation):
    service = small_city["kita"]
    for n, lon in enumerate((13.031, 13.032), start=1):
        location = LocationFactory(organisation=organisation, name=f"Ort {n}", lon=lon, lat=51.01)
        ServiceAtLocationFactory(service=service, location=location)
    client.force_login(planner)
    cells = _matrix(client, "stadtraum")
    assert (cells["02", "1-3"]["offers"], cells["02", "1-3"]["places"]) == (1, 3)


def test_an_uninhabited_area_is_no_gap(client, planner, small_city, district, other_district):
    residents = _indicator("einwohner")
    Observation.objects.create(indicator=residents, area=district, period="2024", value=9000)
    Observation.objects.create(indicator=residents, area=other_district, period="2024", value=0)
    client.force_login(planner)
    response = client.get(reverse("offers:coverage"), {"stadt": "teststadt", "ebene": "stadtraum"})
    cells = _cells(response)
    assert {cells["02", p]["class"] for p in ("0-1", "6-10", "18-27")} == {"uninhabited"}
    assert cells["01", "1-3"]["class"] == "gap"
    assert "02" not in {m["area"].code for m in response.context["missing"]}
    chain = client.get(reverse("offers:chain", args=[other_district.pk]))
    assert chain.context["holes"] == []
    assert chain.context["open_transitions"] == []
    assert "In diesem Gebiet wohnt niemand" in chain.content.decode()
