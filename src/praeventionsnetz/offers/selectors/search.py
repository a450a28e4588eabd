"""The family search: words (with compounds, synonyms and misspellings), age, topic, area,
distance, cost, language and access.

Words match through the SearchTerm index on every database (offers/search/ decides which
terms an offer and a query have). On PostgreSQL, German full-text search (Snowball stems)
over the name (weight A) and the description and eligibility (weight B) adds its hits, so
"betreuen" also finds "Betreuung", and its rank:

    score = ranking.score(...)                         0.5 to 1.5; 0 if only full text found it
          + FULLTEXT_WEIGHT × ts_rank / (ts_rank + 1)  PostgreSQL only; below FULLTEXT_WEIGHT

An offer the SearchTerm index finds therefore always ranks above one only full-text search
finds, and the full-text rank orders offers the index scores alike. Ties: the nearer offer
first when a place is given, then by name.
"""

from __future__ import annotations

import heapq
import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from praeventionsnetz.offers.models import (
    PHASE_AGES,
    SearchTerm,
    Service,
    ServiceAtLocation,
    Status,
)
from praeventionsnetz.offers.search import ranking
from praeventionsnetz.offers.search.query import Alternatives, parse_query
from praeventionsnetz.offers.search.text import tokens
from praeventionsnetz.offers.search.vocabulary import Vocabulary
from praeventionsnetz.offers.services import FULLTEXT_COLUMN, FULLTEXT_CONFIG, search_vocabulary

MAX_RESULTS = 200
FULLTEXT_WEIGHT = 0.25
# ts_rank's normalisation 32 maps a rank r to r / (r + 1), between 0 and 1.
FULLTEXT_NORMALISATION = 32


@dataclass(frozen=True)
class Hit:
    service: Service
    score: float
    distance_km: float | None


def published() -> QuerySet[Service]:
    return Service.objects.filter(status=Status.PUBLISHED)


def phases_for_age(age: int) -> list[str]:
    return [phase.value for phase, (low, high) in PHASE_AGES.items() if low <= age < high]


EARTH_RADIUS_KM = 6371.0088


def _distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine), good to a few metres at city scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(a))


def _box(
    near: tuple[float, float], radius_km: float
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Longitude and latitude ranges that hold every point within ``radius_km`` of
    ``near``; None where they would cross a pole or the date line."""
    angle = radius_km / EARTH_RADIUS_KM
    lon, lat = near
    dlat = math.degrees(angle) + 1e-9
    ratio = math.sin(angle) / math.cos(math.radians(lat))
    if abs(lat) + dlat >= 90 or ratio >= 1:
        return None
    dlon = math.degrees(math.asin(ratio)) + 1e-9
    if abs(lon) + dlon >= 180:
        return None
    return (lon - dlon, lon + dlon), (lat - dlat, lat + dlat)


def _fetch(rows: QuerySet) -> list[tuple]:
    """The rows of a values_list query as the database driver returns them: booleans may
    be 0/1. Skips Django's per-row conversion, which costs as much as the query when a
    search reads tens of thousands of rows."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _word_scores(
    query: list[Alternatives], vocabulary: Vocabulary
) -> tuple[dict[int, float], QuerySet[SearchTerm]]:
    """Service id → ranking.score for the services with a term of every word, and the ids
    of a superset of them (the services of the rarest word) as a subquery."""
    wanted = set().union(*query)
    rarest = min(query, key=lambda group: sum(map(vocabulary.count, group)))
    candidates = SearchTerm.objects.filter(term__in=rarest).values("service_id")
    # Every match has a term of the rarest word. A term with more rows than that word
    # (the stem "famili" is in most offers) is read only for the rarest word's offers:
    # probing the index once per offer is cheaper than reading every row of the term.
    limit = sum(map(vocabulary.count, rarest))
    common = {term for term in wanted - rarest if vocabulary.count(term) > limit}
    reads = [SearchTerm.objects.filter(term__in=wanted - common)]
    if common:
        reads.append(SearchTerm.objects.filter(term__in=common, service_id__in=candidates))
    # The terms an offer hits as bits: a broad word hits tens of thousands of offers, and
    # offers with the same hits score the same, so ranking.score runs once per combination.
    bits = {term: 1 << i for i, term in enumerate(sorted(wanted))}
    hit: dict[int, int] = {}
    in_name: dict[int, int] = {}
    for rows in reads:
        for service_id, term, is_name in _fetch(rows.values_list("service_id", "term", "in_name")):
            hit[service_id] = hit.get(service_id, 0) | bits[term]
            if is_name:
                in_name[service_id] = in_name.get(service_id, 0) | bits[term]
    groups = [sum(bits[term] for term in group) for group in query]

    def terms(mask: int) -> set[str]:
        return {term for term, bit in bits.items() if mask & bit}

    scores: dict[int, float] = {}
    known: dict[tuple[int, int], float] = {}
    for service_id, mask in hit.items():
        if all(mask & group for group in groups):
            key = (mask, in_name.get(service_id, 0))
            if key not in known:
                known[key] = ranking.score(terms(key[0]), query, name_terms=terms(key[1]))
            scores[service_id] = known[key]
    return scores, candidates


