"""M1 small-area monitoring: indicators, observations and their import, aggregation,
composite indices, district types, spatial clusters and the model-area selection (pages
under /monitoring/)."""
