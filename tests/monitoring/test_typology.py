"""Suggested typology: z-scores, clustering, type names and expert agreement."""

import numpy as np
import pandas as pd
import pytest

from praeventionsnetz.monitoring import typology
from tests.messages import english, german, raises


@pytest.fixture
def blobs() -> pd.DataFrame:
    """Two well-separated groups: areas n1–n6 with high burden, s1–s6 with low burden."""
    rng = np.random.default_rng(0)
    high = rng.normal([20.0, 15.0, 2.0], 0.3, size=(6, 3))
    low = rng.normal([5.0, 4.0, 8.0], 0.3, size=(6, 3))
    index = [f"n{i}" for i in range(1, 7)] + [f"s{i}" for i in range(1, 7)]
    return pd.DataFrame(
        np.vstack([high, low]),
        index=pd.Index(index, name="area"),
        columns=["arbeitslosigkeit", "alleinerziehende", "kitaplaetze"],
    )


def test_standardise_gives_zero_mean_unit_deviation():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 10.0, 40.0]})
    std = typology.standardise(frame)
    assert std.values["a"].tolist() == pytest.approx([-1.224744871, 0.0, 1.224744871])
    assert std.values.mean().tolist() == pytest.approx([0.0, 0.0])
    assert std.values.std(ddof=0).tolist() == pytest.approx([1.0, 1.0])
    assert std.means["b"] == pytest.approx(20.0)
    assert std.dropped == {}


def test_constant_and_empty_columns_are_dropped_with_a_reason():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "same": [4.5, 4.5, 4.5], "none": [np.nan] * 3})
    std = typology.standardise(frame)
    assert list(std.values.columns) == ["a"]
    assert "in allen Gebieten gleich (4,50)" in german(std.dropped["same"])
    assert "keinem Gebiet" in german(std.dropped["none"])


def test_standardise_refuses_text_columns():
    with raises(ValueError, "Nicht-numerische Spalten: name"):
        typology.standardise(pd.DataFrame({"name": ["x", "y"], "a": [1.0, 2.0]}))


@pytest.mark.parametrize("method", ["kmeans", "ward"])
def test_two_blobs_are_separated(blobs, method):
    result = typology.suggest_types(blobs, k=2, method=method)
    assert result.silhouette > 0.9
    # The burdened blob has the higher mean centre, so it is named A.
    assert set(result.labels[[f"n{i}" for i in range(1, 7)]]) == {"A"}
    assert set(result.labels[[f"s{i}" for i in range(1, 7)]]) == {"B"}
    assert list(result.labels.index) == list(blobs.index)
    assert result.sizes.to_dict() == {"A": 6, "B": 6}
    assert list(result.centres.index) == ["A", "B"]
    assert list(result.centres.columns) == list(blobs.columns)
    assert result.centres.loc["A", "arbeitslosigkeit"] > 0.9
    assert result.silhouette_per_area.min() > 0.8


def test_ward_and_kmeans_agree_on_the_blobs(blobs):
    kmeans = typology.suggest_types(blobs, k=2, method="kmeans")
    ward = typology.suggest_types(blobs, k=2, method="ward")
    pd.testing.assert_series_equal(kmeans.labels, ward.labels)
    pd.testing.assert_frame_equal(kmeans.centres, ward.centres)


def test_directions_decide_which_type_is_named_first(blobs):
    # Counting more Kita places as less need leaves the order as it is ...
    turned = typology.suggest_types(blobs, k=2, directions={"kitaplaetze": -1})
    assert turned.labels["n1"] == "A"
    assert turned.burden["A"] > turned.burden["B"]
    # ... while turning every indicator swaps the names.
    everything = dict.fromkeys(blobs.columns, -1)
    swapped = typology.suggest_types(blobs, k=2, directions=everything)
    assert swapped.labels["n1"] == "B"


def test_centres_are_mean_z_scores_of_the_members(blobs):
    result = typology.suggest_types(blobs, k=2)
    z = typology.standardise(blobs).values
    expected = z[result.labels == "A"].mean()
    assert result.centres.loc["A"].to_numpy() == pytest.approx(expected.to_numpy())


def test_result_is_deterministic_with_a_seed(blobs):
    first = typology.suggest_types(blobs, k=3, seed=5)
    again = typology.suggest_types(blobs, k=3, seed=5)
    pd.testing.assert_series_equal(first.labels, again.labels)
    assert first.silhouette == again.silhouette


def test_names_do_not_depend_on_row_order(blobs):
    forward = typology.suggest_types(blobs, k=2, method="ward")
    backward = typology.suggest_types(blobs.iloc[::-1], k=2, method="ward")
    pd.testing.assert_series_equal(forward.labels, backward.labels.loc[blobs.index])


@pytest.mark.parametrize("k", [0, 1, 12, 13])
def test_k_out_of_range_is_refused(blobs, k):
    with raises(ValueError, "mindestens 2 und kleiner als die Zahl der Gebiete"):
        typology.suggest_types(blobs, k=k)


