"""Network pages through the test client on a small network."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from praeventionsnetz.network import services
from praeventionsnetz.network.forms import TieForm
from praeventionsnetz.network.models import OrgLevel, Sector, Tie, TieKind, TieSource
from tests.factories import OrganisationFactory


@pytest.fixture
def network(city, district):
    orgs = {}
    for name, sector in [
        ("Kita A", Sector.YOUTH_WELFARE),
        ("Kita B", Sector.YOUTH_WELFARE),
        ("Schule C", Sector.SCHOOL),
        ("Praxis D", Sector.HEALTH),
        ("Verein E", Sector.CIVIL_SOCIETY),
    ]:
        org = OrganisationFactory(name=name, sector=sector, city=city, level=OrgLevel.FACILITY)
        org.areas_served.add(district)
        orgs[name[-1]] = org
    wave = services.wave_start(
        area=district, name="Welle 1", closes_on=timezone.localdate() + dt.timedelta(days=5)
    )
    for a, b in [("A", "B"), ("B", "A"), ("A", "C"), ("C", "D")]:
        Tie.objects.create(
            reporter=orgs[a], partner=orgs[b], kind=TieKind.CASE, source=TieSource.SURVEY, wave=wave
        )
    wave.invitations.filter(organisation__in=[orgs["A"], orgs["B"], orgs["C"]]).update(
        answered_at=timezone.now()
    )
    return orgs, wave


def test_network_map_draws_nodes_and_lists_ties(client, planner, network):
    _orgs, wave = network
    client.force_login(planner)
    response = client.get(reverse("network:network-map"), {"welle": wave.pk})
    page = response.content.decode()
    assert response.context["n_nodes"] == 5
    assert response.context["n_ties"] == 4
    assert page.count("<title") >= 5
    mutual = {(t["source"], t["target"]): t["mutual"] for t in response.context["table"]}
    assert mutual[("Kita A", "Kita B")] is True
    assert mutual[("Kita A", "Schule C")] is False
    assert response.context["summary"]["density"] == pytest.approx(4 / 20)
    # The drawing's words come from the page, in German by default.
    assert "<title>Kita A – Jugendhilfe, Einrichtung, 3 Verbindungen</title>" in page
    assert "<title>Verein E – Zivilgesellschaft, Einrichtung, 0 Verbindungen</title>" in page
    assert ">einseitig genannt</text>" in page
    assert "5 Organisationen und 4 gemeldete Beziehungen; die Tabelle darunter" in page


def test_matrix_counts_ties_by_sector(client, planner, network):
    _orgs, wave = network
    client.force_login(planner)
    response = client.get(reverse("network:matrix"), {"welle": wave.pk})
    rows = {r["label"]: r["counts"] for r in response.context["rows"]}
    keys = [k for k, _label in response.context["groups"]]
    youth = rows[str(Sector.YOUTH_WELFARE.label)]
    assert youth[keys.index("youth_welfare")] == 2
    assert youth[keys.index("school")] == 1
    assert "<svg" in response.content.decode()


def test_improvement_list_names_gaps_isolates_and_bridges(client, planner, network):
    orgs, wave = network
    client.force_login(planner)
    response = client.get(reverse("network:improvements"), {"welle": wave.pk})
    groups = {g["kind"]: g["items"] for g in response.context["groups"]}
    assert any(h.nodes == (str(orgs["E"].pk),) for h in groups["isolate"])
    assert any(h.nodes == (str(orgs["D"].pk),) for h in groups["one_sided"])
    assert groups["cut_point"]
    assert groups["sector_gap"]


def test_exports_of_the_network(client, planner, network):
    _orgs, wave = network
    client.force_login(planner)
    text = client.get(
        reverse("network:network-map"), {"welle": wave.pk, "format": "csv"}
    ).content.decode()
    assert "Kita A;Kita B;" in text
    text = client.get(reverse("network:matrix"), {"welle": wave.pk, "format": "csv"}).content
    assert "Jugendhilfe" in text.decode() or "Youth welfare" in text.decode()


def test_organisation_page_shows_ties_to_network_roles_only(client, planner, network):
    orgs, _wave = network
    url = reverse("network:organisation-detail", args=[orgs["A"].pk])
    assert "Schule C" not in client.get(url).content.decode()
    client.force_login(planner)
    assert "Schule C" in client.get(url).content.decode()


def test_internal_organisations_are_hidden_from_the_public(client, city):
    internal = OrganisationFactory(name="Internes Gremium", city=city, is_public=False)
    assert client.get(reverse("network:organisation-detail", args=[internal.pk])).status_code == 404
    assert (
        "Internes Gremium"
        not in client.get(
            reverse("network:organisation-list"), {"stadt": city.code}
        ).content.decode()
    )


def test_registry_list_filters_and_exports(client, network, city):
    response = client.get(
        reverse("network:organisation-list"), {"stadt": city.code, "sektor": "youth_welfare"}
    )
    names = [o.name for o in response.context["page"]]
    assert names == ["Kita A", "Kita B"]
    csv = client.get(
        reverse("network:organisation-list"), {"stadt": city.code, "format": "csv"}
    ).content.decode()
    assert "Praxis D" in csv


def test_registry_list_query_count_is_fixed(client, network, city, django_assert_max_num_queries):
    for n in range(30):
        OrganisationFactory(name=f"Weitere {n}", city=city)
    with django_assert_max_num_queries(8):
        client.get(reverse("network:organisation-list"), {"stadt": city.code})


def test_area_profile_counts_facilities_from_the_registry(client, district):
    from praeventionsnetz.network.models import Organisation, OrgKind

    for n in range(3):
        org = Organisation.objects.create(name=f"Kita {n}", kind=OrgKind.KITA)
        org.located_in.add(district)
    Organisation.objects.create(name="Grundschule", kind=OrgKind.SCHOOL).located_in.add(district)
    page = client.get(reverse("site:area-detail", args=[district.pk])).content.decode()
    assert "<strong>3</strong> Kindertagesstätten (Kitas)" in page
    assert "<strong>1</strong> Schule<" in page
    client.post(reverse("set-language"), {"language": "en", "next": "/"})
    page = client.get(reverse("site:area-detail", args=[district.pk])).content.decode()
    translation.deactivate()
    assert "<strong>3</strong> day-care centres (Kitas)" in page
    assert "<strong>1</strong> school<" in page


def test_change_between_two_waves(client, planner, network, district):
    orgs, first = network
    second = services.wave_start(
        area=district, name="Welle 2", closes_on=timezone.localdate() + dt.timedelta(days=5)
    )
    for a, b in [("A", "B"), ("B", "A"), ("D", "E"), ("E", "D")]:
        Tie.objects.create(
            reporter=orgs[a],
            partner=orgs[b],
            kind=TieKind.CASE,
            source=TieSource.SURVEY,
            wave=second,
        )
    client.force_login(planner)
    response = client.get(
        reverse("network:wave-compare"), {"vorher": first.pk, "nachher": second.pk}
    )
    result = response.context["result"]
    assert sorted(result.gained) == [("Praxis D", "Verein E"), ("Verein E", "Praxis D")]
    assert sorted(result.lost) == [("Kita A", "Schule C"), ("Schule C", "Praxis D")]
    changes = {label: (b, a) for label, b, a, _d in result.changes}
    assert changes["Dichte"] == (pytest.approx(4 / 20), pytest.approx(4 / 20))
    assert changes["Reziprozität"] == (pytest.approx(0.5), pytest.approx(1.0))


def test_organisation_page_shows_its_position_and_roles(client, planner, network):
    orgs, _wave = network
    client.force_login(planner)
    response = client.get(reverse("network:organisation-detail", args=[orgs["C"].pk]))
    role = response.context["role"]
    assert (role["degree"]["in"], role["degree"]["out"]) == (1, 1)
    assert role["is_cut_point"]
    # A (youth welfare) → C (school) → D (health): C brokers between two other sectors.
    assert role["roles"] == [("Verbindungsglied (zwischen zwei anderen Sektoren)", 1)]


def test_coordinator_records_a_tie_for_an_organisation_of_their_area(
    client, coordinator, other_coordinator, network
):
    orgs, _wave = network
    url = reverse("network:tie-create", args=[orgs["E"].pk])
    data = {"partner": orgs["D"].pk, "art": "joint_offer", "intensitaet": "4"}
    client.force_login(other_coordinator)
    assert client.post(url, data).status_code == 403
    client.force_login(coordinator)
    assert client.post(url, data).status_code == 302
    tie = Tie.objects.get(reporter=orgs["E"], wave__isnull=True)
    assert (tie.partner, tie.kind, tie.intensity, tie.source) == (
        orgs["D"],
        "joint_offer",
        4,
        "coordinator",
    )
    assert tie.history.first().history_user == coordinator


@pytest.mark.parametrize("partner", ["", "abc", "999999"])
def test_recording_a_tie_without_a_valid_partner_shows_a_message(
    client, coordinator, network, partner
):
    orgs, _wave = network
    client.force_login(coordinator)
    response = client.post(
        reverse("network:tie-create", args=[orgs["E"].pk]),
        {"partner": partner, "art": "case"},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [str(TieForm.CHOOSE_PARTNER)]
    assert not Tie.objects.filter(reporter=orgs["E"]).exists()


@pytest.mark.parametrize("page", ["network:network-map", "network:matrix", "network:improvements"])
def test_unknown_network_filters_fall_back_to_the_defaults(client, planner, network, page):
    _orgs, wave = network
    services.wave_close(wave=wave)
    client.force_login(planner)
    response = client.get(
        reverse(page), {"gebiet": "999999", "sektor": "nope", "art": "nope", "format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["wave"] == wave  # no ?welle=: the latest closed wave
    assert response.context["area"] is None
    assert response.context["sector"] == ""
    assert response.context["kind"] == ""


def test_unknown_wave_or_city_is_not_found(client, planner, network):
    client.force_login(planner)
    url = reverse("network:network-map")
    assert client.get(url, {"welle": "999999"}).status_code == 404
    assert client.get(url, {"stadt": "nowhere"}).status_code == 404
    assert client.get(url, {"welle": "register"}).context["wave"] is None


def test_unknown_waves_to_compare_fall_back_to_the_latest_two(client, planner, network, district):
    _orgs, first = network
    second = services.wave_start(
        area=district, name="Welle 2", closes_on=timezone.localdate() + dt.timedelta(days=5)
    )
    services.wave_close(wave=first)
    services.wave_close(wave=second)
    client.force_login(planner)
    response = client.get(
        reverse("network:wave-compare"), {"vorher": "x", "nachher": "999999", "format": "pdf"}
    )
    assert response.status_code == 200
    assert response.context["before"] == first
    assert response.context["after"] == second


def test_unknown_registry_filters_fall_back_to_the_defaults(client, network, city):
    response = client.get(
        reverse("network:organisation-list"),
        {"stadt": city.code, "sektor": "nope", "art": "nope", "seite": "x", "format": "pdf"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert (response.context["sector"], response.context["kind"]) == ("", "")
    assert response.context["page"].number == 1
    assert len(response.context["page"]) == 5
    long = client.get(reverse("network:organisation-list"), {"q": "  " + "Kita" * 40 + " "})
    assert long.context["query"] == ("Kita" * 40)[:100]


def test_unknown_city_of_the_wave_list_is_not_found(client, planner, city):
    client.force_login(planner)
    assert client.get(reverse("network:wave-list"), {"stadt": "nowhere"}).status_code == 404
    assert client.get(reverse("network:wave-list"), {"stadt": ""}).status_code == 200
