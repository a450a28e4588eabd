"""The public family search (no login) and the offer pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from praeventionsnetz.areas.postcodes import POSTCODE_LICENCE_URL
from praeventionsnetz.areas.selectors import feature_collection
from praeventionsnetz.core.access import get_for, public
from praeventionsnetz.offers import places, selectors
from praeventionsnetz.offers.forms import (
    offer_query_from_page,
    without_control_characters,
)
from praeventionsnetz.offers.languages import language_choices
from praeventionsnetz.offers.models import Access, Service, Status, Topic
from praeventionsnetz.offers.selectors.places import areas_around
from praeventionsnetz.offers.selectors.search import offers_page

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


# The filters folded under "Filter (n)" on a phone; the radius counts only with a place.
FILTER_PARAMETERS = ("alter", "nahe", "thema", "zugang", "sprache", "kostenlos")
CITY_COOKIE_SECONDS = 365 * 24 * 3600


def _with(params, **changes: str) -> str:
    """The search's query string with some parameters changed ("" removes one)."""
    query = params.copy()
    for key, value in changes.items():
        if value:
            query[key] = value
        else:
            query.pop(key, None)
    return "?" + query.urlencode()


def _page_number(text: str | None) -> int:
    """The page asked for by ``seite``; 1 for anything but a whole number from 1 (a number
    beyond the last page gives the first page too, see offers_page)."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 4:
        return 1
    return max(1, int(text))


def _pager(params, results) -> dict:
    """The links to the pages before and after the shown one; they keep every other
    parameter of the search."""

    def url(number: int) -> str:
        return _with(params, seite=str(number) if number > 1 else "")

    number = results.number
    return {
        "previous": url(number - 1) if number > 1 else "",
        "next": url(number + 1) if number < results.pages else "",
    }


@public
@require_GET
def offer_search(request: HttpRequest) -> HttpResponse:
    params = request.GET
    asked_city = params.get("stadt", "")
    city, cities = places.search_city(asked_city, request.COOKIES.get(places.CITY_COOKIE, ""))
    topics = list(Topic.objects.all())
    query, problems = offer_query_from_page(
        params, topics={t.code for t in topics}, limit=selectors.MAX_RESULTS
    )
    near_text = without_control_characters(params.get("nahe", "")).strip()[:200]
    districts = places.Districts(city) if city is not None else None
    near = places.near_resolve(near_text, city=city, districts=districts)
    words = places.query_filters(query.q, city=city, districts=districts)
    searched = any(params.get(k) for k in ("q", *FILTER_PARAMETERS))
    unknown_place = bool(near_text) and near.point is None
    if unknown_place:
        problems.append(places.unknown_place_message(near_text, near, city))
    results = None
    # An unknown place gives no results: unsorted ones would look like an answer.
    if searched and not unknown_place:
        arguments = query.search_arguments(near=near.point)
        arguments.update(q=words.q, language=query.language or words.language)
        results = offers_page(
            **arguments, area=words.area, city=city, page=_page_number(params.get("seite"))
        )
    hits = results.hits if results is not None else []
    features = _point_features(
        (
            hit.service.pk,
            sal.location,
            {
                "name": hit.service.name,
                "url": reverse("offers:detail", args=[hit.service.pk]),
            },
        )
        for hit in hits
        for sal in hit.service.at_locations.all()
    )
    offered = places.languages_offered(city)
    if query.language and query.language not in offered:
        offered.append(query.language)
    response = render(
        request,
        "offers/search.html",
        {
            "q": query.q,
            "age": params.get("alter", ""),
            "near_text": near_text,
            "near_label": near.label,
            "suggestions": [(name, _with(params, nahe=name)) for name in near.suggestions],
            "other_city_url": (
                _with(params, stadt=near.other_city.code) if near.other_city else ""
            ),
            "notes": words.notes,
            "city": city,
            "other_cities": [(c, _with(QueryDict(), stadt=c.code)) for c in cities if c != city],
            "radius": query.radius_km,
            "radii": RADII,
            "topics": topics,
            "topic": query.topic,
            "access": query.access or "",
            "accesses": Access.choices,
            "free_only": query.free,
            "language": query.language,
            "languages": language_choices(offered),
            "active_filters": sum(1 for k in FILTER_PARAMETERS if params.get(k)),
            "hits": hits,
            "results": results,
            "pager": _pager(params, results) if results is not None else None,
            "searched": searched,
            "unknown_place": unknown_place,
            "problems": problems,
            "map_data": features,
            "postcode_licence_url": POSTCODE_LICENCE_URL,
        },
    )
    if city is not None and asked_city == city.code:
        # The chosen city is remembered for the next visit; nothing else is stored.
        response.set_cookie(
            places.CITY_COOKIE,
            city.code,
            max_age=CITY_COOKIE_SECONDS,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    patch_vary_headers(response, ["Cookie"])
    return response


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
