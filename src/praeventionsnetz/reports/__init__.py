"""M6 reports and impact analysis (to come)."""
