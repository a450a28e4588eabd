"""The offer pages: family search, stewardship, coverage of the prevention chain, HSDS."""
