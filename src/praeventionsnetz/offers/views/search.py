"""The public family search (no login) and the offer pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from praeventionsnetz.areas.selectors import feature_collection
from praeventionsnetz.core.access import get_for, public
from praeventionsnetz.offers import selectors
from praeventionsnetz.offers.forms import (
    offer_query_from_page,
    without_control_characters,
)
from praeventionsnetz.offers.models import Access, Service, Status, Topic
from praeventionsnetz.offers.selectors.places import areas_around

LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("fa", "فارسی"),
    ("tr", "Türkçe"),
]
RADII = (1, 2, 5, 10)


def _point_features(places) -> dict:
    """The map's GeoJSON for (id, location, properties); places without coordinates are
    left out (they are still listed beside the map)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": key,
                "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                "properties": {"code": "", **properties},
            }
            for key, location, properties in places
            if location.lon is not None
        ],
    }


@public
@require_GET
def offer_search(request: HttpRequest) -> HttpResponse:
    params = request.GET
    topics = list(Topic.objects.all())
    query, problems = offer_query_from_page(
        params, topics={t.code for t in topics}, limit=selectors.MAX_RESULTS
    )
    near_text = without_control_characters(params.get("nahe", "")).strip()[:200]
    near, near_label = selectors.place_of(near_text)
    searched = any(params.get(k) for k in ("q", "alter", "nahe", "thema", "zugang", "kostenlos"))
    if near_text and near is None:
        problems.append(
            _(
                "We do not know “%(place)s”. Try a street, a district or coordinates like "
                "51.05, 13.74."
            )
            % {"place": near_text}
        )
    hits = []
    if searched:
        hits = selectors.offers_search(**query.search_arguments(near=near))
    features = _point_features(
        (
            hit.service.pk,
            sal.location,
            {
                "name": hit.service.name,
                "url": reverse("offers:detail", args=[hit.service.pk]),
            },
        )
        for hit in hits[:300]
        for sal in hit.service.at_locations.all()
    )
    return render(
        request,
        "offers/search.html",
        {
            "q": query.q,
            "age": params.get("alter", ""),
            "near_text": near_text,
            "near_label": near_label,
            "radius": query.radius_km,
            "radii": RADII,
            "topics": topics,
            "topic": query.topic,
            "access": query.access or "",
            "accesses": Access.choices,
            "free_only": query.free,
            "language": query.language,
            "hits": hits,
            "searched": searched,
            "problems": problems,
            "map_data": features,
        },
    )


@public
@require_GET
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_for(request, Service, pk, perm="offers.view_service", status=Status.PUBLISHED)
    at_locations = list(
        service.at_locations.select_related("location").prefetch_related("schedules")
    )
    features = _point_features(
        (sal.pk, sal.location, {"name": sal.location.name}) for sal in at_locations
    )
    # The areas around the places frame the map, which has no base map of its own.
    around = areas_around([sal.location for sal in at_locations], service.organisation.city)
    return render(
        request,
        "offers/detail.html",
        {
            "service": service,
            "at_locations": at_locations,
            "map_data": features,
            "map_outline": feature_collection(around),
            "topics": service.topics.all(),
        },
    )
