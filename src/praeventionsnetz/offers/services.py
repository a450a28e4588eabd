"""Writes of the offer directory: the search index and the review workflow."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers.models import SearchTerm, Service, Status, Topic
from praeventionsnetz.offers.search.index import index_terms
from praeventionsnetz.offers.search.vocabulary import Vocabulary

# Offers per round trip when indexing; their ids stay below SQLite's 999 query parameters.
_INDEX_CHUNK = 500
_TERM_LENGTH = SearchTerm._meta.get_field("term").max_length

# PostgreSQL's German full-text vector of an offer: the name with weight A, description and
# eligibility with weight B. Kept in the column offers_service.search_vector, which only
# PostgreSQL databases have (migration 0002_search_fulltext fills it the same way).
FULLTEXT_COLUMN = "search_vector"
FULLTEXT_CONFIG = "german"
_FULLTEXT_VECTOR = (
    f"setweight(to_tsvector('{FULLTEXT_CONFIG}', coalesce(name, '')), 'A') || "
    f"setweight(to_tsvector('{FULLTEXT_CONFIG}', "
    "coalesce(description, '') || ' ' || coalesce(eligibility, '')), 'B')"
)


def _term_rows(service: Service, topics: str, organisation: str) -> list[tuple[str, int, bool]]:
    """(term, service id, in name) rows of one offer."""
    name_terms = index_terms(service.name)
    other = index_terms(" ".join([service.description, service.eligibility, topics, organisation]))
    return [
        (term[:_TERM_LENGTH], service.pk, term in name_terms) for term in sorted(name_terms | other)
    ]


def _texts_of(chunk: list[Service]) -> tuple[dict[int, str], dict[int, str]]:
    """Topic names (joined, in topic order) per service and organisation names: one query
    each instead of two per offer."""
    topics: dict[int, list[str]] = defaultdict(list)
    for service_id, name in (
        Service.topics.through.objects.filter(service_id__in=[s.pk for s in chunk])
        .order_by("topic__name", "topic_id")
        .values_list("service_id", "topic__name")
    ):
        topics[service_id].append(name)
    names = {
        s.organisation_id: s.organisation.name
        for s in chunk
        if s.organisation_id and Service.organisation.is_cached(s)
    }
    wanted = {s.organisation_id for s in chunk if s.organisation_id} - set(names)
    organisations = Service._meta.get_field("organisation").related_model._default_manager
    names.update(organisations.filter(pk__in=wanted).values_list("pk", "name"))
    return {pk: " ".join(found) for pk, found in topics.items()}, names


def _terms_insert(rows: list[tuple[str, int, bool]]) -> None:
    """Insert term rows, skipping rows that exist. Plain SQL: a model instance per row
    costs several times the insert when 100,000 offers are indexed."""
    if not rows:
        return
    fields = [SearchTerm._meta.get_field(name) for name in ("term", "service", "in_name")]
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per column: planned once, not once per row of a VALUES list.
            sql = (
                f"INSERT INTO {table} ({columns}) SELECT * FROM "
                "unnest(%s::varchar[], %s::bigint[], %s::boolean[]) ON CONFLICT DO NOTHING"
            )
            for start in range(0, len(rows), 10_000):
                batch = rows[start : start + 10_000]
                cursor.execute(sql, [list(column) for column in zip(*batch, strict=True)])
            return
        size = connection.ops.bulk_batch_size(fields, rows)
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            values = ", ".join(["(%s, %s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} ON CONFLICT DO NOTHING",
                [value for row in batch for value in row],
            )


def _fulltext_update(ids: list[int]) -> None:
    """Refresh the full-text vectors of these offers from their saved rows (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(Service._meta.db_table)} "
            f"SET {FULLTEXT_COLUMN} = {_FULLTEXT_VECTOR} WHERE id = ANY(%s)",
            [ids],
        )


@transaction.atomic
def services_index(services: Iterable[Service]) -> int:
    """(Re)build the search terms of these services, and on PostgreSQL their full-text
    vectors."""
    services = list(services)
    count = 0
    for start in range(0, len(services), _INDEX_CHUNK):
        chunk = services[start : start + _INDEX_CHUNK]
        SearchTerm.objects.filter(service__in=chunk).delete()
        topics, organisations = _texts_of(chunk)
        rows = [
            row
            for service in chunk
            for row in _term_rows(
                service,
                topics.get(service.pk, ""),
                organisations.get(service.organisation_id, "") if service.organisation_id else "",
            )
        ]
        # In term order, the rows of one term lie together on disk, so a search reads them
        # from few pages: "famili" of 100,000 offers indexed at once, 838 instead of 18,172
        # pages on PostgreSQL.
        rows.sort(key=itemgetter(0))
        _terms_insert(rows)
        _fulltext_update([service.pk for service in chunk])
        count += len(rows)
    search_vocabulary.cache_clear()
    return count


def search_vocabulary_build() -> Vocabulary:
    """The indexed terms with the number of offers that have each."""
    counts = dict(
        SearchTerm.objects.order_by()
        .values_list("term")
        .annotate(offers=Count("service_id"))
        .values_list("term", "offers")
    )
    return Vocabulary(counts, counts)


class _VocabularyCache:
    """The vocabulary of all indexed terms, built once per process and after each indexing."""

    def __init__(self) -> None:
        self.value: Vocabulary | None = None

    def __call__(self) -> Vocabulary:
        if self.value is None:
            self.value = search_vocabulary_build()
        return self.value

    def cache_clear(self) -> None:
        self.value = None


search_vocabulary = _VocabularyCache()


# Who may move an offer from which status to which: an organisation saves (→ review), the
# reviewer publishes (review → published, or confirms a published offer as still right) or
# sends it back (review → draft, stewardship.service_return). A draft is not published: it
# may have just been sent back with a note, and a publish from a page opened before that
# must not override it.
PUBLISHABLE_FROM = (Status.REVIEW, Status.PUBLISHED)


@transaction.atomic
def service_publish(*, service: Service, by: Any) -> Service:
    # The row lock makes a publish and a send-back at the same moment happen one after the
    # other; the second then sees the first one's status.
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.status not in PUBLISHABLE_FROM:
        raise DomainError(
            _("This offer is not waiting for review (it may have been sent back meanwhile).")
        )
    service.status = Status.PUBLISHED
    service.last_verified_on = timezone.localdate()
    service._history_user = by
    service.save()
    services_index([service])
    return service


@transaction.atomic
def service_save(*, service: Service, topics: Iterable[Topic], by: Any) -> Service:
    """Save an offer as its organisation edited it (new or changed) and send it to review.

    ``service`` carries the edited fields (an unsaved form instance); ``topics`` replace its
    topics. Every edit waits for review, also of a published offer.
    """
    service.status = Status.REVIEW
    service._history_user = by
    service.save()
    service.topics.set(topics)
    return service
