"""The improvement hints rank actors by importance, not by name (the Jugendamt case):
undirected betweenness of all reported ties, and how many organisations a loss cuts off."""

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import analysis, services
from praeventionsnetz.network.models import Organisation, Sector, Tie, TieKind, TieSource


@pytest.fixture
def youth_office_network(city, district):
    """A centre with 20 offices, each with one attachment, and the Jugendamt named by 27
    associations that it does not name back. Without the centre 40 organisations lose the
    network, without the Jugendamt 27: the two most important actors, named late in the
    alphabet after 20 "Amt …" articulation points."""

    def org(name):
        o = Organisation.objects.create(name=name, city=city, sector=Sector.YOUTH_WELFARE)
        o.areas_served.add(district)
        return o

    centre, youth_office = org("Zentrum"), org("Jugendamt")
    offices = [org(f"Amt {i:02d}") for i in range(20)]
    attachments = [org(f"Anhang {i:02d}") for i in range(20)]
    associations = [org(f"Verein {i:02d}") for i in range(27)]
    pairs = [(centre, youth_office), *((centre, o) for o in offices)]
    pairs += list(zip(offices, attachments, strict=True))
    pairs += [(a, youth_office) for a in associations]
    return pairs, centre, youth_office


def test_the_most_important_actors_come_first(youth_office_network, client, planner, district):
    pairs, centre, youth_office = youth_office_network
    wave = services.wave_start(area=district, name="Welle", closes_on=timezone.localdate())
    Tie.objects.bulk_create(
        Tie(reporter=a, partner=b, kind=TieKind.CASE, source=TieSource.SURVEY, wave=wave)
        for a, b in pairs
    )
    services.wave_close(wave=wave)
    client.force_login(planner)
    response = client.get(reverse("network:improvements"))
    groups = {g["kind"]: g for g in response.context["groups"]}
    points = groups["cut_point"]
    assert points["total"] == 22  # the centre, the Jugendamt, 20 offices
    assert len(points["items"]) == 10
    assert [h.nodes[0] for h in points["items"][:2]] == [str(centre.pk), str(youth_office.pk)]
    html = response.content.decode()
    assert "Jugendamt hält das Netz zusammen" in html
    assert (
        "Fällt diese Organisation aus, verlieren 27 Organisationen jede Verbindung zum "
        "übrigen Netz (Artikulationspunkt)." in html
    )
    assert "Alle 22 anzeigen" in html
    # The Jugendamt reports no tie: directed betweenness would be 0, undirected it is high.
    central = [h.nodes[0] for h in groups["unreciprocated_centre"]["items"]]
    assert str(youth_office.pk) in central
    assert "Betweenness 0,00" not in html
    assert "Rang 2 von 69 nach Betweenness" in html

    page = reverse("network:improvements")
    whole = client.get(page + points["whole_url"].split("#")[0])
    shown = {g["kind"]: g for g in whole.context["groups"]}
    assert len(shown["cut_point"]["items"]) == 22
    assert len(shown["bridge"]["items"]) == 10  # the other lists stay short


def test_the_bridges_cutting_off_most_come_first(youth_office_network):
    pairs, centre, youth_office = youth_office_network
    import pandas as pd

    ties = pd.DataFrame(
        [(str(a.pk), str(b.pk), "case") for a, b in pairs], columns=["source", "target", "kind"]
    )
    ids = sorted({t for pair in pairs for t in pair}, key=lambda o: o.name)
    nodes = pd.DataFrame(
        {"id": [str(o.pk) for o in ids], "label": [o.name for o in ids], "sector": "youth_welfare"}
    )
    view = analysis.NetworkView(ties=ties, nodes=nodes, summary={}, answered=set())
    bridges = [h for h in analysis.improvement_hints(view) if h.kind == "bridge"]
    # Centre – Jugendamt cuts off 28 (the Jugendamt and its associations); then each
    # centre – office tie (2), then the single attachments and associations (1).
    assert set(bridges[0].nodes) == {str(centre.pk), str(youth_office.pk)}
    assert "28 Organisationen" in bridges[0].evidence
    assert all("2 Organisationen" in h.evidence for h in bridges[1:21])
