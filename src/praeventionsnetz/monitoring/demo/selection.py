"""The framework concept's choice of model areas (EHS Dresden 2017), as a saved example run.

The concept chose one Bezugsraum per district type by criteria in four dimensions ("Zum
Auswahlprozess der Bezugsräume"): Stadtraum 10 Leuben (type C "Im Wandel"), 4 Pieschen
(D "Buntes Viertel") and 14 Plauen, Mockritz, Coschütz (E "Unauffälliger Alltag"). It
published the figures of two of them. The run repeats the documented criteria on today's
figures, and its description says where the 2017 figures and the result differ.
"""

from __future__ import annotations

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.charts import format_number
from praeventionsnetz.monitoring import selection
from praeventionsnetz.monitoring.models import Dimension, SelectionRun
from praeventionsnetz.monitoring.services import analysis

EXAMPLE_NAME = "Bezugsräume nach dem Rahmenkonzept 2017 (Beispiel)"
PERIOD = "2024"
INDEX_KEY = analysis.index_criterion_key("dresden_prekarisierung_demo", "prekarisierung")
TYPES_2017 = {"10": "C", "04": "D", "14": "E"}
# Published in the concept (quantitative description of the selected Stadträume):
# precarity index, population forecast 0–21 until 2021 (persons), cases outpatient/residential.
FIGURES_2017 = {
    "04": ("+0,002", "+733", "26/15"),
    "14": ("+0,824", "+280", "11/9"),
}


def example_criteria() -> list[selection.Criterion]:
    """The documented criteria that today's data hold, with equal weights."""
    return [
        selection.Criterion(key=INDEX_KEY, dimension=Dimension.SOCIAL_STRUCTURE),
        selection.Criterion(key="prognose_0_21", dimension=Dimension.NEED_SERVICE),
        selection.Criterion(key="hze_ambulant", dimension=Dimension.NEED_SERVICE),
        selection.Criterion(key="hze_stationaer", dimension=Dimension.NEED_SERVICE),
    ]


def load_dresden_example_selection(city: Area) -> int:
    """Save the example run once; returns 1 when it was created."""
    if SelectionRun.objects.filter(city=city, name=EXAMPLE_NAME).exists():
        return 0
    areas = list(Area.objects.current().filter(city=city, level=Level.STADTRAUM).order_by("code"))
    if not any(code in TYPES_2017 for code in (a.code for a in areas)):
        return 0
    run = analysis.selection_run_create(
        city=city,
        level=Level.STADTRAUM,
        period=PERIOD,
        name=EXAMPLE_NAME,
        criteria=example_criteria(),
        constraints=selection.Constraints(one_per_type=True),
        number=len(TYPES_2017),
        areas=areas,
    )
    run.description = example_description(run)
    run._change_reason = "demo"
    run.save(update_fields=["description"])
    return 1


def example_description(run: SelectionRun) -> str:
    """What the run repeats, what it leaves out, and where 2017 and today differ."""
    ranking = run.result["ranking"]
    names = {r["code"]: r["name"] for r in ranking}
    inputs = run.result["inputs"]
    chosen = sorted(r["code"] for r in ranking if r["selected"])
    chosen_2017 = sorted(TYPES_2017)

    def area(code: str) -> str:
        return f"SR {int(code)} {names.get(code, '')}".strip()

    def today(code: str, key: str, decimals: int, signed: bool = False) -> str:
        value = inputs.get(code, {}).get(key)
        if value is None:
            return "–"
        text = format_number(value, decimals)
        return f"+{text}" if signed and value > 0 else text.replace("-", "−")

    lines = [
        "Nachbildung der Auswahl der Bezugsräume im Rahmenkonzept (EHS Dresden 2017, „Zum "
        "Auswahlprozess der Bezugsräume“). Dokumentierte Kriterien: soziale Belastung "
        "(Prekarisierungsindex), Bevölkerungsprognose 0–21 Jahre (2021), „Differenz VK 2018 "
        "zu 2016“, Fallaufkommen ambulant/stationär, die Infrastruktur und der Stadtraumtyp; "
        "je Typ ein Bezugsraum. 2017 gewählt: "
        + ", ".join(f"{area(c)} (Typ {TYPES_2017[c]})" for c in chosen_2017)
        + ".",
        "Dieser Lauf nimmt Prekarisierungsindex, Bevölkerungsprognose 0–21 und Fallaufkommen "
        "ambulant und stationär mit gleichem Gewicht, ein Gebiet je Stadtraumtyp; Stadträume "
        "ohne Typ bleiben außen vor. Nicht nachgebildet: „Differenz VK 2018 zu 2016“ (die "
        "Quelle erklärt die Abkürzung nicht, es gibt keine Daten dazu) und die Zahl der "
        "Einrichtungen (im Gebietsprofil, aber keine Kennzahl).",
    ]
    if chosen == chosen_2017:
        lines.append("Ergebnis mit den heutigen Zahlen: dieselben Stadträume wie 2017.")
    else:
        lines.append(
            "Ergebnis mit den heutigen Zahlen: "
            + ", ".join(area(c) for c in chosen)
            + "; 2017 waren es "
            + ", ".join(area(c) for c in chosen_2017)
            + "."
        )
    differences = [
        f"{area(code)}: Prekarisierungsindex 2017 {index}, heute "
        f"{today(code, INDEX_KEY, 2, signed=True)}; Bevölkerungsprognose 0–21 2017 {forecast} "
        f"Personen bis 2021, heute {today(code, 'prognose_0_21', 1, signed=True)} % bis 2035; "
        f"Fallaufkommen ambulant/stationär 2017 {cases}, heute "
        f"{today(code, 'hze_ambulant', 0)}/{today(code, 'hze_stationaer', 0)} ({PERIOD})."
        for code, (index, forecast, cases) in FIGURES_2017.items()
    ]
    lines.append(
        "Wo die Zahlen von 2017 von den heutigen abweichen:\n"
        + "\n".join(differences)
        + f"\n{area('10')}: Das Rahmenkonzept veröffentlicht für diesen Stadtraum keine Zahlen."
    )
    lines.append(
        "Die heutigen Werte von Index, Prognose und Fallaufkommen sind Demodaten: Sie zeigen, "
        "wie die Auswahl nachvollziehbar wird, nicht die echte Lage. Der Index von 2017 ist "
        "anders berechnet (seine Bestandteile sind nicht veröffentlicht), die Prognose hat "
        "eine andere Einheit (Personen statt Prozent) und einen anderen Zeitraum."
    )
    return "\n\n".join(lines)
