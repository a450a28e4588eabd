"""Duplicate detection (pure): numbers and places tell apart, address and phone are evidence."""

from praeventionsnetz.network import dedup
from praeventionsnetz.network.dedup import Record
from praeventionsnetz.network.i18n import translated

PLACES = [
    "Pieschen",
    "Pieschen-Nord/Trachenberge",
    "Löbtau-Nord",
    "Gorbitz-Süd",
    "Cotta",
    "Johannstadt-Nord",
    "Striesen-Ost",
    "Strehlen",
    "Prohlis-Süd",
    "Leuben",
    "Äußere Neustadt (Antonstadt)",
]

# Hand-labelled pairs: (first, second, is the same organisation). The names differ from pair to
# pair, so that any other pair found across them is a false one.
LABELLED = [
    # the same organisation
    (
        Record(0, "ASD Sozialraum Süd"),
        Record(0, "ASD Sozialraum Süd", "Junghansstr. 2", "01277"),
        True,
    ),
    (
        Record(0, "Kita Sonnenschein e.V.", "Hauptstr. 5", "01099"),
        Record(0, "Kita Sonnenschein", "Hauptstraße 5", "01099"),
        True,
    ),
    (
        Record(0, "Kinder- und Familienzentrum Gorbitz"),
        Record(0, "Kinder und Familienzentrum Gorbitz"),
        True,
    ),
    (
        Record(0, "Jugendhaus Eckstein"),
        Record(0, "Jugendhaus Eckstein gGmbH", "Ecksteinweg 4"),
        True,
    ),
    (
        Record(0, "Kita Regenbogen", "Am Bach 1", "01139"),
        Record(0, "Kita Regenbogn", "", "01139"),
        True,
    ),
    (
        Record(0, "Schulsozialarbeit 102. Grundschule", phone="0351 4881234"),
        Record(0, "Schulsozialarbeit an der 102. Grundschule", phone="+49 (351) 488 12 34"),
        True,
    ),
    (
        Record(0, "Erziehungsberatungsstelle Mitte"),
        Record(0, "Erziehungsberatungsstelle - Mitte"),
        True,
    ),
    (Record(0, "Jugendamt, Jugendhilfeplanung"), Record(0, "Jugendamt Jugendhilfeplanung"), True),
    (
        Record(0, "Gesundheitsamt Kinder- und Jugendärztlicher Dienst"),
        Record(0, "Gesundheitsamt, Kinder- u. Jugendärztlicher Dienst"),
        True,
    ),
    (
        Record(0, "Familienzentrum Pieschen", "Oschatzer Str. 19", "01127", phone="0351 8584201"),
        Record(
            0, "Familienzentrum Pieschen-Nord", "Oschatzer Straße 19", "01127", "", "03518584201"
        ),
        True,
    ),
    (
        Record(0, "Jobcenter Dresden", "Budapester Str. 30"),
        Record(0, "Jobcenter Dresden", "Budapester Str. 28"),
        True,
    ),
    (Record(0, "Kinderarztpraxis Dr. Müller"), Record(0, "Kinderarztpraxis Dr. Mueller"), True),
    (Record(0, "Stadtteilverein Striesen"), Record(0, "Stadtteilverein Striesen e. V."), True),
    (
        Record(0, "Hort der 30. Grundschule", "Schulweg 3", "01159"),
        Record(0, "Hort 30. Grundschule", "Schulweg 3", "01159"),
        True,
    ),
    (Record(0, "AWO Kinderhaus Sternchen"), Record(0, "Kinderhaus Sternchen (AWO)"), True),
    (
        Record(0, "Outlaw Kinder- und Jugendhilfe"),
        Record(0, "Outlaw gGmbH Kinder- und Jugendhilfe"),
        True,
    ),
    (
        Record(0, "Suchtberatung Horizont", phone="0351 2063050"),
        Record(0, "Suchtberatungsstelle Horizont", phone="0351-2063050"),
        True,
    ),
    (
        Record(0, "Treff Mobil", phone="0351 3333333"),
        Record(0, "Treff mobil – Kinder- und Jugendtreff in Prohlis", phone="0351 3333333"),
        True,
    ),
    (Record(0, "Bürgerhaus Leuben"), Record(0, "Buergerhaus Leuben"), True),
    (
        Record(0, "Mütterzentrum", "Prießnitzstraße 18", "01099"),
        Record(0, "Mütterzentrum e.V. Neustadt", "Prießnitzstr. 18", "01099"),
        True,
    ),
    # different organisations
    (Record(0, "Grundschule 1 Pieschen"), Record(0, "Grundschule 2 Pieschen"), False),
    (Record(0, "ASD Sozialraum Nord"), Record(0, "ASD Sozialraum West"), False),
    (Record(0, "Kita Cotta"), Record(0, "Kita Löbtau"), False),
    (
        Record(0, "Kita Sonnenstrahl", "", "01097"),
        Record(0, "Kita Sonnenblume", "", "01097"),
        False,
    ),
    (Record(0, "102. Oberschule"), Record(0, "103. Oberschule"), False),
    (Record(0, "Oberschule Cotta"), Record(0, "Oberschule Gorbitz"), False),
    (
        Record(0, "Hort der 88. Grundschule", "Lindenweg 2", "01217"),
        Record(0, "88. Grundschule", "Lindenweg 2", "01217"),
        False,
    ),
    (Record(0, "Jugendclub Pieschen-Nord"), Record(0, "Jugendclub Pieschen-Süd"), False),
    (
        Record(0, "Kinderarztpraxis Dr. Schulze", "Bautzner Str. 1", "01099"),
        Record(0, "Kinderarztpraxis Dr. Schulz", "Alaunstr. 9", "01099"),
        False,
    ),
    (
        Record(0, "Familienzentrum Johannstadt"),
        Record(0, "Familienzentrum Johannstadt-Nord"),
        False,
    ),
    (Record(0, "Heimatverein Striesen"), Record(0, "Heimatverein Strehlen"), False),
    (
        Record(0, "Jugendamt Außenstelle", "Ammonstr. 74", "01067", phone="0351 4880"),
        Record(0, "Sozialamt Außenstelle", "Ammonstr. 74", "01067", phone="0351 4880"),
        False,
    ),
    (Record(0, "Kita Kinderland 1"), Record(0, "Kita Kinderland 11"), False),
    (
        Record(0, "Schulsozialarbeit 56. Oberschule"),
        Record(0, "Schulsozialarbeit 65. Oberschule"),
        False,
    ),
    (Record(0, "Elternberatung Prohlis"), Record(0, "Erziehungsberatung Prohlis"), False),
    (Record(0, "Kita Spatzennest"), Record(0, "Kita Spatzenhaus"), False),
    (
        Record(0, "Frühe Hilfen Koordinierungsstelle"),
        Record(0, "Frühe Hilfen Netzwerkstelle"),
        False,
    ),
    (Record(0, "Jugendtreff Leuben"), Record(0, "Jugendtreff Leubnitz"), False),
    (Record(0, "Kita Zwergenland Prohlis"), Record(0, "Kita Zwergenland Cotta"), False),
    (Record(0, "Sportverein Blau-Weiß"), Record(0, "Sportverein Rot-Weiß"), False),
]


