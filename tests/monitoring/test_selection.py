"""Model-area selection on four hand-computable areas.

alleinerziehende 13, 19, 21, 27: mean 20, deviations −7, −1, 1, 7, population sd 5,
so z = −1,4, −0,2, 0,2, 1,4 (direction +1, weight 1).
kitaplaetze 30, 50, 50, 30: mean 40, sd 10, z = −1, 1, 1, −1; direction −1 and weight
0,5 give contributions +0,5, −0,5, −0,5, +0,5.
Totals: 01 −0,9, 02 −0,7, 03 −0,3, 04 +1,9, so the ranking is 04, 03, 02, 01.
"""

import json

import numpy as np
import pandas as pd
import pytest

from praeventionsnetz.monitoring import selection
from praeventionsnetz.monitoring.selection import Constraints, Criterion, Dimension, SelectionSpec
from tests.messages import english, german, raises

SINGLE_PARENTS = Criterion(
    key="alleinerziehende",
    dimension=Dimension.SOCIAL_STRUCTURE,
    label="Anteil Alleinerziehende",
    unit="%",
)
CHILDCARE = Criterion(
    key="kitaplaetze", dimension=Dimension.INFRASTRUCTURE, weight=0.5, direction=-1
)


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "alleinerziehende": [13.0, 19.0, 21.0, 27.0],
            "kitaplaetze": [30.0, 50.0, 50.0, 30.0],
            "type": ["X", "Y", "X", "X"],
        },
        index=pd.Index(["01", "02", "03", "04"], name="area"),
    )


def test_scores_by_hand(frame):
    result = selection.select_model_areas(frame, [SINGLE_PARENTS, CHILDCARE], n=2)
    ranking = result.ranking
    assert list(ranking.index) == ["04", "03", "02", "01"]
    assert ranking["rank"].tolist() == [1, 2, 3, 4]
    assert ranking["score"].tolist() == pytest.approx([1.9, -0.3, -0.7, -0.9])
    assert ranking["score_social_structure"].tolist() == pytest.approx([1.4, 0.2, -0.2, -1.4])
    assert ranking["score_infrastructure"].tolist() == pytest.approx([0.5, -0.5, -0.5, 0.5])
    assert ranking["score_need_service"].tolist() == [0, 0, 0, 0]
    assert result.selected == ("04", "03")
    assert ranking["selected"].tolist() == [True, True, False, False]
    assert (
        german(ranking.loc["02", "reason"])
        == "Auswahl bereits vollständig (2 Gebiete mit höherer Punktzahl)"
    )
    assert ranking["eligible"].all()
    assert result.notes == ()


def test_details_explain_each_criterion(frame):
    result = selection.select_model_areas(frame, [SINGLE_PARENTS, CHILDCARE], n=2)
    details = result.details.set_index(["area", "criterion"])
    assert details.loc[("04", "kitaplaetze"), "z"] == pytest.approx(-1.0)
    assert details.loc[("04", "kitaplaetze"), "contribution"] == pytest.approx(0.5)
    assert german(details.loc[("04", "kitaplaetze"), "text"]) == (
        "kitaplaetze 30,0; Beitrag +0,50 (z = −1,00, umgekehrt (höher = weniger Bedarf), "
        "Gewicht 0,5)"
    )
    assert german(details.loc[("03", "alleinerziehende"), "text"]) == (
        "Anteil Alleinerziehende 21,0 %; Beitrag +0,20 (z = +0,20)"
    )
    assert german(result.explain("02")) == [
        "Platz 3, Punktzahl −0,70: nicht ausgewählt – Auswahl bereits vollständig "
        "(2 Gebiete mit höherer Punktzahl)",
        "Anteil Alleinerziehende 19,0 %; Beitrag −0,20 (z = −0,20)",
        "kitaplaetze 50,0; Beitrag −0,50 (z = +1,00, umgekehrt (höher = weniger Bedarf), "
        "Gewicht 0,5)",
    ]


