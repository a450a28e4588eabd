"""Backup and restore: a round trip finds every row and file; damaged backups are refused.

The source is the test database, the restore target a second database of the same engine
that the test makes (an SQLite file, or on PostgreSQL `<test database>_restore`, created and
dropped here). The files live in temporary private storage folders.
"""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.utils import load_backend
from django.utils import timezone, translation

from praeventionsnetz.core import backup
from praeventionsnetz.core.uploads import upload_store
from praeventionsnetz.funding.models import Receipt
from praeventionsnetz.steering.models import MeetingFile

pytestmark = pytest.mark.django_db(transaction=True)

TARGET = "restore_target"


@pytest.fixture
def private_dir(tmp_path, settings, monkeypatch):
    """Meeting files and receipts go to tmp/source/private, which the backup reads."""
    settings.VAR_DIR = tmp_path / "source"
    location = settings.VAR_DIR / "private"
    for model in (Receipt, MeetingFile):
        store = model._meta.get_field("file").storage
        monkeypatch.setattr(store, "base_location", str(location))
        monkeypatch.setattr(store, "location", str(location))
    assert backup.private_files_dir() == location
    return location


@pytest.fixture
def target(tmp_path):
    """An empty second database of the test database's engine, as the alias TARGET."""
    default = connections["default"]
    settings_dict = dict(default.settings_dict)
    postgres = default.vendor == "postgresql"
    if postgres:
        settings_dict["NAME"] = f"{default.settings_dict['NAME']}_restore"
        quoted = default.ops.quote_name(settings_dict["NAME"])
        with default._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
            cursor.execute(f"CREATE DATABASE {quoted}")
    else:
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    # Made here rather than in settings.DATABASES, which the test case guards.
    connections[TARGET] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, alias=TARGET
    )
    yield TARGET
    connections[TARGET].close()
    del connections[TARGET]
    if postgres:
        with default._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")


def _receipt_and_meeting_files() -> dict[str, bytes]:
    """Two receipts and two meeting files with distinct contents; returns name → bytes."""
    from praeventionsnetz.funding.models import ActionApplication
    from praeventionsnetz.steering.models import Meeting

    written = {}
    application = ActionApplication.objects.order_by("pk").first()
    for number in range(2):
        content = b"%PDF-1.4 receipt " + bytes([number]) * 3000
        receipt = Receipt(
            application=application,
            original_name=f"beleg-{number}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_at=timezone.now(),
        )
        receipt.file.save(f"beleg-{number}.pdf", ContentFile(content), save=False)
        receipt.save()
        written[receipt.file.name] = content
    meeting = Meeting.objects.order_by("pk").first()
    for number in range(2):
        content = b"%PDF-1.4 minutes " + bytes([200 + number]) * 5000
        meeting_file = MeetingFile(
            meeting=meeting,
            name=f"Protokoll {number}",
            original_name=f"protokoll-{number}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_at=timezone.now(),
        )
        meeting_file.file.save(f"protokoll-{number}.pdf", ContentFile(content), save=False)
        meeting_file.save()
        written[meeting_file.file.name] = content
    return written


@pytest.fixture
def dresden_demo(private_dir):
    """Dresden's real areas, the demo logins, Dresden's funding and steering demo, an import
    preview in the database and four files in private storage."""
    from praeventionsnetz.areas.demo import load_dresden
    from praeventionsnetz.funding.demo import load_funding_demo
    from praeventionsnetz.site.demo import load_demo_users
    from praeventionsnetz.steering.demo import load_steering_demo
    from praeventionsnetz.steering.demo_measures import load_measures_demo
    from tests.factories import OrganisationFactory
    from tests.monitoring.factories import IndicatorFactory, ObservationFactory
    from tests.offers.factories import ServiceAtLocationFactory

    dresden = load_dresden()
    load_demo_users()
    load_funding_demo()
    load_steering_demo()
    load_measures_demo()
    quarter = dresden.children.order_by("code").first()
    births = IndicatorFactory(key="geburten")
    for year in range(2019, 2025):
        ObservationFactory(indicator=births, area=quarter, period=str(year), value=year - 2000)
    ServiceAtLocationFactory(service__organisation=OrganisationFactory(name="Kita Löbtau"))
    upload_store(bytes(range(256)) * 40, "kennzahlen.xlsx", kind="observations")
    return _receipt_and_meeting_files()


