"""The public family search (no login) and the offer pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from praeventionsnetz.areas import geo
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.access import get_for, public
from praeventionsnetz.offers import selectors
from praeventionsnetz.offers.forms import parse_coordinates
from praeventionsnetz.offers.hours import WEEKDAYS_SHORT
from praeventionsnetz.offers.models import Access, Location, Service, Status, Topic

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


def place_of(text: str) -> tuple[tuple[float, float] | None, str]:
    """(lon, lat) for "lat, lon", a street of a known location, or a district's name."""
    text = text.strip()
    if not text:
        return None, ""
    point = parse_coordinates(text)
    if point is not None:
        lat, lon = point
        return (lon, lat), f"{lat:.4f}, {lon:.4f}"
    location = Location.objects.filter(street__icontains=text, lon__isnull=False).first()
    if location:
        return (location.lon, location.lat), f"{location.street}, {location.town}".strip(", ")
    area = (
        Area.objects.current()
        .filter(
            name__icontains=text,
            level__in=[Level.STADTTEIL, Level.PLANUNGSRAUM, Level.BEZIRKSREGION, Level.STADTRAUM],
            geometry__isnull=False,
        )
        .first()
    )
    if area:
        point = geo.parse_area_geometry(area.geometry).representative_point()
        return (point.x, point.y), area.name
    return None, ""


def _text(value: str) -> str:
    """A search input without control characters (PostgreSQL text cannot hold NUL)."""
    return "".join(ch for ch in value if ch >= " ").strip()[:200]


def _int(value: str | None, low: int, high: int) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


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
    q = _text(params.get("q", ""))
    age = _int(params.get("alter"), 0, 26)
    near_text = _text(params.get("nahe", ""))
    near, near_label = place_of(near_text)
    radius = _int(params.get("umkreis"), 1, 50)
    topics = list(Topic.objects.all())
    topic = params.get("thema", "") if params.get("thema") in {t.code for t in topics} else ""
    access = params.get("zugang", "") if params.get("zugang") in Access.values else ""
    searched = any(params.get(k) for k in ("q", "alter", "nahe", "thema", "zugang", "kostenlos"))
    problems = []
    if params.get("alter") and age is None:
        problems.append("Bitte geben Sie das Alter des Kindes als Zahl von 0 bis 26 an.")
    if near_text and near is None:
        problems.append(
            f"„{near_text}“ kennen wir nicht. Versuchen Sie eine Straße, einen "
            "Stadtteil oder Koordinaten wie 51.05, 13.74."
        )
    hits = []
    if searched:
        hits = selectors.offers_search(
            q=q,
            age=age,
            topic=topic,
            near=near,
            radius_km=radius if near else None,
            free_only=params.get("kostenlos") == "1",
            language=params.get("sprache", "")[:5],
            access=access,
        )
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
            "q": q,
            "age": params.get("alter", ""),
            "near_text": near_text,
            "near_label": near_label,
            "radius": radius,
            "radii": RADII,
            "topics": topics,
            "topic": topic,
            "access": access,
            "accesses": Access.choices,
            "free_only": params.get("kostenlos") == "1",
            "language": params.get("sprache", ""),
            "hits": hits,
            "searched": searched,
            "problems": problems,
            "map_data": features,
            "weekdays": WEEKDAYS_SHORT,
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
    return render(
        request,
        "offers/detail.html",
        {
            "service": service,
            "at_locations": at_locations,
            "weekdays": WEEKDAYS_SHORT,
            "map_data": features,
            "topics": service.topics.all(),
        },
    )
