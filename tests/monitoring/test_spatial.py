"""Spatial weights and Moran's I on hand-computable layouts of shapely squares."""

import numpy as np
import pandas as pd
import pytest
import shapely
from scipy import sparse

from praeventionsnetz.monitoring import spatial
from tests.messages import english, german, raises


def grid(rows: int, cols: int) -> list[shapely.Polygon]:
    """Unit squares, row by row: position r * cols + c."""
    return [shapely.box(c, r, c + 1, r + 1) for r in range(rows) for c in range(cols)]


def chain(n: int) -> list[shapely.Polygon]:
    return [shapely.box(i, 0, i + 1, 1) for i in range(n)]


def checkerboard(rows: int, cols: int) -> np.ndarray:
    return np.array([(r + c) % 2 for r in range(rows) for c in range(cols)], dtype=float)


def loop_morans_i(x, w):
    """Textbook Moran's I with explicit loops, independent of the vectorised code."""
    n = len(x)
    mean = sum(x) / n
    z = [v - mean for v in x]
    s0 = sum(w[i][j] for i in range(n) for j in range(n))
    num = sum(w[i][j] * z[i] * z[j] for i in range(n) for j in range(n))
    den = sum(v * v for v in z)
    return n / s0 * num / den


def loop_local_i(x, w):
    n = len(x)
    mean = sum(x) / n
    z = [v - mean for v in x]
    m2 = sum(v * v for v in z) / n
    return [z[i] / m2 * sum(w[i][j] * z[j] for j in range(n)) for i in range(n)]


def dense_row_standardised(w):
    out = []
    for row in w:
        total = sum(row)
        out.append([v / total if total else 0.0 for v in row])
    return out


# Weights


def test_rook_and_queen_differ_by_the_diagonal_neighbours():
    rook = spatial.contiguity_weights(grid(3, 3), kind="rook")
    queen = spatial.contiguity_weights(grid(3, 3), kind="queen")
    assert rook.cardinalities.tolist() == [2, 3, 2, 3, 4, 3, 2, 3, 2]
    assert queen.cardinalities.tolist() == [3, 5, 3, 5, 8, 5, 3, 5, 3]
    assert sorted(rook.neighbours(4).tolist()) == [1, 3, 5, 7]
    assert sorted(queen.neighbours(0).tolist()) == [1, 3, 4]


def test_weights_are_binary_symmetric_csr():
    w = spatial.contiguity_weights(grid(4, 4), kind="queen").matrix
    assert sparse.issparse(w)
    assert w.format == "csr"
    dense = w.toarray()
    assert set(np.unique(dense)) == {0.0, 1.0}
    assert (dense == dense.T).all()
    assert (np.diag(dense) == 0).all()


def test_corner_contact_is_queen_but_not_rook():
    squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 1, 2, 2)]
    assert spatial.contiguity_weights(squares, "queen").matrix.nnz == 2
    rook = spatial.contiguity_weights(squares, "rook")
    assert rook.matrix.nnz == 0
    assert rook.islands == (0, 1)


def test_islands_keep_a_row_of_zeros_and_are_reported():
    squares = [*chain(3), shapely.box(10, 10, 11, 11)]
    w = spatial.contiguity_weights(squares, "rook")
    assert w.islands == (3,)
    assert w.matrix.toarray()[3].sum() == 0
    standardised = spatial.row_standardise(w.matrix).toarray()
    assert np.isfinite(standardised).all()
    assert standardised.sum(axis=1).tolist() == [1.0, 1.0, 1.0, 0.0]


def test_multipolygon_counts_through_any_part():
    far_part = shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(5, 0, 6, 1)])
    w = spatial.contiguity_weights([far_part, shapely.box(6, 0, 7, 1)], "rook")
    assert w.matrix.nnz == 2


def test_tolerance_bridges_small_gaps_but_not_corners():
    gap = 1e-9
    pair = [shapely.box(0, 0, 1, 1), shapely.box(1 + gap, 0, 2, 1)]
    assert spatial.contiguity_weights(pair, "rook").islands == (0, 1)
    assert spatial.contiguity_weights(pair, "rook", tolerance=1e-6).islands == ()
    diagonal = [shapely.box(0, 0, 1, 1), shapely.box(1 + gap, 1 + gap, 2, 2)]
    assert spatial.contiguity_weights(diagonal, "queen", tolerance=1e-6).islands == ()
    assert spatial.contiguity_weights(diagonal, "rook", tolerance=1e-6).islands == (0, 1)


def test_subset_drops_areas_and_finds_new_islands():
    w = spatial.contiguity_weights(chain(3), "rook")
    sub = w.subset([True, False, True])
    assert sub.n == 2
    assert sub.islands == (0, 1)


def test_bad_input_is_refused():
    with raises(ValueError, "queen und rook"):
        spatial.contiguity_weights(chain(2), kind="bishop")  # type: ignore[arg-type]
    with raises(ValueError, "ohne Geometrie"):
        spatial.contiguity_weights([shapely.box(0, 0, 1, 1), shapely.Polygon()])


# Global Moran's I


