"""A real OpenID Connect provider for the tests, in its own process, once per session.

Used by tests/sso (through its conftest.py) and tests/browser/test_sso.py.

The provider (tests/sso/provider/) is a second Django project with django-oidc-provider and
its own SQLite file in a temporary folder. The platform under test talks to it over HTTP:
discovery, the token exchange, the JWKS with its RSA key, userinfo and the logout.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.urls import reverse

from praeventionsnetz.sso import provider as sso_provider
from tests.sso.provider import serve

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(18150, 18200)
READY_SECONDS = 60
POLL_SECONDS = 0.1


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for the test provider")


class Provider:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.issuer = f"http://127.0.0.1:{port}/openid"
        self.client_id = serve.CLIENT_ID
        self.client_secret = serve.CLIENT_SECRET
        self.username = serve.USERNAME
        self.password = serve.PASSWORD

    def allow_redirects_to(self, base_url: str) -> None:
        """Register another address of the platform (a live server) with the provider."""
        response = requests.post(
            self.issuer.removesuffix("/openid") + "/test/client/",
            data={"base_url": base_url},
            timeout=10,
        )
        response.raise_for_status()

    def set_claims(self, *, groups=(), areas=()) -> None:
        """The roles (as groups) and areas the provider's user carries from now on."""
        path = self.folder / "claims.json"
        path.write_text(json.dumps({self.username: {"groups": list(groups), "areas": list(areas)}}))


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    port = _free_port()
    env = {
        **os.environ,
        "PROVIDER_DIR": str(folder),
        "PROVIDER_PORT": str(port),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.sso.provider.serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    found = Provider(folder, port)
    try:
        deadline = time.monotonic() + READY_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"the test provider ended: {(folder / 'provider.log').read_text()}"
                )
            try:
                response = requests.get(
                    found.issuer + "/.well-known/openid-configuration", timeout=POLL_SECONDS * 5
                )
                if response.status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the test provider did not start in time")
            time.sleep(POLL_SECONDS)
        yield found
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def sso(settings, oidc_provider):
    """Single sign-on on, against the test provider, as the settings do it with OIDC_ISSUER."""
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = oidc_provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.client_secret
    settings.OIDC_RP_SCOPES = "openid email profile praeventionsnetz"
    settings.OIDC_ROLE_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = "pn-planung=planning,pn-koordination=coordinator,pn-steuerung=steering"
    settings.OIDC_AREA_CLAIM = "areas"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "praeventionsnetz.sso.backends.SSOBackend",
    ]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "praeventionsnetz.sso.middleware.ProviderLogoutMiddleware",
    )
    settings.MIDDLEWARE = middleware
    templates = [dict(t, OPTIONS=dict(t["OPTIONS"])) for t in settings.TEMPLATES]
    templates[0]["OPTIONS"]["context_processors"] = [
        *templates[0]["OPTIONS"]["context_processors"],
        "praeventionsnetz.sso.context_processors.sso",
    ]
    settings.TEMPLATES = templates
    sso_provider.forget()
    oidc_provider.set_claims()
    yield oidc_provider
    sso_provider.forget()


class Browser:
    """The user's browser: the platform through Django's test client, the provider over HTTP."""

    def __init__(self, client, provider: Provider) -> None:
        self.client = client
        self.provider = provider
        self.at_provider = requests.Session()

    def start(self, next_url: str = "") -> str:
        """Click the login button: the platform's redirect to the provider's authorize URL."""
        url = reverse("sso:login") + (f"?next={next_url}" if next_url else "")
        response = self.client.get(url)
        assert response.status_code == 302, response
        assert response["Location"].startswith(self.provider.issuer + "/authorize")
        return response["Location"]

    def log_in_at_provider(self, authorize_url: str) -> str:
        """Log in on the provider's page; returns where the provider sends the browser back."""
        response = self.at_provider.get(authorize_url, allow_redirects=False)
        if response.status_code == 302 and "/login/" in response.headers["Location"]:
            login_url = urljoin(authorize_url, response.headers["Location"])
            page = self.at_provider.get(login_url)
            assert page.status_code == 200
            next_value = dict(
                part.split("=", 1) for part in urlsplit(login_url).query.split("&") if "=" in part
            )
            response = self.at_provider.post(
                login_url,
                data={
                    "username": self.provider.username,
                    "password": self.provider.password,
                    "csrfmiddlewaretoken": self.at_provider.cookies["providercsrf"],
                    "next": requests.utils.unquote(next_value["next"]),
                },
                allow_redirects=False,
            )
            assert response.status_code == 302, response.text
            response = self.at_provider.get(
                urljoin(login_url, response.headers["Location"]), allow_redirects=False
            )
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    def back_at_platform(self, callback_url: str):
        parts = urlsplit(callback_url)
        assert parts.netloc == "testserver", callback_url
        assert parts.path == reverse("sso:callback")
        return self.client.get(f"{parts.path}?{parts.query}")

    def log_in(self, next_url: str = ""):
        return self.back_at_platform(self.log_in_at_provider(self.start(next_url)))


@pytest.fixture
def browser(client, sso):
    return Browser(client, sso)
