"""Writes to areas: the GeoJSON import with a field mapping.

An import is validated as a whole before anything is written; one bad feature means
nothing changes (the error list says which feature and why). Running the same import twice
changes nothing. A boundary change with a new `valid_from` closes the old version
(`valid_to`) and creates a new one, so earlier boundaries stay on record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from praeventionsnetz.areas import geo
from praeventionsnetz.areas.models import Area, AreaMembership, Level
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.i18n import translate

MAPPABLE = ("code", "name", "parent")


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return _("Feature %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class AreaImportError(DomainError):
    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    versioned: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _(
            "%(created)s created, %(updated)s updated, %(versioned)s new boundary versions, "
            "%(unchanged)s unchanged"
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "versioned": len(self.versioned),
            "unchanged": len(self.unchanged),
        }


@dataclass(frozen=True)
class _Row:
    number: int
    code: str
    name: str
    parent_code: str | None
    geometry: dict[str, Any]


def _read_rows(
    features: Sequence[Mapping[str, Any]], mapping: Mapping[str, str], *, repair: bool
) -> tuple[list[_Row], list[RowError]]:
    rows: list[_Row] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        code = str(props.get(mapping["code"], "") or "").strip()
        name = str(props.get(mapping["name"], "") or "").strip()
        parent_code = None
        if "parent" in mapping:
            parent_code = str(props.get(mapping["parent"], "") or "").strip() or None
        if not code:
            errors.append(RowError(number, _("the code field “%s” is empty.") % mapping["code"]))
            continue
        if not name:
            errors.append(RowError(number, _("the name field “%s” is empty.") % mapping["name"]))
            continue
        if code in seen:
            errors.append(
                RowError(
                    number,
                    _("code “%(code)s” appears twice (also in feature %(other)s).")
                    % {"code": code, "other": seen[code]},
                )
            )
            continue
        seen[code] = number
        try:
            geom = geo.parse_area_geometry(feature.get("geometry"), repair=repair)
        except geo.GeometryError as exc:
            errors.append(RowError(number, f"{code} {name}: {translate(exc.message)}"))
            continue
        rows.append(_Row(number, code, name, parent_code, geo.to_geojson(geom)))
    return rows, errors


@transaction.atomic
def area_import(
    *,
    features: Sequence[Mapping[str, Any]],
    city: Area,
    level: str,
    mapping: Mapping[str, str],
    parent_level: str | None = None,
    valid_from: dt.date | None = None,
    source: str = "",
    repair: bool = False,
    dry_run: bool = False,
    by: Any = None,
) -> ImportResult:
    """Import the features of a GeoJSON FeatureCollection as areas of one level of a city.

    `mapping` names the feature properties for `code`, `name` and optionally `parent` (the
    code of the parent area at `parent_level`); without a parent the city is the parent.
    `repair` mends invalid geometries instead of refusing them.
    """
    if level not in Level.values or level == Level.CITY:
        raise DomainError(_("Unknown area level “%s”.") % level)
    missing = [key for key in ("code", "name") if key not in mapping]
    if missing:
        raise DomainError(_("The field mapping lacks: %s.") % ", ".join(missing))
    if "parent" in mapping and not parent_level:
        raise DomainError(_("A parent field needs the level of the parent areas."))

    rows, errors = _read_rows(features, mapping, repair=repair)
    parents: dict[str, Area] = {}
    if parent_level:
        parents = {a.code: a for a in Area.objects.current().filter(city=city, level=parent_level)}
        for row in rows:
            if row.parent_code is None or row.parent_code not in parents:
                errors.append(
                    RowError(
                        row.number,
                        _("%(code)s %(name)s: no parent area with code “%(parent)s”.")
                        % {"code": row.code, "name": row.name, "parent": row.parent_code or ""},
                    )
                )
    if errors:
        raise AreaImportError(sorted(errors, key=lambda e: e.row))

    existing = {a.code: a for a in Area.objects.current().filter(city=city, level=level)}
    result = ImportResult()
    for row in rows:
        parent = parents[row.parent_code] if parent_level and row.parent_code else city
        area = existing.get(row.code)
        if area is None:
            result.created.append(row.code)
            if not dry_run:
                area_create(
                    city=city,
                    level=level,
                    code=row.code,
                    name=row.name,
                    parent=parent,
                    geometry=row.geometry,
                    valid_from=valid_from,
                    source=source,
                    by=by,
                )
            continue
        same_shape = area.geometry == row.geometry
        if same_shape and area.name == row.name and area.parent_id == parent.pk:
            result.unchanged.append(row.code)
            continue
        if (
            not same_shape
            and valid_from
            and (area.valid_from is None or area.valid_from < valid_from)
        ):
            result.versioned.append(row.code)
            if not dry_run:
                area_close(area=area, valid_to=valid_from, by=by)
                area_create(
                    city=city,
                    level=level,
                    code=row.code,
                    name=row.name,
                    parent=parent,
                    geometry=row.geometry,
                    valid_from=valid_from,
                    source=source or area.source,
                    by=by,
                )
            continue
        result.updated.append(row.code)
        if not dry_run:
            area_update(area=area, name=row.name, parent=parent, geometry=row.geometry, by=by)
    if dry_run:
        transaction.set_rollback(True)
    return result


def area_create(
    *,
    city: Area | None,
    level: str,
    code: str,
    name: str,
    parent: Area | None,
    geometry: dict[str, Any] | None,
    valid_from: dt.date | None = None,
    source: str = "",
    note: str = "",
    by: Any = None,
) -> Area:
    area = Area(
        city=city,
        level=level,
        code=code,
        name=name,
        parent=parent,
        geometry=geometry,
        valid_from=valid_from,
        source=source,
        note=note,
    )
    _set_display_geometry(area)
    _save(area, by=by, reason="import")
    return area


def area_update(
    *, area: Area, name: str, parent: Area | None, geometry: dict[str, Any] | None, by: Any = None
) -> Area:
    area.name = name
    area.parent = parent
    area.geometry = geometry
    _set_display_geometry(area)
    _save(area, by=by, reason="import")
    return area


def area_close(*, area: Area, valid_to: dt.date, by: Any = None) -> Area:
    """End an area's validity, e.g. because its boundary changed."""
    area.valid_to = valid_to
    _save(area, by=by, reason="boundary change")
    return area


