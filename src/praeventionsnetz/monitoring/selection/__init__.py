"""Criteria-based selection of model areas (Modellstadträume).

Method
------
Following the Dresden framework concept, areas are judged by criteria from four
dimensions: social structure, infrastructure, need and services, social space. A criterion
names an indicator (a column of the frame, one row per area) and brings

* a **threshold** (optional): a minimum or maximum the area must meet, or else it is not
  eligible, whatever its score;
* a **score contribution** = z × direction × weight, where z is the area's z-score of the
  indicator over *all* areas in the frame (population deviation, ddof = 0) and direction
  is +1 when a higher value means more need, −1 when it means less.

z-scores rather than percentile ranks: they keep the distances between areas (an area far
above the rest counts more than one just above), and a contribution can be explained in
one sentence ("1.2 standard deviations above the average"). The reference is every
area in the frame, so excluding an area does not change the others' scores. An indicator
with the same value everywhere contributes 0; a missing value contributes 0 (it counts as
average) and makes the area ineligible only when that criterion has a threshold.

The total score is the sum of the contributions (rounded to 12 decimals so that equal
scores reached by different sums tie). Areas are ranked by score, ties broken by the area
id, and then picked greedily in rank order: excluded and ineligible areas are skipped, and
with `one_per_type` an area whose type is already represented is skipped, so the best area
of each type is taken. Everything is deterministic; criteria and constraints round-trip
through plain dicts (JSON), so a stored run can be repeated exactly.

No Django here (an import-linter contract forbids it): these are pure functions. Reasons,
explanations, notes and errors are `core.text.Message` objects (English msgid, named
parameters); numbers in them are already formatted the German way (decimal comma). The
caller translates them where they are shown, and can store them as plain data to translate
later.
"""

# The public names of the package, so that callers keep their imports.
from praeventionsnetz.monitoring.selection.ranking import select_model_areas
from praeventionsnetz.monitoring.selection.spec import (
    DIMENSION_LABELS,
    REASON_EXCLUDED,
    REASON_FULL,
    REASON_MISSING,
    REASON_NO_TYPE,
    REASON_THRESHOLD,
    REASON_TYPE_TAKEN,
    SPEC_VERSION,
    Constraints,
    Criterion,
    Dimension,
    SelectionResult,
    SelectionSpec,
    ThresholdKind,
)

__all__ = [
    "DIMENSION_LABELS",
    "REASON_EXCLUDED",
    "REASON_FULL",
    "REASON_MISSING",
    "REASON_NO_TYPE",
    "REASON_THRESHOLD",
    "REASON_TYPE_TAKEN",
    "SPEC_VERSION",
    "Constraints",
    "Criterion",
    "Dimension",
    "SelectionResult",
    "SelectionSpec",
    "ThresholdKind",
    "select_model_areas",
]