def test_chain_by_hand():
    # z = −2, −1, 0, 1, 2; Σz² = 10. Binary: Σ w z z = 2·(2 + 0 + 0 + 2) = 8, S0 = 8,
    # I = 5/8 · 8/10 = 0.5. Row-standardised: lags −1, −1, 0, 1, 1, Σ z·lag = 6, S0 = 5,
    # I = 5/5 · 6/10 = 0.6.
    w = spatial.contiguity_weights(chain(5), "rook")
    values = [1, 2, 3, 4, 5]
    assert spatial.morans_i(values, w, standardise=False).i == pytest.approx(0.5)
    assert spatial.morans_i(values, w).i == pytest.approx(0.6)


@pytest.mark.parametrize("standardise", [True, False])
def test_checkerboard_with_rook_weights_is_perfectly_dispersed(standardise):
    w = spatial.contiguity_weights(grid(4, 4), "rook")
    result = spatial.morans_i(checkerboard(4, 4), w, standardise=standardise)
    assert result.i == pytest.approx(-1.0)
    assert result.z_normal < -3
    assert result.p_permutation == pytest.approx(1 / 1000)
    assert "Streuung" in german(result.summary)


def test_clustered_pattern_is_positive_and_significant():
    w = spatial.contiguity_weights(grid(6, 6), "rook")
    halves = np.array([1.0 if c < 3 else 0.0 for r in range(6) for c in range(6)])
    result = spatial.morans_i(halves, w)
    assert result.i > 0.5
    assert result.p_normal < 0.001
    assert result.p_permutation == pytest.approx(1 / 1000)
    assert german(result.summary).startswith("Räumliche Häufung")


def test_expected_value_is_minus_one_over_n_minus_one():
    w = spatial.contiguity_weights(grid(3, 4), "queen")
    result = spatial.morans_i(np.arange(12.0), w, permutations=0)
    assert result.expected == pytest.approx(-1 / 11)
    assert result.p_permutation is None
    assert result.n == 12


def test_random_pattern_is_not_significant_and_seeded_runs_agree():
    rng = np.random.default_rng(1)
    values = rng.normal(size=25)
    w = spatial.contiguity_weights(grid(5, 5), "queen")
    result = spatial.morans_i(values, w, permutations=999, seed=3)
    assert 0.01 < result.p_permutation <= 0.5
    assert result.p_permutation == spatial.morans_i(values, w, seed=3).p_permutation


@pytest.mark.parametrize("kind", ["queen", "rook"])
@pytest.mark.parametrize("standardise", [True, False])
def test_global_matches_a_loop_computation(kind, standardise):
    values = np.random.default_rng(7).gamma(2.0, size=20)
    w = spatial.contiguity_weights(grid(4, 5), kind)
    dense = w.matrix.toarray().tolist()
    if standardise:
        dense = dense_row_standardised(dense)
    expected = loop_morans_i(values.tolist(), dense)
    assert spatial.morans_i(values, w, standardise=standardise).i == pytest.approx(expected)


def test_analytical_variance_matches_the_formula_for_a_chain():
    # Binary chain of 5: S0 = 8, S1 = ½ Σ (w_ij + w_ji)² = ½ · 8 · 4 = 16,
    # S2 = Σ (2·degree)² = 4 + 16 + 16 + 16 + 4 = 56; Var = 312/1536 − 1/16 = 0.140625.
    n, s0, s1, s2 = 5, 8.0, 16.0, 56.0
    expected = -1 / (n - 1)
    variance = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - expected**2
    w = spatial.contiguity_weights(chain(5), "rook")
    result = spatial.morans_i([1, 2, 3, 4, 5], w, standardise=False, permutations=0)
    assert result.variance_normal == pytest.approx(variance)
    assert result.variance_normal == pytest.approx(0.140625)
    assert result.z_normal == pytest.approx((0.5 - expected) / np.sqrt(variance))


def test_islands_are_reported_and_do_not_break_the_statistic():
    squares = [*grid(3, 3), shapely.box(20, 20, 21, 21)]
    w = spatial.contiguity_weights(squares, "rook")
    values = [*checkerboard(3, 3).tolist(), 0.5]
    result = spatial.morans_i(values, w)
    assert result.islands == (9,)
    assert np.isfinite(result.i)
    assert "ohne Nachbarn" in german(result.summary)


def test_caller_matrix_is_not_changed():
    w = spatial.contiguity_weights(chain(4), "rook")
    before = w.matrix.toarray().copy()
    spatial.morans_i([1, 2, 3, 4], w.matrix)
    assert (w.matrix.toarray() == before).all()


def test_bad_values_are_refused():
    w = spatial.contiguity_weights(chain(4), "rook")
    with raises(ValueError, "gleich"):
        spatial.morans_i([2, 2, 2, 2], w)
    with raises(ValueError, r"fehlt der Wert \(b\)"):
        spatial.morans_i(pd.Series([1, np.nan, 3, 4], index=list("abcd")), w)
    with raises(ValueError, "passt nicht"):
        spatial.morans_i([1, 2, 3], w)
    isolated = [shapely.box(3 * i, 0, 3 * i + 1, 1) for i in range(3)]
    with raises(ValueError, "Nachbarn"):
        spatial.morans_i([1, 2, 3], spatial.contiguity_weights(isolated))


