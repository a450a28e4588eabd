"""Importing observations: preview first, then all or nothing.

The preview resolves every row against the areas and indicators in the database and says
what would be created, updated or left unchanged, and lists every row error. The import
itself re-reads the same file, refuses if any error remains, and writes everything in one
transaction with its provenance (file name, SHA-256, user, time). Importing the same file
twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core import tabular
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.i18n import translate
from praeventionsnetz.monitoring.models import ImportBatch, Indicator, IndicatorKind, Observation
from praeventionsnetz.monitoring.services.aggregation import observations_aggregate
from praeventionsnetz.monitoring.services.messages import error_text

LAYOUTS = ("long", "wide")


@dataclass(frozen=True)
class ImportOptions:
    layout: str = "long"
    decimal: str = ","
    long_mapping: tabular.LongMapping = field(default_factory=tabular.LongMapping)
    wide_mapping: tabular.WideMapping = field(default_factory=tabular.WideMapping)
    first_year: int = 1990
    last_year: int = field(default_factory=lambda: timezone.localdate().year + 1)


@dataclass(frozen=True)
class PlannedRow:
    row: int
    area: Area
    indicator: Indicator
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    action: str  # create, update, unchanged
    old_value: float | None = None


class RowError(tabular.RowError):
    """A row error that shows itself in the active language (pages and commands use str)."""

    def __str__(self) -> str:
        return translate(self.located())


@dataclass
class ImportPreview:
    file_name: str
    sha256: str
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def n_create(self) -> int:
        return self.count("create")

    @property
    def n_update(self) -> int:
        return self.count("update")

    @property
    def n_unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


class ImportRejected(DomainError):
    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        count = len(preview.errors)
        super().__init__(
            ngettext(
                "Import refused: %(count)s faulty row; nothing was saved.",
                "Import refused: %(count)s faulty rows; nothing was saved.",
                count,
            )
            % {"count": count}
            if count
            else _("The file contains no values; nothing was saved.")
        )


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class AreaResolver:
    """Finds an area of a city and level by code, by "code name" or by name."""

    def __init__(self, city: Area, level: str) -> None:
        areas = list(Area.objects.current().filter(city=city, level=level).only("code", "name"))
        self.by_code = {a.code: a for a in areas}
        self.by_name: dict[str, Area | None] = {}
        for a in areas:
            key = a.name.casefold()
            # Two areas of the same name cannot be told apart by name.
            self.by_name[key] = None if key in self.by_name else a

    def resolve(self, text: str) -> Area | None:
        if text in self.by_code:
            return self.by_code[text]
        head, _sep, _rest = text.partition(" ")
        if head in self.by_code:
            return self.by_code[head]
        return self.by_name.get(text.casefold())


def _parse(content: bytes, file_name: str, options: ImportOptions) -> tabular.Parsed:
    if options.layout not in LAYOUTS:
        raise DomainError(_("Unknown table layout; expected “long” or “wide”."))
    frame = tabular.read_table(content, file_name)
    years = (options.first_year, options.last_year)
    if options.layout == "long":
        return tabular.parse_long(frame, options.long_mapping, decimal=options.decimal, years=years)
    return tabular.parse_wide(frame, options.wide_mapping, decimal=options.decimal, years=years)


def _check_record(record: tabular.Record, indicator: Indicator) -> str | None:
    if indicator.kind == IndicatorKind.COUNT:
        if record.value is None:
            return _("A count needs a value.")
        if record.value < 0:
            return _("A count cannot be negative.")
        if not float(record.value).is_integer():
            return _("A count is a whole number.")
    if record.denominator is not None and record.denominator < 0:
        return _("The denominator cannot be negative.")
    if (
        record.numerator is not None
        and record.denominator is not None
        and record.numerator > record.denominator
        and indicator.scale <= 100
    ):
        return _("The numerator is greater than the denominator.")
    return None


def _check_range(value: float | None, indicator: Indicator) -> str | None:
    """The value outside the indicator's plausible range, in words; None when inside."""
    if value is None:
        return None
    low, high = indicator.plausible_range
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    fmt = "{:g}".format
    if low is not None and high is not None:
        return _(
            "The value %(value)s is outside the plausible range of “%(indicator)s” "
            "(%(low)s to %(high)s%(unit)s)."
        ) % {
            "value": fmt(value),
            "indicator": indicator.key,
            "low": fmt(low),
            "high": fmt(high),
            "unit": f" {indicator.unit}" if indicator.unit else "",
        }
    if low is not None:
        return _(
            "The value %(value)s is below the plausible minimum %(low)s of “%(indicator)s”."
        ) % {
            "value": fmt(value),
            "low": fmt(low),
            "indicator": indicator.key,
        }
    return _("The value %(value)s is above the plausible maximum %(high)s of “%(indicator)s”.") % {
        "value": fmt(value),
        "high": fmt(high),
        "indicator": indicator.key,
    }


def _rate_value(record: tabular.Record, indicator: Indicator) -> float | None:
    if record.value is not None:
        return record.value
    if record.denominator:
        return record.numerator / record.denominator * indicator.scale
    return None


