"""Network drawings as server-side SVG, so pages and PDF reports share one drawing.

Pure package (igraph and numpy, no Django), testable without a database. ``layout`` places
the organisations, ``diagram`` draws the node-link diagram with its ``legend``, ``matrix``
the sector heat map; ``elements``, ``symbols`` and ``svg`` hold what they share. Every
drawing carries ``<title>`` and ``<desc>``; the page shows the same figures in a table beside it.
"""
