"""A planner imports figures, fixes an error the preview shows, and looks at the result."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import log_in, wait_for_map
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.browser

BAD = "gebiet;indikator;periode;wert\n21;geburten_test;2024;41\n22;geburten_test;2024;viele\n"
GOOD = "gebiet;indikator;periode;wert\n21;geburten_test;2024;41\n22;geburten_test;2024;37\n"


@pytest.fixture
def births_indicator(dresden):
    from praeventionsnetz.monitoring.models import Dimension, IndicatorKind

    return IndicatorFactory(
        key="geburten_test",
        name_de="Geburten (Test)",
        kind=IndicatorKind.COUNT,
        dimension=Dimension.SOCIAL_STRUCTURE,
        unit="Kinder",
        source="Testdatei",
    )


def _upload(page, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    page.locator("#id_datei").set_input_files(str(path))
    page.locator("#id_stadt").select_option("dresden")
    page.locator("#id_ebene").select_option("stadtteil")
    page.get_by_role("button", name="Datei prüfen").click()


def test_planner_imports_fixes_and_sees_map_and_profile(
    page, live_server, births_indicator, tmp_path, js_errors
):
    log_in(page, live_server.url, "planung")
    page.goto(f"{live_server.url}/monitoring/import/")

    _upload(page, tmp_path, "geburten.csv", BAD)
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("„viele“ ist keine Zahl")
    expect(page.locator("#confirm-import")).to_have_count(0)

    _upload(page, tmp_path, "geburten.csv", GOOD)
    expect(page.locator("#import-counts")).to_contain_text("2")
    page.locator("#confirm-import").click()
    # The import runs as a task (in the request, as in every test): its page tells it.
    expect(page.locator("#job-state")).to_contain_text("gespeichert")

    page.goto(
        f"{live_server.url}/monitoring/?stadt=dresden&ebene=stadtteil"
        "&indikator=geburten_test&periode=2024"
    )
    wait_for_map(page)
    table = page.locator("#figure-table")
    expect(table).to_contain_text("Pieschen-Süd")
    expect(table).to_contain_text("41")

    table.get_by_role("link", name="Pieschen-Süd").click()
    expect(page.locator("h1")).to_have_text("Pieschen-Süd")
    expect(page.locator("#profile-heading")).to_be_visible()
    expect(page.locator(".dimension-table").first).to_contain_text("Geburten (Test)")
    assert js_errors == []


def test_monitoring_pages_have_no_accessibility_violations(page, live_server, births_indicator):
    from praeventionsnetz.areas.models import Area

    for area in Area.objects.filter(level="stadtteil", city__code="dresden")[:10]:
        ObservationFactory(
            area=area, indicator=births_indicator, period="2024", value=10 + area.pk % 7
        )
    axe = Axe()
    for url in (
        "/monitoring/?stadt=dresden&ebene=stadtteil",
        "/monitoring/kennzahlen/",
        "/monitoring/zeitreihen/?stadt=dresden&ebene=stadtteil",
        "/monitoring/vergleich/?stadt=dresden&ebene=stadtteil",
    ):
        page.goto(f"{live_server.url}{url}")
        result = axe.run(page)
        details = [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in result.response["violations"]
        ]
        assert result.violations_count == 0, (url, details)


def test_an_import_waits_for_the_worker_and_its_page_follows_it_to_the_end(
    page, live_server, births_indicator, tmp_path, js_errors, monkeypatch
):
    """With the database backend the task waits; a worker runs it, and the task page,
    asking every second, shows it done, also after a reload."""
    from django_tasks_db.management.commands.db_worker import Worker

    from praeventionsnetz.monitoring import tasks

    queued = tasks.observation_import.using(backend="database")
    monkeypatch.setattr(tasks, "observation_import", queued)
    log_in(page, live_server.url, "planung")
    page.goto(f"{live_server.url}/monitoring/import/")
    _upload(page, tmp_path, "geburten.csv", GOOD)
    page.locator("#confirm-import").click()
    page.wait_for_url("**/aufgaben/*/")
    state = page.locator("#job-state")
    expect(state).to_have_attribute("data-state", "waiting")
    expect(page.locator("h1")).to_have_text("Import von „geburten.csv“")

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="database",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    ).run()

    expect(state).to_have_attribute("data-state", "done")
    expect(state).to_contain_text("Fertig")
    expect(state).to_contain_text("2 neu")
    expect(state.locator("progress")).to_have_attribute("value", "2")
    page.reload()
    expect(page.locator("#job-state")).to_contain_text("Fertig")
    result = Axe().run(page)
    assert result.violations_count == 0, [v["id"] for v in result.response["violations"]]
    page.locator(".job__result").click()
    page.wait_for_url("**/monitoring/kennzahlen/")
    assert js_errors == []