def observations_preview(
    *, content: bytes, file_name: str, city: Area, level: str, options: ImportOptions
) -> ImportPreview:
    """What an import would do, and every row error, without writing anything."""
    try:
        parsed = _parse(content, file_name, options)
    except tabular.TableError as exc:
        raise DomainError(error_text(exc)) from exc
    preview = ImportPreview(
        file_name=file_name,
        sha256=sha256_of(content),
        errors=[RowError(e.row, e.column, e.message) for e in parsed.errors],
    )
    resolver = AreaResolver(city, level)
    indicators = {i.key: i for i in Indicator.objects.all()}
    seen: dict[tuple[int, int, str], int] = {}
    resolved: list[tuple[tabular.Record, Area, Indicator]] = []
    for record in parsed.records:
        area = resolver.resolve(record.area)
        indicator = indicators.get(record.indicator)
        if area is None:
            preview.errors.append(
                RowError(
                    record.row,
                    "",
                    _("Unknown area “%(area)s” on this level.") % {"area": record.area},
                )
            )
            continue
        if indicator is None:
            preview.errors.append(
                RowError(
                    record.row,
                    "",
                    _("Unknown indicator “%(indicator)s”.") % {"indicator": record.indicator},
                )
            )
            continue
        problem = _check_record(record, indicator) or _check_range(
            _rate_value(record, indicator)
            if indicator.kind == IndicatorKind.RATE
            else record.value,
            indicator,
        )
        if problem:
            preview.errors.append(RowError(record.row, "", problem))
            continue
        key = (area.pk, indicator.pk, record.period)
        if key in seen:
            preview.errors.append(
                RowError(
                    record.row,
                    "",
                    _("Duplicate: %(area)s, %(indicator)s, %(period)s is already in row %(row)s.")
                    % {
                        "area": area.name,
                        "indicator": indicator.key,
                        "period": record.period,
                        "row": seen[key],
                    },
                )
            )
            continue
        seen[key] = record.row
        resolved.append((record, area, indicator))

    existing = {
        (o.area_id, o.indicator_id, o.period): o
        for o in Observation.objects.filter(
            area__in={a.pk for _r, a, _i in resolved},
            indicator__in={i.pk for _r, _a, i in resolved},
            period__in={r.period for r, _a, _i in resolved},
        )
    }
    for record, area, indicator in resolved:
        value = (
            _rate_value(record, indicator)
            if indicator.kind == IndicatorKind.RATE
            else (record.value)
        )
        old = existing.get((area.pk, indicator.pk, record.period))
        if old is None:
            action = "create"
        elif (old.value, old.numerator, old.denominator) == (
            value,
            record.numerator,
            record.denominator,
        ):
            action = "unchanged"
        else:
            action = "update"
        preview.rows.append(
            PlannedRow(
                record.row,
                area,
                indicator,
                record.period,
                value,
                record.numerator,
                record.denominator,
                action,
                old.value if old else None,
            )
        )
    preview.errors.sort(key=lambda e: e.row)
    return preview


@transaction.atomic
def observations_import(
    *,
    content: bytes,
    file_name: str,
    city: Area,
    level: str,
    options: ImportOptions,
    by: Any = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportBatch:
    """Write an import, all or nothing; raises ImportRejected when any row is wrong.

    `progress(done, total, message)` hears how many of the file's rows are saved.
    """
    preview = observations_preview(
        content=content, file_name=file_name, city=city, level=level, options=options
    )
    if not preview.is_valid:
        raise ImportRejected(preview)
    total = len(preview.rows)
    if progress:
        progress(0, total, _("%(count)s rows checked, saving them") % {"count": total})
    batch = ImportBatch.objects.create(
        file_name=file_name,
        sha256=preview.sha256,
        imported_by=by,
        layout=options.layout,
        city=city,
        level=level,
        created=preview.count("create"),
        updated=preview.count("update"),
        unchanged=preview.count("unchanged"),
    )
    observations_write(rows=preview.rows, batch=batch, by=by)
    if progress:
        progress(
            total, total, _("%(count)s rows saved, summing up the larger areas") % {"count": total}
        )
    touched = {(r.indicator.pk, r.period) for r in preview.rows if r.action != "unchanged"}
    for indicator in sorted({r.indicator for r in preview.rows}, key=lambda i: i.pk):
        periods = sorted({p for i, p in touched if i == indicator.pk})
        if periods:
            observations_aggregate(
                city=city, indicator=indicator, from_level=level, periods=periods, by=by
            )
    return batch


def observations_write(*, rows: list[PlannedRow], batch: ImportBatch | None, by: Any) -> None:
    """Create and update observations in bulk, each change in the audit trail."""
    new = [
        Observation(
            area=r.area,
            indicator=r.indicator,
            period=r.period,
            value=r.value,
            numerator=r.numerator,
            denominator=r.denominator,
            batch=batch,
        )
        for r in rows
        if r.action == "create"
    ]
    if new:
        bulk_create_with_history(
            new, Observation, batch_size=2000, default_user=by, default_change_reason="import"
        )
    changed = [r for r in rows if r.action == "update"]
    if changed:
        current = {
            (o.area_id, o.indicator_id, o.period): o
            for o in Observation.objects.select_for_update().filter(
                area__in={r.area.pk for r in changed},
                indicator__in={r.indicator.pk for r in changed},
                period__in={r.period for r in changed},
            )
        }
        updates = []
        now = timezone.now()
        for r in changed:
            obs = current[(r.area.pk, r.indicator.pk, r.period)]
            obs.value, obs.numerator, obs.denominator = r.value, r.numerator, r.denominator
            obs.batch, obs.is_aggregated, obs.updated_at = batch, False, now
            updates.append(obs)
        bulk_update_with_history(
            updates,
            Observation,
            ["value", "numerator", "denominator", "batch", "is_aggregated", "updated_at"],
            batch_size=2000,
            default_user=by,
            default_change_reason="import",
        )
