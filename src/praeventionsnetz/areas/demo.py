"""The real areas of the demo cities, from the project's data/ folder.

Dresden: 64 Stadtteile (official geometry), dissolved into 17 Stadträume and 10
Stadtbezirke with the mapping that every Dresden statistics table carries. A Stadtteil has
two parents: its Stadtraum (`parent`) and its Stadtbezirk (a membership). Stadtraum and
Stadtbezirk are separate groupings: Stadtraum 04 holds Leipziger Vorstadt (Stadtbezirk
Neustadt) and two Stadtteile of Pieschen, so its parent is the city and it belongs in part
to both Stadtbezirke. Stadtteil 76 Strehlen straddles Stadtraum 11 and 12; without the
finer layer of statistical blocks its area cannot be split, so its whole geometry counts
to Stadtraum 12 (whose name says "Strehlen"), and it belongs in part to both Stadträume.
The tables split Strehlen differently for every figure (the part in Stadtraum 11 has 32 %
of the residents but 53 % of the single-parent households), so no one share is recorded
and figures per Stadtteil are not summed to these two Stadträume.

Berlin: the 448 LOR planning areas (valid until 2020; one mislabelled in the file),
dissolved into their Bezirksregionen, Prognoseräume and Bezirke; the 8-digit code
carries the hierarchy.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from praeventionsnetz.areas import geo
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.areas.services import (
    area_create,
    area_import,
    area_membership_set,
    area_set_note,
    area_set_residents,
)

DRESDEN_SOURCE = "Landeshauptstadt Dresden, opendata.dresden.de (dl-de/by-2-0)"
BERLIN_SOURCE = (
    "Amt für Statistik Berlin-Brandenburg, LOR-Planungsräume bis 2020 (CC BY 3.0 DE); "
    "SenStadt Berlin, Monitoring Soziale Stadtentwicklung (CC BY 3.0 DE)"
)

# Uninhabited Stadtteile that no statistics table lists: their Stadtbezirk has one
# Stadtraum only, which is where they belong.
DRESDEN_UNLISTED_STADTRAUM = {"33": "06", "34": "06", "44": "07"}
STREHLEN = "76"
STREHLEN_MAIN_STADTRAUM = "12"
STREHLEN_OTHER_STADTRAUM = "11"

STREHLEN_NOTE = (
    "Strehlen liegt in zwei Stadträumen: Der Teil mit den Sternhäusern und Am Koitschgraben "
    "gehört zu Stadtraum 11 (Prohlis, Reick), der übrige Teil zu Stadtraum 12 "
    "(Niedersedlitz, Leubnitz, Strehlen). Die Grenze verläuft entlang statistischer Bezirke, "
    "deren Geometrie nicht als offene Daten vorliegt. Deshalb zählt die Fläche von Strehlen "
    "auf Karten und bei der Ortssuche ganz zu Stadtraum 12; Statistiken der Stadt führen die "
    "beiden Teile getrennt."
)


def data_dir() -> Path:
    return Path(settings.DATA_DIR)


def _read_geojson(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def dresden_mapping() -> list[dict[str, str]]:
    """Stadtteil → Stadtbezirk → Stadtraum rows, as every Dresden statistics table has them."""
    path = (
        data_dir()
        / "dresden_stats"
        / "einwohner_geborene_md121_2024_od_bevoelkerung_ab_stadtteil.csv"
    )
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            stadtteil = row["Stadtteil zus."]
            bezirk = row["Stadtbezirk mit zugeordneten Ortschaften"]
            stadtraum = row["Stadtraum"]
            rows.append(
                {
                    "stadtteil": stadtteil[:2],
                    "stadtbezirk": bezirk.removeprefix("StB ")[:1],
                    "stadtbezirk_name": bezirk.removeprefix("StB ")[2:].strip(),
                    "stadtraum": stadtraum[:2],
                    # "StB" abbreviates Stadtbezirk in the tables' Stadtraum names.
                    "stadtraum_name": stadtraum[3:].strip().replace("StB ", "Stadtbezirk "),
                }
            )
    return rows


def _city(code: str, name: str, geometry: Any, source: str) -> Area:
    existing = Area.objects.current().cities().filter(code=code).first()
    if existing:
        return existing
    return area_create(
        city=None,
        level=Level.CITY,
        code=code,
        name=name,
        parent=None,
        geometry=geo.to_geojson(geometry),
        source=source,
    )


def _features(groups: dict[str, list], names: dict[str, str], parents: dict[str, str] | None):
    features = []
    for code in sorted(groups):
        props = {"code": code, "name": names[code]}
        if parents is not None:
            props["parent"] = parents[code]
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": geo.to_geojson(geo.dissolve(groups[code])),
            }
        )
    return features


@transaction.atomic
def load_dresden() -> Area:
    """Dresden's city, 10 Stadtbezirke, 17 Stadträume and 64 Stadtteile; safe to re-run."""
    stadtteile = _read_geojson(data_dir() / "dresden_geo" / "dresden_stadtteile.geojson")
    mapping = dresden_mapping()
    stadtraum_of: dict[str, str] = {}
    stadtraum_name: dict[str, str] = {}
    stadtbezirk_name: dict[str, str] = {}
    for row in mapping:
        stadtraum_name[row["stadtraum"]] = row["stadtraum_name"]
        stadtbezirk_name[row["stadtbezirk"]] = row["stadtbezirk_name"]
        if row["stadtteil"] == STREHLEN:
            stadtraum_of[STREHLEN] = STREHLEN_MAIN_STADTRAUM
        else:
            stadtraum_of[row["stadtteil"]] = row["stadtraum"]
    stadtraum_of.update(DRESDEN_UNLISTED_STADTRAUM)
    # The official Stadtbezirk of each Stadtteil, as the tables give it; the unlisted
    # (uninhabited) ones by the first digit of their number, as all others.
    stadtbezirk_of = {row["stadtteil"]: row["stadtbezirk"] for row in mapping}
    for code in DRESDEN_UNLISTED_STADTRAUM:
        stadtbezirk_of[code] = code[0]
    bezirke_of_stadtraum: dict[str, set[str]] = defaultdict(set)
    for code, raum in stadtraum_of.items():
        bezirke_of_stadtraum[raum].add(stadtbezirk_of[code])
    # A Stadtraum in one Stadtbezirk has it as parent; one across several has the city.
    stadtbezirk_of_stadtraum = {
        raum: next(iter(bezirke)) if len(bezirke) == 1 else ""
        for raum, bezirke in bezirke_of_stadtraum.items()
    }

    shapes = {}
    for feature in stadtteile["features"]:
        code = feature["properties"]["blocknr"]
        # The official layer has a few self-intersections after rounding; mend them.
        shape = geo.parse_area_geometry(feature["geometry"], repair=True)
        shapes[code] = shape
        feature["geometry"] = geo.to_geojson(shape)
        feature["properties"]["stadtraum"] = stadtraum_of[code]

    city = _city("dresden", "Dresden", geo.dissolve(shapes.values()), DRESDEN_SOURCE)

    by_bezirk: dict[str, list] = defaultdict(list)
    by_raum: dict[str, list] = defaultdict(list)
    for code, shape in shapes.items():
        by_bezirk[stadtbezirk_of[code]].append(shape)
        by_raum[stadtraum_of[code]].append(shape)

    area_import(
        features=_features(by_bezirk, stadtbezirk_name, None),
        city=city,
        level=Level.STADTBEZIRK,
        mapping={"code": "code", "name": "name"},
        source=DRESDEN_SOURCE,
    )
    raum_features = _features(by_raum, stadtraum_name, stadtbezirk_of_stadtraum)
    area_import(
        features=[f for f in raum_features if f["properties"]["parent"]],
        city=city,
        level=Level.STADTRAUM,
        mapping={"code": "code", "name": "name", "parent": "parent"},
        parent_level=Level.STADTBEZIRK,
        source=DRESDEN_SOURCE,
    )
    area_import(
        features=[f for f in raum_features if not f["properties"]["parent"]],
        city=city,
        level=Level.STADTRAUM,
        mapping={"code": "code", "name": "name"},
        source=DRESDEN_SOURCE,
    )
    area_import(
        features=stadtteile["features"],
        city=city,
        level=Level.STADTTEIL,
        mapping={"code": "blocknr", "name": "bez", "parent": "stadtraum"},
        parent_level=Level.STADTRAUM,
        source=DRESDEN_SOURCE,
    )
    current = Area.objects.current().filter(city=city)
    bezirke = {a.code: a for a in current.filter(level=Level.STADTBEZIRK)}
    raeume = {a.code: a for a in current.filter(level=Level.STADTRAUM)}
    teile = {a.code: a for a in current.filter(level=Level.STADTTEIL)}
    for code, area in teile.items():
        area_membership_set(area=area, container=bezirke[stadtbezirk_of[code]])
        if code in DRESDEN_UNLISTED_STADTRAUM and area.has_residents:
            area_set_residents(area=area, has_residents=False)
    for raum, codes in sorted(bezirke_of_stadtraum.items()):
        if len(codes) > 1:
            for code in sorted(codes):
                area_membership_set(area=raeume[raum], container=bezirke[code], is_partial=True)
    strehlen = teile[STREHLEN]
    for raum in (STREHLEN_MAIN_STADTRAUM, STREHLEN_OTHER_STADTRAUM):
        area_membership_set(area=strehlen, container=raeume[raum], is_partial=True)
    strehlen.also_in.add(raeume[STREHLEN_OTHER_STADTRAUM])
    if strehlen.note != STREHLEN_NOTE:
        area_set_note(area=strehlen, note=STREHLEN_NOTE)
    return city


