"""The pure composite-index engine: hand-computed cases, exclusions, sensitivity, parsing."""

import json
import math
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from praeventionsnetz.monitoring import indices
from praeventionsnetz.monitoring.indices import (
    Component,
    CompositeIndex,
    DefinitionError,
    DefinitionSet,
    Exclusion,
    IndexClass,
    InputDataError,
)
from tests.messages import english, german, raises

DEFINITIONS = Path(__file__).resolve().parents[2] / "data" / "indices"

MSS_CLASSES = (
    IndexClass("hoch", below=-1),
    IndexClass("mittel", at_most=1),
    IndexClass("niedrig", at_most=1.5),
    IndexClass("sehr niedrig"),
)


def frame(**columns):
    ids = [f"{i:02d}" for i in range(1, len(next(iter(columns.values()))) + 1)]
    return pd.DataFrame(columns, index=pd.Index(ids, name="id"), dtype=float)


def index_of(*components, **options):
    return CompositeIndex(key="i", components=tuple(components), **options)


# --- transformations ------------------------------------------------------------------------


def test_zscores_have_mean_0_and_population_sd_1():
    z = indices.zscores(pd.Series([1.0, 2.0, 3.0]))
    assert z.tolist() == pytest.approx([-math.sqrt(1.5), 0, math.sqrt(1.5)])
    assert z.mean() == pytest.approx(0)
    assert z.std(ddof=0) == pytest.approx(1)


def test_zscores_with_sample_sd():
    assert indices.zscores(pd.Series([1.0, 2.0, 3.0]), ddof=1).tolist() == pytest.approx([-1, 0, 1])


def test_constant_indicator_gives_zero_zscores():
    assert indices.zscores(pd.Series([4.0, 4.0])).tolist() == [0, 0]


def test_direction_flips_the_sign():
    data = frame(a=[1, 2, 3])
    up = indices.index_values(index_of(Component("a")), data)
    down = indices.index_values(index_of(Component("a", direction=-1)), data)
    assert down.tolist() == pytest.approx((-up).tolist())


def test_weighted_sum_and_weighted_mean():
    data = frame(a=[1, 2], b=[3, 5])
    parts = (
        Component("a", weight=1, transformation="none"),
        Component("b", weight=3, transformation="none"),
    )
    total = indices.index_values(index_of(*parts, aggregation="weighted_sum"), data)
    mean = indices.index_values(index_of(*parts, aggregation="weighted_mean"), data)
    assert total.tolist() == pytest.approx([10, 17])
    assert mean.tolist() == pytest.approx([2.5, 4.25])


def test_result_can_be_standardised_again():
    data = frame(a=[1, 2, 6], b=[0, 4, 5])
    values = indices.index_values(
        index_of(Component("a"), Component("b"), aggregation="weighted_sum", result="zscore"), data
    )
    assert values.mean() == pytest.approx(0)
    assert values.std(ddof=0) == pytest.approx(1)


def test_ranks_put_the_highest_value_first_and_ties_share_the_better_rank():
    assert indices.ranks(pd.Series([1.0, 3.0, 3.0, 2.0])).tolist() == [4, 1, 1, 3]


def test_percentile_rank_and_direction():
    data = frame(a=[10, 40, 20, 30])
    up = indices.transformed_components(
        index_of(Component("a", transformation="percentile_rank")), data
    )
    down = indices.transformed_components(
        index_of(Component("a", direction=-1, transformation="percentile_rank")), data
    )
    assert up["a"].tolist() == pytest.approx([25, 100, 50, 75])
    assert down["a"].tolist() == pytest.approx([100, 25, 75, 50])


def test_rank_normal_uses_blom_scores():
    scores = indices.normal_scores(pd.Series([5.0, 1.0, 3.0]))
    low = NormalDist().inv_cdf((1 - 3 / 8) / (3 + 1 / 4))
    assert scores.tolist() == pytest.approx([-low, low, 0])


def test_imd_exponential_endpoints():
    assert indices.imd_exponential(1.0) == pytest.approx(100)
    assert indices.imd_exponential(0.0) == pytest.approx(0)
    # The most deprived tenth spans about half of the scale: that is the point of λ = 23.
    assert indices.imd_exponential(0.9) == pytest.approx(50.4, abs=0.1)


def test_imd_exponential_transformation_of_ranks():
    data = frame(a=[10, 40, 20, 30])
    values = indices.transformed_components(
        index_of(Component("a", transformation="imd_exponential")), data
    )
    expected = [-23 * math.log(1 - r * (1 - math.exp(-100 / 23))) for r in (0.25, 1, 0.5, 0.75)]
    assert values["a"].tolist() == pytest.approx(expected)
    assert values["a"].max() == pytest.approx(100)


# --- classes --------------------------------------------------------------------------------


