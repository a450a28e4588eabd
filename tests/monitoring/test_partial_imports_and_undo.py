"""A partial import does not become the truth: no totals from it, no default period, and
an import can be undone as a whole (issue item 10)."""

import pytest
from django.urls import reverse

from praeventionsnetz.areas.models import Level
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring.models import ImportBatch, IndicatorKind, Observation
from praeventionsnetz.monitoring.selectors import figures as selectors
from praeventionsnetz.monitoring.services import imports
from praeventionsnetz.monitoring.services.batches import import_batch_undo
from tests.factories import AreaFactory, square
from tests.monitoring.factories import IndicatorFactory

OPTIONS = imports.ImportOptions(first_year=2000, last_year=2030)


@pytest.fixture
def raeume(city):
    """Two Stadtbezirke with two Stadträume each."""
    bezirke = [
        AreaFactory(city=city, parent=city, level=Level.STADTBEZIRK, code=c, name=f"Bezirk {c}")
        for c in ("1", "2")
    ]
    return [
        AreaFactory(
            city=city,
            parent=bezirke[n // 2],
            level=Level.STADTRAUM,
            code=f"2{n + 1}",
            name=f"Raum {n + 1}",
            geometry=square(13.0 + n * 0.02, 51.0, 0.02),
        )
        for n in range(4)
    ]


@pytest.fixture
def cases(db):
    return IndicatorFactory(key="faelle", name_de="Fälle", kind=IndicatorKind.COUNT)


def run(city, lines, by=None, name="faelle.csv"):
    text = "gebiet;indikator;periode;wert\n" + "\n".join(lines) + "\n"
    return imports.observations_import(
        content=text.encode(),
        file_name=name,
        city=city,
        level=Level.STADTRAUM,
        options=OPTIONS,
        by=by,
    )


def value(indicator, area, period):
    obs = Observation.objects.filter(indicator=indicator, area=area, period=period).first()
    return obs.value if obs else None


@pytest.fixture
def year_2024(city, raeume, cases, planner):
    return run(city, [f"{a.code};faelle;2024;{100 * (n + 1)}" for n, a in enumerate(raeume)])


def test_a_partial_year_makes_no_city_total_and_no_total_of_an_incomplete_bezirk(
    city, raeume, cases, year_2024
):
    run(city, ["21;faelle;2025;7", "23;faelle;2025;9", "24;faelle;2025;11"])
    assert value(cases, city, "2024") == 1000
    assert value(cases, city, "2025") is None  # 3 of 4 Stadträume: no total
    assert value(cases, raeume[0].parent, "2025") is None  # Bezirk 1 lacks Raum 02
    assert value(cases, raeume[2].parent, "2025") == 20  # Bezirk 2 is complete


def test_the_default_period_is_the_latest_complete_one(client, city, raeume, cases, year_2024):
    run(city, ["21;faelle;2025;7"])
    assert selectors.default_period(cases, city, Level.STADTRAUM, ["2024", "2025"]) == "2024"
    page = client.get(
        reverse("monitoring:indicator-map"),
        {"stadt": city.code, "ebene": Level.STADTRAUM, "indikator": "faelle"},
    )
    assert page.context["period"] == "2024"
    compare = client.get(
        reverse("monitoring:indicator-compare"), {"stadt": city.code, "ebene": Level.STADTRAUM}
    )
    assert compare.context["period"] == "2024"


def test_the_profile_does_not_mix_a_partial_year_with_the_last_complete_one(
    city, raeume, cases, year_2024
):
    other = IndicatorFactory(key="andere", kind=IndicatorKind.COUNT)
    run(city, [f"{a.code};andere;2024;5" for a in raeume])
    run(city, ["21;faelle;2025;7"])
    latest = selectors.latest_figures(raeume[0], [cases, other])
    assert {key: f.period for key, f in latest.items()} == {"faelle": "2024", "andere": "2024"}


def test_an_aggregated_figure_is_marked_on_the_map_table(client, city, raeume, cases, year_2024):
    page = client.get(
        reverse("monitoring:indicator-map"),
        {"stadt": city.code, "ebene": Level.STADTBEZIRK, "indikator": "faelle"},
    ).content.decode()
    assert 'title="Aus den untergeordneten Gebieten summiert, nicht importiert">Summe' in page


def test_undo_removes_what_an_import_created_and_recomputes_the_totals(
    city, raeume, cases, year_2024, planner
):
    batch = run(city, [f"{a.code};faelle;2025;1" for a in raeume], by=planner)
    assert value(cases, city, "2025") == 4
    import_batch_undo(batch=batch, by=planner)
    assert not Observation.objects.filter(period="2025").exists()
    batch.refresh_from_db()
    assert batch.undone_by == planner
    assert batch.undone_at is not None
    reasons = set(
        Observation.history.filter(history_type="-").values_list("history_change_reason", flat=True)
    )
    assert reasons == {"import undone", "aggregation incomplete"}


def test_undo_restores_the_values_an_import_changed(city, raeume, cases, year_2024, planner):
    correction = run(city, ["21;faelle;2024;999"], by=planner)
    assert value(cases, city, "2024") == 1899
    import_batch_undo(batch=correction, by=planner)
    assert value(cases, raeume[0], "2024") == 100
    assert Observation.objects.get(area=raeume[0], period="2024").batch == year_2024
    assert value(cases, city, "2024") == 1000
    assert value(cases, raeume[0].parent, "2024") == 300


def test_undo_leaves_what_a_later_import_changed(city, raeume, cases, year_2024):
    run(city, ["21;faelle;2024;150"])
    import_batch_undo(batch=year_2024)
    assert value(cases, raeume[0], "2024") == 150
    assert value(cases, raeume[1], "2024") is None
    assert value(cases, city, "2024") is None


def test_an_import_is_undone_once(city, raeume, cases, year_2024):
    import_batch_undo(batch=year_2024)
    with pytest.raises(DomainError, match="bereits rückgängig"):
        import_batch_undo(batch=year_2024)


def test_the_import_page_lists_batches_and_undoes_one(client, planner, city, raeume, year_2024):
    client.force_login(planner)
    page = client.get(reverse("monitoring:import")).content.decode()
    assert "faelle.csv" in page
    assert f'id="undo-{year_2024.pk}"' in page
    response = client.post(reverse("monitoring:import-undo", args=[year_2024.pk]), follow=True)
    assert "rückgängig gemacht" in response.content.decode()
    assert ImportBatch.objects.get(pk=year_2024.pk).undone_at is not None
    assert not Observation.objects.filter(area__in=raeume).exists()


def test_only_planning_may_undo_an_import(client, coordinator, year_2024):
    client.force_login(coordinator)
    response = client.post(reverse("monitoring:import-undo", args=[year_2024.pk]))
    assert response.status_code == 403
    assert ImportBatch.objects.get(pk=year_2024.pk).undone_at is None