@pytest.fixture
def small_data(private_dir):
    """A city, a user, an import preview and two files: enough for the refusals."""
    from tests.factories import CityFactory, UserFactory

    CityFactory(code="klein", name="Kleinstadt")
    UserFactory(username="planerin")
    upload_store(b"a;b\n1;2\n", "werte.csv", kind="observations")
    for name, content in {
        "meetings/2026/a.pdf": b"%PDF a",
        "receipts/2026/b.pdf": b"%PDF b",
    }.items():
        path = private_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _sample(alias: str) -> dict[str, list[dict]]:
    """The first 25 rows of every table by primary key, as plain values."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        values = list(model._base_manager.using(alias).order_by("pk").values()[:25])
        rows[model._meta.db_table] = [
            {k: bytes(v) if isinstance(v, memoryview) else v for k, v in row.items()}
            for row in values
        ]
    return rows


def _files(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _tables(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def test_a_backup_restored_onto_an_empty_database_has_every_row_and_file(
    dresden_demo, private_dir, target, tmp_path, settings, capsys
):
    source_counts = backup.table_counts()
    # Something in every app's tables, and the files.
    for app in ("areas", "core", "monitoring", "network", "offers", "funding", "steering"):
        assert any(n and t.startswith(app + "_") for t, n in source_counts.items()), app
    assert source_counts["core_upload"] == 1
    assert len(_files(private_dir)) == 4

    with translation.override("en"):
        call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["format"] == backup.FORMAT
    assert manifest["engine"] == connections["default"].vendor
    assert manifest["tables"] == source_counts
    assert manifest["migrations"]["steering"]
    assert sorted(f["path"] for f in manifest["files"]) == sorted(dresden_demo)
    assert "Dumping the database" in capsys.readouterr().err

    settings.VAR_DIR = tmp_path / "target"
    with translation.override("en"):
        call_command("restore", str(tmp_path / "backup"), database=target)

    assert backup.table_counts(target) == source_counts
    assert _sample(target) == _sample("default")
    assert _files(tmp_path / "target" / "private") == dresden_demo
    assert "Checksums correct" in capsys.readouterr().err


def test_a_changed_byte_in_a_file_or_in_the_dump_is_refused_before_anything_changes(
    small_data, target, tmp_path, settings
):
    call_command("backup", str(tmp_path / "backup"))
    settings.VAR_DIR = tmp_path / "target"
    for damaged in ("files/meetings/2026/a.pdf", None):
        copy = tmp_path / f"copy-{damaged is None}"
        shutil.copytree(tmp_path / "backup", copy)
        name = damaged or json.loads((copy / "manifest.json").read_text())["dump"]["name"]
        path = copy / name
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))

        with pytest.raises(CommandError, match=Path(name).name) as refused:
            call_command("restore", str(copy), database=target)

        assert "nothing was restored" in str(refused.value) or "nichts" in str(refused.value)
        assert _tables(target) == []
        assert not (tmp_path / "target").exists()


def test_a_missing_or_extra_file_is_refused(small_data, target, tmp_path, settings):
    call_command("backup", str(tmp_path / "backup"))
    settings.VAR_DIR = tmp_path / "target"
    (tmp_path / "backup" / "files" / "receipts" / "2026" / "b.pdf").rename(
        tmp_path / "backup" / "files" / "receipts" / "2026" / "c.pdf"
    )
    with pytest.raises(CommandError, match=r"b\.pdf[\s\S]*c\.pdf"):
        call_command("restore", str(tmp_path / "backup"), database=target)
    assert _tables(target) == []


def test_a_database_with_data_is_refused_and_kept(small_data, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    before = backup.table_counts()
    with pytest.raises(CommandError, match="areas_area"):
        call_command("restore", str(tmp_path / "backup"))
    assert backup.table_counts() == before


def test_a_dump_of_the_other_engine_is_refused(small_data, target, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    other = "sqlite" if manifest["engine"] == "postgresql" else "postgresql"
    manifest_path.write_text(json.dumps({**manifest, "engine": other}))
    with pytest.raises(CommandError, match=r"SQLite.*PostgreSQL|PostgreSQL.*SQLite"):
        call_command("restore", str(tmp_path / "backup"), database=target)
    assert _tables(target) == []


def test_a_backup_goes_only_into_a_new_or_empty_folder(small_data, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("x")
    with pytest.raises(CommandError, match=r"not empty|nicht leer"):
        call_command("backup", str(tmp_path / "backup"))
    assert [p.name for p in (tmp_path / "backup").iterdir()] == ["old.txt"]


def test_the_backup_reads_the_folder_that_the_file_fields_write_to():
    """core cannot import funding: its idea of the private storage must match the fields'."""
    from praeventionsnetz.funding.models import private_storage

    assert Path(private_storage().location) == backup.private_files_dir()


def test_force_replaces_a_database_with_data_and_overwrites_files_of_the_same_name(
    small_data, private_dir, tmp_path
):
    from praeventionsnetz.core.models import User
    from tests.factories import UserFactory

    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    UserFactory(username="nach-der-sicherung")
    (private_dir / "meetings" / "2026" / "a.pdf").write_bytes(b"changed since")
    (private_dir / "later.pdf").write_bytes(b"uploaded since")

    call_command("restore", str(tmp_path / "backup"), force=True)

    assert backup.table_counts() == manifest["tables"]
    assert not User.objects.filter(username="nach-der-sicherung").exists()
    assert (private_dir / "meetings" / "2026" / "a.pdf").read_bytes() == b"%PDF a"
    assert (private_dir / "later.pdf").read_bytes() == b"uploaded since"


def test_a_migrated_but_empty_database_counts_as_empty(private_dir, target, tmp_path):
    """The target as `migrate` leaves it (content types, permissions, on SQLite the full-text
    index's own rows) takes a backup without --force."""
    from tests.factories import CityFactory

    call_command("backup", str(tmp_path / "empty"))
    call_command("restore", str(tmp_path / "empty"), database=target)
    assert backup.tables_with_rows(target) == []
    CityFactory(code="klein", name="Kleinstadt")
    call_command("backup", str(tmp_path / "backup"))

    call_command("restore", str(tmp_path / "backup"), database=target)

    assert backup.table_counts(target) == backup.table_counts()