def test_classes_by_absolute_thresholds_with_strict_and_inclusive_bounds():
    values = pd.Series([-2, -1, 0, 1, 1.2, 1.5, 2.0])
    classes = indices.classify(index_of(Component("a"), classes=MSS_CLASSES), values)
    assert classes.tolist() == [
        "hoch",
        "mittel",
        "mittel",
        "mittel",
        "niedrig",
        "niedrig",
        "sehr niedrig",
    ]


def test_classes_in_standard_deviations():
    two = (IndexClass("normal", at_most=1), IndexClass("auffällig"))
    index = index_of(Component("a"), classes=two, threshold_unit="sd")
    # mean 10, population sd √(200/3) ≈ 8.16: the bound is ≈ 18.2.
    assert indices.classify(index, pd.Series([0.0, 10.0, 20.0])).tolist() == [
        "normal",
        "normal",
        "auffällig",
    ]


def test_sd_thresholds_equal_absolute_thresholds_on_a_restandardised_index():
    rng = np.random.default_rng(7)
    data = frame(a=rng.normal(size=50), b=rng.normal(size=50))
    parts = (Component("a"), Component("b"))
    restandardised = index_of(
        *parts, aggregation="weighted_sum", result="zscore", classes=MSS_CLASSES
    )
    in_sd = index_of(*parts, aggregation="weighted_sum", threshold_unit="sd", classes=MSS_CLASSES)
    one = indices.compute_index(restandardised, data)
    other = indices.compute_index(in_sd, data)
    assert one["class"].tolist() == other["class"].tolist()
    assert one["rank"].tolist() == other["rank"].tolist()


def test_index_without_classes_has_empty_class():
    assert indices.classify(index_of(Component("a")), pd.Series([1.0])).tolist() == [""]


# --- exclusions and the long result ---------------------------------------------------------


def test_excluded_areas_do_not_take_part_in_the_standardisation():
    data = frame(a=[1, 2, 3, 100, 50], inhabitants=[500, 500, 500, 100, 500])
    definitions = DefinitionSet(
        key="t",
        indices=(index_of(Component("a")),),
        exclusion=Exclusion(min_inhabitants=300, ids=frozenset({"05"})),
    )
    result = indices.compute(definitions, data)
    assert result.columns.tolist() == ["id", "index", "value", "class", "rank"]
    assert result["id"].tolist() == ["01", "02", "03"]
    assert result["value"].tolist() == pytest.approx([-math.sqrt(1.5), 0, math.sqrt(1.5)])
    assert result["rank"].tolist() == [3, 2, 1]
    assert indices.excluded_ids(data, definitions.exclusion) == ["04", "05"]


def test_missing_value_is_fine_in_an_excluded_area_but_not_in_an_included_one():
    data = frame(a=[1, 2, np.nan], inhabitants=[500, 500, 10])
    exclusion = Exclusion(min_inhabitants=300)
    assert indices.select_areas(data, exclusion).index.tolist() == ["01", "02"]
    with raises(InputDataError, r"Leerer Wert in der Spalte „a“ \(03\)"):
        indices.select_areas(data, Exclusion())


def test_nothing_left_after_exclusion():
    with raises(InputDataError, "bleibt kein Gebiet übrig"):
        indices.select_areas(frame(a=[1], inhabitants=[10]), Exclusion(min_inhabitants=300))


def test_one_result_row_per_area_and_index():
    definitions = DefinitionSet(
        key="t",
        indices=(CompositeIndex("x", (Component("a"),)), CompositeIndex("y", (Component("b"),))),
    )
    result = indices.compute(definitions, frame(a=[1, 2], b=[2, 1]))
    assert list(zip(result["id"], result["index"], result["rank"], strict=True)) == [
        ("01", "x", 2),
        ("02", "x", 1),
        ("01", "y", 1),
        ("02", "y", 2),
    ]


# --- sensitivity ----------------------------------------------------------------------------


def test_sensitivity_reports_the_rank_range_per_area():
    # Sums with weights 1/1: A 4, B 3.5, C 3.2 → ranks 1, 2, 3. By hand:
    # a×0.5: A 2, B 3.5, C 2.2 → 3, 1, 2   a×1.5: A 6, B 3.5, C 4.2 → 1, 3, 2
    # b×0.5: A 4, B 1.75, C 2.6 → 1, 3, 2  b×1.5: A 4, B 5.25, C 3.8 → 2, 1, 3
    data = pd.DataFrame({"a": [4.0, 0, 2], "b": [0.0, 3.5, 1.2]}, index=pd.Index(["A", "B", "C"]))
    index = index_of(
        Component("a", transformation="none"),
        Component("b", transformation="none"),
        aggregation="weighted_sum",
    )
    result = indices.sensitivity(index, data)
    assert result.to_dict("index") == {
        "A": {"rank": 1, "rank_min": 1, "rank_max": 3, "max_shift": 2},
        "B": {"rank": 2, "rank_min": 1, "rank_max": 3, "max_shift": 1},
        "C": {"rank": 3, "rank_min": 2, "rank_max": 3, "max_shift": 1},
    }


