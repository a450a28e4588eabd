"""Funding pages: budgets and positions (budgets), the action budget for coordinators
(applications) and for the public (public)."""