def test_threshold_makes_areas_ineligible_with_the_reason(frame):
    threshold = Criterion(
        key="alleinerziehende",
        dimension=Dimension.SOCIAL_STRUCTURE,
        label="Anteil Alleinerziehende",
        unit="%",
        threshold=20,
    )
    result = selection.select_model_areas(frame, [threshold, CHILDCARE], n=3)
    ranking = result.ranking
    assert result.selected == ("04", "03")
    assert german(ranking.loc["02", "reason"]) == (
        "Schwelle nicht erreicht: Anteil Alleinerziehende 19,0 % < Schwelle 20 %"
    )
    assert not ranking.loc["01", "eligible"]
    assert german(result.notes) == ["Nur 2 von 3 gewünschten Gebieten erfüllen alle Bedingungen."]
    details = result.details.set_index(["area", "criterion"])
    assert details.loc[("03", "alleinerziehende"), "threshold_met"]
    assert german(details.loc[("03", "alleinerziehende"), "text"]).startswith(
        "Anteil Alleinerziehende 21,0 % ≥ Schwelle 20 %; Beitrag"
    )
    assert "< Schwelle 20 % – Schwelle nicht erreicht" in german(
        details.loc[("01", "alleinerziehende"), "text"]
    )
    assert details.loc[("01", "kitaplaetze"), "threshold_met"] is None


def test_maximum_threshold(frame):
    at_most = Criterion(
        key="kitaplaetze",
        dimension=Dimension.INFRASTRUCTURE,
        direction=-1,
        threshold=40,
        threshold_kind="max",
    )
    result = selection.select_model_areas(frame, [SINGLE_PARENTS, at_most], n=4)
    assert result.selected == ("04", "01")
    assert (
        german(result.ranking.loc["03", "reason"])
        == "Schwelle nicht erreicht: kitaplaetze 50,0 > Schwelle 40"
    )


def test_one_per_type_picks_the_best_of_each_type(frame):
    constraints = Constraints(one_per_type=True)
    result = selection.select_model_areas(frame, [SINGLE_PARENTS, CHILDCARE], constraints, n=2)
    assert result.selected == ("04", "02")
    ranking = result.ranking
    assert german(ranking.loc["03", "reason"]) == "Typ X bereits vertreten durch 04"
    assert german(ranking.loc["01", "reason"]) == "Typ X bereits vertreten durch 04"
    assert ranking["type"].tolist() == ["X", "X", "Y", "X"]


def test_one_per_type_needs_a_type(frame):
    frame.loc["02", "type"] = None
    result = selection.select_model_areas(
        frame, [SINGLE_PARENTS], Constraints(one_per_type=True), n=2
    )
    assert result.selected == ("04",)
    assert german(result.ranking.loc["02", "reason"]) == "kein Typ zugeordnet"


def test_excluded_areas_are_skipped(frame):
    result = selection.select_model_areas(
        frame, [SINGLE_PARENTS, CHILDCARE], Constraints(exclude=("04",)), n=2
    )
    assert result.selected == ("03", "02")
    assert german(result.ranking.loc["04", "reason"]) == "ausgeschlossen"
    assert result.ranking.loc["04", "rank"] == 1  # the score is still shown
    assert (
        german(result.explain("04")[0])
        == "Platz 1, Punktzahl +1,90: nicht ausgewählt – ausgeschlossen"
    )


def test_exclusion_does_not_change_other_scores(frame):
    plain = selection.select_model_areas(frame, [SINGLE_PARENTS, CHILDCARE], n=1)
    excluded = selection.select_model_areas(
        frame, [SINGLE_PARENTS, CHILDCARE], Constraints(exclude=("04", "01")), n=1
    )
    pd.testing.assert_series_equal(plain.ranking["score"], excluded.ranking["score"])


def test_ties_are_broken_by_area_id():
    frame = pd.DataFrame({"x": [5.0, 7.0, 7.0, 7.0]}, index=["c", "b", "d", "a"])
    criterion = Criterion(key="x", dimension=Dimension.NEED_SERVICE)
    result = selection.select_model_areas(frame, [criterion], n=2)
    assert list(result.ranking.index) == ["a", "b", "d", "c"]
    assert result.selected == ("a", "b")
    shuffled = selection.select_model_areas(frame.iloc[[2, 0, 3, 1]], [criterion], n=2)
    pd.testing.assert_frame_equal(result.ranking, shuffled.ranking)


def test_ties_with_numeric_ids():
    frame = pd.DataFrame({"x": [1.0, 1.0, 0.0]}, index=[12, 3, 7])
    result = selection.select_model_areas(
        frame, [Criterion(key="x", dimension=Dimension.SOCIAL_SPACE)], n=1
    )
    assert list(result.ranking.index) == [3, 12, 7]
    assert result.selected == (3,)


