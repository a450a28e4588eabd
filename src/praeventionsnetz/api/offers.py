"""The family search as an API: the same ranking and filters as the public page."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from praeventionsnetz.api.areas import ValidationErrorOut
from praeventionsnetz.offers import selectors
from praeventionsnetz.offers.forms import OfferQuery

router = Router(tags=["offers"])


class OfferOut(Schema):
    id: int
    name: str
    organisation: str
    description: str
    life_phases: list[str]
    is_free: bool
    access: str
    languages: list[str]
    distance_km: float | None
    score: float
    is_demo: bool


@router.get(
    "",
    response={200: list[OfferOut], 422: ValidationErrorOut},
    summary="Search published offers (ranked)",
)
def offer_list(request: HttpRequest, query: Query[OfferQuery]) -> list[dict]:
    hits = selectors.offers_search(**query.search_arguments(near=query.point))
    return [
        {
            "id": h.service.pk,
            "name": h.service.name,
            "organisation": h.service.organisation.name,
            "description": h.service.description,
            "life_phases": h.service.life_phases,
            "is_free": h.service.is_free,
            "access": h.service.access,
            "languages": h.service.languages,
            "distance_km": None if h.distance_km is None else round(h.distance_km, 3),
            "score": h.score,
            "is_demo": h.service.is_demo,
        }
        for h in hits
    ]