def _keyed():
    """The labelled records with keys: pair i holds 2i+1 and 2i+2."""
    pairs = []
    for i, (a, b, same) in enumerate(LABELLED):
        a = Record(2 * i + 1, a.name, a.street, a.postcode, a.town, a.phone)
        b = Record(2 * i + 2, b.name, b.street, b.postcode, b.town, b.phone)
        pairs.append((a, b, same))
    return pairs


def precision_recall(pairs) -> tuple[float, float, int, int, int]:
    """Found pairs over all labelled records at once (so blocking counts): precision, recall,
    true positives, false positives, missed."""
    records = [r for a, b, _same in pairs for r in (a, b)]
    found = {(c.first, c.second) for c in dedup.candidates(records, places=PLACES)}
    true = {(a.key, b.key) for a, b, same in pairs if same}
    hits = len(found & true)
    false = len(found - true)
    missed = len(true - found)
    precision = hits / len(found) if found else 1.0
    return precision, hits / len(true), hits, false, missed


def test_numbered_schools_of_the_same_place_are_not_a_pair():
    records = [Record(1, "Grundschule 1 Pieschen"), Record(2, "Grundschule 2 Pieschen")]
    assert dedup.candidates(records, places=PLACES) == []


def test_the_same_name_once_with_and_once_without_address_is_a_pair():
    records = [
        Record(1, "ASD Sozialraum Süd", "Junghansstr. 2", "01277", "Dresden"),
        Record(2, "ASD Sozialraum Süd"),
        Record(3, "ASD Sozialraum Nord"),
    ]
    found = dedup.candidates(records, places=PLACES)
    assert [(c.first, c.second, c.score) for c in found] == [(1, 2, 1.0)]
    assert translated(found[0].reason) == "gleicher Name"


def test_two_hundred_numbered_schools_give_no_pair():
    records = [Record(n, f"Grundschule {n} Pieschen") for n in range(1, 201)]
    records += [Record(1000 + n, f"{n}. Oberschule Dresden") for n in range(1, 201)]
    assert dedup.candidates(records, places=PLACES) == []


