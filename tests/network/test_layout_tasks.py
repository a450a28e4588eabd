"""Closing a survey computes its network maps ahead as a background task; the map page
says so while that task waits or runs."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.core.jobs import job_start
from praeventionsnetz.core.models import Job
from praeventionsnetz.network import layouts, services, tasks
from praeventionsnetz.network.models import (
    NetworkLayout,
    Organisation,
    OrgLevel,
    Sector,
    Tie,
    TieKind,
    TieSource,
)


def open_wave(city, district, size=6):
    orgs = [
        Organisation.objects.create(
            name=f"Organisation {i}", city=city, sector=Sector.SCHOOL, level=OrgLevel.FACILITY
        )
        for i in range(size)
    ]
    for org in orgs:
        org.areas_served.add(district)
    wave = services.wave_start(
        area=district, name="Welle 2026", closes_on=timezone.localdate() + dt.timedelta(days=3)
    )
    Tie.objects.bulk_create(
        Tie(
            reporter=orgs[i],
            partner=orgs[(i + 1) % size],
            kind=TieKind.CASE,
            source=TieSource.SURVEY,
            wave=wave,
        )
        for i in range(size)
    )
    return wave


def test_closing_a_survey_computes_its_maps_ahead(client, planner, city, district):
    wave = open_wave(city, district)
    client.force_login(planner)
    response = client.post(reverse("network:wave-close", args=[wave.pk]))
    assert response["Location"] == reverse("network:wave-detail", args=[wave.pk])
    job = Job.objects.get()
    assert job.subject == tasks.layouts_subject(city, wave)
    assert (job.state, job.owner) == (Job.State.DONE, planner)
    areas = tasks.layout_areas(city)
    assert (job.done, job.total) == (len(areas), len(areas))
    assert f"welle={wave.pk}" in job.result_url
    kept = NetworkLayout.objects.get(city=city, choice=layouts.choice_key(wave=wave, area=None))
    assert kept.wave == wave
    assert len(kept.positions) == 6
    # The page reads the kept layout: nothing left to compute.
    page = client.get(reverse("network:network-map"), {"stadt": city.code, "welle": wave.pk})
    assert page.status_code == 200
    assert 'id="layout-refresh"' not in page.content.decode()


def test_the_map_says_while_its_layouts_are_computed_and_one_refresh_runs_at_a_time(
    client, planner, coordinator, city, district
):
    wave = services.wave_close(wave=open_wave(city, district))
    subject = tasks.layouts_subject(city, wave)
    waiting = job_start(
        tasks.layouts_refresh,
        user=planner,
        title="Netzwerkkarten",
        subject=subject,
        backend="database",
        city_id=city.pk,
        wave_id=wave.pk,
    )
    assert waiting.state == Job.State.WAITING
    again = job_start(
        tasks.layouts_refresh,
        user=planner,
        title="Netzwerkkarten",
        subject=subject,
        city_id=city.pk,
        wave_id=wave.pk,
    )
    assert again.pk == waiting.pk
    assert Job.objects.count() == 1
    url = reverse("network:network-map")
    client.force_login(planner)
    page = client.get(url, {"stadt": city.code, "welle": wave.pk}).content.decode()
    assert 'id="layout-refresh"' in page
    assert reverse("core:job-detail", args=[waiting.pk]) in page
    # Another user reads that the maps are computed, without a link to a task not theirs.
    client.force_login(coordinator)
    page = client.get(url, {"stadt": city.code, "welle": wave.pk}).content.decode()
    assert 'id="layout-refresh"' in page
    assert reverse("core:job-detail", args=[waiting.pk]) not in page
