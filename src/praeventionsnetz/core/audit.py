"""The audit trail: who changed what, when, with old and new values.

Every domain model carries `history = HistoricalRecords()` (django-simple-history); the
request middleware records the acting user. This module reads that history for pages.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from simple_history.models import registered_models

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
MAX_VALUE_LENGTH = 120


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    user: str
    action: str
    object_label: str
    model_label: str
    changes: tuple[FieldChange, ...]


def _show(value: Any) -> str:
    if value is None or value == "":
        return "–"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
    if len(text) > MAX_VALUE_LENGTH:
        return text[: MAX_VALUE_LENGTH - 1] + "…"
    return text


def _entry(record: Any, previous: Any | None) -> AuditEntry:
    model = record.instance_type
    changes: list[FieldChange] = []
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous)
        for change in delta.changes:
            try:
                label = str(model._meta.get_field(change.field).verbose_name)
            except Exception:  # a field since removed from the model
                label = change.field
            changes.append(FieldChange(change.field, label, _show(change.old), _show(change.new)))
    user = record.history_user
    return AuditEntry(
        at=record.history_date,
        user=user.get_username() if user else str(_("system")),
        action=str(ACTIONS.get(record.history_type, record.history_type)),
        object_label=str(record.instance),
        model_label=str(model._meta.verbose_name),
        changes=tuple(changes),
    )


def history_of(obj: Model, *, limit: int = 50) -> list[AuditEntry]:
    """The newest changes of one object, each compared with the version before it."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-pk")[: limit + 1]
    )
    entries = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        entries.append(_entry(record, previous))
    return entries


def recent_changes(*, limit: int = 100) -> list[AuditEntry]:
    """The newest changes across all audited models, for the planners' audit log."""
    records: list[Any] = []
    for model in registered_models.values():
        if not hasattr(model, "history"):  # m2m change tables; their owner's history shows it
            continue
        history_model = model.history.model
        records.extend(
            history_model.objects.select_related("history_user").order_by("-history_date")[:limit]
        )
    records.sort(key=lambda r: r.history_date, reverse=True)
    # The log shows what happened, not the field diff (that is on each object's page).
    return [_entry(r, None) for r in records[:limit]]
