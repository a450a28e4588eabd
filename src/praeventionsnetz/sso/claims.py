"""From the provider's claims to a role and a coordinator's areas.

Claims are the truth at every login: the role and the areas are set from them each time, and
a user whose claims map to no role has none.

- OIDC_ROLE_MAP: "claimvalue=role,claimvalue=role" or a JSON object {"claimvalue": "role"}
  (for claim values with commas, e.g. LDAP group DNs). The roles are the values of
  core.models.Role. When several entries match, the first one in the map wins.
- OIDC_ROLE_CLAIM / OIDC_AREA_CLAIM: a claim name; when the claims have no such key, a
  dotted path into nested claims (Keycloak's "realm_access.roles"). A claim may be a string
  or a list of strings.
- Area codes: "city:code" (e.g. "dresden:16", the code of the city's root area, a colon and
  the area's code) or "city:level:code" (e.g. "dresden:stadtteil:16") where one code is used
  on several levels of a city; "city" alone is the whole city.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any


def parse_role_map(text: str) -> dict[str, str]:
    """OIDC_ROLE_MAP as a dict from claim value to role, in the order written."""
    text = (text or "").strip()
    if not text:
        return {}
    if text.startswith("{"):
        value = json.loads(text)
        if not isinstance(value, dict):
            raise ValueError("OIDC_ROLE_MAP must be a JSON object")
        return {str(k): str(v).strip() for k, v in value.items()}
    mapping: dict[str, str] = {}
    for entry in text.split(","):
        if not entry.strip():
            continue
        claim_value, sep, role = entry.rpartition("=")
        if not sep or not claim_value.strip():
            raise ValueError(f"OIDC_ROLE_MAP entry without '=': {entry.strip()!r}")
        mapping[claim_value.strip()] = role.strip()
    return mapping


def claim(claims: dict[str, Any], name: str) -> Any:
    """A claim by its name, or by a dotted path into nested claims."""
    if not name:
        return None
    if name in claims:
        return claims[name]
    value: Any = claims
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def values(raw: Any) -> list[str]:
    """A claim's values: a list as it is, a string split at commas and white space."""
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        return [str(v).strip() for v in raw if str(v).strip()]
    return [v for v in re.split(r"[,\s]+", str(raw)) if v]


def role_from(claims: dict[str, Any], claim_name: str, role_map: dict[str, str]) -> str:
    """The role the claims map to, or "" for none."""
    present = set(values(claim(claims, claim_name)))
    for claim_value, role in role_map.items():
        if claim_value in present:
            return role
    return ""


@dataclass(frozen=True)
class AreaCode:
    city: str
    level: str | None
    code: str | None  # None: the city itself

    def __str__(self) -> str:
        return ":".join(p for p in (self.city, self.level, self.code) if p)


def parse_area_code(text: str) -> AreaCode | None:
    """ "dresden:16", "dresden:stadtteil:16" or "dresden"; None when malformed."""
    parts = [p.strip() for p in text.split(":")]
    if not all(parts) or len(parts) > 3:
        return None
    if len(parts) == 1:
        return AreaCode(parts[0], None, None)
    if len(parts) == 2:
        return AreaCode(parts[0], None, parts[1])
    return AreaCode(parts[0], parts[1], parts[2])