def test_missing_value_counts_as_average_unless_a_threshold_needs_it(frame):
    frame.loc["04", "kitaplaetze"] = np.nan
    result = selection.select_model_areas(frame, [SINGLE_PARENTS, CHILDCARE], n=1)
    details = result.details.set_index(["area", "criterion"])
    assert details.loc[("04", "kitaplaetze"), "contribution"] == 0
    assert german(details.loc[("04", "kitaplaetze"), "text"]) == (
        "kitaplaetze: Wert fehlt; Beitrag 0 (als Durchschnitt gewertet)"
    )
    assert result.selected == ("04",)

    with_threshold = Criterion(
        key="kitaplaetze", dimension=Dimension.INFRASTRUCTURE, direction=-1, threshold=0
    )
    result = selection.select_model_areas(frame, [SINGLE_PARENTS, with_threshold], n=1)
    assert german(result.ranking.loc["04", "reason"]) == "Wert fehlt: kitaplaetze"
    # Without 04, kitaplaetze 30, 50, 50 have z ≈ −1,41, +0,71, +0,71; weight 1 and
    # direction −1 make 01 the best of the rest (−1,4 + 1,41 ≈ +0,01).
    assert result.selected == ("01",)
    assert result.ranking.loc["01", "score"] == pytest.approx(-1.4 + 2**0.5)


def test_constant_indicator_contributes_nothing(frame):
    frame["konstant"] = 3.0
    same = Criterion(key="konstant", dimension=Dimension.SOCIAL_SPACE, weight=5)
    result = selection.select_model_areas(frame, [SINGLE_PARENTS, same], n=1)
    assert result.ranking["score_social_space"].tolist() == [0, 0, 0, 0]


def test_result_is_reproducible(frame):
    spec = SelectionSpec(
        criteria=(SINGLE_PARENTS, CHILDCARE), constraints=Constraints(one_per_type=True), n=2
    )
    first, again = spec.run(frame), spec.run(frame)
    pd.testing.assert_frame_equal(first.ranking, again.ranking)
    pd.testing.assert_frame_equal(first.details, again.details)


def test_criteria_and_constraints_round_trip_through_json(frame):
    threshold = Criterion(
        key="kitaplaetze",
        dimension=Dimension.INFRASTRUCTURE,
        weight=0.25,
        direction=-1,
        threshold=40.5,
        threshold_kind="max",
        label="Kitaplätze je 100 Kinder",
        decimals=0,
    )
    spec = SelectionSpec(
        criteria=(SINGLE_PARENTS, threshold),
        constraints=Constraints(exclude=("01", np.int64(7)), one_per_type=True, type_column="typ"),
        n=3,
    )
    stored = json.loads(json.dumps(spec.to_dict()))
    assert stored["criteria"][1]["dimension"] == "infrastructure"
    assert stored["constraints"]["exclude"] == ["01", 7]
    restored = SelectionSpec.from_dict(stored)
    assert restored.criteria == spec.criteria
    assert restored.criteria[1].dimension is Dimension.INFRASTRUCTURE
    assert restored.constraints == Constraints(
        exclude=("01", 7), one_per_type=True, type_column="typ"
    )
    assert restored.n == 3
    assert Criterion.from_dict(SINGLE_PARENTS.to_dict()) == SINGLE_PARENTS


def test_stored_spec_reproduces_the_run(frame):
    spec = SelectionSpec(criteria=(SINGLE_PARENTS, CHILDCARE), n=2)
    restored = SelectionSpec.from_dict(json.loads(json.dumps(spec.to_dict())))
    pd.testing.assert_frame_equal(spec.run(frame).ranking, restored.run(frame).ranking)


def test_unknown_stored_keys_and_versions_are_refused():
    with raises(ValueError, "Unbekannte Angaben für Criterion: gewicht"):
        Criterion.from_dict({"key": "x", "dimension": "social_space", "gewicht": 2})
    with raises(ValueError, "Version 2"):
        SelectionSpec.from_dict({"version": 2, "criteria": [], "n": 1})
    with raises(ValueError, "'health' is not a valid Dimension"):
        Criterion.from_dict({"key": "x", "dimension": "health"})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"direction": 2}, "Richtung"),
        ({"weight": -1}, "Gewicht"),
        ({"weight": float("nan")}, "Gewicht"),
        ({"threshold": float("inf")}, "Schwelle"),
        ({"threshold_kind": "between"}, "Schwellenart"),
    ],
)
def test_invalid_criteria_are_refused(kwargs, message):
    with raises(ValueError, message):
        Criterion(key="x", dimension=Dimension.SOCIAL_SPACE, **kwargs)