def fulltext_matches(services: QuerySet[Service], words: str) -> QuerySet[Service]:
    """The services whose stored full-text vector matches all words (PostgreSQL), with
    their ts_rank as ``fulltext_rank``. Uses the GIN index offers_service_fulltext."""
    vector = RawSQL(
        f"{connection.ops.quote_name(Service._meta.db_table)}.{FULLTEXT_COLUMN}",
        [],
        output_field=SearchVectorField(),
    )
    query = SearchQuery(words, config=FULLTEXT_CONFIG, search_type="plain")
    return (
        services.alias(fulltext=vector)
        .filter(fulltext=query)
        .annotate(fulltext_rank=SearchRank(vector, query, normalization=FULLTEXT_NORMALISATION))
    )


def _filtered(*, topic: str, area, free_only: bool, access: str, city=None) -> QuerySet[Service]:
    qs = published()
    if city is not None:
        # An organisation without a city (online, nationwide) serves every city.
        qs = qs.filter(Q(organisation__city=city) | Q(organisation__city__isnull=True))
    if topic:
        qs = qs.filter(topics__code=topic)
    if area is not None:
        # As a subquery, so the joins of the three ways do not repeat offers.
        in_area = Service.objects.filter(
            Q(areas_served=area)
            | Q(at_locations__location__organisation__located_in=area)
            | Q(organisation__located_in=area)
        )
        qs = qs.filter(pk__in=in_area.values("pk"))
    if free_only:
        qs = qs.filter(is_free=True)
    if access:
        qs = qs.filter(access=access)
    return qs


class _Candidate:
    """The columns the ranking reads of one service."""

    __slots__ = ("languages", "name", "phases", "points", "rank")

    def __init__(self, name: str, phases: str | None, languages: str | None) -> None:
        self.name = name
        self.phases = phases  # JSON text, decoded only by the age filter
        self.languages = languages  # likewise, by the language filter
        self.points: list[tuple[float, float]] = []
        self.rank: float | None = None  # full-text rank (PostgreSQL)


