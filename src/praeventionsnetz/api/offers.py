"""The family search as an API: the same ranking and filters as the public page."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from praeventionsnetz.api.areas import ValidationErrorOut
from praeventionsnetz.offers import selectors
from praeventionsnetz.offers.models import Access

router = Router(tags=["offers"])


class OfferQuery(Schema):
    q: str = Field("", max_length=200, description="Words, e.g. Kita or Erziehungsberatung.")
    age: int | None = Field(None, ge=0, le=26, description="Age of the child in years.")
    topic: str = Field("", max_length=60)
    lon: float | None = Field(None, ge=-180, le=180)
    lat: float | None = Field(None, ge=-90, le=90)
    radius_km: float | None = Field(None, gt=0, le=100)
    free: bool = False
    language: str = Field("", max_length=5, description="ISO 639-1 code, e.g. ar.")
    access: Access | None = None
    limit: int = Field(50, ge=1, le=200)

    @field_validator("q", "topic", "language")
    @classmethod
    def _no_control_characters(cls, value: str) -> str:
        # PostgreSQL text cannot hold NUL; no search word needs a control character.
        return "".join(ch for ch in value if ch >= " " or ch in "\t")


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
    near = (query.lon, query.lat) if query.lon is not None and query.lat is not None else None
    hits = selectors.offers_search(
        q=query.q,
        age=query.age,
        topic=query.topic,
        near=near,
        radius_km=query.radius_km if near else None,
        free_only=query.free,
        language=query.language,
        access=query.access or "",
        limit=query.limit,
    )
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
