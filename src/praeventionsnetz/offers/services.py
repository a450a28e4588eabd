"""Writes of the offer directory: the search index and the review workflow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers import search
from praeventionsnetz.offers.models import SearchTerm, Service, Status


def _terms(service: Service) -> list[SearchTerm]:
    name_terms = search.index_terms(service.name)
    topics = " ".join(t.name for t in service.topics.all())
    other = search.index_terms(
        " ".join(
            [
                service.description,
                service.eligibility,
                topics,
                service.organisation.name if service.organisation_id else "",
            ]
        )
    )
    return [
        SearchTerm(term=t[:80], service=service, in_name=t in name_terms)
        for t in sorted(name_terms | other)
    ]


@transaction.atomic
def services_index(services: Iterable[Service]) -> int:
    """(Re)build the search terms of these services."""
    services = list(services)
    SearchTerm.objects.filter(service__in=services).delete()
    rows = [term for service in services for term in _terms(service)]
    SearchTerm.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    search_vocabulary.cache_clear()
    return len(rows)


def search_vocabulary_build() -> search.Vocabulary:
    return search.Vocabulary(SearchTerm.objects.values_list("term", flat=True).distinct())


class _VocabularyCache:
    """The vocabulary of all indexed terms, built once per process and after each indexing."""

    def __init__(self) -> None:
        self.value: search.Vocabulary | None = None

    def __call__(self) -> search.Vocabulary:
        if self.value is None:
            self.value = search_vocabulary_build()
        return self.value

    def cache_clear(self) -> None:
        self.value = None


search_vocabulary = _VocabularyCache()


@transaction.atomic
def service_submit(*, service: Service, by: Any) -> Service:
    service = Service.objects.select_for_update().get(pk=service.pk)
    service.status = Status.REVIEW
    service._history_user = by
    service.save()
    return service


@transaction.atomic
def service_publish(*, service: Service, by: Any) -> Service:
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.status not in (Status.REVIEW, Status.DRAFT, Status.PUBLISHED):
        raise DomainError("Dieses Angebot kann nicht veröffentlicht werden.")
    service.status = Status.PUBLISHED
    service.last_verified_on = timezone.localdate()
    service._history_user = by
    service.save()
    services_index([service])
    return service
