"""The ground floor: users and roles, permission rules, audit trail, small-number suppression,
errors, exports, charts, tabular input and the base templates. It imports no feature app."""