def _collect(
    candidates: dict[int, _Candidate],
    services: QuerySet[Service],
    *,
    age: bool,
    language: bool,
    near: bool,
    box: tuple[tuple[float, float], tuple[float, float]] | None,
    rank: bool,
) -> None:
    """Add the services of ``services`` with the columns the given filters need; with a
    ``box``, only services with a location in it, and only those locations."""
    if box is not None:
        services = services.filter(
            at_locations__location__lon__range=box[0], at_locations__location__lat__range=box[1]
        )
    columns: list = ["pk", "name"]
    columns.append(Cast("life_phases", TextField()) if age else Value(None, TextField()))
    columns.append(Cast("languages", TextField()) if language else Value(None, TextField()))
    if rank:
        columns.append("fulltext_rank")
    if near:
        columns += ["at_locations__location__lon", "at_locations__location__lat"]
    added = set()  # one row per location; a service from an earlier call has its points
    for pk, name, phases, languages, *more in _fetch(services.order_by().values_list(*columns)):
        candidate = candidates.get(pk)
        if candidate is None:
            candidate = candidates[pk] = _Candidate(name, phases, languages)
            added.add(pk)
        if rank:
            candidate.rank = more.pop(0)
        if near and pk in added and more[0] is not None and more[1] is not None:
            candidate.points.append((more[0], more[1]))


def _json_test(wanted: set[str]) -> Callable[[str | None], bool]:
    """Whether a JSON list shares a value with ``wanted``; each distinct list decoded once."""
    seen: dict[str | None, bool] = {}

    def test(text: str | None) -> bool:
        if text not in seen:
            seen[text] = bool(wanted.intersection(json.loads(text or "[]")))
        return seen[text]

    return test


@dataclass(frozen=True)
class Ranked:
    service_id: int
    score: float
    distance_km: float | None


def offers_ranked(
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
    limit: int | None = MAX_RESULTS,
    city=None,
) -> list[Ranked]:
    """The offers the family search finds, best first, without loading them; all of them
    when ``limit`` is None; with ``city``, only offers of that city's organisations and of
    organisations without a city."""
    qs = _filtered(topic=topic, area=area, free_only=free_only, access=access, city=city)
    needs = {
        "age": age is not None,
        "language": bool(language),
        "near": near is not None,
        # Offers beyond the radius are dropped anyway; the box keeps most of them unread.
        "box": _box(near, radius_km) if near is not None and radius_km is not None else None,
    }
    query = parse_query(q, search_vocabulary()) if q.strip() else []
    candidates: dict[int, _Candidate] = {}
    scores: dict[int, float] = {}
    if query:
        scores, superset = _word_scores(query, search_vocabulary())
        _collect(candidates, qs.filter(pk__in=superset), **needs, rank=False)
        words = " ".join(tokens(q))
        if connection.vendor == "postgresql" and words:
            _collect(candidates, fulltext_matches(qs, words), **needs, rank=True)
    else:
        _collect(candidates, qs, **needs, rank=False)
    fits_age = _json_test(set(phases_for_age(age))) if age is not None else None
    speaks = _json_test({language}) if language else None
    ranked = []
    for pk, candidate in candidates.items():
        if query and pk not in scores and candidate.rank is None:
            continue
        if speaks is not None and not speaks(candidate.languages):
            continue
        if fits_age is not None and not fits_age(candidate.phases):
            continue
        distance = None
        if near is not None:
            if candidate.points:
                distance = min(
                    _distance_km(near[0], near[1], lon, lat) for lon, lat in candidate.points
                )
            if radius_km is not None and (distance is None or distance > radius_km):
                continue
        score = scores.get(pk, 0.0)
        if candidate.rank is not None:
            score += FULLTEXT_WEIGHT * candidate.rank
        ranked.append(
            (-score, distance if distance is not None else 1e9, candidate.name, pk, score, distance)
        )
    best = sorted(ranked) if limit is None else heapq.nsmallest(limit, ranked)
    return [Ranked(row[3], row[4], row[5]) for row in best]


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
    city=None,
) -> list[Hit]:
    """One page of the family search, each offer with its organisation, locations and
    opening hours."""
    top = offers_ranked(
        q=q,
        age=age,
        topic=topic,
        area=area,
        near=near,
        radius_km=radius_km,
        free_only=free_only,
        language=language,
        access=access,
        limit=limit,
        city=city,
    )
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
        .in_bulk([row.service_id for row in top])
    )
    return [Hit(services[row.service_id], row.score, row.distance_km) for row in top]
