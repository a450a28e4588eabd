"""System checks: a single sign-on configuration that cannot work stops the start."""

from django.conf import settings
from django.core import checks

from praeventionsnetz.core.models import Role
from praeventionsnetz.sso import provider
from praeventionsnetz.sso.claims import parse_role_map


@checks.register(checks.Tags.security)
def check_sso_settings(app_configs, **kwargs):
    if not provider.enabled():
        return []
    errors = []
    try:
        role_map = parse_role_map(settings.OIDC_ROLE_MAP)
    except ValueError as error:
        errors.append(checks.Error(f"OIDC_ROLE_MAP: {error}", id="sso.E001"))
        role_map = {}
    unknown = sorted({r for r in role_map.values() if r not in Role.values})
    if unknown:
        errors.append(
            checks.Error(
                f"OIDC_ROLE_MAP names unknown roles: {', '.join(unknown)}",
                hint=f"Roles are: {', '.join(Role.values)}",
                id="sso.E002",
            )
        )
    if not settings.OIDC_RP_CLIENT_SECRET:
        errors.append(
            checks.Error(
                "OIDC_CLIENT_SECRET (or OIDC_CLIENT_SECRET_FILE) is not set.", id="sso.E003"
            )
        )
    if settings.OIDC_RP_SIGN_ALGO.upper().startswith("HS") or settings.OIDC_RP_SIGN_ALGO == "none":
        errors.append(
            checks.Warning(
                f"OIDC_SIGN_ALGO={settings.OIDC_RP_SIGN_ALGO}: ID tokens are not signed with a "
                "key of the provider; RS256 or ES256 are safer.",
                id="sso.W001",
            )
        )
    return errors
