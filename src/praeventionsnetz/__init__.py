"""Präventionsnetz: a platform for municipal prevention networks in child and youth welfare."""