def test_places_tell_apart_unless_one_name_only_adds_a_place():
    assert (
        dedup.candidates([Record(1, "Kita Pieschen"), Record(2, "Kita Cotta")], places=PLACES) == []
    )
    one_sided = [Record(1, "Jugendclub Leuben"), Record(2, "Jugendclub Leuben Prohlis")]
    assert dedup.candidates(one_sided, places=PLACES) == []  # lowered below the threshold
    with_address = [
        Record(1, "Jugendclub Leuben", "Bahnhofstr. 1", "01257"),
        Record(2, "Jugendclub Leuben Prohlis", "Bahnhofstraße 1", "01257"),
    ]
    assert len(dedup.candidates(with_address, places=PLACES)) == 1


def test_same_address_and_same_phone_are_evidence_and_raise_the_score():
    a = Record(1, "Kinder- und Jugendhaus Emmers", "Bischofsweg 46", "01099")
    b = Record(2, "Kinder und Jugendhaus Emers", "Bischofsweg 46", "01099", phone="0351 8036373")
    c = Record(3, "Kinder- und Jugendhaus Emmers", phone="+49 351 803 63 73")
    by_pair = {(x.first, x.second): x for x in dedup.candidates([a, b, c], places=PLACES)}
    assert [translated(m) for m in by_pair[1, 2].evidence] == ["gleiche Adresse"]
    assert [translated(m) for m in by_pair[2, 3].evidence] == ["gleiche Telefonnummer"]
    plain = dedup.candidates([a, Record(2, b.name)], places=PLACES)
    assert plain == [] or plain[0].score < by_pair[1, 2].score


def test_phone_numbers_are_compared_in_national_form():
    assert dedup.normalise_phone("+49 (351) 488-1234") == "03514881234"
    assert dedup.normalise_phone("0049 351 4881234") == "03514881234"
    assert dedup.normalise_phone("0351/488 12 34") == "03514881234"
    assert dedup.normalise_phone("110") == ""


def test_precision_and_recall_on_the_hand_labelled_pairs():
    precision, recall, hits, false, missed = precision_recall(_keyed())
    # Missed: "Treff Mobil" beside a much longer name, and "Jobcenter Dresden" at another
    # house number (a chain's facilities often share a name and a street).
    assert (hits, false, missed) == (18, 0, 2)
    assert precision >= 0.95
    assert recall >= 0.9


def test_a_facility_and_providers_are_told_apart():
    records = [
        Record(1, "Kleiner Fratz GmbH"),
        Record(2, "Kleiner Fratz", "Adolfstr. 21", "13347", provider=1),
        Record(3, "Kleiner Fratz Süd"),
        Record(4, "Kleiner Fratz", "Dahmestr. 4", "12526", provider=3),
        Record(5, "El mundo de los ninos e. V."),
        Record(6, "El mundo de los ninos gGmbH"),
        Record(7, "Kleiner Fratz", "Adolfstraße 21", "13347", provider=1),
    ]
    # Only the same facility of the same provider recorded twice.
    assert [(c.first, c.second) for c in dedup.candidates(records)] == [(2, 7)]


def test_the_same_name_in_another_street_or_house_is_another_facility():
    records = [
        Record(1, "Kita Sonnenkäfer", "Prinz-Eugen-Str. 8", "13347"),
        Record(2, "Kita Sonnenkäfer", "Adolfstr. 21", "13347"),
        Record(3, "Kita Sonnenkäfer", "Adolfstr. 12", "13347"),
    ]
    assert dedup.candidates(records) == []
    with_phone = [
        Record(1, "Kita Sonnenkäfer", "Adolfstr. 21", "13347", phone="030 4561234"),
        Record(2, "Kita Sonnenkäfer", "Adolfstr. 12", "13347", phone="030/456 12 34"),
    ]
    assert len(dedup.candidates(with_phone)) == 1  # the phone outweighs a house number


def test_roman_numerals_count_as_numbers_and_other_words_behind_a_long_common_part_differ():
    assert dedup.candidates([Record(1, "Kita Pumuckel I"), Record(2, "Kita Pumuckel II")]) == []
    other_words = [
        Record(1, "Elterninitiativ-Kindertagesstätte Murkel e. V."),
        Record(2, "Elterninitiativ-Kindertagesstätte Hauruck e.V."),
    ]
    assert dedup.candidates(other_words) == []
    typo = [Record(1, "Kinderladen Sonnenschein"), Record(2, "Kinderladen Sonnenschien")]
    assert len(dedup.candidates(typo)) == 1


def test_spelt_out_legal_forms_are_legal_forms():
    assert dedup.legal_forms(
        "MASAkids gemeinnützige Unternehmergesellschaft (haftungsbeschränkt)"
    ) == {"ug"}
    assert dedup.normalise("Kinder- u. Jugendhaus Emmers gGmbH") == "kinder und jugendhaus emmers"
