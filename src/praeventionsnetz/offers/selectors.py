"""The family search: words (with compounds, synonyms and misspellings), age, topic, area,
distance, cost, language and access."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from praeventionsnetz.offers import search
from praeventionsnetz.offers.models import (
    PHASE_AGES,
    SearchTerm,
    Service,
    ServiceAtLocation,
    Status,
)
from praeventionsnetz.offers.services import search_vocabulary

MAX_RESULTS = 200


@dataclass(frozen=True)
class Hit:
    service: Service
    score: float
    distance_km: float | None


def published() -> QuerySet[Service]:
    return Service.objects.filter(status=Status.PUBLISHED)


def phases_for_age(age: int) -> list[str]:
    return [phase.value for phase, (low, high) in PHASE_AGES.items() if low <= age < high]


def _distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine), good to a few metres at city scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(a))


def _word_matches(query: list[set[str]]) -> dict[int, tuple[set[str], set[str]]] | None:
    """Service id → (terms hit, name terms hit) for services that satisfy every word."""
    if not query:
        return None
    wanted = set().union(*query)
    rows = SearchTerm.objects.filter(term__in=wanted).values_list("service_id", "term", "in_name")
    terms: dict[int, set[str]] = defaultdict(set)
    names: dict[int, set[str]] = defaultdict(set)
    for service_id, term, in_name in rows:
        terms[service_id].add(term)
        if in_name:
            names[service_id].add(term)
    return {
        sid: (found, names[sid])
        for sid, found in terms.items()
        if all(found & alternatives for alternatives in query)
    }


def offers_search(
    *,
    q: str = "",
    age: int | None = None,
    topic: str = "",
    area=None,
    near: tuple[float, float] | None = None,
    radius_km: float | None = None,
    free_only: bool = False,
    language: str = "",
    access: str = "",
    limit: int = MAX_RESULTS,
) -> list[Hit]:
    qs = published()
    query = search.parse_query(q, search_vocabulary()) if q.strip() else []
    matches = _word_matches(query)
    if matches is not None:
        qs = qs.filter(pk__in=list(matches))
    if topic:
        qs = qs.filter(topics__code=topic)
    if area is not None:
        qs = qs.filter(
            Q(areas_served=area)
            | Q(at_locations__location__organisation__located_in=area)
            | Q(organisation__located_in=area)
        )
    if free_only:
        qs = qs.filter(is_free=True)
    if access:
        qs = qs.filter(access=access)
    # Rank on a few columns of every candidate; load whole offers only for the page.
    rows = list(qs.distinct().values_list("pk", "name", "life_phases", "languages"))
    # JSON list lookups differ between SQLite and PostgreSQL; these filters run here.
    if language:
        rows = [r for r in rows if language in (r[3] or [])]
    if age is not None:
        phases = set(phases_for_age(age))
        rows = [r for r in rows if phases & set(r[2] or [])]
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    if near is not None:
        for service_id, lon, lat in ServiceAtLocation.objects.filter(
            service__in=[r[0] for r in rows], location__lon__isnull=False
        ).values_list("service_id", "location__lon", "location__lat"):
            points[service_id].append((lon, lat))
    ranked = []
    for pk, name, _phases, _languages in rows:
        distance = None
        if near is not None:
            if points[pk]:
                distance = min(_distance_km(near[0], near[1], lon, lat) for lon, lat in points[pk])
            if radius_km is not None and (distance is None or distance > radius_km):
                continue
        score = 0.0
        if matches is not None:
            found, in_name = matches[pk]
            score = search.score(found, query, name_terms=in_name)
        ranked.append(
            (-score, distance if distance is not None else 1e9, name, pk, score, distance)
        )
    ranked.sort()
    top = ranked[:limit]
    services = (
        Service.objects.select_related("organisation")
        .prefetch_related(
            Prefetch(
                "at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "schedules"
                ),
            )
        )
        .in_bulk([row[3] for row in top])
    )
    return [Hit(services[row[3]], row[4], row[5]) for row in top]
