"""M4 funding: programmes, budgets and calls (to come)."""
