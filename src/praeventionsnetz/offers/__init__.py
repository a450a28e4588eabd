"""M3 the prevention chain: offers aligned with HSDS 3.0, the public family search, stewardship
by the organisations, coverage per life phase and area (pages under /angebote/)."""