def _berlin_names(table: str) -> dict[str, str]:
    path = (
        data_dir()
        / "berlin_mss"
        / "mss_2019"
        / f"berlin-lor-monitoring-social-urban-development-2019-00-{table}.csv"
    )
    with path.open(encoding="utf-8", newline="") as f:
        return {row["id"]: row["name"] for row in csv.DictReader(f)}


def _corrected_plr_code(feature: dict[str, Any]) -> str:
    """The file labels two features 06010102 Schloßstraße. One lies in Steglitz (06), the
    other in Charlottenburg next to 04030416 Klausenerplatz: that is 04030417 Schloßstraße,
    which the MSS tables list and the file otherwise lacks."""
    code = feature["properties"]["id"]
    if code == "06010102":
        centroid = geo.parse_area_geometry(feature["geometry"], repair=True).centroid
        if centroid.y > 52.49:  # Steglitz lies south of 52.47, Charlottenburg north of 52.5
            return "04030417"
    return code


@transaction.atomic
def load_berlin() -> Area:
    """Berlin's 12 Bezirke, Prognoseräume, 138 Bezirksregionen and 448 Planungsräume."""
    plr = _read_geojson(
        data_dir() / "berlin_mss" / "geo" / "berlin-lor-planning-areas-until-2020.geojson"
    )
    parts: dict[str, list] = defaultdict(list)
    plr_names: dict[str, str] = {}
    for f in plr["features"]:
        code = _corrected_plr_code(f)
        parts[code].append(geo.parse_area_geometry(f["geometry"], repair=True))
        plr_names[code] = f["properties"]["name"]
    shapes = {code: geo.dissolve(p) for code, p in parts.items()}
    city = _city("berlin", "Berlin", geo.dissolve(shapes.values()), BERLIN_SOURCE)
    bezirk_names = _berlin_names("2-3")
    region_names = _berlin_names("2-2")

    levels = [(Level.BEZIRK, 2), (Level.PROGNOSERAUM, 4), (Level.BEZIRKSREGION, 6)]
    parent_level = None
    parent_len = 0
    for level, length in levels:
        groups: dict[str, list] = defaultdict(list)
        for code, shape in shapes.items():
            groups[code[:length]].append(shape)
        if level == Level.BEZIRK:
            names = {c: bezirk_names[c] for c in groups}
        elif level == Level.BEZIRKSREGION:
            names = {c: region_names[c] for c in groups}
        else:
            # The open data names no Prognoseraum; its code is its name.
            names = {c: f"Prognoseraum {c}" for c in groups}
        parents = {c: c[:parent_len] for c in groups} if parent_level else None
        area_import(
            features=_features(groups, names, parents),
            city=city,
            level=level,
            mapping={"code": "code", "name": "name", **({"parent": "parent"} if parents else {})},
            parent_level=parent_level,
            source=BERLIN_SOURCE,
        )
        parent_level, parent_len = level, length
    area_import(
        features=_features(
            {c: [g] for c, g in shapes.items()}, plr_names, {c: c[:6] for c in shapes}
        ),
        city=city,
        level=Level.PLANUNGSRAUM,
        mapping={"code": "code", "name": "name", "parent": "parent"},
        parent_level=Level.BEZIRKSREGION,
        source=BERLIN_SOURCE,
    )
    return city
