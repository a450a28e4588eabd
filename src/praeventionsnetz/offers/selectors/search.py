"""The family search: words (with compounds, synonyms and misspellings), age, topic, area,
distance, cost, language and access.

offers/search/ decides which terms an offer is indexed under (SearchDocument) and which
terms a query asks for: one AND-group per query word (or compound part), each a set of
alternative terms with a weight (exact stem 1.0, derived base 0.8, compound part 0.7,
misspelling 0.5). The database's own full-text engine looks the terms up and ranks in SQL:
SQLite's FTS5 table offers_searchdocument_fts, PostgreSQL's tsvector column with its GIN
index. The score of an offer is the mean over the groups of the best weight it has there,
× 1.5 when the term is in the offer's name: the figure offers.search.ranking.score gives.
Ties: the nearer offer first when a place is given, then by name.

The cost grows with the hits, not the offers: one full-text look-up finds the hits, each
hit's score is read off its own terms (SQLite: its two term lists; PostgreSQL: its
tsvector), and one primary-key probe per hit tests the filters and reads the name the
ties are ordered by. The offers with the best score a hit can have are asked for first;
when they fill the ranking ("Familie": the offers with the word in their name), the other
hits are not scored at all; when they do not, the query's terms no offer has are dropped
(they change no score) and the best-scored offers of the rest are asked for. Near a place
with a radius, only the hits with a place in the box around it are scored. Only the page
shown is loaded (offers_page).
"""

from __future__ import annotations

import heapq
import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from praeventionsnetz.offers.models import (
    PHASE_AGES,
    Location,
    SearchDocument,
    Service,
    ServiceAtLocation,
    Status,
)
from praeventionsnetz.offers.search import ranking
from praeventionsnetz.offers.search.query import Alternatives, parse_query
from praeventionsnetz.offers.services import VECTOR_COLUMN, search_vocabulary

MAX_RESULTS = 200
FTS_TABLE = "offers_searchdocument_fts"


@dataclass(frozen=True)
class Hit:
    service: Service
    score: float
    distance_km: float | None


def published(city=None) -> QuerySet[Service]:
    """The published offers; with ``city``, those of its organisations and of organisations
    without a city (online, nationwide), which serve every city."""
    qs = Service.objects.filter(status=Status.PUBLISHED)
    if city is not None:
        qs = qs.filter(Q(organisation__city=city) | Q(organisation__city__isnull=True))
    return qs


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


def _weighted_levels(group: Alternatives) -> list[tuple[float, list[str], bool]]:
    """(score, terms, in the name only) of one group, best first: a term in the name scores
    NAME_BOOST × its weight, anywhere else its weight."""
    weights = getattr(group, "weights", None) or dict.fromkeys(group, ranking.EXACT)
    by_weight: dict[float, list[str]] = {}
    for term, weight in weights.items():
        by_weight.setdefault(weight, []).append(term)
    levels = []
    for weight, terms in by_weight.items():
        levels.append((weight * ranking.NAME_BOOST, sorted(terms), True))
        levels.append((weight, sorted(terms), False))
    return sorted(levels, key=lambda level: -level[0])


