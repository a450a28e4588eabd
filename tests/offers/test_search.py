"""The family search's terms: normalising, stemming, compounds, synonyms, typos, ranking."""

import random

import pytest

from praeventionsnetz.offers.search.compounds import decompound
from praeventionsnetz.offers.search.index import index_document, index_terms
from praeventionsnetz.offers.search.query import Alternatives, expand_query_term, parse_query
from praeventionsnetz.offers.search.ranking import EXACT, FUZZY, NAME_BOOST, PART, score
from praeventionsnetz.offers.search.synonyms import synonyms
from praeventionsnetz.offers.search.text import normalise, stem, tokens
from praeventionsnetz.offers.search.vocabulary import (
    Vocabulary,
    damerau_levenshtein,
    max_edits,
    trigrams,
)

OFFERS = {
    "Erziehungsberatung Nord": "Hilfe bei Fragen zur Entwicklung Ihres Kindes.",
    "Beratung für Erziehung": "Wir unterstützen Eltern in schwierigen Zeiten.",
    "Kindertagesstätte Sonnenblume": "Betreuung für Kinder von 1 bis 6 Jahren.",
    "Kita Regenbogen": "Ganztägige Betreuung in kleinen Gruppen.",
    "Hebamme im Stadtteil": "Vor und nach der Geburt für Sie da.",
    "Familienzentrum Mitte": "Offener Treff, Beratung und Kurse für Familien.",
    "Krabbelgruppe für Väter": "Jeden Samstag spielen Väter mit ihren Babys.",
    "Schwimmkurs für Kinder": "Seepferdchen im Hallenbad an der Hauptstraße.",
    "Kinderärztliche Praxis Dr. Berg": "Vorsorgeuntersuchungen und Impfungen.",
    "Schwangerschaftsberatung": "Beratung rund um Schwangerschaft und Geburt.",
    "Familientreff Süd": "Offener Treff mit Erziehungsberatung am Dienstag.",
    "Sozialdienst": "Der ASD hilft Familien in Krisen.",
}


@pytest.fixture(scope="module")
def index():
    return {name: index_document(name, text) for name, text in OFFERS.items()}


@pytest.fixture(scope="module")
def vocabulary(index):
    return Vocabulary(term for terms in index.values() for term in terms)


@pytest.fixture(scope="module")
def search(index, vocabulary):
    """Names of the matching offers, best first, the way the offer directory ranks them."""

    def run(q):
        query = parse_query(q, vocabulary)
        ranked = []
        for name, terms in index.items():
            value = score(set(terms), query, name_terms={t for t, n in terms.items() if n})
            if value > 0:
                ranked.append((-value, name))
        return [name for _, name in sorted(ranked)]

    return run


# --------------------------------------------------------------------------- required examples


def test_compound_query_finds_the_words_apart(search):
    found = search("Erziehungsberatung")
    assert "Beratung für Erziehung" in found
    assert "Erziehungsberatung Nord" in found
    assert "Schwangerschaftsberatung" not in found  # one part alone is not enough


def test_words_apart_find_the_compound(search):
    found = search("Beratung für Erziehung")
    assert "Erziehungsberatung Nord" in found
    assert "Beratung für Erziehung" in found
    assert "Familienzentrum Mitte" not in found


def test_kita_finds_kindertagesstaette_and_back(search):
    assert {"Kita Regenbogen", "Kindertagesstätte Sonnenblume"} <= set(search("Kita"))
    assert {"Kita Regenbogen", "Kindertagesstätte Sonnenblume"} <= set(search("Kindertagesstätte"))
    assert "Kita Regenbogen" in search("Kindertagesstaette")


def test_kinderarzt_finds_kinderaerztliche_praxis(search):
    assert search("Kinderarzt") == ["Kinderärztliche Praxis Dr. Berg"]


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("Erziehungsbertung", "Erziehungsberatung Nord"),
        ("Hebame", "Hebamme im Stadtteil"),
        ("Familienzentrun", "Familienzentrum Mitte"),
        ("Krabelgruppe", "Krabbelgruppe für Väter"),
        ("Shcwimmkurs", "Schwimmkurs für Kinder"),  # transposition
    ],
)
def test_misspellings_still_find(search, typed, wanted):
    assert wanted in search(typed)


def test_umlauts_typed_as_ae_oe_ue_or_without_dots(search):
    assert search("Krabbelgruppe fuer Vater") == ["Krabbelgruppe für Väter"]
    assert search("Krabbelgruppe für Vaeter") == ["Krabbelgruppe für Väter"]
    assert search("Hauptstrasse") == ["Schwimmkurs für Kinder"]
    assert "Kinderärztliche Praxis Dr. Berg" in search("kinderaerztlich")