def test_sensitivity_of_a_single_component_index_is_zero():
    result = indices.sensitivity(index_of(Component("a")), frame(a=[3, 1, 2]))
    assert result["max_shift"].tolist() == [0, 0, 0]


def test_sensitivity_all_is_long_form():
    definitions = DefinitionSet(key="t", indices=(index_of(Component("a"), Component("b")),))
    result = indices.sensitivity_all(definitions, frame(a=[3, 1, 2], b=[1, 2, 3]))
    assert result.columns.tolist() == ["id", "index", "rank", "rank_min", "rank_max", "max_shift"]
    assert len(result) == 3


# --- input ----------------------------------------------------------------------------------


def simple_definitions(**exclusion):
    return DefinitionSet(
        key="t", indices=(index_of(Component("a")),), exclusion=Exclusion(**exclusion)
    )


def test_prepare_input_keeps_leading_zeros_and_drops_other_columns():
    raw = pd.DataFrame({"id": ["01", "002"], "name": ["x", "y"], "a": ["1.5", " 2 "]}, dtype=str)
    data = indices.prepare_input(raw, simple_definitions())
    assert data.index.tolist() == ["01", "002"]
    assert data.columns.tolist() == ["a"]
    assert data["a"].tolist() == [1.5, 2.0]


def test_prepare_input_with_decimal_comma():
    raw = pd.DataFrame({"id": ["01"], "a": ["1,25"]}, dtype=str)
    assert indices.prepare_input(raw, simple_definitions(), decimal=",")["a"].tolist() == [1.25]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"id": ["1"], "b": ["1"]}, "In der Eingabe fehlt die Spalte „a“."),
        ({"a": ["1"]}, "In der Eingabe fehlt die Spalte „id“."),
        ({"id": ["1", "1"], "a": ["1", "2"]}, "Die Gebietsnummer kommt mehrfach vor: 1."),
        ({"id": ["1", ""], "a": ["1", "2"]}, "Gebietsnummer leer"),
        ({"id": ["1", "2"], "a": ["1", "zwei"]}, "Ungültige Zahl in der Spalte „a“ (2: „zwei“)."),
        ({"id": ["1"], "a": ["inf"]}, "Ungültige Zahl in der Spalte „a“"),
    ],
)
def test_prepare_input_errors(columns, message):
    with pytest.raises(InputDataError) as excinfo:
        indices.prepare_input(pd.DataFrame(columns, dtype=str), simple_definitions())
    assert message in german(excinfo.value)


def test_inhabitants_column_is_required_by_a_minimum():
    raw = pd.DataFrame({"id": ["1"], "a": ["1"]}, dtype=str)
    with raises(InputDataError, "fehlt die Spalte „inhabitants“"):
        indices.prepare_input(raw, simple_definitions(min_inhabitants=300))


# --- definitions ----------------------------------------------------------------------------


def valid_definition():
    return {
        "key": "t",
        "exclusion": {"min_inhabitants": 300, "ids": ["007"]},
        "indices": [
            {
                "key": "status",
                "aggregation": "weighted_sum",
                "components": [{"key": "a"}, {"key": "b", "weight": 2, "direction": -1}],
                "classes": [{"name": "gut", "below": 0}, {"name": "schlecht"}],
            }
        ],
    }


def test_parse_definition_with_defaults():
    definitions = indices.parse_definitions(valid_definition())
    index = definitions.indices[0]
    assert index.components == (Component("a"), Component("b", weight=2, direction=-1))
    assert index.classes == (IndexClass("gut", below=0), IndexClass("schlecht"))
    assert index.result == "none"
    assert index.standard_deviation == "population"
    assert definitions.exclusion == Exclusion(min_inhabitants=300, ids=frozenset({"007"}))
    assert definitions.required_columns == ["a", "b", "inhabitants"]


