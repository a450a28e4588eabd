"""Geography: areas at every level with hierarchy, validity and geometry, the point lookup
and the GeoJSON import. Every feature app builds on it; it imports only core."""
