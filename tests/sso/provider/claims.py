import json

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oidc_provider.lib.claims import ScopeClaims


def platform_claims(user) -> dict:
    path = settings.PROVIDER_DIR / "claims.json"
    every = json.loads(path.read_text()) if path.exists() else {}
    return every.get(user.username, {})


def userinfo(claims: dict, user) -> dict:
    claims["preferred_username"] = user.username
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    return claims


class PlatformScopeClaims(ScopeClaims):
    info_praeventionsnetz = (_("Präventionsnetz"), _("Your roles and areas."))

    def scope_praeventionsnetz(self):
        found = platform_claims(self.user)
        return {"groups": found.get("groups", []), "areas": found.get("areas", [])}