# Local Moran's I


def test_local_values_match_a_loop_computation():
    values = np.random.default_rng(11).normal(size=20)
    w = spatial.contiguity_weights(grid(4, 5), "queen")
    expected = loop_local_i(values.tolist(), dense_row_standardised(w.matrix.toarray().tolist()))
    result = spatial.local_morans(values, w, permutations=99)
    assert result.table["i"].to_numpy() == pytest.approx(expected)


def test_mean_of_local_values_is_the_global_value():
    values = np.random.default_rng(5).normal(size=30)
    w = spatial.contiguity_weights(grid(5, 6), "rook")
    local = spatial.local_morans(values, w, permutations=9)
    assert local.table["i"].mean() == pytest.approx(spatial.morans_i(values, w).i)


def test_hot_and_cold_spots_are_found():
    # 7×7 queen grid: hot 3×3 block top left, cold 3×3 block bottom right, noise elsewhere.
    rng = np.random.default_rng(0)
    values = rng.uniform(4, 6, size=(7, 7))
    values[:3, :3] = 10
    values[4:, 4:] = 0
    series = pd.Series(values.ravel(), index=[f"g{i:02d}" for i in range(49)])
    result = spatial.local_morans(series, spatial.contiguity_weights(grid(7, 7), "queen"))
    table = result.table
    assert list(table.index) == list(series.index)
    assert table.loc["g08", "quadrant"] == "HH"  # centre of the hot block (row 1, col 1)
    assert table.loc["g40", "quadrant"] == "LL"  # centre of the cold block (row 5, col 5)
    assert table.loc["g08", "p"] <= 0.01
    assert table.loc["g08", "z"] > 2
    assert result.counts()["HH"] >= 1
    assert sum(result.counts().values()) == 49


def test_quadrants_follow_value_and_lag_signs():
    w = spatial.contiguity_weights(grid(4, 4), "rook")
    values = checkerboard(4, 4)
    # With alpha just below 1 the p-values of a perfect checkerboard (all 1/1000) pass.
    table = spatial.local_morans(values, w, alpha=0.99).table
    assert set(table.loc[values == 1, "quadrant"]) == {"HL"}
    assert set(table.loc[values == 0, "quadrant"]) == {"LH"}


def test_not_significant_is_ns_and_p_is_a_proper_pseudo_p_value():
    values = np.random.default_rng(2).normal(size=25)
    table = spatial.local_morans(
        values, spatial.contiguity_weights(grid(5, 5), "queen"), alpha=0.001, permutations=99
    ).table
    assert (table["p"] >= 1 / 100).all()
    assert (table["p"] <= 1).all()
    assert set(table["quadrant"]) == {"ns"}


def test_local_results_are_reproducible_with_a_seed():
    values = np.random.default_rng(3).normal(size=16)
    w = spatial.contiguity_weights(grid(4, 4), "queen")
    first = spatial.local_morans(values, w, seed=42).table
    again = spatial.local_morans(values, w, seed=42).table
    pd.testing.assert_frame_equal(first, again)


def test_local_permutations_are_conditional():
    # In a chain of 3 the middle area has both others as neighbours: every conditional
    # permutation gives the same lag, so no permutation is more extreme than the data.
    w = spatial.contiguity_weights(chain(3), "rook")
    table = spatial.local_morans([1.0, 5.0, 2.0], w, permutations=50).table
    assert table.loc[1, "p"] == pytest.approx(1.0)


def test_local_island_is_not_significant():
    squares = [*grid(3, 3), shapely.box(20, 20, 21, 21)]
    values = [*range(9), 100]
    result = spatial.local_morans(values, spatial.contiguity_weights(squares, "rook"))
    island = result.table.loc[9]
    assert bool(island["island"])
    assert island["i"] == 0
    assert np.isnan(island["p"])
    assert island["quadrant"] == "ns"
    assert result.islands == (9,)


def test_summary_and_labels_are_english_messages():
    result = spatial.GlobalMoran(
        i=0.5,
        expected=-0.1,
        variance_normal=0.1,
        z_normal=2.0,
        p_normal=0.01,
        p_permutation=0.01,
        permutations=99,
        n=10,
        islands=(3,),
    )
    assert english(result.summary) == (
        "Spatial clustering: similar values lie next to each other (1 area without "
        "neighbours) (Moran's I = 0,50, expected −0,100, p = 0,010)."
    )
    assert german(result.summary) == (
        "Räumliche Häufung: ähnliche Werte liegen nebeneinander (1 Gebiete ohne Nachbarn) "
        "(Moran's I = 0,50, erwartet −0,100, p = 0,010)."
    )
    assert spatial.QUADRANT_LABELS["ns"] == "not significant"
    with pytest.raises(ValueError, match="allowed are queen and rook"):
        spatial.contiguity_weights([shapely.box(0, 0, 1, 1)], kind="bishop")