def test_unrelated_query_finds_nothing_wrong(search):
    assert "Erziehungsberatung Nord" not in search("Schwimmkurs")
    assert search("Schwimmkurs") == ["Schwimmkurs für Kinder"]
    assert search("Zahnarzt") == []


def test_every_query_word_must_match(search):
    assert search("Beratung Schwangerschaft") == ["Schwangerschaftsberatung"]
    assert search("Erziehungsberatung Hebamme") == []
    assert search("offener Treff Erziehungsberatung") == ["Familientreff Süd"]


def test_name_hit_ranks_above_description_hit(search):
    found = search("Erziehungsberatung")
    assert found[0] == "Erziehungsberatung Nord"  # whole word in the name
    assert found.index("Beratung für Erziehung") < found.index("Familientreff Süd")


def test_abbreviation_finds_the_phrase_and_back(search):
    assert search("Allgemeiner Sozialer Dienst") == ["Sozialdienst"]
    phrase = index_terms("Allgemeiner Sozialer Dienst")
    assert "asd" in phrase
    assert {"allgemein", "sozial", stem("dienst")} <= index_terms("ASD")


def test_stop_words_alone_are_no_query(search):
    assert parse_query("für die und", None) == []
    assert search("für die und") == []


# --------------------------------------------------------------------------- normalising


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Väter", "vater"),
        ("Vaeter", "vater"),
        ("Öffnungszeiten", "offnungszeiten"),
        ("Oeffnungszeiten", "offnungszeiten"),
        ("Übung", "ubung"),
        ("Uebung", "ubung"),
        ("Café", "cafe"),
        ("Eltern-Kind-Gruppe (0–3 J.)!", "eltern kind gruppe 0 3 j"),
        # ae/oe/ue after a vowel or q, and in known words, are no umlauts.
        ("Israel", "israel"),
        ("Michael", "michael"),
        ("Frauen", "frauen"),
        ("Feuer", "feuer"),
        ("Bauer", "bauer"),
        ("Quelle", "quelle"),
        ("Poesie", "poesie"),
        ("individuell", "individuell"),
        ("Bäuerin", "bauerin"),
        ("Baeuerin", "bauerin"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_tokens_drop_stop_words_and_single_letters():
    assert tokens("Beratung für Eltern und Kinder von 0 bis 3 Jahren") == [
        "beratung",
        "eltern",
        "kinder",
        "jahren",
    ]
    assert tokens("Krabbelgruppe fuer Väter") == ["krabbelgruppe", "vater"]
    assert tokens("Kita U3") == ["kita", "u3"]


# --------------------------------------------------------------------------- stemming


@pytest.mark.parametrize(
    "words",
    [
        ("Beratung", "Beratungen"),
        ("Familie", "Familien"),
        ("Vater", "Väter", "Vätern", "Vaters"),
        ("Kind", "Kinder", "Kindern", "Kindes"),
        ("Lehrer", "Lehrerin", "Lehrerinnen"),
        ("Arzt", "Ärzte"),
        ("Psychologe", "Psychologen"),
        ("Kita", "Kitas"),
        ("Kurs", "Kurse", "Kursen"),
        ("Haus", "Häuser"),
        ("Zentrum", "Zentren"),
        ("Hebamme", "Hebammen"),
    ],
)
def test_stem_conflates_forms(words):
    stems = {stem(normalise(w)) for w in words}
    assert len(stems) == 1, stems


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("beratungen", "berat"),
        ("beraten", "berat"),  # Snowball: the verb and its noun meet
        ("familien", "famili"),
        ("termin", "termin"),  # no female -in
        ("medizin", "medizin"),
        ("praxis", "praxis"),  # no -s after i
        ("kurs", "kur"),
        ("kurse", "kur"),  # Snowball repeated until it no longer changes
        ("haus", "haus"),
        ("tag", "tag"),  # too short to strip
        ("u3", "u3"),
    ],
)
def test_stem_examples(word, expected):
    assert stem(word) == expected


