"""Personal API keys as `Authorization: Bearer <key>` (made on the account page or with
`praeventionsnetz create_api_token`). The request then acts as the key's owner, with the
same permissions as in the web."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from praeventionsnetz.core.tokens import user_for_key


class ApiKey(HttpBearer):
    openapi_description = "Persönlicher API-Schlüssel (Konto → API-Schlüssel)"

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_key(token)
        if user is None:
            return None
        request.user = user
        return user


api_key = ApiKey()
