"""What an import would do: the plan, its entries and the records it would write."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers.hsds.problems import Problem
from praeventionsnetz.offers.hsds.texts import problem_text
from praeventionsnetz.offers.hsds.vocabulary import hsds_spec
from praeventionsnetz.offers.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Status,
    Topic,
)

# Display order of the preview, with the label of what each table becomes here.
PLAN_TABLES = (
    ("organization", Organisation._meta.verbose_name_plural),
    ("location", Location._meta.verbose_name_plural),
    ("service", Service._meta.verbose_name_plural),
    ("service_at_location", ServiceAtLocation._meta.verbose_name_plural),
    ("schedule", Schedule._meta.verbose_name_plural),
    ("language", Service._meta.get_field("languages").verbose_name),
    ("taxonomy_term", Topic._meta.verbose_name_plural),
)
# HSDS tables with no counterpart here; their rows are reported, not read.
UNUSED_TABLES = ("program", "funding", "required_document", "metadata", "meta_table_description")
ACTIONS = ("create", "update", "unchanged", "delete")
Hour = tuple[int, dt.time, dt.time, str]


HSDS_STATUS_IMPORT = {"inactive": Status.INACTIVE, "defunct": Status.INACTIVE}


@dataclass(frozen=True)
class PlanEntry:
    table: str
    row: int | None
    label: str
    action: str


@dataclass
class PlannedOrganisation:
    """An organisation of the package: its values and the registry record it updates."""

    hsds_id: str
    row: int
    values: dict[str, Any]
    existing: Organisation | None
    parent: str | None = None
    parent_known: Organisation | None = None
    areas: list[Area] | None = None
    action: str = "create"


@dataclass
class PlannedLocation:
    """A location of the package: its values and the place it updates, if any."""

    hsds_id: str
    row: int
    org: str
    values: dict[str, Any]
    existing: Location | None
    action: str = "create"


@dataclass
class PlannedSite:
    """An offer at a location, with the opening hours to add and to drop."""

    row: int
    location: str
    existing: ServiceAtLocation | None
    add: list[Hour] = field(default_factory=list)
    drop: list[Schedule] = field(default_factory=list)


@dataclass
class PlannedService:
    """An offer of the package: its values, links, sites and the offer it updates."""

    hsds_id: str
    row: int
    org: str
    values: dict[str, Any]
    existing: Service | None
    topics: list[str] | None = None
    areas: list[Area] | None = None
    sites: list[PlannedSite] = field(default_factory=list)
    drop_sites: list[ServiceAtLocation] = field(default_factory=list)
    action: str = "create"


@dataclass
class PlannedTopic:
    """A topic term of the package and the topic it creates or updates."""

    hsds_id: str
    values: dict[str, Any]  # code, name, taxonomy
    existing: Topic | None
    action: str = "create"


# Problems shown on the preview page (core/_more_errors.html counts the rest).
SHOWN = 50


@dataclass
class ImportPlan:
    """What an import would do, row by row, and everything that stands in its way."""

    source: str
    title: str = ""
    is_own: bool = False
    city: Area | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    entries: list[PlanEntry] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)
    organisations: list[PlannedOrganisation] = field(default_factory=list)
    locations: list[PlannedLocation] = field(default_factory=list)
    services: list[PlannedService] = field(default_factory=list)
    topics: list[PlannedTopic] = field(default_factory=list)

    @property
    def error_texts(self) -> list[str]:
        """The first `SHOWN` errors; the page counts the rest."""
        return [problem_text(p) for p in self.errors[:SHOWN]]

    @property
    def warning_texts(self) -> list[str]:
        return [problem_text(p) for p in self.warnings[:SHOWN]]

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.entries)

    @property
    def has_changes(self) -> bool:
        return any(e.action != "unchanged" for e in self.entries)

    def count(self, table: str, action: str) -> int:
        return sum(1 for e in self.entries if e.table == table and e.action == action)

    @property
    def counts(self) -> list[dict[str, Any]]:
        """One line per table for the preview: rows read and what becomes of them."""
        spec = hsds_spec()
        counted = Counter((e.table, e.action) for e in self.entries)
        return [
            {
                "table": table,
                "file": spec.tables[table].path,
                "label": label,
                "read": self.read.get(table, 0),
                **{action: counted[(table, action)] for action in ACTIONS},
            }
            for table, label in PLAN_TABLES
        ]

    def summary(self) -> str:
        """Per table, what the import does, e.g. "offers: 4 new, 0 changed, 1 unchanged"."""
        parts = []
        for line in self.counts:
            if line["read"] or any(line[a] for a in ACTIONS):
                counts = [
                    ngettext("%(count)s new", "%(count)s new", line["create"])
                    % {"count": line["create"]},
                    ngettext("%(count)s changed", "%(count)s changed", line["update"])
                    % {"count": line["update"]},
                    ngettext("%(count)s unchanged", "%(count)s unchanged", line["unchanged"])
                    % {"count": line["unchanged"]},
                ]
                if line["delete"]:
                    counts.append(
                        ngettext("%(count)s removed", "%(count)s removed", line["delete"])
                        % {"count": line["delete"]}
                    )
                parts.append(
                    _("%(table)s: %(counts)s")
                    % {"table": line["label"], "counts": ", ".join(counts)}
                )
        return "; ".join(parts) or _("nothing to do")


def rejection_text(plan: ImportPlan) -> str:
    return ngettext(
        "Import rejected: %(count)s error; nothing was saved.",
        "Import rejected: %(count)s errors; nothing was saved.",
        len(plan.errors),
    ) % {"count": len(plan.errors)}


class HsdsImportRejected(DomainError):
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(rejection_text(plan))


def is_blank(instance: Model, name: str) -> bool:
    return getattr(instance, instance._meta.get_field(name).attname) in (None, "")


def differs(instance: Model, values: Mapping[str, Any]) -> bool:
    for name, value in values.items():
        model_field = instance._meta.get_field(name)
        if model_field.is_relation:
            if getattr(instance, model_field.attname) != (value.pk if value else None):
                return True
        elif getattr(instance, name) != value:
            return True
    return False


def hour_label(hour: Hour) -> str:
    weekday, opens, closes, _note = hour
    return f"{weekday} {opens:%H:%M}–{closes:%H:%M}"
