"""Which survey wave the network pages show: the latest closed one, an open one only when
chosen, and then with its response rate (a warning below 60 %)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import services
from praeventionsnetz.network.models import OrgLevel, Sector, Tie, TieKind, TieSource
from tests.factories import OrganisationFactory

PAGES = ["network:network-map", "network:matrix", "network:improvements"]


@pytest.fixture
def waves(city, district):
    """A closed wave with five organisations and four ties, and a later open wave of the
    same five where one has answered (20 %) with one tie."""
    orgs = []
    for name in ("Kita A", "Kita B", "Schule C", "Praxis D", "Verein E"):
        org = OrganisationFactory(
            name=name, sector=Sector.YOUTH_WELFARE, city=city, level=OrgLevel.FACILITY
        )
        org.areas_served.add(district)
        orgs.append(org)
    closes = timezone.localdate() + dt.timedelta(days=5)
    closed = services.wave_start(area=district, name="Befragung 2025", closes_on=closes)
    for a, b in [(0, 1), (1, 0), (0, 2), (2, 3)]:
        Tie.objects.create(
            reporter=orgs[a],
            partner=orgs[b],
            kind=TieKind.CASE,
            source=TieSource.SURVEY,
            wave=closed,
        )
    closed.invitations.update(answered_at=timezone.now())
    closed = services.wave_close(wave=closed)
    running = services.wave_start(area=district, name="Befragung 2026", closes_on=closes)
    Tie.objects.create(
        reporter=orgs[0], partner=orgs[1], kind=TieKind.CASE, source=TieSource.SURVEY, wave=running
    )
    running.invitations.filter(organisation=orgs[0]).update(answered_at=timezone.now())
    return closed, running


@pytest.mark.parametrize("page", PAGES)
def test_pages_default_to_the_latest_closed_wave(client, planner, waves, page):
    closed, running = waves
    client.force_login(planner)
    response = client.get(reverse(page))
    assert response.context["wave"] == closed
    html = response.content.decode()
    assert f'<option value="{closed.pk}" selected>Befragung 2025</option>' in html
    # The open wave can be chosen; its option says how far the answers are.
    assert (
        f'<option value="{running.pk}">Befragung 2026 (offen: 1 von 5 geantwortet)</option>' in html
    )
    assert "data-wave-status" not in html


def test_the_map_of_the_default_wave_shows_its_whole_network(client, planner, waves):
    client.force_login(planner)
    response = client.get(reverse("network:network-map"))
    assert (response.context["n_nodes"], response.context["n_ties"]) == (5, 4)


def test_an_open_wave_is_shown_when_chosen_with_its_response_rate(client, planner, waves):
    _closed, running = waves
    client.force_login(planner)
    response = client.get(reverse("network:network-map"), {"welle": running.pk})
    assert response.context["wave"] == running
    assert response.context["n_ties"] == 1
    status = response.context["wave_status"]
    assert (status["answered"], status["invited"], status["percent"]) == (1, 5, 20)
    html = response.content.decode()
    assert (
        "Die Befragung „Befragung 2026“ läuft noch: Bisher hat 1 von 5 eingeladenen "
        "Organisationen geantwortet (20 %)." in html
    )
    assert 'class="response-warning"' in html


def test_no_warning_from_60_per_cent_of_answers(client, planner, waves):
    _closed, running = waves
    answered = list(running.invitations.values_list("pk", flat=True)[:3])
    running.invitations.filter(pk__in=answered).update(answered_at=timezone.now())
    client.force_login(planner)
    response = client.get(reverse("network:matrix"), {"welle": running.pk})
    assert response.context["wave_status"]["percent"] == 60
    html = response.content.decode()
    assert "data-wave-status" in html
    assert 'class="response-warning"' not in html


def test_without_a_closed_wave_the_registry_is_the_default(client, planner, waves):
    closed, _running = waves
    closed.delete()
    client.force_login(planner)
    response = client.get(reverse("network:network-map"))
    assert response.context["wave"] is None


def test_the_comparison_defaults_to_the_latest_two_closed_waves(client, planner, waves, district):
    closed, running = waves
    older = services.wave_start(
        area=district, name="Befragung 2024", closes_on=timezone.localdate()
    )
    older = services.wave_close(wave=older)
    # Same start day: the newer wave is the one created later.
    type(older).objects.filter(pk=older.pk).update(started_on=dt.date(2024, 3, 1))
    client.force_login(planner)
    response = client.get(reverse("network:wave-compare"))
    assert (response.context["before"].pk, response.context["after"].pk) == (older.pk, closed.pk)
    assert "data-wave-status" not in response.content.decode()
    # Asked for the open wave, the comparison says how few have answered.
    response = client.get(
        reverse("network:wave-compare"), {"vorher": closed.pk, "nachher": running.pk}
    )
    assert response.context["after"] == running
    assert 'class="response-warning"' in response.content.decode()
