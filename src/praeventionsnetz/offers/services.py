"""Writes of the offer directory: the search index and the review workflow."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers.models import SearchDocument, Service, Status, Topic
from praeventionsnetz.offers.search.index import index_terms
from praeventionsnetz.offers.search.vocabulary import Vocabulary

# Offers per round trip when indexing; their ids stay below SQLite's 999 query parameters.
_INDEX_CHUNK = 500
# The FTS5 vocabulary of the SQLite index and the tsvector column of the PostgreSQL one
# (migration 0004_search_documents).
FTS_VOCABULARY_TABLE = "offers_searchdocument_terms"
VECTOR_COLUMN = "search_vector"


def _document(service: Service, topics: str, organisation: str) -> SearchDocument:
    """The search document of one offer: the terms of its name, and the other terms of its
    description, eligibility, topics and organisation."""
    name_terms = index_terms(service.name)
    other = index_terms(" ".join([service.description, service.eligibility, topics, organisation]))
    return SearchDocument(
        service_id=service.pk,
        name_terms=" ".join(sorted(name_terms)),
        body_terms=" ".join(sorted(other - name_terms)),
    )


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


@transaction.atomic
def services_index(services: Iterable[Service]) -> int:
    """(Re)build the search documents of these services; the number of index terms.

    Call it whenever an offer's published texts change (publish, import). The full-text
    tables follow the documents by themselves (triggers on SQLite, a generated column on
    PostgreSQL)."""
    services = list(services)
    count = 0
    for start in range(0, len(services), _INDEX_CHUNK):
        chunk = services[start : start + _INDEX_CHUNK]
        SearchDocument.objects.filter(service__in=chunk).delete()
        topics, organisations = _texts_of(chunk)
        documents = [
            _document(
                service,
                topics.get(service.pk, ""),
                organisations.get(service.organisation_id, "") if service.organisation_id else "",
            )
            for service in chunk
        ]
        SearchDocument.objects.bulk_create(documents)
        count += sum(len(d.name_terms.split()) + len(d.body_terms.split()) for d in documents)
    search_vocabulary.cache_clear()
    return count


def search_vocabulary_build() -> Vocabulary:
    """The indexed terms with the number of offers that have each, from the full-text
    engine's own statistics."""
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT word, ndoc FROM ts_stat('SELECT {VECTOR_COLUMN} FROM "
            f"{SearchDocument._meta.db_table}')"
        )
    else:
        sql = f"SELECT term, doc FROM {FTS_VOCABULARY_TABLE}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(cursor.fetchall())
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
