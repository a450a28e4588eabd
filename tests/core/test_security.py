import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse


def _settings_load(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", "import praeventionsnetz.config.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_load({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_the_development_key():
    result = _settings_load(
        {"DEBUG": "0", "SECRET_KEY": "insecure-development-key-never-use-in-production"}
    )
    assert result.returncode != 0


def test_local_development_starts_without_configuration():
    assert _settings_load({"DEBUG": "1"}).returncode == 0


def test_login_is_locked_after_repeated_failures(client, planner):
    url = reverse("core:login")
    for _ in range(5):
        response = client.post(url, {"username": "planerin", "password": "falsch"})
    assert response.status_code == 429
    assert "zu viele" in response.content.decode().lower() or "Anmeldung gesperrt" in (
        response.content.decode()
    )
    # Even the right password is refused while locked.
    response = client.post(url, {"username": "planerin", "password": "richtig-gutes-passwort"})
    assert response.status_code == 429


def test_login_with_the_right_password_works(client, planner):
    response = client.post(
        reverse("core:login"), {"username": "planerin", "password": "richtig-gutes-passwort"}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:account")).status_code == 200


def test_wrong_password_shows_a_plain_message_and_keeps_the_user_name(client, planner):
    response = client.post(reverse("core:login"), {"username": "planerin", "password": "x"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch" in page
    assert 'value="planerin"' in page


def test_login_without_csrf_token_is_refused(planner):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("core:login"), {"username": "planerin", "password": "richtig-gutes-passwort"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("header", ["X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"])
def test_security_headers_are_set(client, db, header):
    assert header in client.get(reverse("core:health")).headers


def test_a_stored_upload_is_found_only_by_its_token_and_kind(db):
    from django.db import transaction

    from praeventionsnetz.core.uploads import UploadGone, upload_claim, upload_store

    token = upload_store(b"gebiet;wert\n", "daten.CSV", kind="test")
    for wrong in ("../../etc/passwd", "", token[:-1]):
        with pytest.raises(UploadGone), transaction.atomic():
            upload_claim(wrong, kind="test")
    with pytest.raises(UploadGone), transaction.atomic():
        upload_claim(token, kind="other")
    with transaction.atomic():
        assert upload_claim(token, kind="test").content == b"gebiet;wert\n"