def area_set_note(*, area: Area, note: str, by: Any = None) -> Area:
    area.note = note
    _save(area, by=by, reason="note")
    return area


def area_set_residents(*, area: Area, has_residents: bool, by: Any = None) -> Area:
    """Mark an area as inhabited or not (uninhabited ones are missing from statistics)."""
    area.has_residents = has_residents
    _save(area, by=by, reason="residents")
    return area


@transaction.atomic
def area_membership_set(
    *,
    area: Area,
    container: Area,
    is_partial: bool = False,
    share: float | None = None,
    note: str = "",
    by: Any = None,
) -> AreaMembership:
    """Record that `area` (or, partly, a share of it) belongs to `container`; idempotent."""
    if container.pk == area.pk or container.city_id not in {area.city_id, None}:
        raise DomainError(_("An area can only belong to another area of its city."))
    if share is not None and not (is_partial and 0 < share <= 1):
        raise DomainError(_("A share is given only for a part, between 0 and 1."))
    membership = AreaMembership.objects.filter(area=area, container=container).first()
    if membership is not None and (membership.is_partial, membership.share, membership.note) == (
        is_partial,
        share,
        note,
    ):
        return membership
    membership = membership or AreaMembership(area=area, container=container)
    membership.is_partial, membership.share, membership.note = is_partial, share, note
    if by is not None:
        membership._history_user = by
    membership.save()
    return membership


def _set_display_geometry(area: Area) -> None:
    area.display_geometry = (
        geo.display_version(geo.parse_area_geometry(area.geometry)) if area.geometry else None
    )


def _save(area: Area, *, by: Any, reason: str) -> None:
    if by is not None:
        area._history_user = by
    area._change_reason = reason
    area.full_clean(exclude=["parent", "city"], validate_unique=False, validate_constraints=False)
    area.save()
