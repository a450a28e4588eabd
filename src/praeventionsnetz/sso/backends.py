"""The relying party: mozilla-django-oidc's backend, made to fit the platform.

- Endpoints come from the provider's discovery document, looked up only when a login through
  the provider is under way: a local login never waits for the provider.
- The ID token's signature, issuer, audience and nonce are checked.
- Claims come from the ID token and the userinfo endpoint (Entra ID and ADFS put groups and
  roles only into the ID token; Keycloak into both).
- The user is found by OIDC_USERNAME_CLAIM, created when new (with an unusable password) and
  gets role and coordinator areas from the claims at every login.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.models import Role
from praeventionsnetz.sso import claims as claim_rules
from praeventionsnetz.sso import provider
from praeventionsnetz.sso.signals import END_SESSION_KEY

logger = logging.getLogger(__name__)

CHANGE_REASON = "single sign-on"


class SSOBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The parent reads the endpoints here; Django makes a backend for every login,
        # local ones too, so they are looked up only in authenticate().
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a local login never reaches the provider.
        if request is None or "nonce" not in kwargs or not provider.enabled():
            return None
        found = provider.endpoints()
        self.endpoints = found
        self.OIDC_OP_TOKEN_ENDPOINT = found.token
        self.OIDC_OP_USER_ENDPOINT = found.userinfo
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = getattr(settings, "OIDC_RP_IDP_SIGN_KEY", None)
        return super().authenticate(request, **kwargs)

    def store_tokens(self, access_token, id_token):
        super().store_tokens(access_token, id_token)
        # For the logout at the provider (signals.py), without asking it again then.
        self.request.session[END_SESSION_KEY] = self.endpoints.end_session

    # The ID token -------------------------------------------------------------------------

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # The library checks the signature and the nonce; issuer and audience are checked
        # here (OpenID Connect Core 1.0, 3.1.3.7).
        if str(payload.get("iss", "")).rstrip("/") != self.endpoints.issuer:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if len(audiences) > 1 and payload.get("azp") not in (None, self.OIDC_RP_CLIENT_ID):
            raise SuspiciousOperation("ID token for another authorised party")
        return payload

    def _verify_jws(self, payload, key):
        try:
            return super()._verify_jws(payload, key)
        except jwt.InvalidTokenError as error:  # expired, not yet valid, …
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed and overridden by the userinfo endpoint's."""
        found = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo for another subject")
            found.update(userinfo)
        return found

    # Users ---------------------------------------------------------------------------------

    def username_from(self, found: dict[str, Any]) -> str:
        value = claim_rules.claim(found, settings.OIDC_USERNAME_CLAIM)
        return str(value).strip() if value else ""

    def verify_claims(self, claims):
        username = self.username_from(claims)
        if not username or len(username) > 150:
            logger.warning(
                "Single sign-on refused: claim %r missing or too long", settings.OIDC_USERNAME_CLAIM
            )
            return False
        return True

    def describe_user_by_claims(self, claims):
        return f"user name {self.username_from(claims)}"

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self.username_from(claims))

    def create_user(self, claims):
        user = self.UserModel(username=self.username_from(claims))
        user.set_unusable_password()
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        if user.is_superuser or user.is_staff:
            # An administrator's account is never taken over by a name from the provider.
            raise SuspiciousOperation(f"{user.username} is an administrator: local login only")
        role = claim_rules.role_from(
            claims, settings.OIDC_ROLE_CLAIM, claim_rules.parse_role_map(settings.OIDC_ROLE_MAP)
        )
        if role and role not in Role.values:
            logger.warning("OIDC_ROLE_MAP names the unknown role %r; no role given", role)
            role = ""
        fields = {
            "role": role,
            "email": str(claims.get("email") or user.email or "")[:254],
            "first_name": str(claims.get("given_name") or user.first_name or "")[:150],
            "last_name": str(claims.get("family_name") or user.last_name or "")[:150],
        }
        areas = self.areas_from(claims) if role == Role.COORDINATOR else []
        new = user.pk is None
        changed = new or any(getattr(user, k) != v for k, v in fields.items())
        area_ids = {a.pk for a in areas}
        old_area_ids = set() if new else set(user.areas.values_list("pk", flat=True))
        if changed or area_ids != old_area_ids:
            for name, value in fields.items():
                setattr(user, name, value)
            reason = CHANGE_REASON
            if area_ids != old_area_ids:
                reason = f"{CHANGE_REASON}: areas " + ", ".join(sorted(a.code for a in areas))
            user._change_reason = reason[:100]
            user.save()
            del user._change_reason  # not for the save of last_login that follows
            user.areas.set(areas)
            logger.info(
                "Single sign-on %s %s: role %r, areas %s",
                "created" if new else "updated",
                user.username,
                role,
                sorted(str(a) for a in areas),
            )
        return user

    def areas_from(self, found: dict[str, Any]) -> list[Area]:
        """The current areas the area claim names; unknown codes are logged and left out."""
        areas: list[Area] = []
        for text in claim_rules.values(claim_rules.claim(found, settings.OIDC_AREA_CLAIM)):
            code = claim_rules.parse_area_code(text)
            area = self.area(code) if code else None
            if area is None:
                logger.warning("Single sign-on: unknown or ambiguous area code %r ignored", text)
            elif area not in areas:
                areas.append(area)
        return areas

    @staticmethod
    def area(code: claim_rules.AreaCode) -> Area | None:
        cities = Area.objects.current().cities().filter(code=code.city)
        if code.code is None:
            found = list(cities[:2])
        else:
            matches = Area.objects.current().filter(city__in=cities, code=code.code)
            if code.level:
                matches = matches.filter(level=code.level)
            found = list(matches[:2])
        return found[0] if len(found) == 1 else None