# --------------------------------------------------------------------------- compounds


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Erziehungsberatung", ["erzieh", "berat"]),  # Fugen-s
        ("Trennungsberatung", ["trennung", "berat"]),
        ("Schwangerschaftsberatung", ["schwangerschaft", "berat"]),
        ("Kindertagesstätte", ["kind", "tag", "statt"]),  # -er and -es
        ("Familienzentrum", ["famili", "zentrum"]),  # -n
        ("Frauenhaus", ["frau", "haus"]),  # -en
        ("Elternkurs", ["elt", "kur"]),
        ("Elternkurse", ["elt", "kur"]),
        ("Leseförderung", ["les", "ford"]),
        ("Bolzplatz", ["bolz", "platz"]),  # a verb stem of the domain list
        ("Schulsozialarbeit", ["schul", "sozial", "arbeit"]),  # Schule → Schul-
        ("Erziehungsberatungsstelle", ["erzieh", "berat", "stell"]),
        ("Hebamme", ["hebamm"]),  # no compound
        ("Beratung", ["berat"]),
        ("Förderung", ["ford"]),  # no Förde + rung
        ("Turnier", ["turni"]),  # a known noun: no Tür + Niere
        ("Erzieherinnen", ["erzieh"]),  # no Erzieher + Innen
    ],
)
def test_decompound(word, parts):
    assert decompound(word) == parts


def test_compound_parts_at_every_level():
    assert {"bolz", "platz", "turni"} <= index_terms("Fußball-Bolzplatzturnier")
    assert {"beratungsstell", "berat", "stell"} <= index_terms("Erziehungsberatungsstelle")


def test_index_terms_hold_stems_parts_and_bases():
    terms = index_terms("Erziehungsberatungen für Familien")
    assert {"erziehungsberat", "erzieh", "berat", "famili"} <= terms
    assert {"kinderarzt"} <= index_terms("kinderärztliche")
    assert {"padagog"} <= index_terms("pädagogische")


# --------------------------------------------------------------------------- synonyms


def test_synonyms_both_ways():
    assert "kita" in index_terms("Kindertagesstätte")
    assert "kindertagesstatt" in index_terms("Kita")
    assert "kindergart" in index_terms("Kiga")
    assert "kiga" in index_terms("Kindergarten")
    assert "erziehungsberatungsstell" in synonyms("EBS")
    assert "ebs" in synonyms("Erziehungsberatungsstelle")


def test_broader_terms_are_one_way():
    assert "kita" in index_terms("Krippe")
    assert "kita" in index_terms("Hort")
    assert "kita" in index_terms("Kiga")  # through Kindergarten
    assert "kripp" not in index_terms("Kita")


# --------------------------------------------------------------------------- misspellings


def test_trigrams_are_padded():
    assert trigrams("kita") == {"  k", " ki", "kit", "ita", "ta "}


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("hebamme", "hebamme", 0),
        ("hebame", "hebamme", 1),
        ("ktia", "kita", 1),  # transposition counts once
        ("erziehungsbertung", "erziehungsberatung", 1),
        ("kita", "kiga", 1),
        ("abc", "cba", 2),
        ("", "abc", 3),
    ],
)
def test_damerau_levenshtein(a, b, distance):
    assert damerau_levenshtein(a, b) == distance
    assert damerau_levenshtein(b, a) == distance


def test_damerau_levenshtein_stops_at_the_limit():
    assert damerau_levenshtein("beratung", "zentrum", limit=2) == 3


def test_max_edits_grow_with_length():
    assert [max_edits(w) for w in ("tag", "kita", "hebamm", "beratung", "u3u3u3")] == [
        0,
        1,
        1,
        2,
        0,
    ]


def test_similar_is_the_same_as_checking_every_term():
    rng = random.Random(7)
    letters = "aeiouklmnrst"
    words = {"".join(rng.choices(letters, k=rng.randint(2, 12))) for _ in range(1500)}
    vocabulary = Vocabulary(words)
    for query in [*rng.sample(sorted(words), 20), "kamera", "lesen", "tortenstar"]:
        for k in (1, 2):
            brute = {w: d for w in words if (d := damerau_levenshtein(query, w)) <= k}
            assert vocabulary.similar(query, k) == brute


def test_vocabulary_counts_documents_per_term():
    vocabulary = Vocabulary(["kita", "hort"], {"kita": 3})
    assert (vocabulary.count("kita"), vocabulary.count("hort"), vocabulary.count("x")) == (3, 0, 0)


def test_vocabulary_finds_neighbours_with_umlauts_and_digits():
    vocabulary = Vocabulary(["hebamm", "beratung", "kita", "tür", "u3"])
    assert vocabulary.similar("hebam", 1) == {"hebamm": 1}
    assert vocabulary.similar("ktia", 1) == {"kita": 1}
    assert vocabulary.similar("tur", 1) == {"tür": 1}
    assert "u3" in vocabulary
    assert len(vocabulary) == 5
    assert Vocabulary([]).similar("kita", 1) == {}