def _scored_sql(query: list[Alternatives]) -> tuple[str, list]:
    """SQL with the columns (id, score) of the offers that have a term of every group.

    Terms are lower-case letters and digits (text.normalise), so they need no escaping
    inside the full-text query strings, which are passed as parameters."""
    n = len(query)
    documents = SearchDocument._meta.db_table
    if connection.vendor == "postgresql":
        vector = f"{documents}.{VECTOR_COLUMN}"
        cases, params = [], []
        for group in query:
            whens = []
            for value, terms, in_name in _weighted_levels(group):
                label = ":A" if in_name else ""
                whens.append(f"WHEN {vector} @@ %s::tsquery THEN {value!r}")
                params.append(" | ".join(f"'{term}'{label}" for term in terms))
            cases.append(f"(CASE {' '.join(whens)} ELSE 0 END)")
        every = " & ".join(
            "(" + " | ".join(f"'{term}'" for term in sorted(group)) + ")" for group in query
        )
        sql = (
            f"SELECT service_id AS id, ({' + '.join(cases)}) / {n} AS score FROM {documents} "
            f"WHERE {vector} @@ %s::tsquery"
        )
        return sql, [*params, every]
    # One look-up in the full-text index finds the hits; each hit's score is then read
    # off its two term lists (space-separated, so " term " is a whole term): a few
    # instr() calls per hit instead of one full-text query per weight level.
    every = " AND ".join(
        "(" + " OR ".join(f'"{term}"' for term in sorted(group)) + ")" for group in query
    )
    name, body = "(' ' || doc.name_terms || ' ')", "(' ' || doc.body_terms || ' ')"
    cases, params = [], []
    for group in query:
        whens = []
        for value, terms, in_name in _weighted_levels(group):
            tests = []
            for term in terms:
                tests.append(f"instr({name}, %s)")
                if not in_name:
                    tests.append(f"instr({body}, %s)")
                params.extend([f" {term} "] * (1 if in_name else 2))
            whens.append(f"WHEN {' OR '.join(tests)} THEN {value!r}")
        cases.append(f"(CASE {' '.join(whens)} ELSE 0 END)")
    sql = (
        f"SELECT doc.service_id AS id, ({' + '.join(cases)}) / {n} AS score "
        f"FROM {FTS_TABLE} JOIN {documents} doc ON doc.service_id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s"
    )
    return sql, [*params, every]


def _best_sql(query: list[Alternatives]) -> tuple[str, list]:
    """SQL with the columns (id, score) of the offers with the best score a hit can have:
    a term of the best level of every group in the name. Every other hit scores less, so
    when there are enough of these, the others need no scoring ("Familie": the offers
    with the word in their name, not the nine in ten with it anywhere)."""
    n = len(query)
    tops = [_weighted_levels(group)[0] for group in query]
    score = f"({' + '.join(repr(value) for value, _terms, _in_name in tops)}) / {n}"
    if connection.vendor == "postgresql":
        documents = SearchDocument._meta.db_table
        wanted = " & ".join(
            "(" + " | ".join(f"'{term}':A" for term in terms) + ")" for _v, terms, _n in tops
        )
        sql = (
            f"SELECT service_id AS id, {score} AS score FROM {documents} "
            f"WHERE {documents}.{VECTOR_COLUMN} @@ %s::tsquery"
        )
        return sql, [wanted]
    wanted = " AND ".join(
        "name_terms : (" + " OR ".join(f'"{term}"' for term in terms) + ")"
        for _v, terms, _n in tops
    )
    return f"SELECT rowid AS id, {score} AS score FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [
        wanted
    ]


def _json_overlap(qs: QuerySet[Service], column: str, wanted: list[str]) -> QuerySet[Service]:
    """The services whose JSON list ``column`` shares a value with ``wanted``."""
    column = f"{Service._meta.db_table}.{column}"
    if connection.vendor == "postgresql":
        return qs.extra(where=[f"jsonb_exists_any({column}, %s)"], params=[wanted])
    marks = ", ".join(["%s"] * len(wanted))
    clause = f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value IN ({marks}))"
    return qs.extra(where=[clause], params=wanted)


def _filtered(*, topic: str, area, free_only: bool, access: str, city=None) -> QuerySet[Service]:
    qs = published(city)
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

    __slots__ = ("languages", "name", "phases", "points")

    def __init__(self, name: str, phases: str | None, languages: str | None) -> None:
        self.name = name
        self.phases = phases  # JSON text, decoded only by the age filter
        self.languages = languages  # likewise, by the language filter
        self.points: list[tuple[float, float]] = []


