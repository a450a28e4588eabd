"""Composite indices as data: definitions, computation, ranks, classes and a sensitivity check.

A :class:`CompositeIndex` combines indicators of the areas of *one* level and period:

1. Every component value is oriented by its ``direction`` (+1: higher = more burden, -1: higher =
   less burden), so that after orientation a higher value always means more burden.
2. The oriented value is transformed: ``zscore`` ((x - mean) / sd across the areas), ``none``,
   ``rank_normal`` (Blom normal scores Φ⁻¹((r - 3/8) / (n + 1/4))), ``percentile_rank``
   (100 · r / n) or ``imd_exponential`` (English Index of Multiple Deprivation: R = r / n in
   (0, 1], X = -23 · ln(1 - R · (1 - exp(-100/23))), so X runs from ≈0 to 100). r is the
   ascending rank (ties share their mean rank), so the most burdened area gets r = n.
3. The transformed components are combined as weighted mean or weighted sum; optionally the
   result is z-standardised again (``result = "zscore"``).
4. Rank 1 is the most burdened area (highest value; ties share the better rank).
5. Classes are ordered intervals with upper bounds (``below``: value < bound, ``at_most``:
   value ≤ bound). Bounds are absolute values or, with ``threshold_unit = "sd"``, multiples of
   the standard deviation of the index around its mean.

Areas can be excluded before anything is computed (minimum number of inhabitants, explicit ids);
they do not take part in means and standard deviations either. :func:`sensitivity` moves each
component weight by -50 % and +50 % (one at a time) and reports every area's rank range.

Berlin's "Monitoring Soziale Stadtentwicklung" (MSS) is one such definition: z-scores with the
population standard deviation, unweighted sum, sum z-standardised again, thresholds -1 / +1 /
+1.5 (status) and -1 / +1 (dynamics); see data/indices/README.md.

This module is pure (numpy/pandas and the standard library): no Django import, so it can be
used from management commands, services and notebooks alike. Its errors carry a
`core.text.Message` (English msgid, named parameters) that the caller translates.
"""

# The public names of the package, so that callers keep writing `indices.compute(...)`.
from praeventionsnetz.monitoring.indices.compute import (
    class_bounds,
    classify,
    compute,
    compute_index,
    imd_exponential,
    index_values,
    normal_scores,
    rank_proportions,
    ranks,
    sensitivity,
    sensitivity_all,
    transform,
    transformed_components,
    zscores,
)
from praeventionsnetz.monitoring.indices.definitions import (
    BLOM_ALPHA,
    ID_COLUMN,
    IMD_LAMBDA,
    RESULT_COLUMNS,
    SENSITIVITY_COLUMNS,
    SENSITIVITY_FACTORS,
    Aggregation,
    Component,
    CompositeIndex,
    DefinitionError,
    DefinitionSet,
    Exclusion,
    IndexClass,
    InputDataError,
    ResultTransformation,
    StandardDeviation,
    ThresholdUnit,
    Transformation,
    load_definitions,
    parse_definitions,
)
from praeventionsnetz.monitoring.indices.inputs import excluded_ids, prepare_input, select_areas

__all__ = [
    "BLOM_ALPHA",
    "ID_COLUMN",
    "IMD_LAMBDA",
    "RESULT_COLUMNS",
    "SENSITIVITY_COLUMNS",
    "SENSITIVITY_FACTORS",
    "Aggregation",
    "Component",
    "CompositeIndex",
    "DefinitionError",
    "DefinitionSet",
    "Exclusion",
    "IndexClass",
    "InputDataError",
    "ResultTransformation",
    "StandardDeviation",
    "ThresholdUnit",
    "Transformation",
    "class_bounds",
    "classify",
    "compute",
    "compute_index",
    "excluded_ids",
    "imd_exponential",
    "index_values",
    "load_definitions",
    "normal_scores",
    "parse_definitions",
    "prepare_input",
    "rank_proportions",
    "ranks",
    "select_areas",
    "sensitivity",
    "sensitivity_all",
    "transform",
    "transformed_components",
    "zscores",
]