def test_expand_query_term(vocabulary):
    assert {"hebamm"} <= expand_query_term("Hebame", vocabulary)
    assert {"erziehungsberat", "erzieh", "berat"} <= expand_query_term(
        "Erziehungsberatung", vocabulary
    )
    assert expand_query_term("und", vocabulary) == set()


def test_known_words_get_one_edit_fewer(vocabulary):
    # "kita" is indexed: no fuzzy neighbours such as "kiga".
    (group,) = parse_query("Kita", vocabulary)
    assert set(group) == {"kita"}


# --------------------------------------------------------------------------- queries and score


def test_parse_query_groups(vocabulary):
    query = parse_query("Erziehungsberatung Hebame", vocabulary)
    assert [g.word for g in query] == ["erziehungsberatung", "erziehungsberatung", "hebame"]
    first, second, third = query
    assert first.weights["erziehungsberat"] == EXACT
    assert first.weights["erzieh"] == PART
    assert second.weights["berat"] == PART
    assert third.weights["hebamm"] == FUZZY
    assert "hebam" in third
    assert isinstance(first, frozenset)
    assert "Alternatives" in repr(first)


def test_query_groups_work_as_plain_sets(vocabulary):
    query = parse_query("Beratung Erziehung", vocabulary)
    found = {"berat", "erzieh", "nord"}
    assert all(found & alternatives for alternatives in query)


def test_score_weights():
    query = [Alternatives({"hebamm": EXACT, "hebamme": FUZZY}, "hebamme")]
    assert score({"hebamm"}, query) == EXACT
    assert score({"hebamme"}, query) == FUZZY
    assert score({"hebamm"}, query, name_terms={"hebamm"}) == EXACT * NAME_BOOST
    assert score({"hebamm"}, query) > score({"hebamme"}, query)
    assert score({"kita"}, query) == 0.0
    assert score({"kita"}, []) == 0.0


def test_score_needs_every_group_and_accepts_plain_sets():
    query = [{"beratung"}, {"erziehung"}]
    assert score({"beratung", "erziehung"}, query) == 1.0
    assert score({"beratung"}, query) == 0.0
    assert score(["beratung", "erziehung"], query, name_terms=["beratung"]) == pytest.approx(
        (NAME_BOOST + 1) / 2
    )


# --------------------------------------------------------------------------- compounds apart

# (query, text it finds); each pair also the other way round.
PAIRS = [
    ("Trennungsberatung", "Beratung bei Trennung und Scheidung"),
    ("Beratung bei Trennung", "Trennungsberatung"),
    ("Bolzplatz", "Fußball-Bolzplatzturnier"),
    ("Bolzplatzturnier", "Turnier auf dem Bolzplatz"),
    ("Elternkurs", "Kurs für Eltern"),
    ("Kurs für Eltern", "Elternkurs"),
    ("Leseförderung", "Förderung beim Lesen"),
    ("Förderung beim Lesen", "Leseförderung"),
]


def _finds(query: str, text: str, vocabulary=None) -> bool:
    terms = index_document(text)
    return score(set(terms), parse_query(query, vocabulary)) > 0


@pytest.mark.parametrize(("query", "text"), PAIRS)
def test_compound_and_its_parts_apart_find_each_other(query, text):
    assert _finds(query, text)


def test_one_part_alone_is_not_enough():
    assert not _finds("Trennungsberatung", "Beratung für Schwangere")
    assert not _finds("Elternkurs", "Elterncafé")


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Elternkurse", "Kurs für Eltern"),
        ("Beratungen", "Trennungsberatung"),
        ("beraten", "Beratung für Familien"),
        ("Kindern", "Kind und Familie"),
        ("Hebammen", "Hebamme im Stadtteil"),
        ("Kitas", "Kita Regenbogen"),
    ],
)
def test_inflected_words_find_each_other(query, text):
    assert _finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Vaeter", "Krabbelgruppe für Väter"),
        ("Väter", "Vaeter-Kind-Turnen"),
        ("Foerderung", "Leseförderung"),
        ("Strasse", "Hauptstraße"),
    ],
)
def test_umlaut_spellings_find_each_other(query, text):
    assert _finds(query, text)


def test_misspelt_words_and_parts_find_the_offer():
    texts = ["Trennungsberatung", "Leseförderung", "Hebamme"]
    vocabulary = Vocabulary(t for text in texts for t in index_document(text))
    assert _finds("Trenungsberatung", "Trennungsberatung", vocabulary)
    assert _finds("Hebame", "Hebamme", vocabulary)
    assert _finds("Lesefoerdrung", "Leseförderung", vocabulary)
