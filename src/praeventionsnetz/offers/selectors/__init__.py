"""Reads of the offers: the family search (search.py) and the stewardship (stewardship.py)."""

from praeventionsnetz.offers.selectors.search import (
    MAX_RESULTS,
    Hit,
    Ranked,
    offers_ranked,
    offers_search,
    phases_for_age,
    published,
)
from praeventionsnetz.offers.selectors.stewardship import (
    STALE_AFTER_DAYS,
    offers_kept_by,
    offers_reviewable_by,
    offers_stale_for,
    offers_to_review_by,
    revisions_to_review_by,
)

__all__ = [
    "MAX_RESULTS",
    "STALE_AFTER_DAYS",
    "Hit",
    "Ranked",
    "offers_kept_by",
    "offers_ranked",
    "offers_reviewable_by",
    "offers_search",
    "offers_stale_for",
    "offers_to_review_by",
    "phases_for_age",
    "published",
    "revisions_to_review_by",
]
