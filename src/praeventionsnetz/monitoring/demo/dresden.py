"""Dresden in the demo: real statistics per Stadtteil, Stadtraum and Stadtbezirk, marked demo
figures, age bands and the district types of the framework concept.

Dresden's Stadtteil tables carry Stadtteil, Stadtbezirk and Stadtraum in every row, with
Strehlen split between Stadtraum 11 and 12. Each level is therefore summed from the source
rows themselves (exact also for the Stadträume); the city is the sum of all rows.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from praeventionsnetz.areas.demo import data_dir
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.monitoring.demo.catalogue import (
    AGE_BAND_INDICATORS,
    AGE_BANDS,
    DEMO_INDICATORS,
    DRESDEN_INDICATORS,
    EDUCATION_INDICATORS,
    UNDER_21_BAND,
)
from praeventionsnetz.monitoring.demo.store import Figures, indicators_ensure, observations_upsert
from praeventionsnetz.monitoring.models import (
    AreaType,
    AreaTypeAssignment,
    Indicator,
    Observation,
)
from praeventionsnetz.monitoring.services.aggregation import observations_aggregate


def _rows(name: str) -> list[dict[str, str]]:
    with (data_dir() / "dresden_stats" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


class DresdenAreas:
    """The demo areas of Dresden, found by the labels of the statistics tables."""

    def __init__(self, city: Area) -> None:
        current = Area.objects.current().filter(city=city)
        self.city = city
        self.by_level = {
            level: {a.code: a.pk for a in current.filter(level=level)}
            for level in (Level.STADTTEIL, Level.STADTRAUM, Level.STADTBEZIRK)
        }

    def keys(self, row: dict[str, str]) -> list[int]:
        """The areas a table row counts to: its Stadtteil, Stadtraum, Stadtbezirk, city."""
        stadtteil = row["Stadtteil zus."][:2]
        stadtraum = row["Stadtraum"][:2]
        bezirk = row["Stadtbezirk mit zugeordneten Ortschaften"].removeprefix("StB ")[:1]
        return [
            self.by_level[Level.STADTTEIL][stadtteil],
            self.by_level[Level.STADTRAUM][stadtraum],
            self.by_level[Level.STADTBEZIRK][bezirk],
            self.city.pk,
        ]


def _sum_by_area(
    rows: Iterable[dict[str, str]], areas: DresdenAreas, value: Callable[[dict], float]
) -> dict[tuple[int, str], float]:
    sums: dict[tuple[int, str], float] = defaultdict(float)
    for row in rows:
        for area in areas.keys(row):
            sums[(area, row["Jahr"])] += value(row)
    return sums


def _files(pattern: str) -> list[str]:
    folder = data_dir() / "dresden_stats"
    return sorted(p.name for p in folder.iterdir() if re.fullmatch(pattern, p.name))


def _counts(figures: dict[tuple[int, str], float]) -> Figures:
    return {k: (v, None, None) for k, v in figures.items()}


def _rates(num: dict, den: dict, scale: float = 100) -> Figures:
    return {
        k: (num[k] / den[k] * scale if den[k] else None, num[k], den[k]) for k in num if k in den
    }


def load_dresden_statistics(city: Area) -> int:
    areas = DresdenAreas(city)
    ind = indicators_ensure(DRESDEN_INDICATORS)
    written = 0

    residents = _rows(_files(r"einwohner___md_34e_\d{4}_.*\.csv")[0])
    total = _sum_by_area(residents, areas, lambda r: _number(r["Anzahl Einwohner"]))
    foreign = _sum_by_area(
        [r for r in residents if r["Staatsangehörigkeit-1 Deutsche / Ausländer"] == "Ausländer"],
        areas,
        lambda r: _number(r["Anzahl Einwohner"]),
    )
    written += observations_upsert(ind["einwohner"], _counts(total))
    written += observations_upsert(ind["auslaenderanteil"], _rates(foreign, total))

    households: dict = {}
    large: dict = {}
    for name in _files(r"einwohner_-_haushalte_md23e_\d{4}_.*\.csv"):
        rows = _rows(name)
        households |= _sum_by_area(rows, areas, lambda r: _number(r["Anzahl Haushalte"]))
        large |= _sum_by_area(
            [r for r in rows if r["Haushalt-Größe-5"].startswith("5")],
            areas,
            lambda r: _number(r["Anzahl Haushalte"]),
        )
    written += observations_upsert(ind["haushalte"], _counts(households))
    written += observations_upsert(ind["grosse_haushalte_anteil"], _rates(large, households))

    single: dict = {}
    for name in _files(r"einwohner_-_haushalte_md233_\d{4}_.*\.csv"):
        single |= _sum_by_area(_rows(name), areas, lambda r: _number(r["Anzahl Haushalte"]))
    written += observations_upsert(ind["alleinerziehende_haushalte"], _counts(single))
    written += observations_upsert(ind["alleinerziehende_anteil"], _rates(single, households))

    births: dict = {}
    for name in _files(r"einwohner_geborene_md121_\d{4}_.*\.csv"):
        births |= _sum_by_area(_rows(name), areas, lambda r: _number(r["Geborene"]))
    written += observations_upsert(ind["geburten"], _counts(births))

    written += _load_income(areas, ind)
    written += _load_unemployment(areas, ind)
    return written


def _load_income(areas: DresdenAreas, ind: dict[str, Indicator]) -> int:
    columns = {
        "aequivalenzeinkommen": "Einkommen-Haushalt (Äquivalenz-)",
        "arme_haushalte_anteil": "Anteil Haushalte mit relativ geringem Einkommen - arm",
        "reiche_haushalte_anteil": "Anteil Haushalte mit relativ hohem Einkommen - reich",
    }
    figures: dict[str, Figures] = defaultdict(dict)
    for row in _rows("kbu_-_einkommen_aequivalenz-_1993ff_stadtraum.csv"):
        code = row["Stadtraum"][:2]
        area = areas.city.pk if code == "18" else areas.by_level[Level.STADTRAUM][code]
        for key, column in columns.items():
            if row[column].strip():
                figures[key][(area, row["Jahr"])] = (_number(row[column]), None, None)
    return sum(observations_upsert(ind[key], figures[key]) for key in columns)


def _load_unemployment(areas: DresdenAreas, ind: dict[str, Indicator]) -> int:
    columns = {
        "arbeitslose": "Insgesamt",
        "arbeitslose_sgb2": "nach SGB II",
        "arbeitslose_unter_25": "Anzahl unter 25 Jahre",
        "arbeitslose_ohne_berufsausbildung": "ohne Berufsausbildung",
    }
    figures: dict[str, dict[tuple[int, str], float]] = defaultdict(lambda: defaultdict(float))
    for row in _rows("arbeitslose_2018ff_md1_quartalszahlen.csv"):
        period = f"{row['Jahr']}-Q{row['Quartal'][:1]}"
        label = row["Stadtbezirk mit zugeordneten Ortschaften"]
        targets = [areas.city.pk]  # "unbekannt" counts to the city only
        if label.startswith("StB "):
            targets.append(areas.by_level[Level.STADTBEZIRK][label.removeprefix("StB ")[:1]])
        for key, column in columns.items():
            for area in targets:
                figures[key][(area, period)] += _number(row[column])
    written = sum(observations_upsert(ind[k], _counts(figures[k])) for k in columns)
    untrained = _rates(figures["arbeitslose_ohne_berufsausbildung"], figures["arbeitslose"])
    return written + observations_upsert(ind["arbeitslose_ohne_berufsausbildung_anteil"], untrained)


def _stadtraeume_with_households(city: Area) -> tuple[list[Area], dict, dict]:
    """The city's Stadträume, with their real residents and share of single-parent
    households in 2024 (by area id), on which the invented figures are scaled."""
    raeume = list(Area.objects.current().filter(city=city, level=Level.STADTRAUM).order_by("code"))
    residents = dict(
        Observation.objects.filter(
            indicator__key="einwohner", period="2024", area__in=raeume
        ).values_list("area_id", "value")
    )
    single = dict(
        Observation.objects.filter(
            indicator__key="alleinerziehende_anteil", period="2024", area__in=raeume
        ).values_list("area_id", "value")
    )
    return raeume, residents, single


def load_dresden_demo_figures(city: Area, *, seed: int = 2026) -> int:
    """Plausible invented figures per Stadtraum and year, scaled by real residents."""
    ind = indicators_ensure(DEMO_INDICATORS)
    rng = np.random.default_rng(seed)
    raeume, residents, single = _stadtraeume_with_households(city)
    figures: dict[str, Figures] = defaultdict(dict)
    for area in raeume:
        people = residents.get(area.pk, 20000.0)
        # Burden follows the real share of single-parent households, with noise.
        burden = (single.get(area.pk, 4.5) or 4.5) / 4.5
        children = round(people * rng.uniform(0.11, 0.16))
        poor_share = float(np.clip(rng.normal(9 * burden, 2), 2, 45))
        forecast = float(np.round(rng.normal(-4, 6), 1))
        for year in range(2019, 2025):
            drift = 1 + 0.02 * (year - 2019)
            kids = round(children * (1 + rng.normal(0, 0.01)))
            poor = round(kids * poor_share / 100 * (1 + rng.normal(0, 0.05)))
            ambulant = max(0, round(people / 1000 * 2.2 * burden * drift * rng.uniform(0.85, 1.15)))
            stationaer = max(0, round(people / 1000 * 0.6 * burden * rng.uniform(0.75, 1.25)))
            key = (area.pk, str(year))
            figures["kinder_unter_15"][key] = (float(kids), None, None)
            figures["sgb2_kinder_anteil"][key] = (poor / kids * 100, float(poor), float(kids))
            figures["hze_ambulant"][key] = (float(ambulant), None, None)
            figures["hze_stationaer"][key] = (float(stationaer), None, None)
        figures["prognose_0_21"][(area.pk, "2024")] = (forecast, None, None)
    written = sum(observations_upsert(ind[k], figures[k]) for k in figures)
    periods = [str(year) for year in range(2019, 2025)]
    for key in ("kinder_unter_15", "sgb2_kinder_anteil", "hze_ambulant", "hze_stationaer"):
        written += observations_aggregate(
            city=city, indicator=ind[key], from_level=Level.STADTRAUM, periods=periods
        )
    return written


def load_dresden_education(city: Area, *, seed: int = 2027) -> int:
    """Invented school and Kita figures per Stadtraum and year, following the real share of
    single-parent households (more burden, fewer Gymnasium recommendations)."""
    ind = indicators_ensure(EDUCATION_INDICATORS)
    rng = np.random.default_rng(seed)
    raeume, residents, single = _stadtraeume_with_households(city)
    figures: dict[str, Figures] = defaultdict(dict)
    for area in raeume:
        people = residents.get(area.pk, 20000.0)
        burden = (single.get(area.pk, 4.5) or 4.5) / 4.5
        gymnasium = float(np.clip(rng.normal(62 - 18 * (burden - 1), 4), 25, 85))
        dropout = float(np.clip(rng.normal(7 + 6 * (burden - 1), 1.5), 1, 25))
        kita = float(np.clip(rng.normal(95 - 4 * (burden - 1), 1.5), 80, 99.5))
        for year in range(2019, 2025):
            key = (area.pk, str(year))
            pupils = round(people / 1000 * rng.uniform(8, 11))  # year 4, per Stadtraum
            leavers = round(people / 1000 * rng.uniform(7, 10))
            children = round(people / 1000 * rng.uniform(24, 32))  # aged 3 to under 6
            for name, base, share in (
                ("bildungsempfehlung_gymnasium_anteil", pupils, gymnasium),
                ("schulabgaenger_ohne_abschluss_anteil", leavers, dropout),
                ("kita_besuchsquote_3_6", children, kita),
            ):
                count = round(base * share / 100 * rng.uniform(0.95, 1.05))
                figures[name][key] = (count / base * 100, float(count), float(base))
    written = sum(observations_upsert(ind[k], figures[k]) for k in figures)
    periods = [str(year) for year in range(2019, 2025)]
    for key in figures:
        written += observations_aggregate(
            city=city, indicator=ind[key], from_level=Level.STADTRAUM, periods=periods
        )
    return written


def load_dresden_age_bands(city: Area, *, year: int = 2024, seed: int = 2026) -> int:
    """Invented children by age band per Stadtteil, carried forward from real births.

    A cohort born in year y is aged year − y; years before the first published births
    reuse the earliest cohort. Survival and moves are a factor of 0.85–1.05 per cohort.
    """
    ind = indicators_ensure(AGE_BAND_INDICATORS)
    births: dict[int, dict[int, float]] = defaultdict(dict)
    for area, period, value in Observation.objects.filter(
        indicator__key="geburten", area__city=city, area__level=Level.STADTTEIL
    ).values_list("area_id", "period", "value"):
        births[area][int(period)] = value
    figures: dict[str, Figures] = defaultdict(dict)
    # The residents under 21 draw from their own generator, so the bands stay as they were.
    for bands, rng in (
        (AGE_BANDS, np.random.default_rng(seed)),
        (UNDER_21_BAND, np.random.default_rng(seed + 21)),
    ):
        for area, by_year in sorted(births.items()):
            first = min(by_year)
            for key, (_name, low, high) in bands.items():
                total = 0.0
                for age in range(low, high):
                    cohort = by_year.get(year - age, by_year[first])
                    total += cohort * rng.uniform(0.85, 1.05)
                figures[key][(area, str(year))] = (float(round(total)), None, None)
    written = sum(observations_upsert(ind[k], figures[k]) for k in figures)
    for key in figures:
        written += observations_aggregate(
            city=city, indicator=ind[key], from_level=Level.STADTTEIL, periods=[str(year)]
        )
    return written


# --- Berlin --------------------------------------------------------------------------------


# The district types of the Dresden framework concept (EHS Dresden 2017, "Zum
# Auswahlprozess der Bezugsräume"); Stadtraum 4 with its published ratings and description.
DRESDEN_TYPES = {
    "C": ("Im Wandel", ["05", "09", "10"]),
    "D": ("Buntes Viertel", ["01", "02", "03", "04"]),
    "E": ("Unauffälliger Alltag", ["12", "13", "14", "15"]),
}
PIESCHEN_DESCRIPTION = (
    "Entwicklung zu einem sozial durchmischten Gebiet (ursprünglich eher ärmliches, "
    "ehemaliges Arbeiterviertel); (sehr) heterogene Bewohnerstruktur. Viele Familien, hoher "
    "Anteil Jugendlicher und junger Erwachsener, hohe Jugendarbeitslosigkeit. Große "
    "Unterschiede in der Sozial- und Infrastruktur innerhalb des Stadtraums; Sanierung, "
    "Wohnungsneubau, steigende Mieten und Aufwertung führen zu Veränderungen der "
    "Bewohnerstruktur. Hohe jugendhilfliche Angebotsdichte mit Konzentration auf Pieschen-Süd "
    "und Mickten; wenig Grün- und Freiflächen für junge Menschen. (Rahmenkonzept 2017)"
)


def load_dresden_types(city: Area) -> int:
    from praeventionsnetz.monitoring.services.analysis import area_type_assign

    raeume = {a.code: a for a in Area.objects.current().filter(city=city, level=Level.STADTRAUM)}
    written = 0
    for code, (name, members) in DRESDEN_TYPES.items():
        area_type, _created = AreaType.objects.get_or_create(
            city=city,
            code=code,
            defaults={"name": name, "description": "Rahmenkonzept EHS Dresden 2017"},
        )
        for member in members:
            area = raeume[member]
            n, mean, text = (8, 6.0, PIESCHEN_DESCRIPTION) if member == "04" else (0, None, "")
            current = AreaTypeAssignment.objects.filter(area=area).first()
            if current and (
                current.area_type_id,
                current.ratings_n,
                current.ratings_mean,
                current.expert_description,
            ) == (area_type.pk, n, mean, text):
                continue
            area_type_assign(
                area=area,
                area_type=area_type,
                ratings_n=n,
                ratings_mean=mean,
                expert_description=text,
            )
            written += 1
    return written
