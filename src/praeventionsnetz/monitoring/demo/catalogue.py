"""The demo's indicator catalogue: Dresden's statistics, Berlin's MSS and the marked demo
indicators, with source and licence."""

from __future__ import annotations

from dataclasses import dataclass

from praeventionsnetz.areas.demo import DRESDEN_SOURCE
from praeventionsnetz.monitoring.models import Dimension, Direction, IndicatorKind

DL_DE = "dl-de/by-2-0"
DEMO_SOURCE = "Demodaten: für die Erprobung erzeugt, keine echten Zahlen"
MSS_SOURCE = "SenStadt Berlin, Monitoring Soziale Stadtentwicklung (Open Lifeworlds)"
MSS_LICENCE = "CC BY 3.0 DE / CC BY 4.0"


@dataclass(frozen=True)
class Spec:
    key: str
    name_de: str
    name_en: str
    unit: str
    dimension: str
    direction: int
    kind: str
    source: str = DRESDEN_SOURCE
    licence: str = DL_DE
    scale: float = 100
    is_demo: bool = False
    description: str = ""


DRESDEN_INDICATORS = [
    Spec(
        "einwohner",
        "Einwohner (Hauptwohnsitz)",
        "Residents (main residence)",
        "Personen",
        Dimension.SOCIAL_STRUCTURE,
        Direction.NEUTRAL,
        IndicatorKind.COUNT,
        description="Einwohner mit Hauptwohnsitz am 30. Juni.",
    ),
    Spec(
        "auslaenderanteil",
        "Anteil ausländischer Einwohner",
        "Share of foreign residents",
        "%",
        Dimension.SOCIAL_STRUCTURE,
        Direction.NEUTRAL,
        IndicatorKind.RATE,
    ),
    Spec(
        "haushalte",
        "Private Haushalte",
        "Private households",
        "Haushalte",
        Dimension.SOCIAL_STRUCTURE,
        Direction.NEUTRAL,
        IndicatorKind.COUNT,
    ),
    Spec(
        "grosse_haushalte_anteil",
        "Anteil Haushalte mit 5 und mehr Personen",
        "Share of households with 5 or more persons",
        "%",
        Dimension.SOCIAL_STRUCTURE,
        Direction.NEUTRAL,
        IndicatorKind.RATE,
    ),
    Spec(
        "alleinerziehende_haushalte",
        "Haushalte von Alleinerziehenden",
        "Single-parent households",
        "Haushalte",
        Dimension.SOCIAL_STRUCTURE,
        Direction.BURDEN,
        IndicatorKind.COUNT,
    ),
    Spec(
        "alleinerziehende_anteil",
        "Anteil Alleinerziehender an allen Haushalten",
        "Share of single-parent households",
        "%",
        Dimension.SOCIAL_STRUCTURE,
        Direction.BURDEN,
        IndicatorKind.RATE,
    ),
    Spec(
        "geburten",
        "Geburten",
        "Births",
        "Kinder",
        Dimension.SOCIAL_STRUCTURE,
        Direction.NEUTRAL,
        IndicatorKind.COUNT,
        description="Geborene laut Einwohnermelderegister; das letzte Jahr ist ggf. vorläufig.",
    ),
    Spec(
        "aequivalenzeinkommen",
        "Äquivalenzeinkommen der Haushalte",
        "Equivalised household income",
        "EUR/Monat",
        Dimension.SOCIAL_STRUCTURE,
        Direction.RESOURCE,
        IndicatorKind.VALUE,
        description="Kommunale Bürgerumfrage; Stichprobe, kleine Stadträume schwanken.",
    ),
    Spec(
        "arme_haushalte_anteil",
        "Anteil Haushalte mit relativ geringem Einkommen",
        "Share of low-income households",
        "%",
        Dimension.SOCIAL_STRUCTURE,
        Direction.BURDEN,
        IndicatorKind.VALUE,
        description="Kommunale Bürgerumfrage (Stichprobe).",
    ),
    Spec(
        "reiche_haushalte_anteil",
        "Anteil Haushalte mit relativ hohem Einkommen",
        "Share of high-income households",
        "%",
        Dimension.SOCIAL_STRUCTURE,
        Direction.RESOURCE,
        IndicatorKind.VALUE,
        description="Kommunale Bürgerumfrage (Stichprobe).",
    ),
    Spec(
        "arbeitslose",
        "Arbeitslose",
        "Unemployed persons",
        "Personen",
        Dimension.SOCIAL_STRUCTURE,
        Direction.BURDEN,
        IndicatorKind.COUNT,
        description="Registrierte Arbeitslose nach Wohn-Stadtbezirk, je Quartal.",
    ),
    Spec(
        "arbeitslose_sgb2",
        "Arbeitslose nach SGB II",
        "Unemployed (SGB II)",
        "Personen",
        Dimension.SOCIAL_STRUCTURE,
        Direction.BURDEN,
        IndicatorKind.COUNT,
    ),
    Spec(
        "arbeitslose_unter_25",
        "Arbeitslose unter 25 Jahren",
        "Unemployed under 25",
        "Personen",
        Dimension.SOCIAL_STRUCTURE,
        Direction.BURDEN,
        IndicatorKind.COUNT,
    ),
    # Education: the only figure on schooling or training that Dresden publishes per area in
    # the tables at hand (per Stadtbezirk, from the unemployment table).
    Spec(
        "arbeitslose_ohne_berufsausbildung",
        "Arbeitslose ohne Berufsausbildung",
        "Unemployed without vocational training",
        "Personen",
        Dimension.EDUCATION,
        Direction.BURDEN,
        IndicatorKind.COUNT,
        description="Registrierte Arbeitslose ohne abgeschlossene Berufsausbildung, je Quartal.",
    ),
    Spec(
        "arbeitslose_ohne_berufsausbildung_anteil",
        "Anteil der Arbeitslosen ohne Berufsausbildung",
        "Share of the unemployed without vocational training",
        "%",
        Dimension.EDUCATION,
        Direction.BURDEN,
        IndicatorKind.RATE,
        description=(
            "Arbeitslose ohne abgeschlossene Berufsausbildung je 100 Arbeitslose, je Quartal."
        ),
    ),
]

