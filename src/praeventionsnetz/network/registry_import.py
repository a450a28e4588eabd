"""Importing organisations from CSV or XLSX: preview with row errors and possible
duplicates, then all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core import tabular
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network import dedup, selectors
from praeventionsnetz.network.i18n import translated
from praeventionsnetz.network.models import Organisation, OrgKind, OrgLevel, Sector
from praeventionsnetz.network.services import organisations_locate

COLUMNS = {
    "name": "name",
    "kind": "art",
    "sector": "sektor",
    "level": "ebene",
    "legal_basis": "rechtsgrundlage",
    "provider": "traeger",
    "street": "strasse",
    "postcode": "plz",
    "town": "ort",
    "phone": "telefon",
    "email": "email",
    "lon": "laengengrad",
    "lat": "breitengrad",
    "external_id": "kennung",
}
OPTIONAL = set(COLUMNS) - {"name"}


def _choice_map(choices) -> dict[str, str]:
    """Accept the code, the English and the German label, in any case."""
    mapping = {}
    for value, label in choices.choices:
        mapping[value.casefold()] = value
        mapping[str(label).casefold()] = value
        with translation.override("de"):
            mapping[str(label).casefold()] = value
    return mapping


@dataclass(frozen=True)
class PlannedOrganisation:
    row: int
    values: dict[str, Any]
    existing: Organisation | None
    action: str  # create, update, unchanged


@dataclass
class RegistryPreview:
    file_name: str
    rows: list[PlannedOrganisation] = field(default_factory=list)
    errors: list[tabular.RowError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


class RegistryImportRejected(DomainError):
    def __init__(self, preview: RegistryPreview) -> None:
        self.preview = preview
        count = len(preview.errors)
        super().__init__(
            ngettext(
                "Import rejected: %(count)s faulty row; nothing was saved.",
                "Import rejected: %(count)s faulty rows; nothing was saved.",
                count,
            )
            % {"count": count}
        )


def _number(text: str, row: int, column: str, errors: list, low: float, high: float):
    if not text:
        return None
    try:
        value = tabular.parse_number(text, decimal=".")
    except ValueError:
        try:
            value = tabular.parse_number(text, decimal=",")
        except ValueError:
            errors.append(
                tabular.RowError(row, column, _("“%(text)s” is not a number.") % {"text": text})
            )
            return None
    if value is None or not low <= value <= high:
        errors.append(
            tabular.RowError(
                row,
                column,
                _("%(text)s lies outside %(low)s–%(high)s.")
                % {"text": text, "low": low, "high": high},
            )
        )
        return None
    return value


def registry_preview(*, content: bytes, file_name: str, city: Area) -> RegistryPreview:
    try:
        frame = tabular.read_table(content, file_name)
    except tabular.TableError as exc:
        raise DomainError(translated(exc.message)) from exc
    if COLUMNS["name"] not in frame.columns:
        expected = ", ".join(_("“%(text)s”") % {"text": c} for c in COLUMNS.values())
        raise DomainError(
            _("The column “name” is missing. Expected: %(columns)s.") % {"columns": expected}
        )
    maps = {
        "kind": _choice_map(OrgKind),
        "sector": _choice_map(Sector),
        "level": _choice_map(OrgLevel),
    }
    preview = RegistryPreview(file_name=file_name)
    existing = list(Organisation.objects.filter(city=city))
    by_external = {o.external_id: o for o in existing if o.external_id}
    by_identity = {(dedup.normalise(o.name), dedup.normalise(o.street)): o for o in existing}
    names_in_file = {dedup.normalise(str(v)) for v in frame[COLUMNS["name"]]}
    known_providers = {dedup.normalise(o.name) for o in existing} | names_in_file
    seen: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(frame.to_dict("records")):
        number = i + 2
        before = len(preview.errors)
        get = lambda key, raw=raw: str(raw.get(COLUMNS[key], "") or "").strip()  # noqa: E731
        values: dict[str, Any] = {"name": get("name")}
        if not values["name"]:
            preview.errors.append(tabular.RowError(number, "name", _("The name is missing.")))
        for key in ("kind", "sector", "level"):
            text = get(key)
            if text:
                value = maps[key].get(text.casefold())
                if value is None:
                    preview.errors.append(
                        tabular.RowError(
                            number,
                            COLUMNS[key],
                            _("“%(text)s” is not a known value.") % {"text": text},
                        )
                    )
                values[key] = value
        for key in ("legal_basis", "street", "postcode", "town", "external_id"):
            values[key] = get(key)
        values["phone"] = get("phone")[:40]
        values["email"] = get("email")
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                preview.errors.append(
                    tabular.RowError(
                        number,
                        COLUMNS["email"],
                        _("“%(text)s” is not an e-mail address.") % {"text": values["email"]},
                    )
                )
        values["lon"] = _number(get("lon"), number, COLUMNS["lon"], preview.errors, -180, 180)
        values["lat"] = _number(get("lat"), number, COLUMNS["lat"], preview.errors, -90, 90)
        if (values["lon"] is None) != (values["lat"] is None) and len(preview.errors) == before:
            preview.errors.append(
                tabular.RowError(number, "", _("Longitude and latitude go together."))
            )
        provider = get("provider")
        if provider and dedup.normalise(provider) not in known_providers:
            preview.errors.append(
                tabular.RowError(
                    number,
                    COLUMNS["provider"],
                    _("Provider “%(provider)s” is neither recorded nor in the file.")
                    % {"provider": provider},
                )
            )
        values["provider"] = provider
        identity = (dedup.normalise(values["name"]), dedup.normalise(values["street"]))
        if identity in seen:
            preview.errors.append(
                tabular.RowError(
                    number,
                    "",
                    _("Duplicate: the same organisation is already in row %(row)s.")
                    % {"row": seen[identity]},
                )
            )
        seen[identity] = number
        if len(preview.errors) > before:
            continue
        match = by_external.get(values["external_id"]) if values["external_id"] else None
        match = match or by_identity.get(identity)
        action = "create"
        if match is not None:
            same = all(
                getattr(match, k) == v
                for k, v in values.items()
                if k != "provider" and v not in (None, "")
            )
            action = "unchanged" if same else "update"
        preview.rows.append(PlannedOrganisation(number, values, match, action))
    _flag_duplicates(preview, existing, selectors.place_names(city))
    preview.errors.sort(key=lambda e: e.row)
    return preview


def _flag_duplicates(
    preview: RegistryPreview, existing: list[Organisation], places: list[str]
) -> None:
    """Near-identical names: a warning with the row, not an error; merging is a choice."""
    new = [r for r in preview.rows if r.action == "create"]
    records = [
        dedup.Record(
            -r.row,
            r.values["name"],
            r.values["street"],
            r.values["postcode"],
            r.values["town"],
            r.values["phone"],
        )
        for r in new
    ]
    records += [
        dedup.Record(o.pk, o.name, o.street, o.postcode, o.town, o.phone, o.provider_id)
        for o in existing
    ]
    names = {o.pk: o.name for o in existing} | {-r.row: r.values["name"] for r in new}
    for candidate in dedup.candidates(records, places=places):
        if candidate.first < 0 or candidate.second < 0:
            row = -min(candidate.first, candidate.second)
            preview.duplicates.append(
                _(
                    "Row %(row)s: “%(first)s” and “%(second)s” – %(reason)s; please check "
                    "(they can be merged after the import)."
                )
                % {
                    "row": row,
                    "first": names[candidate.first],
                    "second": names[candidate.second],
                    "reason": translated(candidate.reason),
                }
            )


@transaction.atomic
def registry_import(*, content: bytes, file_name: str, city: Area, by: Any = None) -> dict:
    preview = registry_preview(content=content, file_name=file_name, city=city)
    if not preview.is_valid:
        raise RegistryImportRejected(preview)
    # Stored with the records, so in the platform's language, whoever imports.
    with translation.override(settings.LANGUAGE_CODE):
        source = _("Import “%(file)s”") % {"file": file_name}
    saved = []
    for planned in preview.rows:
        if planned.action == "unchanged":
            continue
        org = planned.existing or Organisation(city=city, source=source)
        for key, value in planned.values.items():
            if key != "provider" and value not in (None, ""):
                setattr(org, key, value)
        if by is not None:
            org._history_user = by
        org.save()
        saved.append((org, planned.values["provider"]))
    by_name = {dedup.normalise(o.name): o for o in Organisation.objects.filter(city=city)}
    for org, provider in saved:
        if provider:
            org.provider = by_name[dedup.normalise(provider)]
            org.save(update_fields=["provider"])
    organisations_locate([org for org, _p in saved], city)
    return {
        "created": preview.count("create"),
        "updated": preview.count("update"),
        "unchanged": preview.count("unchanged"),
    }
