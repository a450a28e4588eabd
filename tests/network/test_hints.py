"""Improvement hints on small networks, checked by hand (read in German, as pages show them)."""

import pandas as pd
from django.utils import translation

from praeventionsnetz.network import hints
from praeventionsnetz.network.i18n import translated

SECTORS = {"a": "health", "b": "health", "c": "school", "d": "school", "e": "youth_welfare"}
LABELS = {"health": "Gesundheit", "school": "Schule/Bildung", "youth_welfare": "Jugendhilfe"}
NAMES = {k: k.upper() for k in SECTORS}


def ties(*pairs):
    return pd.DataFrame(pairs, columns=["source", "target"])


def german(message) -> str:
    with translation.override("de"):
        return translated(message)


def test_sector_pairs_without_ties_are_named():
    found = hints.sector_gaps(ties(("a", "b"), ("a", "c"), ("c", "d")), SECTORS, LABELS)
    titles = sorted(german(h.title) for h in found)
    assert titles == [
        "Keine Verbindung zwischen Gesundheit und Jugendhilfe",
        "Keine Verbindung zwischen Schule/Bildung und Jugendhilfe",
    ]
    evidence = next(german(h.evidence) for h in found if "Gesundheit" in german(h.title))
    assert evidence == (
        "2 Akteure aus Gesundheit und 1 aus Jugendhilfe, aber keine einzige gemeldete "
        "Zusammenarbeit zwischen beiden."
    )
    with translation.override("en"):
        assert translated(found[0].evidence).startswith("2 actors from Gesundheit and 1 from")


def test_isolates_and_one_sided_actors():
    found = hints.isolates_and_one_sided(
        ties(("a", "b"), ("a", "c"), ("c", "d"), ("d", "c")), NAMES, answered={"a", "c", "d"}
    )
    by_kind = {(h.kind, h.nodes) for h in found}
    assert ("isolate", ("e",)) in by_kind
    assert ("one_sided", ("b",)) in by_kind  # named by A, never answered
    assert ("one_sided", ("a",)) in by_kind  # names two partners, neither names it back
    assert not any(h.nodes == ("c",) for h in found)  # C and D name each other


def test_single_points_of_failure_most_important_first():
    found = hints.single_points_of_failure(
        {"a": 1, "c": 3, "d": 1},
        {("c", "e"): 1, ("a", "b"): 2},
        {"a": 0.1, "c": 0.2, "d": 0.3},
        NAMES,
    )
    assert [(h.kind, h.nodes) for h in found] == [
        ("cut_point", ("c",)),  # cuts off 3
        ("cut_point", ("d",)),  # cuts off 1, higher betweenness than A
        ("cut_point", ("a",)),
        ("bridge", ("a", "b")),
        ("bridge", ("c", "e")),
    ]
    assert german(found[0].evidence) == (
        "Fällt diese Organisation aus, verlieren 3 Organisationen jede Verbindung zum übrigen "
        "Netz (Artikulationspunkt)."
    )
    assert german(found[4].title) == "Einzige Verbindung: C – E"
    assert german(found[4].evidence) == (
        "Ohne diese eine Verbindung verliert 1 Organisation jede Verbindung zum übrigen Netz "
        "(Brücke)."
    )


def test_central_but_unreciprocated():
    edges = ties(("a", "b"), ("a", "c"), ("a", "d"), ("e", "a"))
    found = hints.unreciprocated_centres(
        edges, {"a": 0.8333, "b": 0, "c": 0, "d": 0, "e": 0}, NAMES
    )
    assert [h.nodes for h in found] == [("a",)]
    assert german(found[0].evidence) == (
        "Rang 1 von 5 nach Betweenness: auf 83,3 % der kürzesten Verbindungen zwischen zwei "
        "anderen Organisationen. Doch nur 0 % ihrer 4 Partner nennen sie und werden von ihr "
        "genannt."
    )
    with translation.override("en"):
        assert "on 83.3 % of the shortest connections" in translated(found[0].evidence)


def test_nobody_is_central_without_betweenness():
    edges = ties(("a", "b"), ("a", "c"), ("a", "d"))
    assert hints.unreciprocated_centres(edges, dict.fromkeys("abcde", 0.0), NAMES) == []
