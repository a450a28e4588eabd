"""Recall in the top 5 of the family search's analyzer on a written query set.

`search_recall5`: 64 offers of a city as families find them in a directory (name,
description, district), and 50 queries of five kinds, each with the offers a family means
by it: compounds (parts apart, inflected or in another order, and the other way round),
inflections, typos, umlaut spellings (ae/oe/ue, ss) and place + topic. Recall@5 of a
query = the share of its intended offers among the first five results; the value is the
mean over the queries, in per cent. Ranking as the database does it: the analyzer's
score (offers.search.ranking.score; the SQL of offers/selectors/search.py computes the
same figure), ties by name.

Baseline: the analyzer before Snowball stems and the lexicon's compounds
(benchmarks/search_baseline/, a frozen copy), on the same offers and queries. Pure Python,
no database; per kind and per missed query on stderr.

    python benchmarks/search_recall.py
"""

import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from benchlib import Result

sys.path.insert(0, str(Path(__file__).resolve().parent))
TOP = 5

# name, description, district
OFFERS = (
    ("Trennungs- und Scheidungsberatung", "Beratung für Eltern in Trennung.", "Neustadt"),
    ("Beratung bei Trennung und Scheidung", "Für Mütter und Väter, vertraulich.", "Gorbitz"),
    ("Umgangsberatung", "Begleiteter Umgang nach der Scheidung.", "Prohlis"),
    ("Fußball-Bolzplatzturnier", "Jeden Sommer für Jugendliche von 12 bis 16.", "Pieschen"),
    ("Offener Bolzplatz am Jugendhaus", "Kicken und Treffen am Nachmittag.", "Johannstadt"),
    ("Spielplatzfest", "Ein Nachmittag mit Spielen für Familien.", "Striesen"),
    ("Elternkurs Starke Eltern – starke Kinder", "Erziehung mit Gelassenheit.", "Cotta"),
    ("Kurs für Eltern von Kleinkindern", "Acht Abende zu Schlaf, Essen und Trotz.", "Plauen"),
    ("Elternkurse der Familienbildung", "Themen rund um Pubertät und Medien.", "Altstadt"),
    ("Leseförderung in der Bibliothek", "Vorlesen und Bücherkisten für Grundschulen.", "Löbtau"),
    ("Förderung beim Lesen und Schreiben", "Hilfe bei Legasthenie für Schulkinder.", "Leuben"),
    ("Lesepaten", "Ehrenamtliche lesen mit Kindern.", "Reick"),
    ("Erziehungsberatungsstelle", "Beratung für Eltern, Kinder und Jugendliche.", "Neustadt"),
    ("Beratung für Erziehungsfragen", "Wenn es zu Hause schwierig wird.", "Gruna"),
    ("Schwangerschaftsberatung", "Beratung rund um Schwangerschaft und Geburt.", "Altstadt"),
    ("Beratung für Schwangere", "Hilfe bei Anträgen und finanziellen Sorgen.", "Prohlis"),
    ("Kindertagesstätte Sonnenschein", "Betreuung von Kindern ab einem Jahr.", "Pieschen"),
    ("Kita Regenbogen", "Ganztägige Betreuung in kleinen Gruppen.", "Pieschen"),
    ("Kita Zwergenland", "Krippe und Kindergarten mit großem Garten.", "Gorbitz"),
    ("Kinderkrippe Spatzennest", "Für Kinder bis drei Jahre.", "Striesen"),
    ("Hebammensprechstunde", "Hebammen beraten vor und nach der Geburt.", "Neustadt"),
    ("Familienhebamme", "Besuche zu Hause im ersten Lebensjahr.", "Prohlis"),
    ("Krabbelgruppe für Väter", "Samstags spielen Väter mit ihren Babys.", "Johannstadt"),
    ("Väterfrühstück", "Austausch für Papas bei Kaffee und Brötchen.", "Cotta"),
    ("Vätergruppe", "Treffen für getrennt lebende Väter.", "Gorbitz"),
    ("Mütterzentrum", "Offener Treff und Kinderbetreuung für Mütter.", "Löbtau"),
    ("Familienzentrum Mitte", "Kurse, Beratung und offenes Café für Familien.", "Altstadt"),
    ("Familientreff Süd", "Treffpunkt für Familien im Stadtteil.", "Prohlis"),
    ("Schuldnerberatung", "Hilfe bei Schulden und Mahnungen.", "Gorbitz"),
    ("Beratung bei Schulden", "Haushaltsplan und Verhandlung mit Gläubigern.", "Neustadt"),
    ("Suchtberatung", "Beratung bei Alkohol und Drogen.", "Altstadt"),
    ("Beratung für suchtbelastete Familien", "Hilfe für Kinder aus Suchtfamilien.", "Leuben"),
    ("Hausaufgabenhilfe", "Ehrenamtliche helfen bei den Hausaufgaben.", "Gorbitz"),
    ("Hausaufgabenbetreuung im Hort", "Nach der Schule in kleinen Gruppen.", "Pieschen"),
    ("Lernförderung Mathematik", "Nachhilfe in kleinen Gruppen.", "Plauen"),
    ("Sprachförderung für Kinder", "Spielerisch Deutsch lernen.", "Gorbitz"),
    ("Deutschkurs für Mütter", "Mit Kinderbetreuung während des Kurses.", "Prohlis"),
    ("Sprachcafé", "Deutsch sprechen bei Kaffee und Kuchen.", "Neustadt"),
    ("Babyschwimmen", "Wassergewöhnung für Babys ab drei Monaten.", "Striesen"),
    ("Schwimmkurs für Kinder", "Seepferdchen im Hallenbad.", "Klotzsche"),
    ("Eltern-Kind-Turnen", "Bewegung für Kinder von zwei bis vier.", "Blasewitz"),
    ("Jugendtreff", "Offener Raum für Jugendliche ab zwölf.", "Gorbitz"),
    ("Jugendclub Alaunstraße", "Musik, Sport und Reden.", "Neustadt"),
    ("Schulsozialarbeit", "Ansprechpartner an der Oberschule.", "Pieschen"),
    ("Sozialarbeit an der Schule", "Beratung für Schülerinnen und Schüler.", "Leuben"),
    ("Kinderärztliche Sprechstunde", "Vorsorgeuntersuchungen und Impfungen.", "Altstadt"),
    ("Kinderarztpraxis Dr. Berg", "Sprechstunde für Säuglinge und Kinder.", "Striesen"),
    ("Ferienfreizeit an der Ostsee", "Eine Woche Zelten für Schulkinder.", "Cotta"),
    ("Ferienprogramm im Sommer", "Ausflüge und Basteln in den Sommerferien.", "Pieschen"),
    ("Frühe Hilfen", "Willkommensbesuch für Neugeborene und ihre Eltern.", "Gorbitz"),
    ("Babylotsen", "Lotsen begleiten Familien nach der Geburt.", "Friedrichstadt"),
    ("Stillberatung", "Hilfe bei Fragen zum Stillen.", "Neustadt"),
    ("Beratung zum Stillen", "Im Familienzentrum, ohne Anmeldung.", "Reick"),
    ("Frauenhaus", "Schutz für Frauen und Kinder vor Gewalt.", "Altstadt"),
    ("Gewaltschutzberatung", "Beratung nach häuslicher Gewalt.", "Johannstadt"),
    ("Wohnungsnotfallhilfe", "Hilfe bei drohendem Wohnungsverlust.", "Löbtau"),
    ("Mittagstisch für Kinder", "Warmes Essen nach der Schule.", "Prohlis"),
    ("Kochkurs für Familien", "Gesund kochen mit kleinem Geld.", "Gorbitz"),
    ("Medienkompetenz für Eltern", "Handy, Spiele und Internet in der Familie.", "Blasewitz"),
    ("Mediensprechstunde", "Fragen zu Computerspielen und Sucht.", "Altstadt"),
    ("Tagesmutter Petra", "Kindertagespflege für fünf Kinder.", "Weixdorf"),
    ("Pflegekinderdienst", "Beratung für Pflegefamilien.", "Altstadt"),
    ("Nachbarschaftshilfe", "Ehrenamtliche helfen im Alltag.", "Trachau"),
    ("Musikschule für Kinder", "Musikalische Früherziehung ab vier.", "Plauen"),
)