def mutate(path, value):
    raw = valid_definition()
    *parents, last = path
    target = raw
    for part in parents:
        target = target[part]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return raw


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["indices"], KeyError, "Definition: es fehlt „indices“."),
        (["indices"], [], "indices: die Liste ist leer."),
        (["colour"], "rot", "Definition: unbekanntes Feld „colour“"),
        (
            ["indices", 0, "components", 1, "weight"],
            "2",
            'components[1].weight: erwartet wird eine Zahl, gefunden: "2".',
        ),
        (["indices", 0, "components", 1, "weight"], 0, "erwartet wird eine Zahl größer als 0"),
        (
            ["indices", 0, "components", 1, "weight"],
            True,
            "erwartet wird eine Zahl, gefunden: true",
        ),
        (
            ["indices", 0, "components", 1, "direction"],
            2,
            "components[1].direction: erlaubt ist 1, -1; gefunden: 2.",
        ),
        (["indices", 0, "components", 0, "transformation"], "log", 'erlaubt ist "zscore"'),
        (["indices", 0, "components", 1, "key"], "a", "Der Indikator „a“ kommt mehrfach vor."),
        (["indices", 0, "components", 0], "a", "components[0]: erwartet wird ein Objekt"),
        (["indices", 0, "aggregation"], "median", "indices[0].aggregation: erlaubt ist"),
        (["indices", 0, "classes", 1, "at_most"], 5, "die letzte Klasse hat keine Obergrenze"),
        (["indices", 0, "classes", 0, "at_most"], 1, "genau eine Obergrenze"),
        (
            ["indices", 0, "classes"],
            [{"name": "a", "below": 1}, {"name": "b", "at_most": 1}, {"name": "c"}],
            "die Obergrenzen müssen streng aufsteigen",
        ),
        (["indices", 0, "classes", 1, "name"], "gut", "Der Klassenname „gut“ kommt mehrfach vor."),
        (["exclusion", "ids"], [7], "exclusion.ids[0]: Gebietsnummern als Text angeben"),
        (
            ["exclusion", "min_inhabitants"],
            "viele",
            "exclusion.min_inhabitants: erwartet wird eine Zahl",
        ),
        (["key"], "", "key: erwartet wird ein nicht leerer Text"),
    ],
)
def test_definition_errors_name_the_place(path, value, message):
    with pytest.raises(DefinitionError) as excinfo:
        indices.parse_definitions(mutate(path, value))
    assert message in german(excinfo.value)


def test_duplicate_index_keys():
    raw = valid_definition()
    raw["indices"].append(raw["indices"][0])
    with raises(DefinitionError, r"Der Index-Schlüssel „status“ kommt mehrfach vor\."):
        indices.parse_definitions(raw)


def test_load_definitions_errors(tmp_path):
    with raises(DefinitionError, "gibt es nicht"):
        indices.load_definitions(tmp_path / "fehlt.json")
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"key": "t",\n "indices": [}', encoding="utf-8")
    with raises(DefinitionError, r"kein gültiges JSON \(Zeile 2, Spalte 14"):
        indices.load_definitions(broken)
    wrong = tmp_path / "falsch.json"
    wrong.write_text(json.dumps({"key": "t"}), encoding="utf-8")
    with raises(DefinitionError, r"falsch.json: Definition: es fehlt „indices“"):
        indices.load_definitions(wrong)


@pytest.mark.parametrize("year", [2013, 2015, 2017, 2019])
def test_shipped_mss_definitions_parse(year):
    definitions = indices.load_definitions(DEFINITIONS / f"mss_{year}.json")
    assert [index.key for index in definitions.indices] == ["status", "dynamics"]
    status, dynamics = definitions.indices
    assert [c.name for c in status.classes] == ["hoch", "mittel", "niedrig", "sehr niedrig"]
    assert [c.name for c in dynamics.classes] == ["positiv", "stabil", "negativ"]
    assert len(status.components) == (3 if year == 2019 else 4)
    assert definitions.exclusion.min_inhabitants == 300


def test_definition_errors_are_english_messages_with_the_place_as_parameter():
    with pytest.raises(DefinitionError) as info:
        indices.parse_definitions(mutate(["indices"], []))
    assert info.value.message.msgid == "%(path)s: the list is empty."
    assert info.value.message.params == {"path": "indices"}
    assert str(info.value) == "indices: the list is empty."
    assert english(info.value) == "indices: the list is empty."
    assert german(info.value) == "indices: die Liste ist leer."


def test_a_definition_file_names_itself_in_front_of_the_place(tmp_path):
    wrong = tmp_path / "falsch.json"
    wrong.write_text(json.dumps({"key": "t"}), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        indices.load_definitions(wrong)
    assert english(info.value) == f"{wrong}: Definition: “indices” is missing."
    assert german(info.value) == f"{wrong}: Definition: es fehlt „indices“."


def test_input_errors_count_the_missing_columns_and_quote_them_per_language():
    raw = pd.DataFrame({"x": ["1"]}, dtype=str)
    with pytest.raises(InputDataError) as info:
        indices.prepare_input(raw, simple_definitions())
    assert info.value.message.msgid == "The input lacks the column %(columns)s."
    assert english(info.value) == "The input lacks the columns “id”, “a”."
    assert german(info.value) == "In der Eingabe fehlen die Spalten „id“, „a“."
