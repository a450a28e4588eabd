"""Measures of a cooperation network: pure functions over igraph, no Django import.

``graph`` builds the graph from tie and node tables; ``structure``, ``centrality`` and
``groups`` measure it; ``change`` compares two survey waves; ``summary`` gathers every
measure for pages and the ``network_metrics`` command.
"""
