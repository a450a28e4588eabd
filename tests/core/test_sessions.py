"""Sessions and accounts: idle timeout, password change and reset, key strength, login lock
behind a proxy, the API docs without a CDN, and commands that run without configuration."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from praeventionsnetz.config.settings import weak_secret_key
from praeventionsnetz.core.middleware import LAST_ACTIVITY_KEY, client_ip

GOOD_KEY = "kd5EB4Qq80bYjEU38fm99N3D70Lsow-Jx2vT_n6hZcPaR1yWmGiUeK7fQ"
CONSOLE_SCRIPT = Path(sys.executable).with_name("praeventionsnetz")


# --- idle timeout -----------------------------------------------------------------------


def _idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def test_a_session_idle_longer_than_the_timeout_is_logged_out_with_a_message(
    client, planner, settings
):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    client.force_login(planner)
    assert client.get(reverse("core:account")).status_code == 200
    _idle_for(client, 31 * 60)
    response = client.get(reverse("core:audit-log"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('core:login')}?next=/protokoll/"
    login_page = client.get(response["Location"]).content.decode()
    assert "Sie wurden nach längerer Inaktivität abgemeldet." in login_page
    # Logged out for good: the next request is anonymous.
    assert client.get(reverse("core:account")).status_code == 302


def test_a_session_in_use_stays_logged_in(client, planner, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    client.force_login(planner)
    client.get(reverse("core:account"))
    _idle_for(client, 29 * 60)
    assert client.get(reverse("core:account")).status_code == 200
    # The request counted as activity: the clock starts again.
    assert int(time.time()) - client.session[LAST_ACTIVITY_KEY] < 5


def test_the_idle_timeout_is_configurable(client, planner, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    client.force_login(planner)
    client.get(reverse("core:account"))
    _idle_for(client, 6 * 60)
    assert client.get(reverse("core:account")).status_code == 302


def test_htmx_requests_are_sent_to_the_login_page_as_a_whole(client, planner, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    client.force_login(planner)
    client.get(reverse("core:account"))
    _idle_for(client, 120)
    response = client.get(reverse("core:account"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("core:login"))


# --- password change and reset ----------------------------------------------------------


def test_password_change_in_german(client, planner):
    client.force_login(planner)
    page = client.get(reverse("core:password-change")).content.decode()
    assert "Passwort ändern" in page
    response = client.post(
        reverse("core:password-change"),
        {
            "old_password": "richtig-gutes-passwort",
            "new_password1": "ein-neues-langes-Passwort-42",
            "new_password2": "ein-neues-langes-Passwort-42",
        },
    )
    assert response["Location"] == reverse("core:password-change-done")
    planner.refresh_from_db()
    assert planner.check_password("ein-neues-langes-Passwort-42")


def test_password_change_with_a_wrong_old_password_is_refused(client, planner):
    client.force_login(planner)
    response = client.post(
        reverse("core:password-change"),
        {
            "old_password": "falsch",
            "new_password1": "ein-neues-langes-Passwort-42",
            "new_password2": "ein-neues-langes-Passwort-42",
        },
    )
    assert response.status_code == 200
    assert "Das alte Passwort war falsch." in response.content.decode()
    planner.refresh_from_db()
    assert planner.check_password("richtig-gutes-passwort")


def test_password_reset_by_email(client, planner):
    planner.email = "planerin@example.org"
    planner.save()
    login_page = client.get(reverse("core:login")).content.decode()
    assert reverse("core:password-reset") in login_page
    response = client.post(reverse("core:password-reset"), {"email": "planerin@example.org"})
    assert response["Location"] == reverse("core:password-reset-done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Präventionsnetz: neues Passwort festlegen"
    assert "planerin" in message.body
    link = re.search(r"https?://testserver(/passwort-neu/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    page = client.get(form_url).content.decode()
    assert "Neues Passwort festlegen" in page
    response = client.post(
        form_url,
        {
            "new_password1": "ein-neues-langes-Passwort-42",
            "new_password2": "ein-neues-langes-Passwort-42",
        },
    )
    assert response["Location"] == reverse("core:password-reset-complete")
    planner.refresh_from_db()
    assert planner.check_password("ein-neues-langes-Passwort-42")
    # The link works once.
    assert "ungültig" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("core:password-reset"), {"email": "niemand@example.org"})
    assert response["Location"] == reverse("core:password-reset-done")
    assert mail.outbox == []


# --- the secret key ---------------------------------------------------------------------


def _settings_load(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "PRAEVENTIONSNETZ_WEB"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import praeventionsnetz.config.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "key",
    [
        "kurz-aber-geheim",
        "a" * 64,
        "abcde" * 12,
        "passwort" * 8,
        "django-insecure-" + GOOD_KEY,
    ],
)
def test_a_weak_key_is_refused(key):
    assert weak_secret_key(key)


def test_a_random_key_is_accepted():
    assert not weak_secret_key(GOOD_KEY)


def test_production_refuses_to_start_with_a_short_key():
    result = _settings_load({"DEBUG": "0", "SECRET_KEY": "kurz-aber-geheim-1234"})
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_production_starts_with_a_strong_key():
    assert _settings_load({"DEBUG": "0", "SECRET_KEY": GOOD_KEY}).returncode == 0


def test_development_accepts_any_key():
    assert _settings_load({"DEBUG": "1", "SECRET_KEY": "kurz"}).returncode == 0


# --- login lock behind a proxy ----------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),  # no proxy: the header is the client's own words
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.7, 203.0.113.5", "203.0.113.5"),  # a forged entry on the left
        (2, "198.51.100.7, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.1"),  # shorter than the proxies promise
        (1, "", "10.0.0.1"),
        (1, "kein-ip", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_behind_proxies(settings, count, forwarded, expected):
    settings.PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def _fail_login(client, username: str, forwarded: str):
    return client.post(
        reverse("core:login"),
        {"username": username, "password": "falsch"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_proxy_an_attacker_cannot_lock_out_someone_else(client, planner, settings):
    settings.PROXY_COUNT = 1
    for _ in range(5):
        response = _fail_login(client, "planerin", "198.51.100.7")
    assert response.status_code == 429
    # The same account from the real user's own address, through the same proxy.
    response = client.post(
        reverse("core:login"),
        {"username": "planerin", "password": "richtig-gutes-passwort"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert response.status_code == 302


def test_behind_a_proxy_the_attacker_stays_locked_whatever_he_forges(client, planner, settings):
    settings.PROXY_COUNT = 1
    for i in range(5):
        _fail_login(client, "planerin", f"192.0.2.{i}, 198.51.100.7")
    response = _fail_login(client, "planerin", "192.0.2.99, 198.51.100.7")
    assert response.status_code == 429


def test_proxy_settings_come_from_the_environment():
    code = "import praeventionsnetz.config.settings as s; print(s.PROXY_COUNT)"
    base = {"DEBUG": "1", "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-c", code]
    out = {
        name: subprocess.run(
            run, env={**base, **env}, capture_output=True, text=True, check=True
        ).stdout.strip()
        for name, env in {
            "none": {},
            "proxy": {"BEHIND_PROXY": "1"},
            "two": {"BEHIND_PROXY": "1", "PROXY_COUNT": "2"},
            "ignored": {"PROXY_COUNT": "2"},
        }.items()
    }
    assert out == {"none": "0", "proxy": "1", "two": "2", "ignored": "0"}


# --- API docs from the platform's own static files --------------------------------------


def test_the_api_docs_load_swagger_ui_from_the_platform(client, db):
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui.css" in page
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses
    assert [a for a in addresses if not a.startswith("/")] == []
    assert "cdn" not in page.lower()


# --- commands without configuration ------------------------------------------------------


def _bare_env() -> dict[str, str]:
    drop = {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "DATABASE_URL", "PRAEVENTIONSNETZ_WEB"}
    drop |= {k for k in os.environ if k.startswith(("DJANGO_", "PYTEST"))}
    return {k: v for k, v in os.environ.items() if k not in drop}


def _console(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CONSOLE_SCRIPT), *args],
        cwd=cwd,
        env=_bare_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_compute_index_runs_without_any_configuration(tmp_path):
    (tmp_path / "definition.json").write_text(
        '{"key": "t", "indices": [{"key": "i", "components": [{"key": "a"}]}]}',
        encoding="utf-8",
    )
    (tmp_path / "in.csv").write_text("id,a\n01,1\n02,3\n", encoding="utf-8")
    result = _console(
        "compute_index",
        "--definition=definition.json",
        "--input=in.csv",
        "--output=out.csv",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("id,index,value,class,rank\n")
    )


def test_network_metrics_runs_without_any_configuration(tmp_path):
    (tmp_path / "ties.csv").write_text("source,target\n001,002\n002,003\n", encoding="utf-8")
    result = _console("network_metrics", "--ties=ties.csv", "--output=out.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3 Organisationen" in result.stdout
    assert (tmp_path / "out.json").exists()


def test_the_web_server_refuses_to_start_without_a_key(tmp_path):
    result = _console("runserver", "--noreload", "127.0.0.1:0", cwd=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("module", ["wsgi", "asgi"])
def test_the_wsgi_and_asgi_applications_refuse_to_load_without_a_key(module, tmp_path):
    env = {**_bare_env(), "PRAEVENTIONSNETZ_WEB": "0"}  # not even when told otherwise
    result = subprocess.run(
        [sys.executable, "-c", f"import praeventionsnetz.config.{module}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