DEMO_INDICATORS = [
    Spec(
        "hze_ambulant",
        "Hilfen zur Erziehung, ambulant (Fallaufkommen)",
        "Educational support, outpatient (cases)",
        "Fälle",
        Dimension.NEED_SERVICE,
        Direction.BURDEN,
        IndicatorKind.COUNT,
        DEMO_SOURCE,
        "–",
        is_demo=True,
    ),
    Spec(
        "hze_stationaer",
        "Hilfen zur Erziehung, stationär (Fallaufkommen)",
        "Educational support, residential (cases)",
        "Fälle",
        Dimension.NEED_SERVICE,
        Direction.BURDEN,
        IndicatorKind.COUNT,
        DEMO_SOURCE,
        "–",
        is_demo=True,
    ),
    Spec(
        "prognose_0_21",
        "Bevölkerungsprognose 0–21 Jahre (Veränderung bis 2035)",
        "Population forecast age 0–21 (change until 2035)",
        "%",
        Dimension.NEED_SERVICE,
        Direction.BURDEN,
        IndicatorKind.VALUE,
        DEMO_SOURCE,
        "–",
        is_demo=True,
    ),
    Spec(
        "sgb2_kinder_anteil",
        "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
        "Children under 15 in SGB II households",
        "%",
        Dimension.SOCIAL_STRUCTURE,
        Direction.BURDEN,
        IndicatorKind.RATE,
        DEMO_SOURCE,
        "–",
        is_demo=True,
    ),
    Spec(
        "kinder_unter_15",
        "Kinder unter 15 Jahren",
        "Children under 15",
        "Personen",
        Dimension.SOCIAL_STRUCTURE,
        Direction.NEUTRAL,
        IndicatorKind.COUNT,
        DEMO_SOURCE,
        "–",
        is_demo=True,
    ),
]

# Education per Stadtraum: Dresden publishes no school or Kita figures per area in the open
# tables at hand (see data/dresden_stats/SOURCE.md), so these are invented until the city
# imports its own under these keys.
EDUCATION_INDICATORS = [
    Spec(
        key,
        name,
        en,
        "%",
        Dimension.EDUCATION,
        direction,
        IndicatorKind.RATE,
        DEMO_SOURCE,
        "–",
        is_demo=True,
        description=description,
    )
    for key, name, en, direction, description in [
        (
            "bildungsempfehlung_gymnasium_anteil",
            "Bildungsempfehlungen für das Gymnasium (Klasse 4)",
            "Recommendations for the Gymnasium (year 4)",
            Direction.RESOURCE,
            "Anteil der Viertklässler mit Bildungsempfehlung für das Gymnasium (Demodaten).",
        ),
        (
            "schulabgaenger_ohne_abschluss_anteil",
            "Schulabgänger ohne Hauptschulabschluss",
            "School leavers without a school-leaving certificate",
            Direction.BURDEN,
            "Anteil der Schulabgänger ohne mindestens Hauptschulabschluss (Demodaten).",
        ),
        (
            "kita_besuchsquote_3_6",
            "Kita-Besuchsquote 3 bis unter 6 Jahre",
            "Day-care attendance aged 3 to under 6",
            Direction.RESOURCE,
            "Anteil der Kinder von 3 bis unter 6 Jahren in Kindertagesbetreuung (Demodaten).",
        ),
    ]
]