# query, kind, intended offers (names)
QUERIES = (
    # compounds: parts apart, inflected or in another order, and back
    ("Trennungsberatung", "compound", {OFFERS[0][0], OFFERS[1][0]}),
    ("Beratung bei Trennung", "compound", {OFFERS[0][0], OFFERS[1][0]}),
    ("Bolzplatz", "compound", {OFFERS[3][0], OFFERS[4][0]}),
    ("Elternkurs", "compound", {OFFERS[6][0], OFFERS[7][0], OFFERS[8][0]}),
    ("Kurs für Eltern", "compound", {OFFERS[6][0], OFFERS[7][0], OFFERS[8][0]}),
    ("Leseförderung", "compound", {OFFERS[9][0], OFFERS[10][0]}),
    ("Förderung Lesen", "compound", {OFFERS[9][0], OFFERS[10][0]}),
    ("Erziehungsberatung", "compound", {OFFERS[12][0], OFFERS[13][0]}),
    ("Schuldenberatung", "compound", {OFFERS[28][0], OFFERS[29][0]}),
    ("Stillberatung", "compound", {OFFERS[51][0], OFFERS[52][0]}),
    ("Beratung Sucht", "compound", {OFFERS[30][0], OFFERS[31][0]}),
    ("Schwimmkurs", "compound", {OFFERS[39][0]}),
    ("Gewaltschutz", "compound", {OFFERS[53][0], OFFERS[54][0]}),
    # inflections
    ("Elternkurse", "inflection", {OFFERS[6][0], OFFERS[7][0], OFFERS[8][0]}),
    ("Hebammen", "inflection", {OFFERS[20][0], OFFERS[21][0]}),
    ("Kitas", "inflection", {OFFERS[16][0], OFFERS[17][0], OFFERS[18][0]}),
    ("Schulden", "inflection", {OFFERS[28][0], OFFERS[29][0]}),
    ("beraten Schwangere", "inflection", {OFFERS[14][0], OFFERS[15][0]}),
    ("Väter", "inflection", {OFFERS[22][0], OFFERS[23][0], OFFERS[24][0]}),
    ("Müttern", "inflection", {OFFERS[25][0], OFFERS[36][0]}),
    ("Familien Treffpunkt", "inflection", {OFFERS[27][0]}),
    ("stillen", "inflection", {OFFERS[51][0], OFFERS[52][0]}),
    ("Schwimmkurse Kindern", "inflection", {OFFERS[39][0]}),
    # typos
    ("Hebame", "typo", {OFFERS[20][0], OFFERS[21][0]}),
    ("Erziehungsbertung", "typo", {OFFERS[12][0], OFFERS[13][0]}),
    ("Schwangerschaftsberatnug", "typo", {OFFERS[14][0]}),
    ("Krabelgruppe", "typo", {OFFERS[22][0]}),
    ("Hausaufgabenhilef", "typo", {OFFERS[32][0], OFFERS[33][0]}),
    ("Sprachfördrung", "typo", {OFFERS[35][0]}),
    ("Schuldnerbaretung", "typo", {OFFERS[28][0], OFFERS[29][0]}),
    ("Jugentreff", "typo", {OFFERS[41][0], OFFERS[42][0]}),
    ("Familienzentrun", "typo", {OFFERS[26][0]}),
    ("Kinderartz", "typo", {OFFERS[45][0], OFFERS[46][0]}),
    # umlaut spellings
    ("Vaeter", "umlaut", {OFFERS[22][0], OFFERS[23][0], OFFERS[24][0]}),
    ("Vaeterfruehstueck", "umlaut", {OFFERS[23][0]}),
    ("Muetterzentrum", "umlaut", {OFFERS[25][0]}),
    ("Lesefoerderung", "umlaut", {OFFERS[9][0], OFFERS[10][0]}),
    ("Sprachfoerderung", "umlaut", {OFFERS[35][0]}),
    ("Kinderaerztliche Sprechstunde", "umlaut", {OFFERS[45][0], OFFERS[46][0]}),
    ("Fruehe Hilfen", "umlaut", {OFFERS[49][0]}),
    ("Fussball", "umlaut", {OFFERS[3][0]}),
    # place + topic
    ("Kita Pieschen", "place", {OFFERS[16][0], OFFERS[17][0]}),
    ("Kindertagesstätte Gorbitz", "place", {OFFERS[18][0]}),
    ("Beratung Schwangerschaft Prohlis", "place", {OFFERS[15][0]}),
    ("Hebamme Neustadt", "place", {OFFERS[20][0]}),
    ("Hausaufgabenhilfe Pieschen", "place", {OFFERS[33][0]}),
    ("Familientreff Prohlis", "place", {OFFERS[27][0]}),
    ("Schwimmen Striesen", "place", {OFFERS[38][0]}),
    ("Jugendtreff Neustadt", "place", {OFFERS[42][0]}),
    ("Trennung Gorbitz", "place", {OFFERS[1][0]}),
)