def _collect(
    candidates: dict[int, _Candidate],
    services: QuerySet[Service],
    *,
    age: bool,
    language: bool,
    near: bool,
    box: tuple[tuple[float, float], tuple[float, float]] | None,
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
    if near:
        columns += ["at_locations__location__lon", "at_locations__location__lat"]
    added = set()  # one row per location; a service from an earlier call has its points
    for pk, name, phases, languages, *more in _fetch(services.order_by().values_list(*columns)):
        candidate = candidates.get(pk)
        if candidate is None:
            candidate = candidates[pk] = _Candidate(name, phases, languages)
            added.add(pk)
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


def _word_hits(
    qs: QuerySet[Service],
    query: list[Alternatives],
    *,
    limit: int | None,
    box: tuple[tuple[float, float], tuple[float, float]] | None = None,
    points: bool = False,
    scored: tuple[str, list] | None = None,
    every_hit: bool = False,
) -> list[tuple]:
    """(service id, score, name) of the services of ``qs`` that match the query, best first
    (ties by name), ranked in SQL; the first ``limit`` of them when given. With ``points``,
    one row per location with its (lon, lat) added, only locations in ``box`` if given.

    The filters of ``qs`` are tested per hit (a correlated EXISTS, a primary-key probe),
    so their cost grows with the hits, not with the offers. ``scored`` replaces the
    scoring SQL of the query (``_best_sql``). ``every_hit``: the query scores every hit,
    so the box is tested before the scoring."""
    scored, params = scored or _scored_sql(query)
    if box is not None and every_hit:
        # Only hits with a place in the box are scored: "Familienzentrum" within 3 km
        # scores a tenth of the offers it finds in the whole city.
        at = ServiceAtLocation._meta.db_table
        places = (
            f"SELECT id FROM {Location._meta.db_table} "
            "WHERE lon BETWEEN %s AND %s AND lat BETWEEN %s AND %s"
        )
        if connection.vendor == "postgresql":
            # "IS TRUE" keeps PostgreSQL from making the test a join driven by the offers
            # in the box: the hits come from the full-text index, each looked up in a
            # hash; "= ANY(ARRAY(...))" reads the box's offers through the location index.
            scored += (
                f" AND (service_id IN (SELECT service_id FROM {at} WHERE "
                f"location_id = ANY(ARRAY({places})))) IS TRUE"
            )
        else:
            # "IS TRUE" keeps SQLite from driving the full-text look-up by the box's offers,
            # one look-up each.
            scored += (
                f" AND ({FTS_TABLE}.rowid IN (SELECT service_id FROM {at} "
                f"WHERE location_id IN ({places}))) IS TRUE"
            )
        params = [*params, *box[0], *box[1]]
    # "scored.id" is the outer query's hit: Django writes the filters, the hit is bound.
    # One probe per hit reads its name if it passes the filters (NULL if not): no second
    # look-up of the offer, and no join that would read every offer to hash the filtered
    # ones, as PostgreSQL does with an EXISTS.
    named, id_params = (
        qs.order_by().filter(pk=RawSQL("scored.id", [])).values("name")[:1].query.sql_with_params()
    )
    columns = "hit.id, hit.score, hit.name"
    joins = ""
    where = "hit.name IS NOT NULL"
    extra: list = []
    if points:
        at = ServiceAtLocation._meta.db_table
        location = Location._meta.db_table
        columns += ", loc.lon, loc.lat"
        inside = "loc.lon BETWEEN %s AND %s AND loc.lat BETWEEN %s AND %s"
        extra = [*box[0], *box[1]] if box is not None else []
        if connection.vendor == "postgresql":
            # Each hit's places looked up by its id (OFFSET 0 keeps the subquery apart):
            # PostgreSQL would otherwise hash every place of every offer for a few
            # thousand hits. A hit without a place in the box gets none (and is beyond
            # the radius).
            joins = (
                f" LEFT JOIN LATERAL (SELECT loc.lon, loc.lat FROM {at} sal JOIN {location} "
                f"loc ON loc.id = sal.location_id WHERE sal.service_id = hit.id"
                f"{' AND ' + inside if box is not None else ''} OFFSET 0) loc ON TRUE"
            )
        else:
            joins = (
                f" LEFT JOIN {at} sal ON sal.service_id = hit.id"
                f" LEFT JOIN {location} loc ON loc.id = sal.location_id"
            )
            if box is not None:
                where += f" AND {inside}"
    # Materialised: the planners would otherwise merge them into the outer query and walk
    # the offers instead of the hits, or probe each hit twice.
    sql = (
        f"WITH scored AS MATERIALIZED ({scored}), hit AS MATERIALIZED (SELECT scored.id AS id, "
        f"scored.score AS score, ({named}) AS name FROM scored) SELECT {columns} FROM hit"
        f"{joins} WHERE {where} ORDER BY hit.score DESC, hit.name, hit.id"
    )
    params = [*params, *id_params, *extra]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ranked_near(
    rows: list[tuple], near: tuple[float, float], radius_km: float | None, limit: int | None
) -> list[Ranked]:
    """Hits with their locations (``_word_hits`` with points) ranked by score, then
    distance, then name; those beyond ``radius_km`` dropped."""
    found: dict[int, list] = {}
    for pk, score, name, lon, lat in rows:
        hit = found.setdefault(pk, [float(score), name, None])
        if lon is not None and lat is not None:
            distance = _distance_km(near[0], near[1], lon, lat)
            if hit[2] is None or distance < hit[2]:
                hit[2] = distance
    ranked = [
        (-score, distance if distance is not None else 1e9, name, pk, score, distance)
        for pk, (score, name, distance) in found.items()
        if radius_km is None or (distance is not None and distance <= radius_km)
    ]
    best = sorted(ranked) if limit is None else heapq.nsmallest(limit, ranked)
    return [Ranked(row[3], row[4], row[5]) for row in best]


def _indexed(query: list[Alternatives]) -> list[Alternatives] | None:
    """The query without the terms no offer is indexed under (a misspelt word's own stem,
    say), which change no score; None if a group keeps no term, so nothing matches."""
    terms = sorted({term for group in query for term in group})
    # A term of the process's vocabulary is indexed (or was: then it changes no score
    # either); only the others are asked. On PostgreSQL a common term's check cost some
    # 4 ms, the GIN index building its whole bitmap before the first row.
    known = search_vocabulary()
    asked = [term for term in terms if term not in known]
    if not asked:
        return query
    present = set(terms) - set(asked)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT term FROM unnest(%s::text[]) AS term WHERE EXISTS (SELECT 1 FROM "
                f"{SearchDocument._meta.db_table} doc WHERE doc.{VECTOR_COLUMN} @@ "
                "term::tsquery)",
                [asked],
            )
        else:
            # One posting-list look-up per term (the fts5vocab table reads its whole index).
            given = " UNION ALL ".join(["SELECT %s AS term"] * len(asked))
            cursor.execute(
                f"SELECT term FROM ({given}) given WHERE EXISTS (SELECT 1 FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH '\"' || given.term || '\"')",
                asked,
            )
        present |= {row[0] for row in cursor.fetchall()}
    if len(present) == len(terms):
        return query
    kept = []
    for group in query:
        weights = getattr(group, "weights", None) or dict.fromkeys(group, ranking.EXACT)
        found = {term: weight for term, weight in weights.items() if term in present}
        if not found:
            return None
        kept.append(Alternatives(found, getattr(group, "word", "")))
    return kept


def _ranked_hits(
    qs: QuerySet[Service],
    query: list[Alternatives],
    *,
    near: tuple[float, float] | None,
    radius_km: float | None,
    limit: int | None,
    best: bool,
) -> list[Ranked]:
    """The services of ``qs`` that match the parsed query, best first; with ``best``, only
    those with the best score a hit can have (``_best_sql``)."""
    scored = _best_sql(query) if best else None
    if near is None:
        # Everything is decided in SQL: only the page's ids come back.
        hits = _word_hits(qs, query, limit=limit, scored=scored)
        return [Ranked(pk, float(score), None) for pk, score, _name in hits]
    box = _box(near, radius_km) if radius_km is not None else None
    rows = _word_hits(
        qs, query, limit=None, box=box, points=True, scored=scored, every_hit=not best
    )
    return _ranked_near(rows, near, radius_km, limit)


def _ranked_by_words(
    qs: QuerySet[Service],
    query: list[Alternatives],
    *,
    near: tuple[float, float] | None,
    radius_km: float | None,
    limit: int | None,
) -> list[Ranked]:
    """The services of ``qs`` that match the parsed query, best first. The best-scored
    offers are asked for first: when they fill the page, the other hits are not scored.
    When they do not, the terms no offer has are left out, and the best-scored offers of
    what is left are asked for ("Hebame": hebamm in the name, as hebam is in none)."""
    where = {"near": near, "radius_km": radius_km, "limit": limit}
    if limit is None:
        return _ranked_hits(qs, query, **where, best=False)
    # Within a radius the best-scored offers of a whole city seldom fill the page (3 km
    # hold a twentieth of Dresden): their query would only add to the one that follows.
    found = [] if radius_km is not None else _ranked_hits(qs, query, **where, best=True)
    if len(found) >= limit:
        return found
    known = _indexed(query)
    if known is None:
        return []
    if known != query and radius_km is None:
        found = _ranked_hits(qs, known, **where, best=True)
        if len(found) >= limit:
            return found
    return _ranked_hits(qs, known, **where, best=False)


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
    query = parse_query(q, search_vocabulary()) if q.strip() else []
    if query:
        if age is not None:
            qs = _json_overlap(qs, "life_phases", phases_for_age(age) or [""])
        if language:
            qs = _json_overlap(qs, "languages", [language])
        return _ranked_by_words(qs, query, near=near, radius_km=radius_km, limit=limit)
    needs = {
        "age": age is not None,
        "language": bool(language),
        "near": near is not None,
        # Offers beyond the radius are dropped anyway; the box keeps most of them unread.
        "box": _box(near, radius_km) if near is not None and radius_km is not None else None,
    }
    candidates: dict[int, _Candidate] = {}
    _collect(candidates, qs, **needs)
    fits_age = _json_test(set(phases_for_age(age))) if age is not None else None
    speaks = _json_test({language}) if language else None
    ranked = []
    for pk, candidate in candidates.items():
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
        ranked.append(
            (0.0, distance if distance is not None else 1e9, candidate.name, pk, 0.0, distance)
        )
    best = sorted(ranked) if limit is None else heapq.nsmallest(limit, ranked)
    return [Ranked(row[3], row[4], row[5]) for row in best]


def _load(top: list[Ranked]) -> list[Hit]:
    """The ranked offers, each with its organisation, locations and opening hours."""
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
    """The best ``limit`` offers of the family search, each with its organisation,
    locations and opening hours."""
    return _load(
        offers_ranked(
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
    )


PER_PAGE = 20


@dataclass(frozen=True)
class ResultPage:
    """One page of the family search: its hits, and what the pager and the count say."""

    hits: list[Hit]
    number: int  # 1 for the first page
    pages: int  # at least 1, also when nothing is found
    found: int  # offers ranked, at most MAX_RESULTS
    more: bool  # more than MAX_RESULTS offers match
    first: int  # position of the page's first hit in the ranking, from 1

    @property
    def last(self) -> int:
        return self.first + len(self.hits) - 1


def offers_page(*, page: int = 1, per_page: int = PER_PAGE, **arguments) -> ResultPage:
    """Page ``page`` of the best MAX_RESULTS offers (the first page if there is no such
    page); only that page's offers are loaded. ``arguments`` are those of offers_ranked
    but ``limit``."""
    arguments.pop("limit", None)
    # One more than is ranked for the pages tells whether there are more than that.
    ranked = offers_ranked(**arguments, limit=MAX_RESULTS + 1)
    more = len(ranked) > MAX_RESULTS
    ranked = ranked[:MAX_RESULTS]
    pages = max(1, math.ceil(len(ranked) / per_page))
    number = page if 1 <= page <= pages else 1
    start = (number - 1) * per_page
    return ResultPage(
        hits=_load(ranked[start : start + per_page]),
        number=number,
        pages=pages,
        found=len(ranked),
        more=more,
        first=start + 1,
    )
