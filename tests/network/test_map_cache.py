"""The network map keeps its layout and measures per city, wave and filter, reads them on
later requests, computes them anew when ties or organisations change, and needs a fixed
number of queries whatever the size of the network."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import layouts, services
from praeventionsnetz.network.models import (
    NetworkLayout,
    Organisation,
    OrgLevel,
    Sector,
    Tie,
    TieKind,
    TieSource,
)

HOSTILE = "<script>alert(\"x\")</script> & 'Verein' <svg onload=alert(1)>"


def make_network(city, district, size: int, name: str = "Welle"):
    orgs = [
        Organisation.objects.create(
            name=f"Organisation {i:03d}", city=city, sector=Sector.SCHOOL, level=OrgLevel.FACILITY
        )
        for i in range(size)
    ]
    orgs[0].name = HOSTILE
    orgs[0].save()
    for org in orgs:
        org.areas_served.add(district)
    wave = services.wave_start(
        area=district, name=name, closes_on=timezone.localdate() + dt.timedelta(days=3)
    )
    Tie.objects.bulk_create(
        Tie(
            reporter=orgs[i],
            partner=orgs[(i + step) % size],
            kind=TieKind.CASE,
            source=TieSource.SURVEY,
            wave=wave,
        )
        for i in range(size)
        for step in (1, 3)
    )
    return orgs, services.wave_close(wave=wave)


def get_map(client, wave, **params):
    return client.get(reverse("network:network-map"), {"welle": wave.pk, **params})


def test_the_first_request_keeps_the_layout_and_later_ones_read_it(client, planner, city, district):
    orgs, wave = make_network(city, district, 12)
    client.force_login(planner)
    first = get_map(client, wave)
    assert NetworkLayout.objects.count() == 1
    kept = NetworkLayout.objects.get()
    assert kept.wave == wave
    assert set(kept.positions) == {str(o.pk) for o in orgs}
    assert kept.summary["n_ties"] == 24
    second = get_map(client, wave)
    assert second.context["svg"] == first.context["svg"]
    assert NetworkLayout.objects.get().computed_at == kept.computed_at  # read, not rewritten
    # Another filter has a layout of its own.
    get_map(client, wave, sektor=Sector.SCHOOL)
    assert NetworkLayout.objects.count() == 2


def test_a_new_tie_or_organisation_makes_the_layout_be_computed_anew(
    client, planner, city, district
):
    orgs, wave = make_network(city, district, 12)
    client.force_login(planner)
    get_map(client, wave)
    before = NetworkLayout.objects.get().digest
    Tie.objects.create(
        reporter=orgs[0], partner=orgs[6], kind=TieKind.CASE, source=TieSource.SURVEY, wave=wave
    )
    response = get_map(client, wave)
    assert response.context["n_ties"] == 25
    assert response.context["summary"]["n_ties"] == 25
    after = NetworkLayout.objects.get().digest
    assert after != before
    # A renamed organisation changes neither layout nor measures: the row stays.
    orgs[5].name = "Umbenannt"
    orgs[5].save()
    assert "Umbenannt" in get_map(client, wave).content.decode()
    assert NetworkLayout.objects.get().digest == after
    # A new organisation invited to the wave is a new node.
    newcomer = Organisation.objects.create(name="Neu", city=city, sector=Sector.HEALTH)
    wave.invitations.create(organisation=newcomer, nonce="n" * 16)
    assert get_map(client, wave).context["n_nodes"] == 13
    assert str(newcomer.pk) in NetworkLayout.objects.get().positions


def test_the_layout_goes_with_its_wave(client, planner, city, district):
    _orgs, wave = make_network(city, district, 6)
    client.force_login(planner)
    get_map(client, wave)
    wave.delete()
    assert not NetworkLayout.objects.exists()


def test_hostile_names_stay_escaped_in_the_drawing(client, planner, city, district):
    _orgs, wave = make_network(city, district, 8)
    client.force_login(planner)
    svg = get_map(client, wave).context["svg"]
    assert "<script>" not in svg
    assert "<svg onload" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Verein&#x27;" in svg


def page_queries(client, wave) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert get_map(client, wave).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_map_needs_a_fixed_number_of_queries(client, planner, city, district):
    _small, small = make_network(city, district, 5, name="Klein")
    _large, large = make_network(city, district, 60, name="Groß")
    client.force_login(planner)
    get_map(client, small), get_map(client, large)  # compute and keep both layouts
    counts = {page_queries(client, small), page_queries(client, large)}
    assert len(counts) == 1, counts
    assert counts.pop() <= 16


def test_layouts_do_not_depend_on_the_row_order():
    import pandas as pd

    nodes = pd.DataFrame(
        {"id": ["3", "1", "2"], "sector": ["school"] * 3, "level": ["facility"] * 3}
    )
    ties = pd.DataFrame({"source": ["1", "2"], "target": ["2", "3"]})
    positions, _summary = layouts.compute(nodes, ties)
    again, _summary = layouts.compute(nodes.iloc[::-1], ties.iloc[::-1])
    assert positions == again
    assert layouts.digest(nodes, ties) == layouts.digest(nodes.iloc[::-1], ties.iloc[::-1])


def test_the_drawn_map_is_reused_and_follows_names_ties_and_language(
    client, planner, city, district, monkeypatch
):
    from praeventionsnetz.network.views import analysis as views

    drawn = []
    draw = views._draw
    monkeypatch.setattr(views, "_draw", lambda *a: drawn.append(1) or draw(*a))
    views._drawn.clear()
    orgs, wave = make_network(city, district, 12)
    client.force_login(planner)
    first = get_map(client, wave).context["svg"]
    assert get_map(client, wave).context["svg"] == first
    assert len(drawn) == 1  # drawn once, then read
    # A new name is in the drawing at once, escaped like the first.
    orgs[1].name = f"Neu {HOSTILE}"
    orgs[1].save()
    renamed = get_map(client, wave).context["svg"]
    assert len(drawn) == 2
    assert "Neu &lt;script&gt;" in renamed
    assert "<script>" not in renamed
    # Another language draws its own titles; the German one is still kept.
    client.cookies["django_language"] = "en"
    english = get_map(client, wave).context["svg"]
    del client.cookies["django_language"]
    assert english != renamed
    assert get_map(client, wave).context["svg"] == renamed
    # A new tie gives another layout digest and another drawing.
    Tie.objects.create(
        reporter=orgs[2], partner=orgs[9], kind=TieKind.CASE, source=TieSource.SURVEY, wave=wave
    )
    before = len(drawn)
    assert get_map(client, wave).context["svg"] != renamed
    assert len(drawn) == before + 1
