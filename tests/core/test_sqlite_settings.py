"""The embedded SQLite lets concurrent writers wait instead of failing."""

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the options are SQLite's")
@pytest.mark.django_db
def test_a_file_database_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(tmp_path / "db.sqlite3")}, alias="probe"
    )
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        wrapper.close()
