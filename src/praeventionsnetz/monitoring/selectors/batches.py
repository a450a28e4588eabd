"""Reads of import batches."""

from __future__ import annotations

from django.db.models import QuerySet

from praeventionsnetz.monitoring.models import ImportBatch

RECENT = 20


def batches_recent(limit: int = RECENT) -> QuerySet[ImportBatch]:
    """The latest imports, newest first, with who made and who undid them."""
    return ImportBatch.objects.select_related("imported_by", "undone_by", "city").order_by(
        "-imported_at", "-pk"
    )[:limit]
