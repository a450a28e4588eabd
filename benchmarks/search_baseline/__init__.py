"""The family search's analyzer as it was before Snowball stems and the lexicon's compounds,
kept unchanged as the baseline of the recall benchmark (benchmarks/search_recall.py).

Search terms for the family search of support offers: German compounds, variants, typos.

Pure: standard library and numpy, no Django. The caller keeps an inverted index (one row per
offer and term, flagged when the term comes from the offer's name) that works the same on
SQLite and PostgreSQL, and does the look-ups; this package decides which terms a text is
indexed under, which terms a query asks for, and how hits are ranked.

Modules: ``text`` (normalise, tokens, stem), ``compounds``, ``synonyms``, ``index`` (the
terms a document is indexed under), ``vocabulary`` (edit distance and fuzzy look-ups),
``query`` (parse_query) and ``ranking`` (score). Import from them directly.

Pipeline, the same for documents and queries:

1. ``normalise``: case folding, ß → ss, diacritics removed (ä → a, é → e), umlauts spelt out
   as ae/oe/ue folded to a/o/u, punctuation → spaces. One canonical form, so "Väter",
   "Vaeter" and "Vater" all become "vater".
2. ``tokens``: words of two or more characters, German stop words removed.
3. ``stem``: a small hand-written suffix stripper (plural, case and female endings).
4. ``decompound``: compounds split into known parts (a built-in list of parts of this domain,
   plus the corpus vocabulary when one is given), with linking elements (Fugen-s, -es, -n,
   -en, -er, ...).
5. Synonyms and abbreviations (``EQUIVALENTS`` two-way, ``BROADER`` one-way) are added at
   index time, so "Kita" and "Kindertagesstätte" find each other.

A query word becomes one AND-group of alternatives (OR): its stem, a derived base
("kinderärztlich" → "kinderarzt") and vocabulary terms within a small edit distance. A
compound query word becomes one group per part, each group also accepting the whole word:
"Erziehungsberatung" asks for (erziehung OR erziehungsberatung) AND (beratung OR
erziehungsberatung), so it finds both "Erziehungsberatung" and "Beratung für Erziehung",
but not "Schwangerschaftsberatung". Documents are indexed under their compound parts too, so
"Beratung für Erziehung" finds "Erziehungsberatung".
"""
