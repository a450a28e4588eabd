"""The network pages speak one language: English when chosen, German by default."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import services
from praeventionsnetz.network.models import (
    OrgKind,
    OrgLevel,
    Sector,
    Tie,
    TieKind,
    TieSource,
)
from tests.factories import OrganisationFactory
from tests.language import visible_text

# German words that English pages showed before the network app translated its own texts.
GERMAN_WORDS = [
    "Organisationen",
    "Verbindung",
    "Beziehung",
    "keine",
    "Keine",
    "Zusammenarbeit",
    "Akteure",
    "Träger",
    "Gesundheit",
    "Sektor",
    "Einrichtung",
    "gegenseitig",
    "einseitig",
    "Nennungen",
    "gehört nicht",
]
# English labels that keep the German term they explain.
GERMAN_TERMS_IN_ENGLISH = ["Provider (Träger)"]


@pytest.fixture
def network(city, district):
    provider = OrganisationFactory(
        name="Verein Nordlicht", sector=Sector.CIVIL_SOCIETY, level=OrgLevel.PROVIDER, city=city
    )
    orgs = {}
    for key, name, sector, kind in [
        ("A", "Kita Sonnenschein", Sector.YOUTH_WELFARE, OrgKind.KITA),
        ("B", "Jugendclub Eiche", Sector.YOUTH_WELFARE, OrgKind.YOUTH_CLUB),
        ("C", "Grundschule Linde", Sector.SCHOOL, OrgKind.SCHOOL),
        ("D", "Praxis Dr. Weiß", Sector.HEALTH, OrgKind.MEDICAL),
        ("E", "Nachbarschaftshilfe Ost", Sector.CIVIL_SOCIETY, OrgKind.ASSOCIATION),
        ("F", "Beratungsstelle Mitte", Sector.YOUTH_WELFARE, OrgKind.COUNSELLING),
    ]:
        org = OrganisationFactory(
            name=name,
            sector=sector,
            kind=kind,
            city=city,
            level=OrgLevel.FACILITY,
            provider=provider,
            legal_basis="§ 22 SGB VIII",
        )
        org.areas_served.add(district)
        org.located_in.add(district)
        orgs[key] = org
    wave = services.wave_start(
        area=district, name="Welle 1", closes_on=timezone.localdate() + dt.timedelta(days=5)
    )
    # C links youth welfare to health; D alone reaches F, and nobody answers D's ties.
    for a, b in [("A", "B"), ("B", "A"), ("A", "C"), ("C", "D"), ("B", "D"), ("D", "F")]:
        Tie.objects.create(
            reporter=orgs[a], partner=orgs[b], kind=TieKind.CASE, source=TieSource.SURVEY, wave=wave
        )
    wave.invitations.filter(organisation__in=[orgs["A"], orgs["B"], orgs["C"]]).update(
        answered_at=timezone.now()
    )
    return orgs, wave


def _pages(orgs, wave):
    survey = reverse("network:survey", args=[services.invitation_token(_invitation(orgs, wave))])
    return {
        "organisation list": (reverse("network:organisation-list"), {"stadt": "teststadt"}),
        "organisation detail": (reverse("network:organisation-detail", args=[orgs["C"].pk]), {}),
        "network map": (reverse("network:network-map"), {"welle": wave.pk}),
        "matrix": (reverse("network:matrix"), {"welle": wave.pk}),
        "improvements": (reverse("network:improvements"), {"welle": wave.pk}),
        "survey form": (survey, {}),
    }


def _invitation(orgs, wave):
    return wave.invitations.get(organisation=orgs["A"])


def _german_words(response) -> list[str]:
    text = visible_text(response.content.decode())
    for term in GERMAN_TERMS_IN_ENGLISH:
        text = text.replace(term, "")
    return [word for word in GERMAN_WORDS if word in text]


def test_network_pages_in_english_show_no_german(client, planner, network):
    orgs, wave = network
    client.force_login(planner)
    client.post(reverse("set-language"), {"language": "en", "next": "/"})
    found = {}
    for page, (url, params) in _pages(orgs, wave).items():
        response = client.get(url, params)
        assert response.status_code == 200, page
        assert '<html lang="en">' in response.content.decode(), page
        found[page] = _german_words(response)
    # Messages: a flash message after recording a tie, an error in the survey form.
    response = client.post(
        reverse("network:tie-create", args=[orgs["C"].pk]),
        {"partner": orgs["E"].pk, "art": "referral"},
        follow=True,
    )
    assert "Tie to “Nachbarschaftshilfe Ost” recorded." in response.content.decode()
    found["flash message"] = _german_words(response)
    survey, _params = _pages(orgs, wave)["survey form"]
    response = client.post(survey, {"partner": ["999999"]})
    assert response.status_code == 400
    found["survey error"] = _german_words(response)
    assert {page: words for page, words in found.items() if words} == {}


def test_network_pages_stay_german_by_default(client, planner, network):
    orgs, wave = network
    client.force_login(planner)
    pages = {
        page: visible_text(client.get(url, params).content.decode())
        for page, (url, params) in _pages(orgs, wave).items()
    }
    assert "„Welle 1“" in pages["organisation detail"]
    assert "Verbindungsglied (zwischen zwei anderen Sektoren): 1" in pages["organisation detail"]
    assert "Kita Sonnenschein – Jugendhilfe, Einrichtung, 3 Verbindungen" in pages["network map"]
    assert "Beratungsstelle Mitte – Jugendhilfe, Einrichtung, 1 Verbindung " in pages["network map"]
    assert "gegenseitig einseitig genannt Pfeil: meldend → Partner" in pages["network map"]
    assert (
        "6 Organisationen und 6 gemeldete Beziehungen; die Tabelle darunter" in pages["network map"]
    )
    assert "meldend ↓ · Partner →" in pages["matrix"]
    hints = pages["improvements"]
    assert "Keine Verbindung zwischen Zivilgesellschaft und Gesundheit" in hints
    assert "aber keine einzige gemeldete Zusammenarbeit zwischen beiden." in hints
    assert "Nachbarschaftshilfe Ost ist nicht eingebunden" in hints
    assert "Praxis Dr. Weiß hält das Netz zusammen" in hints
    assert "Einzige Verbindung: Beratungsstelle Mitte – Praxis Dr. Weiß" in hints
    assert (
        "Rang 1 von 6 nach Betweenness: auf 35,0 % der kürzesten Verbindungen zwischen zwei "
        "anderen Organisationen. Doch nur 0 % ihrer 3 Partner nennen sie und werden von ihr "
        "genannt." in hints
    )
    assert "1 Organisation nennt sie als Partner; ihre eigene Sicht fehlt." in hints
    assert (
        "Fällt diese Organisation aus, verliert 1 Organisation jede Verbindung zum übrigen Netz "
        "(Artikulationspunkt)." in hints
    )
    assert "Kita Sonnenschein" in pages["survey form"]
