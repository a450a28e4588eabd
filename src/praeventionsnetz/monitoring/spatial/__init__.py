"""Spatial clusters of an indicator or index over areas: contiguity weights and Moran's I.

Method
------
*Weights.* Two areas are neighbours under **queen** contiguity when their boundaries share
at least one point, under **rook** contiguity when they share an edge of positive length
(a corner contact is not enough). Candidate pairs come from an STRtree, so only nearby
areas are compared exactly. The binary matrix is symmetric; areas without any neighbour
("islands", e.g. an exclave or an area across a river without a bridge in the data) keep a
row of zeros and are reported, because they carry no spatial information.

*Global Moran's I* (Moran 1950, Cliff & Ord 1981) with deviations z = x − mean(x) and
S0 = Σ w_ij::

    I = (n / S0) · Σ_ij w_ij z_i z_j / Σ_i z_i²,     E[I] = −1 / (n − 1)

The variance under the normality assumption gives an analytical z and a two-sided p; the
permutation test shuffles the values over the areas (all permutations at once as a matrix
product) and gives the pseudo p-value (1 + #extreme) / (1 + permutations), where #extreme
counts the permutations at least as far out as the observed value on its side (as in
GeoDa and PySAL).

*Local Moran's I* (LISA, Anselin 1995) with m2 = Σ z² / n::

    I_i = (z_i / m2) · Σ_j w_ij z_j

With row-standardised weights the mean of the I_i equals the global I. Significance comes
from *conditional* permutation: the value of area i stays, the other n − 1 values are
shuffled over its neighbours. One set of random neighbour draws is shared by all areas
(as in PySAL's crand), which lets all areas with the same number of neighbours be computed
in one array operation. A significant area gets its quadrant in the Moran scatter plot:
"HH" hot spot (high among high), "LL" cold spot, "HL" and "LH" spatial outliers; all
others "ns" (not significant). Note that this pseudo p-value is one-sided in the direction
the area leans: on a purely random pattern about 2·alpha of the areas come out significant,
and with many areas some will by chance (no correction for multiple tests, as in GeoDa).

No Django here (an import-linter contract forbids it): these are pure functions. Labels
are msgids and sentences and errors `core.text.Message` objects, which the caller translates.
"""

# The public names of the package, so that callers keep their imports.
from praeventionsnetz.monitoring.spatial.moran import (
    QUADRANT_LABELS,
    GlobalMoran,
    LocalMoran,
    Quadrant,
    local_morans,
    morans_i,
)
from praeventionsnetz.monitoring.spatial.weights import (
    ContiguityKind,
    SpatialWeights,
    contiguity_weights,
    row_standardise,
)

__all__ = [
    "QUADRANT_LABELS",
    "ContiguityKind",
    "GlobalMoran",
    "LocalMoran",
    "Quadrant",
    "SpatialWeights",
    "contiguity_weights",
    "local_morans",
    "morans_i",
    "row_standardise",
]