def test_unknown_method_is_refused(blobs):
    with raises(ValueError, "kmeans und ward"):
        typology.suggest_types(blobs, k=2, method="dbscan")  # type: ignore[arg-type]


def test_missing_values_are_refused_with_the_areas(blobs):
    blobs.loc["s3", "kitaplaetze"] = np.nan
    with raises(ValueError, r"1 Gebiete fehlen Werte \(s3\)"):
        typology.suggest_types(blobs, k=2)


def test_too_few_distinct_areas_for_k():
    frame = pd.DataFrame({"a": [1.0, 1.0, 1.0, 2.0, 2.0]})
    with raises(ValueError, "Nur 2 Gebiete"):
        typology.suggest_types(frame, k=3)


def test_constant_indicator_is_reported_but_not_used(blobs):
    blobs["konstant"] = 7.0
    result = typology.suggest_types(blobs, k=2)
    assert "konstant" in result.dropped
    assert "konstant" not in result.centres.columns


def test_profiles_name_the_notable_indicators(blobs):
    result = typology.suggest_types(blobs, k=2)
    profiles = german(result.describe({"arbeitslosigkeit": "Arbeitslosenquote"}))
    assert profiles["A"].startswith("Typ A, 6 Gebiete: ")
    assert "Arbeitslosenquote über dem Durchschnitt (z = +1,0)" in profiles["A"]
    assert "kitaplaetze unter dem Durchschnitt (z = −1,0)" in profiles["A"]


def test_profiles_mark_strong_deviations_and_quiet_types():
    # One area far out: z = √8 ≈ 2,8 for it, −0,35 for the eight others.
    frame = pd.DataFrame({"quote": [0.0] * 8 + [10.0]})
    profiles = german(typology.suggest_types(frame, k=2).describe())
    assert profiles == {
        "A": "Typ A, 1 Gebiet: quote deutlich über dem Durchschnitt (z = +2,8)",
        "B": "Typ B, 8 Gebiete: bei allen Indikatoren nahe am Durchschnitt",
    }


def test_type_names_continue_after_z():
    assert [typology._type_name(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


# Agreement


def test_agreement_of_eight_ratings():
    ratings = [6, 7, 5, 6, 6, 7, 5, 6]
    result = typology.agreement(ratings, scale=(1, 7))
    assert result.n == 8
    assert result.mean == pytest.approx(6.0)
    # Squared deviations 0,1,1,0,0,1,1,0 → 4; sample variance 4/7.
    assert result.sd == pytest.approx((4 / 7) ** 0.5)
    assert german(result.summary) == "8 Bewertungen, Mittelwert 6,0 (Standardabweichung 0,8)"


def test_agreement_without_ratings():
    result = typology.agreement([])
    assert (result.n, result.mean, result.sd) == (0, None, None)
    assert german(result.summary) == "Noch keine Bewertungen"


def test_agreement_skips_missing_ratings_and_single_rating_has_no_sd():
    result = typology.agreement([None, 4, float("nan")])
    assert (result.n, result.mean, result.sd) == (1, 4.0, None)
    assert german(result.summary) == "1 Bewertung, Mittelwert 4,0"


def test_agreement_refuses_ratings_outside_the_scale():
    with raises(ValueError, "außerhalb der Skala 1–7: 9,0"):
        typology.agreement([3, 9], scale=(1, 7))


def test_profiles_summaries_and_errors_are_english_messages():
    frame = pd.DataFrame({"quote": [0.0] * 8 + [10.0]})
    assert english(typology.suggest_types(frame, k=2).describe()) == {
        "A": "Type A, 1 area: quote well above the average (z = +2,8)",
        "B": "Type B, 8 areas: close to the average in all indicators",
    }
    assert english(typology.agreement([6, 7, 5]).summary) == (
        "3 ratings, mean 6,0 (standard deviation 1,0)"
    )
    with pytest.raises(ValueError, match="allowed are kmeans and ward") as info:
        typology.suggest_types(frame, k=2, method="pam")
    assert info.value.args[0].msgid == "Unknown method “%(method)s”; allowed are kmeans and ward."
    assert german(info.value) == "Unbekanntes Verfahren „pam“; erlaubt sind kmeans und ward."


def test_area_type_of_returns_the_citys_type_or_creates_a_named_one(city, planner):
    from praeventionsnetz.core.errors import DomainError
    from praeventionsnetz.monitoring.models import AreaType
    from praeventionsnetz.monitoring.services.analysis import area_type_of

    created = area_type_of(city=city, code="D", name="Buntes Viertel", by=planner)
    assert area_type_of(city=city, code="D") == created
    assert created.history.first().history_user == planner
    with pytest.raises(DomainError):
        area_type_of(city=city, code="E")
    assert list(AreaType.objects.values_list("code", flat=True)) == ["D"]