# Residents under 21 per Stadtteil, the base of the case rates (Hilfen zur Erziehung per
# 1,000 residents under 21); invented like the age bands below.
UNDER_21 = "einwohner_unter_21"

# Children by age band per Stadtteil: invented (carried forward from the real births of the
# cohorts, with noise) until the city imports its own figures under these keys. The offer
# coverage divides by them (offers.chain.PHASE_POPULATION).
AGE_BANDS = {
    # key: (name, lowest age, highest age + 1)
    "kinder_1_3": ("Kinder von 1 bis unter 3 Jahren", 1, 3),
    "kinder_3_6": ("Kinder von 3 bis unter 6 Jahren", 3, 6),
    "kinder_6_10": ("Kinder von 6 bis unter 10 Jahren", 6, 10),
    "kinder_10_14": ("Kinder von 10 bis unter 14 Jahren", 10, 14),
    "jugendliche_14_18": ("Jugendliche von 14 bis unter 18 Jahren", 14, 18),
    "junge_erwachsene_18_27": ("Junge Erwachsene von 18 bis unter 27 Jahren", 18, 27),
    "kinder_unter_18": ("Kinder und Jugendliche unter 18 Jahren", 0, 18),
}
# Its own list: adding it to AGE_BANDS would change the other bands' random figures.
UNDER_21_BAND = {UNDER_21: ("Einwohner unter 21 Jahren", 0, 21)}
AGE_BAND_INDICATORS = [
    Spec(
        key,
        name,
        f"Population aged {low} to under {high}",
        "Personen",
        Dimension.SOCIAL_STRUCTURE,
        Direction.NEUTRAL,
        IndicatorKind.COUNT,
        DEMO_SOURCE,
        "–",
        is_demo=True,
        description=(
            "Demodaten: aus den echten Geburten der Jahrgänge je Stadtteil fortgeschrieben, "
            "mit Zufallsschwankung. Ersetzen Sie sie durch einen Import der echten Zahlen."
        ),
    )
    for key, (name, low, high) in (AGE_BANDS | UNDER_21_BAND).items()
]

MSS_INDICATORS = [
    Spec(
        "inhabitants",
        "Einwohner (MSS)",
        "Inhabitants (MSS)",
        "Personen",
        Dimension.SOCIAL_STRUCTURE,
        Direction.NEUTRAL,
        IndicatorKind.VALUE,
        MSS_SOURCE,
        MSS_LICENCE,
    ),
    *[
        Spec(
            key,
            name,
            en,
            unit,
            Dimension.SOCIAL_STRUCTURE,
            Direction.BURDEN,
            IndicatorKind.VALUE,
            MSS_SOURCE,
            MSS_LICENCE,
        )
        for key, name, en, unit in [
            ("s1_percentage_unemployed", "MSS S1 Arbeitslosigkeit", "MSS S1 unemployment", "%"),
            (
                "s2_percentage_long_term_unemployed",
                "MSS S2 Langzeitarbeitslosigkeit",
                "MSS S2 long-term unemployment",
                "%",
            ),
            (
                "s3_percentage_transfer_payments_recipients",
                "MSS S3 Transferbezug",
                "MSS S3 transfer benefits",
                "%",
            ),
            (
                "s4_percentage_transfer_payments_recipients_below_15_years",
                "MSS S4 Kinderarmut",
                "MSS S4 child poverty",
                "%",
            ),
            (
                "d1_percentage_unemployed",
                "MSS D1 Veränderung Arbeitslosigkeit",
                "MSS D1 change in unemployment",
                "Prozentpunkte",
            ),
            (
                "d2_percentage_long_term_unemployed",
                "MSS D2 Veränderung Langzeitarbeitslosigkeit",
                "MSS D2 change in long-term unemployment",
                "Prozentpunkte",
            ),
            (
                "d3_percentage_transfer_payments_recipients",
                "MSS D3 Veränderung Transferbezug",
                "MSS D3 change in transfer benefits",
                "Prozentpunkte",
            ),
            (
                "d4_percentage_transfer_payments_recipients_below_15_years",
                "MSS D4 Veränderung Kinderarmut",
                "MSS D4 change in child poverty",
                "Prozentpunkte",
            ),
        ]
    ],
]
