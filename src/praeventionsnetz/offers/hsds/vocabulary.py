"""HSDS ids, our own fields and taxonomies, area references: shared by export and import."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db.models import QuerySet
from django.utils import translation

from praeventionsnetz.areas.models import Area
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers.hsds.package import Row
from praeventionsnetz.offers.hsds.schemas import Spec, spec_load
from praeventionsnetz.offers.models import LifePhase, Location, Service, Status, Transition

# Fixed for good: every exported id derives from it.
NAMESPACE = uuid.UUID("6f1d2c8e-5b7a-4e0f-9c3d-2a8b4e6f1c70")
AREA_URN = "urn:praeventionsnetz:area:"
TOPICS_DEFAULT = "praeventionsnetz"
PHASES = "Präventionsnetz: Lebensphasen"
TRANSITIONS = "Präventionsnetz: Übergänge"
FIELDS = "Präventionsnetz: Felder"
HSDS_STATUS = {Status.INACTIVE: "inactive"}  # draft, review and published: the offer exists
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Federal state of a city, by city code: HSDS addresses need one and we do not store it.
STATES = {"dresden": "Sachsen", "berlin": "Berlin"}


def hsds_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@functools.cache
def hsds_spec() -> Spec:
    return spec_load(Path(settings.DATA_DIR) / "hsds" / "hsds-3.0")


@dataclass(frozen=True)
class OwnField:
    key: str
    entity: str  # HSDS table of the record it describes
    attr: str
    kind: str  # text, choice, bool, int, float, city, areas
    name: str  # German, for readers of the package

    @functools.cached_property
    def term_id(self) -> str:
        return hsds_id("taxonomy_term", f"field:{self.key}")


OWN_FIELDS = (
    OwnField("service.access", "service", "access", "choice", "Zugang"),
    OwnField("service.status", "service", "status", "choice", "Status im Präventionsnetz"),
    OwnField("service.legal_basis", "service", "legal_basis", "text", "Rechtsgrundlage"),
    OwnField("service.accessibility", "service", "accessibility", "text", "Barrierefreiheit"),
    OwnField("service.capacity", "service", "capacity", "int", "Plätze"),
    OwnField("service.external_id", "service", "external_id", "text", "Kennung in der Quelle"),
    OwnField("service.source", "service", "source", "text", "Quelle"),
    OwnField("service.is_demo", "service", "is_demo", "bool", "Demodatensatz"),
    OwnField("organization.kind", "organization", "kind", "choice", "Art"),
    OwnField("organization.sector", "organization", "sector", "choice", "Sektor"),
    OwnField("organization.level", "organization", "level", "choice", "Ebene"),
    OwnField("organization.legal_basis", "organization", "legal_basis", "text", "Rechtsgrundlage"),
    OwnField("organization.street", "organization", "street", "text", "Straße"),
    OwnField("organization.postcode", "organization", "postcode", "text", "Postleitzahl"),
    OwnField("organization.town", "organization", "town", "text", "Ort"),
    OwnField("organization.lon", "organization", "lon", "float", "Längengrad"),
    OwnField("organization.lat", "organization", "lat", "float", "Breitengrad"),
    OwnField("organization.city", "organization", "city", "city", "Stadt"),
    OwnField("organization.areas_served", "organization", "areas_served", "areas", "Gebiete"),
    OwnField("organization.is_public", "organization", "is_public", "bool", "Öffentlich"),
    OwnField("organization.source", "organization", "source", "text", "Quelle"),
    OwnField("organization.is_demo", "organization", "is_demo", "bool", "Demodatensatz"),
    # Only when the address is incomplete: HSDS addresses need street, postcode and town.
    OwnField("location.street", "location", "street", "text", "Straße"),
    OwnField("location.postcode", "location", "postcode", "text", "Postleitzahl"),
    OwnField("location.town", "location", "town", "text", "Ort"),
)
FIELD_BY_TERM = {f.term_id: f for f in OWN_FIELDS}
MODELS = {"service": Service, "organization": Organisation, "location": Location}


def taxonomy_id_of(name: str) -> str:
    return hsds_id("taxonomy", name)


@functools.cache
def phase_term_id(value: str) -> str:
    return hsds_id("taxonomy_term", f"phase:{value}")


@functools.cache
def transition_term_id(value: str) -> str:
    return hsds_id("taxonomy_term", f"transition:{value}")


@functools.cache
def topic_term_id(code: str) -> str:
    return hsds_id("taxonomy_term", f"topic:{code}")


OWN_TAXONOMIES = {taxonomy_id_of(n): n for n in (PHASES, TRANSITIONS, FIELDS)}
PHASE_BY_TERM = {phase_term_id(p.value): p.value for p in LifePhase}
TRANSITION_BY_TERM = {transition_term_id(t.value): t.value for t in Transition}


def german(label: Any) -> str:
    with translation.override("de"):
        return str(label)


def area_ref(area: Area) -> str:
    """city code:level:code, the same in every instance that loads the same geography."""
    city = area.city.code if area.city_id else area.code
    return f"{city}:{area.level}:{area.code}"


def language_name(code: str) -> str:
    """The language's German name from Django's catalogue, else the code."""
    try:
        return german(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


@functools.cache
def _language_codes() -> dict[str, str]:
    """Language name (English, own or German) → ISO 639-1 code."""
    codes = {}
    for code, info in LANG_INFO.items():
        if len(code) == 2 and "name" in info:
            for name in (info["name"], info.get("name_local", ""), language_name(code)):
                codes[str(name).casefold()] = code
    return codes


def without_empty(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


def encode_own(own: OwnField, value: Any) -> list[str]:
    if own.kind == "areas":
        return [area_ref(a) for a in value]
    if value is None or value == "":
        return []
    if own.kind == "bool":
        return ["true" if value else "false"]
    if own.kind == "city":
        return [value.code]
    return [str(value)]


def areas_for_refs() -> QuerySet[Area]:
    """Areas with what a reference needs; their geometries stay in the database."""
    return Area.objects.select_related("city").only("code", "name", "level", "city__code")


def language_code(row: Row) -> str:
    """ISO 639-1 from the code ("de", "de-DE") or, failing that, the language's name."""
    code = str(row.get("code", "")).strip().casefold().replace("_", "-").split("-")[0]
    if len(code) == 2:
        return code
    return _language_codes().get(str(row.get("name", "")).strip().casefold(), "")