def recall_at_5(index_document, parse_query, vocabulary_class, score) -> dict[str, list]:
    """Kind → [(query, recall@5, first five names)] for one analyzer."""
    index = {
        name: index_document(name, description, f"Stadtteil {district}")
        for name, description, district in OFFERS
    }
    vocabulary = vocabulary_class(term for terms in index.values() for term in terms)
    found: dict[str, list] = defaultdict(list)
    for q, kind, intended in QUERIES:
        query = parse_query(q, vocabulary)
        ranked = []
        for name, terms in index.items():
            value = score(set(terms), query, name_terms={t for t, n in terms.items() if n})
            if value > 0:
                ranked.append((-value, name))
        top = [name for _, name in sorted(ranked)[:TOP]]
        found[kind].append((q, len(intended & set(top)) / len(intended), top))
    return found


def mean_recall(found: dict[str, list]) -> float:
    values = [r for rows in found.values() for _, r, _ in rows]
    return 100 * sum(values) / len(values)


def _ours() -> Callable[[], dict[str, list]]:
    from praeventionsnetz.offers.search.index import index_document
    from praeventionsnetz.offers.search.query import parse_query
    from praeventionsnetz.offers.search.ranking import score
    from praeventionsnetz.offers.search.vocabulary import Vocabulary

    return recall_at_5(index_document, parse_query, Vocabulary, score)


def _baseline() -> dict[str, list]:
    from search_baseline.index import index_document
    from search_baseline.query import parse_query
    from search_baseline.ranking import score
    from search_baseline.vocabulary import Vocabulary

    return recall_at_5(index_document, parse_query, Vocabulary, score)


def search_recall5(client=None) -> Result:
    ours, baseline = _ours(), _baseline()
    for kind in ours:
        mine = 100 * sum(r for _, r, _ in ours[kind]) / len(ours[kind])
        theirs = 100 * sum(r for _, r, _ in baseline[kind]) / len(baseline[kind])
        print(
            f"search_recall5 {kind}: {mine:.1f} % (baseline {theirs:.1f} %) over "
            f"{len(ours[kind])} queries",
            file=sys.stderr,
        )
        for (q, r, top), (_, old, _) in zip(ours[kind], baseline[kind], strict=True):
            if r < 1 or old < 1:
                print(
                    f"  {q!r}: {100 * r:.0f} % (baseline {100 * old:.0f} %): {top}", file=sys.stderr
                )
    return Result(f"search_recall5_{len(QUERIES)}q", mean_recall(ours), "%", mean_recall(baseline))


def main() -> int:
    from run import format_result

    print(format_result(search_recall5()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
