"""Search terms for the family search of support offers: German compounds, variants, typos.

Pure: standard library, numpy, PyStemmer and the german-nouns data, no Django. The caller
keeps one document of terms per offer (those of its name apart) in the database's full-text
index and does the look-ups; this package decides which terms a text is indexed under,
which terms a query asks for, and how hits are ranked.

Modules: ``text`` (normalise, tokens, Snowball stem), ``lexicon`` (German nouns of the
german-nouns package), ``compounds``, ``synonyms``, ``index`` (the terms a document is
indexed under), ``vocabulary`` (edit distance and fuzzy look-ups), ``query`` (parse_query)
and ``ranking`` (score). Import from them directly.

Pipeline, the same for documents and queries:

1. ``normalise``: case folding, ß → ss, diacritics removed (ä → a, é → e), umlauts spelt out
   as ae/oe/ue folded to a/o/u, punctuation → spaces. One canonical form, so "Väter",
   "Vaeter" and "Vater" all become "vater".
2. ``tokens``: words of two or more characters, German stop words removed.
3. ``stem``: the Snowball German stemmer (PyStemmer), repeated until the stem no longer
   changes, after irregular plurals and a plural -s after a vowel (Kitas). "Beratung" and
   "beraten" are both "berat".
4. ``split_levels``: compounds split into forms of the nouns of a German lexicon
   (``lexicon.noun_forms``, about 100,000 nouns from Wiktionary with plural and genitive,
   plus a few verb stems of the domain), with linking elements (Fugen-s, -es, -n, -en, ...);
   the parts are stemmed.
5. Synonyms and abbreviations (``EQUIVALENTS`` two-way, ``BROADER`` one-way) are added at
   index time, so "Kita" and "Kindertagesstätte" find each other.

A query word becomes one AND-group of alternatives (OR): its stem, a derived base
("schwangerschaft" → "schwang") and vocabulary terms within a small edit distance. A
compound query word becomes one group per part, each group also accepting the whole word:
"Trennungsberatung" asks for (trennung OR trennungsberat) AND (berat OR trennungsberat), so
it finds both "Trennungsberatung" and "Beratung bei Trennung", but not
"Schwangerschaftsberatung". A misspelt compound is split into a known noun and a misspelt
one ("Erziehungsbertung"). Documents are indexed under their compound parts too, so
"Beratung für Erziehung" finds "Erziehungsberatung". The database's full-text engine looks
the terms up (offers/selectors/search.py).
"""
