"""Who a key belongs to: lets a finance or reporting tool check its key and scope."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from praeventionsnetz.api.auth import api_key

router = Router(tags=["Konto"])


class Refused(Schema):
    detail: str


class Me(Schema):
    username: str
    role: str
    areas: list[str]
    organisation: str | None


@router.get(
    "",
    response={200: Me, 401: Refused},
    auth=api_key,
    summary="Der Inhaber des Schlüssels",
    description="401, wenn der Schlüssel fehlt, falsch oder widerrufen ist.",
)
def me(request: HttpRequest):
    user = request.auth
    organisation = user.organisation
    return {
        "username": user.get_username(),
        "role": user.role,
        # A coordinator's areas, by code (Area.coordinators lives in the areas app).
        "areas": sorted(user.areas.values_list("code", flat=True)),
        "organisation": organisation.name if organisation is not None else None,
    }
