"""The upgrade check: release 0.1.0's demo, restored and migrated forward with this code.

The first test runs the real check on the repository's artefact (data/releases/0.1.0) for the
test database's engine, in a scratch database of its own. The others run the check's last
step in the test database, to see that it notices lost rows and failing pages.
"""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from praeventionsnetz.core import backup

RELEASE = Path(settings.BASE_DIR) / "data" / "releases" / "0.1.0"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_release_0_1_0_upgrades_with_its_rows_and_pages(capsys):
    manifest = backup.read_manifest(RELEASE / connection.vendor)
    assert manifest["project_version"] == "0.1.0"
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"]["offers_service"] > 3000

    call_command("upgrade_check", str(RELEASE))

    err = capsys.readouterr().err
    rows = sum(manifest["tables"].values())
    assert f"{len(manifest['tables'])} " in err
    assert f" {rows} " in err
    # The scratch database is gone again.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s",
                [connection.settings_dict["NAME"][:55] + "_upgrade"],
            )
            assert cursor.fetchone() is None


@pytest.fixture
def release(tmp_path):
    """A release folder whose manifest is the test database as it is now."""
    from praeventionsnetz.areas.demo import load_dresden
    from praeventionsnetz.site.demo import load_demo_users

    load_dresden()
    load_demo_users()
    folder = tmp_path / "release" / connection.vendor
    folder.mkdir(parents=True)
    manifest = {
        "format": backup.FORMAT,
        "engine": connection.vendor,
        "tables": backup.table_counts(),
        "files": [],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder.parent


def _manifest(release: Path) -> tuple[Path, dict]:
    path = release / connection.vendor / "manifest.json"
    return path, json.loads(path.read_text())


@pytest.mark.django_db
def test_the_last_step_passes_when_rows_are_kept_and_pages_answer(release, capsys):
    from praeventionsnetz.core.management.commands.upgrade_check import KEY_PAGES

    call_command("upgrade_check", str(release), after_migrate=True)
    out = capsys.readouterr().out
    assert f"{len(KEY_PAGES)} " in out
    assert out.splitlines()[-1].startswith("0 ")  # nothing newer than the test database


@pytest.mark.django_db
def test_the_last_step_fails_on_lost_rows_and_on_a_lost_table(release):
    path, manifest = _manifest(release)
    manifest["tables"]["areas_area"] += 1
    manifest["tables"]["areas_vanished"] = 3
    # migrate may add content types and permissions: more is fine, fewer is not.
    manifest["tables"]["django_content_type"] -= 1
    manifest["migrations"] = {"areas": ["0001_initial"], "gone": ["0007_forgotten"]}
    path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError) as failed:
        call_command("upgrade_check", str(release), after_migrate=True)
    message = str(failed.value)
    assert "areas_area:" in message
    assert "areas_vanished" in message
    assert "django_content_type" not in message
    assert "gone.0007_forgotten" in message
    assert "areas.0001_initial" not in message


@pytest.mark.django_db
def test_a_release_without_a_backup_for_the_engine_is_refused(release):
    shutil.rmtree(release / connection.vendor)
    with pytest.raises(CommandError, match=connection.vendor):
        call_command("upgrade_check", str(release))
