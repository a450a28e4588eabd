"""The identity provider's endpoints: from its discovery document, or set explicitly.

The discovery document (`<OIDC_ISSUER>/.well-known/openid-configuration`) is fetched when
first needed and kept for an hour, so a server starts also while the provider is down, and
the provider may rotate its endpoints without a restart of the platform. An endpoint set in
the settings (OIDC_OP_*_ENDPOINT) wins over the discovered one.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_SECONDS = 3600

_lock = threading.Lock()
_cache: dict[str, tuple[float, dict]] = {}


@dataclass(frozen=True)
class Endpoints:
    issuer: str
    authorization: str
    token: str
    userinfo: str
    jwks: str
    end_session: str


def enabled() -> bool:
    """Single sign-on is on when an issuer and a client are configured."""
    return bool(getattr(settings, "OIDC_ISSUER", "") and getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def discovery(issuer: str) -> dict:
    """The provider's discovery document, fetched at most once an hour per process."""
    now = time.monotonic()
    with _lock:
        cached = _cache.get(issuer)
        if cached and now - cached[0] < DISCOVERY_SECONDS:
            return cached[1]
    response = requests.get(
        issuer.rstrip("/") + DISCOVERY_PATH,
        timeout=getattr(settings, "OIDC_TIMEOUT", 10),
        verify=getattr(settings, "OIDC_VERIFY_SSL", True),
    )
    response.raise_for_status()
    document = response.json()
    # OpenID Connect Discovery 1.0, 4.3: the document names the issuer it was asked for.
    if str(document.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise ImproperlyConfigured(
            f"The discovery document of {issuer} names another issuer: {document.get('issuer')!r}"
        )
    with _lock:
        _cache[issuer] = (now, document)
    return document


def forget() -> None:
    """Drop the cached discovery documents (after a change of provider, and in tests)."""
    with _lock:
        _cache.clear()


def endpoints() -> Endpoints:
    """The endpoints in force; fetches the discovery document unless all are set."""
    issuer = settings.OIDC_ISSUER.rstrip("/")
    explicit = {
        "authorization": settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        "token": settings.OIDC_OP_TOKEN_ENDPOINT,
        "userinfo": settings.OIDC_OP_USER_ENDPOINT,
        "jwks": settings.OIDC_OP_JWKS_ENDPOINT,
        "end_session": settings.OIDC_OP_LOGOUT_ENDPOINT,
    }
    document: dict = {}
    if not all(explicit.values()):
        document = discovery(issuer)
    keys = {
        "authorization": "authorization_endpoint",
        "token": "token_endpoint",
        "userinfo": "userinfo_endpoint",
        "jwks": "jwks_uri",
        "end_session": "end_session_endpoint",
    }
    found = {name: explicit[name] or document.get(key, "") for name, key in keys.items()}
    missing = [name for name in ("authorization", "token", "jwks") if not found[name]]
    if missing:
        raise ImproperlyConfigured(f"The identity provider names no {', '.join(missing)} endpoint.")
    return Endpoints(issuer=issuer, **found)