@pytest.mark.parametrize(
    ("criteria", "constraints", "n", "message"),
    [
        ([], Constraints(), 1, "kein Kriterium"),
        ([SINGLE_PARENTS], Constraints(), 0, "mindestens ein Gebiet"),
        ([SINGLE_PARENTS, SINGLE_PARENTS], Constraints(), 1, "mehrfach"),
        ([Criterion(key="fehlt", dimension="social_space")], Constraints(), 1, "fehlen in den"),
        ([Criterion(key="type", dimension="social_space")], Constraints(), 1, "nicht numerisch"),
        ([SINGLE_PARENTS], Constraints(one_per_type=True, type_column="typ"), 1, "Typ-Spalte"),
        ([SINGLE_PARENTS], Constraints(exclude=("99",)), 1, "Ausgeschlossene Gebiete"),
    ],
)
def test_invalid_runs_are_refused(frame, criteria, constraints, n, message):
    with raises(ValueError, message):
        selection.select_model_areas(frame, criteria, constraints, n)


def test_dimension_labels_are_german():
    assert german([d.label for d in Dimension]) == [
        "Sozialstruktur",
        "Infrastruktur",
        "Bedarfe und Angebote",
        "Sozialraum",
        "Bildung",
    ]


def test_reasons_and_explanations_are_english_messages(frame):
    threshold = Criterion(
        key="alleinerziehende",
        dimension=Dimension.SOCIAL_STRUCTURE,
        label="Anteil Alleinerziehende",
        unit="%",
        threshold=20,
    )
    result = selection.select_model_areas(frame, [threshold, CHILDCARE], n=3)
    assert result.ranking.loc["02", "reason"].msgid == "Threshold not reached: %(value)s"
    assert english(result.explain("02")) == [
        "Rank 3, score −0,70: not selected – Threshold not reached: Anteil Alleinerziehende "
        "19,0 % < threshold 20 %",
        "Anteil Alleinerziehende 19,0 % < threshold 20 % – threshold not reached; "
        "contribution −0,20 (z = −0,20)",
        "kitaplaetze 50,0; contribution −0,50 (z = +1,00, reversed (higher = less need), "
        "weight 0,5)",
    ]
    assert english(result.notes) == ["Only 2 of 3 requested areas meet all conditions."]


def test_a_full_selection_counts_the_areas_in_english(frame):
    result = selection.select_model_areas(frame, [SINGLE_PARENTS], n=1)
    reason = result.ranking.loc["03", "reason"]
    assert english(reason) == "Selection already complete (1 area with a higher score)"
    assert german(reason) == "Auswahl bereits vollständig (1 Gebiet mit höherer Punktzahl)"
    assert english([d.label for d in Dimension]) == [
        "Social structure",
        "Infrastructure",
        "Needs and offers",
        "Social space",
        "Education",
    ]


def test_invalid_runs_raise_english_messages(frame):
    with pytest.raises(ValueError, match="No criterion is given") as info:
        selection.select_model_areas(frame, [], n=1)
    assert german(info.value) == "Es ist kein Kriterium angegeben."


def test_a_hidden_figure_counts_but_no_line_states_it_nor_the_score(frame):
    threshold = Criterion(
        key="alleinerziehende",
        dimension=Dimension.SOCIAL_STRUCTURE,
        label="Anteil Alleinerziehende",
        unit="%",
        threshold=20,
    )
    plain = selection.select_model_areas(frame, [threshold, CHILDCARE], n=3)
    hidden = selection.select_model_areas(
        frame, [threshold, CHILDCARE], n=3, hidden={("02", "alleinerziehende")}
    )
    # The same decision and ranking: the figure counts as it is.
    assert hidden.selected == plain.selected
    assert hidden.ranking["score"].tolist() == plain.ranking["score"].tolist()
    assert hidden.ranking["score_hidden"].tolist() == [False, False, True, False]
    assert german(hidden.ranking.loc["02", "reason"]) == (
        "Schwelle nicht erreicht: Anteil Alleinerziehende (Zahl nicht gezeigt) < Schwelle 20 %"
    )
    lines = german(hidden.explain("02"))
    assert lines[0].startswith("Platz 3: nicht ausgewählt – Schwelle nicht erreicht")
    assert lines[1] == (
        "Anteil Alleinerziehende (Zahl nicht gezeigt) < Schwelle 20 % – Schwelle nicht erreicht; "
        "sie zählt in der Punktzahl, die deshalb ebenfalls nicht gezeigt wird (kleine Zahl)"
    )
    assert not any("19,0" in line or "Punktzahl −" in line for line in lines)
    # The other areas read as before.
    assert german(hidden.explain("04")) == german(plain.explain("04"))
