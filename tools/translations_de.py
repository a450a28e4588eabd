"""German catalogue entries, applied to the .po by `make messages` after makemessages."""

DE = {
    "API": "API",
    "Areas and monitoring": "Gebiete und Monitoring",
    "City": "Stadt",
    "City district (Stadtbezirk)": "Stadtbezirk",
    "Social space (Stadtraum)": "Stadtraum",
    "Quarter (Stadtteil)": "Stadtteil",
    "Locality (Ortschaft)": "Ortschaft",
    "Borough (Bezirk)": "Bezirk",
    "Forecast area (Prognoseraum)": "Prognoseraum",
    "District region (Bezirksregion)": "Bezirksregion",
    "Planning area (Planungsraum)": "Planungsraum",
    "Cities": "Städte",
    "City districts": "Stadtbezirke",
    "Social spaces": "Stadträume",
    "Quarters": "Stadtteile",
    "Localities": "Ortschaften",
    "Boroughs": "Bezirke",
    "Forecast areas": "Prognoseräume",
    "District regions": "Bezirksregionen",
    "Planning areas": "Planungsräume",
    "code": "Schlüssel",
    "name": "Name",
    "level": "Ebene",
    "parent area": "übergeordnetes Gebiet",
    "city": "Stadt",
    "The root area this area belongs to; empty for a city itself.": (
        "Die Stadt, zu der dieses Gebiet gehört; leer bei einer Stadt selbst."
    ),
    "partly also in": "teilweise auch in",
    "Further parent areas that this area straddles.": (
        "Weitere übergeordnete Gebiete, in die dieses Gebiet hineinreicht."
    ),
    "geometry (GeoJSON)": "Geometrie (GeoJSON)",
    "note": "Hinweis",
    "source and licence": "Quelle und Lizenz",
    "valid from": "gültig ab",
    "valid until": "gültig bis",
    "area": "Gebiet",
    "areas": "Gebiete",
    "Feature %(row)s: %(message)s": "Feature %(row)s: %(message)s",
    "%(created)s created, %(updated)s updated, %(versioned)s new boundary versions, "
    "%(unchanged)s unchanged": (
        "%(created)s neu angelegt, %(updated)s aktualisiert, %(versioned)s neue "
        "Grenzversionen, %(unchanged)s unverändert"
    ),
    "the code field “%s” is empty.": "das Schlüsselfeld „%s“ ist leer.",
    "the name field “%s” is empty.": "das Namensfeld „%s“ ist leer.",
    "code “%(code)s” appears twice (also in feature %(other)s).": (
        "Schlüssel „%(code)s“ kommt doppelt vor (auch in Feature %(other)s)."
    ),
    "Unknown area level “%s”.": "Unbekannte Gebietsebene „%s“.",
    "The field mapping lacks: %s.": "In der Feldzuordnung fehlt: %s.",
    "A parent field needs the level of the parent areas.": (
        "Ein Feld für das übergeordnete Gebiet braucht die Ebene der übergeordneten Gebiete."
    ),
    "%(code)s %(name)s: no parent area with code “%(parent)s”.": (
        "%(code)s %(name)s: kein übergeordnetes Gebiet mit dem Schlüssel „%(parent)s“."
    ),
    "Breadcrumb": "Brotkrümelnavigation",
    "Areas": "Gebiete",
    "Your area": "Ihr Gebiet",
    "Note on this area": "Hinweis zu diesem Gebiet",
    "Map": "Karte",
    "Map of %(name)s": "Karte von %(name)s",
    "Geometry:": "Geometrie:",
    "Facts": "Steckbrief",
    "Level": "Ebene",
    "Code": "Schlüssel",
    "Part of": "Teil von",
    "Partly also in": "Teilweise auch in",
    "Also contains part of": "Enthält auch einen Teil von",
    "Valid": "Gültig",
    "from %(d)s": "ab %(d)s",
    "since the first import": "seit dem ersten Import",
    "until %(d)s": "bis %(d)s",
    ("%(counter)s area within %(name)s", "%(counter)s areas within %(name)s"): (
        "%(counter)s Gebiet in %(name)s",
        "%(counter)s Gebiete in %(name)s",
    ),
    "Name": "Name",
    "Change history": "Änderungsverlauf",
    "Who changed what and when (visible to planning only)": (
        "Wer hat wann was geändert (nur für die Jugendhilfeplanung sichtbar)"
    ),
    "When": "Wann",
    "Who": "Wer",
    "What": "Was",
    "Changes": "Änderungen",
    "No changes recorded yet.": "Noch keine Änderungen erfasst.",
    "German": "Deutsch",
    "English": "Englisch",
    "Core": "Grundlagen",
    "created": "angelegt",
    "changed": "geändert",
    "deleted": "gelöscht",
    "system": "System",
    "User name or password is wrong. After several failed attempts the login is locked "
    "for a while.": (
        "Benutzername oder Passwort ist falsch. Nach mehreren Fehlversuchen wird die "
        "Anmeldung für eine Weile gesperrt."
    ),
    "This account is deactivated.": "Dieses Konto ist deaktiviert.",
    "Youth welfare planning": "Jugendhilfeplanung",
    "Coordinator": "Sozialraumkoordination",
    "Steering group member": "Mitglied der Steuerungsgruppe",
    "Organisation member": "Mitarbeit bei einem Träger",
    "role": "Rolle",
    "For coordinators: the areas they are responsible for.": (
        "Für Koordinator:innen: die Gebiete, für die sie zuständig sind."
    ),
    "organisation": "Organisation",
    "For organisation members: the organisation they act for.": (
        "Für Mitarbeitende von Trägern: die Organisation, für die sie handeln."
    ),
    "demo account": "Demo-Zugang",
    "user": "Benutzer:in",
    "users": "Benutzer:innen",
    "Access denied": "Kein Zugriff",
    "Your role does not allow you to open this page. If you think you need it, ask the "
    "youth welfare planning team.": (
        "Ihre Rolle erlaubt es nicht, diese Seite zu öffnen. Wenn Sie sie brauchen, wenden "
        "Sie sich an die Jugendhilfeplanung."
    ),
    "Back to the start page": "Zurück zur Startseite",
    "Page not found": "Seite nicht gefunden",
    "This page does not exist (any more). Please check the address or start again from "
    "the start page.": (
        "Diese Seite gibt es nicht (mehr). Bitte prüfen Sie die Adresse oder beginnen Sie "
        "auf der Startseite."
    ),
    "Skip to content": "Zum Inhalt springen",
    "Main navigation": "Hauptnavigation",
    "Audit log": "Änderungsprotokoll",
    "Demo data": "Demodaten",
    "Log out": "Abmelden",
    "Log in": "Anmelden",
    "Präventionsnetz – open-source platform for prevention networks in child and youth welfare.": (
        "Präventionsnetz – Open-Source-Plattform für Präventionsnetzwerke in der Kinder- "
        "und Jugendhilfe."
    ),
    "No personal case data: only aggregated figures, small numbers are suppressed.": (
        "Keine personenbezogenen Falldaten: nur zusammengefasste Zahlen, kleine Fallzahlen "
        "werden unterdrückt."
    ),
    "API documentation": "API-Dokumentation",
    "My account": "Mein Konto",
    "User name": "Benutzername",
    "Role": "Rolle",
    "no role": "keine Rolle",
    "Organisation": "Organisation",
    "The latest changes to the platform's data. The field-by-field changes are on each "
    "object's page.": (
        "Die neuesten Änderungen an den Daten der Plattform. Die Änderungen Feld für Feld "
        "stehen auf der Seite des jeweiligen Objekts."
    ),
    ("The latest change", "The latest %(counter)s changes"): (
        "Die neueste Änderung",
        "Die neuesten %(counter)s Änderungen",
    ),
    "Object": "Objekt",
    "Areas of %(city)s": "Gebiete in %(city)s",
    "Start": "Start",
    "%(level)s in %(city)s": "%(level)s in %(city)s",
    "Know the districts: the areas in which the prevention network plans, coordinates and "
    "reports. Choose an area on the map or in the table to see its page.": (
        "Die Sozialräume kennen: die Gebiete, in denen das Präventionsnetz plant, "
        "koordiniert und berichtet. Wählen Sie ein Gebiet auf der Karte oder in der Tabelle, "
        "um seine Seite zu öffnen."
    ),
    "Map of the %(level)s in %(city)s; the table lists the same areas": (
        "Karte: %(level)s in %(city)s; die Tabelle nennt dieselben Gebiete"
    ),
    "Table": "Tabelle",
    ("%(counter)s area on the map", "%(counter)s %(level)s on the map"): (
        "%(counter)s Gebiet auf der Karte",
        "%(counter)s %(level)s auf der Karte",
    ),
    "Welcome to Präventionsnetz": "Willkommen beim Präventionsnetz",
    "No areas have been loaded yet. Planning can import area geometries with the command "
    "“praeventionsnetz import_areas” or load the demo with “praeventionsnetz load_demo”.": (
        "Es sind noch keine Gebiete geladen. Die Jugendhilfeplanung kann Gebietsgeometrien "
        "mit dem Befehl „praeventionsnetz import_areas“ importieren oder die Demo mit "
        "„praeventionsnetz load_demo“ laden."
    ),
    "Login locked": "Anmeldung gesperrt",
    "Too many failed login attempts. For your protection, logging in with this user name "
    "is locked for 15 minutes. Please try again later.": (
        "Zu viele fehlgeschlagene Anmeldeversuche. Zu Ihrem Schutz ist die Anmeldung mit "
        "diesem Benutzernamen für 15 Minuten gesperrt. Bitte versuchen Sie es später erneut."
    ),
    "Families and the public need no account: the search and the public pages are open "
    "to everyone.": (
        "Familien und die Öffentlichkeit brauchen kein Konto: Die Suche und die öffentlichen "
        "Seiten stehen allen offen."
    ),
    "Funding": "Förderung",
    "Network": "Netzwerk",
    "demo record": "Demodatensatz",
    "Invented for the demo, not real.": "Für die Demo erfunden, nicht echt.",
    "organisations": "Organisationen",
    "Prevention chain": "Präventionskette",
    "Reports and impact": "Berichte und Wirkung",
    "Steering": "Steuerung",
    "Indicator": "Indikator",
    "Social structure": "Sozialstruktur",
    "Lived social space": "Sozialräumliche Dimension",
    "name (German)": "Name (Deutsch)",
    "name (English)": "Name (Englisch)",
    "demo data": "Demodaten",
    "indicator": "Indikator",
    "file name": "Dateiname",
    "unchanged": "unverändert",
    "denominator": "Nenner",
    "aggregated": "aggregiert",
    "observation": "Indikatorwert",
    "observations": "Indikatorwerte",
    "district type": "Stadtraumtyp",
    "district types": "Stadtraumtypen",
    "created at": "angelegt am",
    "Monitoring": "Monitoring",
    "District types": "Stadtraumtypen",
    "Model areas": "Modellgebiete",
    "Social burden": "Soziale Belastung",
    "No forecast for this area.": "Für dieses Gebiet liegt keine Prognose vor.",
    "No case volumes for this area.": (
        "Für dieses Gebiet liegen keine Angaben zum Fallaufkommen vor."
    ),
    "District type": "Stadtraumtyp",
    "No ratings recorded.": "Keine Bewertungen erfasst.",
    "Map of the local clusters; the table lists the same areas": (
        "Karte der lokalen Cluster; die Tabelle nennt dieselben Gebiete"
    ),
    "Area": "Gebiet",
    "Preview of “%(name)s”": "Vorschau für „%(name)s“",
    "Transformation": "Transformation",
    ("%(counter)s area", "%(counter)s areas"): (
        "%(counter)s Gebiet",
        "%(counter)s Gebiete",
    ),
    "No index defined yet.": "Noch kein Index definiert.",
    "Comparison of areas": "Vergleich der Gebiete",
    "%(level)s in %(city)s, %(period)s": "%(level)s in %(city)s, %(period)s",
    "Source and licence": "Quelle und Lizenz",
    "No areas have been loaded yet.": "Es sind noch keine Gebiete geladen.",
    "Map of the selected model areas; the table lists the same areas": (
        "Karte der ausgewählten Modellgebiete; die Tabelle nennt dieselben Gebiete"
    ),
    "Created": "Angelegt",
    "%(n)s ratings, mean %(mean)s": "%(n)s Bewertungen, Mittelwert %(mean)s",
    "no ratings recorded": "keine Bewertungen erfasst",
    "Period": "Zeitraum",
    "Classification": "Klassifikation",
    "Number of classes": "Anzahl der Klassen",
    "Long: one row per area, indicator and period": (
        "Langformat: eine Zeile je Gebiet, Indikator und Zeitraum"
    ),
    "Wide: one column per indicator": "Breitformat: eine Spalte je Indikator",
    "German (1.234,5)": "Deutsch (1.234,5)",
    "English (1,234.5)": "Englisch (1,234.5)",
    "File (CSV or XLSX)": "Datei (CSV oder XLSX)",
    "Level of the areas in the file": "Ebene der Gebiete in der Datei",
    "Layout": "Tabellenformat",
    "Number format": "Zahlenformat",
    "Column with the area": "Spalte mit dem Gebiet",
    "Column with the period": "Spalte mit dem Zeitraum",
    "Or one period for all rows (wide layout)": "Oder ein Zeitraum für alle Zeilen (Breitformat)",
    "e.g. 2024 or 2024-Q1": "z. B. 2024 oder 2024-Q1",
    "Column with the indicator (long layout)": "Spalte mit dem Indikator (Langformat)",
    "Column with the value (long layout)": "Spalte mit dem Wert (Langformat)",
    "Indicator columns (wide layout)": "Indikatorspalten (Breitformat)",
    "One per line: column = indicator key, e.g. Geborene = geburten. For a rate: "
    "column = key:zaehler and column = key:nenner.": (
        "Eine je Zeile: Spalte = Indikatorschlüssel, z. B. Geborene = geburten. Für "
        "eine Quote: Spalte = Schlüssel:zaehler und Spalte = Schlüssel:nenner."
    ),
    "Line %(n)s: expected “column = indicator key”.": (
        "Zeile %(n)s: erwartet wird „Spalte = Indikatorschlüssel“."
    ),
    "Name at least one indicator column.": "Geben Sie mindestens eine Indikatorspalte an.",
    "Name a period column or one period.": (
        "Geben Sie eine Spalte mit dem Zeitraum oder einen Zeitraum für alle Zeilen an."
    ),
    "Infrastructure": "Infrastruktur",
    "Need and services": "Bedarfe und Leistungen",
    "Count": "Anzahl",
    "Rate (numerator/denominator)": "Quote (Zähler/Nenner)",
    "Value": "Wert",
    "Higher means more burden": "Höher bedeutet mehr Belastung",
    "Neutral": "Neutral",
    "Higher means less burden": "Höher bedeutet weniger Belastung",
    "key": "Schlüssel",
    "description": "Beschreibung",
    "unit": "Einheit",
    "dimension": "Dimension",
    "direction": "Richtung",
    "kind": "Art",
    "scale of a rate": "Faktor einer Quote",
    "minimum cell size": "Mindestfallzahl",
    "Counts below this number are suppressed in pages, exports and the API.": (
        "Fallzahlen unter diesem Wert werden auf den Seiten, in Exporten und in der "
        "API unterdrückt."
    ),
    "source": "Quelle",
    "licence": "Lizenz",
    "indicators": "Indikatoren",
    "SHA-256 of the file": "SHA-256 der Datei",
    "imported by": "importiert von",
    "imported at": "importiert am",
    "layout": "Tabellenformat",
    "updated": "aktualisiert",
    "import": "Import",
    "imports": "Importe",
    "period": "Zeitraum",
    "value": "Wert",
    "numerator": "Zähler",
    "Computed from the areas below, not imported.": (
        "Aus den untergeordneten Gebieten berechnet, nicht importiert."
    ),
    "definition": "Definition",
    "composite index": "zusammengesetzter Index",
    "composite indices": "zusammengesetzte Indizes",
    "index": "Index",
    "class": "Klasse",
    "rank": "Rang",
    "index result": "Indexergebnis",
    "index results": "Indexergebnisse",
    "number of ratings": "Anzahl der Bewertungen",
    "mean rating": "mittlere Bewertung",
    "expert description": "Beschreibung der Fachleute",
    "district type assignment": "Zuordnung zum Stadtraumtyp",
    "district type assignments": "Zuordnungen zu Stadtraumtypen",
    "criteria": "Kriterien",
    "constraints": "Nebenbedingungen",
    "number of areas to select": "Anzahl auszuwählender Gebiete",
    "result": "Ergebnis",
    "model-area selection": "Auswahl von Modellgebieten",
    "model-area selections": "Auswahlen von Modellgebieten",
    "Download this table:": "Diese Tabelle herunterladen:",
    "Excel (XLSX)": "Excel (XLSX)",
    "Source:": "Quelle:",
    "Counts below %(n)s are shown as “&lt;%(n)s”.": (
        "Fallzahlen unter %(n)s werden als „&lt;%(n)s“ angezeigt."
    ),
    "Legend": "Legende",
    "not computed": "nicht berechnet",
    "Time series": "Zeitreihen",
    "Comparison": "Vergleich",
    "Indices": "Indizes",
    "Spatial clusters": "Räumliche Cluster",
    "Indicators": "Indikatoren",
    "Import": "Import",
    "Quantitative description of the area": "Quantitative Sozialraumbeschreibung",
    "Rank %(rank)s in the %(name)s %(period)s": "Rang %(rank)s im %(name)s %(period)s",
    "No precarity index computed for this area.": (
        "Für dieses Gebiet ist kein Prekarisierungsindex berechnet."
    ),
    "Population forecast 0–21": "Bevölkerungsprognose 0–21 Jahre",
    "Case volumes (outpatient / residential)": "Fallaufkommen (ambulant / stationär)",
    "Educational support": "Hilfen zur Erziehung",
    "Facilities per area (youth clubs, school social work, counselling centres, "
    "after-school care, Kitas, schools) come from the organisation registry, which "
    "is not filled yet.": (
        "Die Einrichtungen je Gebiet (Jugendclubs, Schulsozialarbeit, "
        "Beratungsstellen, Horte, Kitas, Schulen) kommen aus dem Trägerverzeichnis, "
        "das noch nicht befüllt ist."
    ),
    "%(n)s ratings, agreement with the type: %(mean)s (mean)": (
        "%(n)s Bewertungen, Zustimmung zum Typ: %(mean)s (Mittelwert)"
    ),
    "No type assigned.": "Kein Typ zugeordnet.",
    "latest figures": "aktuelle Werte",
    "Unit": "Einheit",
    "Source": "Quelle",
    "Composite indices": "Zusammengesetzte Indizes",
    "Index": "Index",
    "Class": "Klasse",
    "Rank": "Rang",
    "Do high or low values lie next to each other? Moran's I measures this for the "
    "whole city; the local analysis (LISA) marks hot spots (high among high), cold "
    "spots (low among low) and outliers. Neighbours are areas that touch.": (
        "Liegen hohe oder niedrige Werte nebeneinander? Moran's I misst das für die "
        "ganze Stadt; die lokale Analyse (LISA) markiert Hotspots (hoch unter hoch), "
        "Coldspots (niedrig unter niedrig) und Ausreißer. Nachbarn sind Gebiete, die "
        "aneinandergrenzen."
    ),
    "Show": "Anzeigen",
    "Local clusters per area (p-value from 999 permutations)": (
        "Lokale Cluster je Gebiet (p-Wert aus 999 Permutationen)"
    ),
    "Cluster": "Cluster",
    "Import figures": "Kennzahlen importieren",
    "Upload a CSV or XLSX file. You first see what would change and every faulty "
    "row; nothing is saved until you confirm. An import is all or nothing.": (
        "Laden Sie eine CSV- oder XLSX-Datei hoch. Sie sehen zuerst, was sich ändern "
        "würde, und jede fehlerhafte Zeile; gespeichert wird erst, wenn Sie "
        "bestätigen. Ein Import wird ganz oder gar nicht übernommen."
    ),
    "%(c)s new, %(u)s changed, %(n)s unchanged": "%(c)s neu, %(u)s geändert, %(n)s unverändert",
    (
        "%(counter)s row error – nothing can be imported until it is fixed.",
        "%(counter)s row errors – nothing can be imported until they are fixed.",
    ): (
        "%(counter)s fehlerhafte Zeile – importiert werden kann erst, wenn sie korrigiert ist.",
        "%(counter)s fehlerhafte Zeilen – importiert werden kann erst, wenn sie korrigiert sind.",
    ),
    "Correct the file and upload it again; your settings below are kept.": (
        "Korrigieren Sie die Datei und laden Sie sie erneut hoch; Ihre Einstellungen "
        "unten bleiben erhalten."
    ),
    "Import now": "Jetzt importieren",
    "What the import would do": "Was der Import ändern würde",
    "Row": "Zeile",
    "Action": "Aktion",
    "new": "neu",
    "changed (was %(old)s)": "geändert (bisher %(old)s)",
    "Check file": "Datei prüfen",
    "Definition": "Definition",
    "Components": "Bestandteile",
    "Weight": "Gewichtung",
    "Direction": "Richtung",
    "higher = more burden": "höher = mehr Belastung",
    "higher = less burden": "höher = weniger Belastung",
    "Show how stable the ranks are (each weight ±50 %%)": (
        "Zeigen, wie stabil die Ränge sind (jede Gewichtung ±50 %%)"
    ),
    "the table lists the same figures": "die Tabelle nennt dieselben Werte",
    "Sensitivity of the ranks": "Sensitivität der Ränge",
    "Each weight is multiplied by 0.5 and by 1.5, one at a time. An area whose rank "
    "hardly moves is ranked robustly; a large shift means its rank depends on the "
    "chosen weights.": (
        "Jede Gewichtung wird einzeln mit 0,5 und mit 1,5 multipliziert. Ein Gebiet, "
        "dessen Rang sich dabei kaum verschiebt, ist robust eingeordnet; eine große "
        "Verschiebung heißt, dass sein Rang von den gewählten Gewichtungen abhängt."
    ),
    "Rank range per area": "Rangspanne je Gebiet",
    "Best rank": "Bester Rang",
    "Worst rank": "Schlechtester Rang",
    "Largest shift": "Größte Verschiebung",
    "This index has not been computed yet.": "Dieser Index wurde noch nicht berechnet.",
    "Indices combine several standardised indicators into one figure per area, with "
    "classes and ranks. Their definitions are data: components, weights, directions "
    "and class limits.": (
        "Indizes fassen mehrere standardisierte Indikatoren zu einem Wert je Gebiet "
        "zusammen, mit Klassen und Rängen. Ihre Definitionen sind Daten: "
        "Bestandteile, Gewichtungen, Richtungen und Klassengrenzen."
    ),
    "Defined indices": "Definierte Indizes",
    "Description": "Beschreibung",
    "There are no figures for this level yet.": "Für diese Ebene gibt es noch keine Kennzahlen.",
    "Indicator catalogue": "Indikatorenkatalog",
    "Every figure the monitoring holds, by dimension of the social-space analysis, "
    "with its source and licence. Figures marked as demo data are invented for "
    "trying out the platform.": (
        "Alle Kennzahlen des Monitorings, geordnet nach den Dimensionen der "
        "Sozialraumanalyse, mit Quelle und Lizenz. Als Demodaten gekennzeichnete "
        "Kennzahlen sind erfunden, damit sich die Plattform ausprobieren lässt."
    ),
    ("%(counter)s indicator", "%(counter)s indicators"): (
        "%(counter)s Indikator",
        "%(counter)s Indikatoren",
    ),
    "Dimension": "Dimension",
    "Kind": "Art",
    "Figures": "Werte",
    "There are no figures for the %(level)s yet. Choose another level or import figures.": (
        "Für die %(level)s gibt es noch keine Kennzahlen. Wählen Sie eine andere "
        "Ebene oder importieren Sie Kennzahlen."
    ),
    "Classes": "Klassen",
    "no figure or suppressed": "kein Wert oder unterdrückt",
    "Areas (up to %(max_series)s)": "Gebiete (bis zu %(max_series)s)",
    "%(city)s and the chosen areas; without a choice, the three areas with the "
    "highest latest value.": (
        "%(city)s und die gewählten Gebiete; ohne Auswahl die drei Gebiete mit dem "
        "höchsten aktuellen Wert."
    ),
    "%(city)s, figures of %(period)s, %(n)s model areas; saved on %(date)s.": (
        "%(city)s, Kennzahlen von %(period)s, %(n)s Modellgebiete; gespeichert am %(date)s."
    ),
    "Reproduced from the saved inputs": "Aus den gespeicherten Eingaben nachgerechnet",
    "Criteria": "Kriterien",
    "Threshold": "Schwelle",
    "Ranking with reasons": "Rangfolge mit Begründung",
    "selected": "ausgewählt",
    "New selection of model areas": "Neue Auswahl von Modellgebieten",
    "Name of the run": "Name des Durchlaufs",
    "Period of the figures": "Zeitraum der Kennzahlen",
    "A criterion adds its z-score × direction × weight to an area's score. A "
    "threshold makes areas that miss it ineligible.": (
        "Ein Kriterium addiert seinen z-Wert × Richtung × Gewichtung zur Punktzahl "
        "eines Gebiets. Eine Schwelle schließt Gebiete aus, die sie nicht erreichen."
    ),
    "higher = more need": "höher = mehr Bedarf",
    "higher = less need": "höher = weniger Bedarf",
    "Kind of threshold": "Art der Schwelle",
    "at least": "mindestens",
    "at most": "höchstens",
    "Constraints": "Nebenbedingungen",
    "At most one area per district type": "Höchstens ein Gebiet je Stadtraumtyp",
    "Exclude areas": "Gebiete ausschließen",
    "Number of model areas (from %(level_label)s)": (
        "Anzahl der Modellgebiete (Ebene: %(level_label)s)"
    ),
    "Rank and save": "Rangfolge bilden und speichern",
    "Choice of model areas": "Auswahl der Modellgebiete",
    "Model areas are chosen by explicit criteria over the four dimensions. Each run "
    "is saved with its date, criteria and input figures, so it can be explained and "
    "reproduced.": (
        "Modellgebiete werden nach ausdrücklich benannten Kriterien aus den vier "
        "Dimensionen ausgewählt. Jeder Durchlauf wird mit Datum, Kriterien und "
        "Eingangswerten gespeichert, damit er sich erklären und nachvollziehen lässt."
    ),
    "New selection": "Neue Auswahl",
    "Saved selections": "Gespeicherte Auswahlen",
    "No selection saved yet.": "Noch keine Auswahl gespeichert.",
    "Local experts assign each area to a type (e.g. C “Im Wandel”, D “Buntes "
    "Viertel”, E “Unauffälliger Alltag”) and rate how well it fits. A clustering of "
    "standardised indicators can suggest a typology to discuss.": (
        "Fachleute vor Ort ordnen jedes Gebiet einem Typ zu (z. B. C „Im Wandel“, D "
        "„Buntes Viertel“, E „Unauffälliger Alltag“) und bewerten, wie gut er passt. "
        "Eine Clusteranalyse standardisierter Indikatoren kann eine Typologie als "
        "Diskussionsgrundlage vorschlagen."
    ),
    "Assigned types": "Zugeordnete Typen",
    "Type per area with the experts' agreement": "Typ je Gebiet mit der Zustimmung der Fachleute",
    "Type": "Typ",
    "Agreement": "Zustimmung",
    "Suggest a typology": "Typologie vorschlagen",
    "Number of types": "Anzahl der Typen",
    "Method": "Verfahren",
    "Suggest": "Vorschlagen",
    "Silhouette score: %(s)s": "Silhouettenkoeffizient: %(s)s",
    "from −1 to 1; above 0.5 the types are clearly separated, below 0.25 hardly.": (
        "von −1 bis 1; über 0,5 sind die Typen klar getrennt, unter 0,25 kaum."
    ),
    "Suggested type per area": "Vorgeschlagener Typ je Gebiet",
    "Suggested type": "Vorgeschlagener Typ",
    "Type code": "Kürzel des Typs",
    "e.g. D; a new code creates the type": "z. B. D; ein neues Kürzel legt den Typ an",
    "Type name": "Name des Typs",
    "Needed for a new type, e.g. Buntes Viertel": "Nötig für einen neuen Typ, z. B. Buntes Viertel",
    "Number of expert ratings": "Anzahl der Bewertungen durch Fachleute",
    "Mean agreement": "Mittlere Zustimmung",
    "Expert description": "Beschreibung der Fachleute",
    "A mean needs at least one rating.": "Ein Mittelwert braucht mindestens eine Bewertung.",
    "New indicator": "Neuer Indikator",
    "Edit indicator “%(name)s”": "Indikator „%(name)s“ bearbeiten",
    "Save": "Speichern",
    "edit": "bearbeiten",
    "Latest imports": "Letzte Importe",
    "Provenance of the imported figures": "Herkunft der importierten Kennzahlen",
    "File": "Datei",
    "Assign a type": "Typ zuordnen",
    "Save assignment": "Zuordnung speichern",
    # Network capability (M2): organisation registry, cooperation ties, survey waves.
    "From the organisation registry.": "Aus dem Organisationsregister.",
    "No facilities of the organisation registry lie in this area.": (
        "In diesem Gebiet liegen keine Einrichtungen aus dem Organisationsregister."
    ),
    "Answers until": "Antworten bis",
    "The end lies in the past.": "Das Ende liegt in der Vergangenheit.",
    "Health": "Gesundheit",
    "Youth welfare": "Jugendhilfe",
    "School and education": "Schule/Bildung",
    "Administration": "Verwaltung",
    "Civil society": "Zivilgesellschaft",
    "Employment": "Arbeit/Beschäftigung",
    "Other": "Sonstige",
    "Facility": "Einrichtung",
    "Provider": "Träger",
    "District": "Stadtteil/Bezirk",
    "State": "Land",
    "Day-care centre (Kita)": "Kindertagesstätte (Kita)",
    "School": "Schule",
    "Youth club (open youth work)": "Jugendclub (offene Jugendarbeit)",
    "School social work": "Schulsozialarbeit",
    "After-school care (Hort)": "Hort",
    "Counselling centre": "Beratungsstelle",
    "Family centre": "Familienzentrum",
    "General social service (ASD)": "Allgemeiner Sozialer Dienst (ASD)",
    "Health office": "Gesundheitsamt",
    "Medical practice or clinic": "Arztpraxis oder Klinik",
    "Jobcenter": "Jobcenter",
    "Association or initiative": "Verein oder Initiative",
    "Provider (Träger)": "Träger",
    "sector": "Sektor",
    "legal basis": "Rechtsgrundlage",
    "e.g. § 22 SGB VIII": "z. B. § 22 SGB VIII",
    "provider": "Träger",
    "street": "Straße",
    "postcode": "Postleitzahl",
    "town": "Ort",
    "longitude": "Längengrad",
    "latitude": "Breitengrad",
    "located in": "liegt in",
    "areas served": "versorgte Gebiete",
    "public": "öffentlich",
    "Shown to the public; otherwise internal.": "Öffentlich sichtbar; sonst nur intern.",
    "external id": "externe Kennung",
    "Information exchange": "Informationsaustausch",
    "Case-related cooperation": "Fallbezogene Zusammenarbeit",
    "Joint offer": "Gemeinsames Angebot",
    "Referral": "Weitervermittlung",
    "Formal cooperation agreement": "Förmliche Kooperationsvereinbarung",
    "Run by the provider": "Vom Träger betrieben",
    "weekly": "wöchentlich",
    "monthly": "monatlich",
    "quarterly": "vierteljährlich",
    "once or twice a year": "ein- bis zweimal im Jahr",
    "less often": "seltener",
    "Survey answer": "Antwort in der Befragung",
    "Coordinator entry": "Eintrag der Koordination",
    "Registry (provider of a facility)": "Register (Träger einer Einrichtung)",
    "started on": "begonnen am",
    "closes on": "endet am",
    "closed at": "abgeschlossen am",
    "survey wave": "Befragungswelle",
    "survey waves": "Befragungswellen",
    "survey invitation": "Einladung zur Befragung",
    "survey invitations": "Einladungen zur Befragung",
    "reported by": "gemeldet von",
    "partner": "Partner",
    "frequency": "Häufigkeit",
    "intensity (1–5)": "Intensität (1–5)",
    "trust (1–4)": "Vertrauen (1–4)",
    "value (1–4)": "Nutzen (1–4)",
    "from": "ab",
    "until": "bis",
    "cooperation tie": "Kooperationsbeziehung",
    "cooperation ties": "Kooperationsbeziehungen",
    "Survey": "Befragung",
    "Registry: facility and provider": "Register: Einrichtung und Träger",
    "whole city": "ganze Stadt",
    "Sector": "Sektor",
    "all": "alle",
    "Kind of tie": "Art der Beziehung",
    "Network map": "Netzwerkkarte",
    "Sector matrix": "Sektorenmatrix",
    "What to improve": "Verbesserungsansätze",
    "Surveys": "Befragungen",
    "Organisations": "Organisationen",
    "Density": "Dichte",
    "Reciprocity": "Reziprozität",
    "Centralisation": "Zentralisierung",
    "from −1 (only ties within sectors) to +1 (only across sectors)": (
        "von −1 (nur Beziehungen innerhalb der Sektoren) bis +1 (nur sektorübergreifend)"
    ),
    "E-I index (sectors)": "E-I-Index (Sektoren)",
    "The E-I index measures silos: −1 means every tie stays within its sector, +1 that every "
    "tie crosses sectors.": (
        "Der E-I-Index misst die Versäulung: −1 heißt, jede Beziehung bleibt innerhalb ihres "
        "Sektors, +1, dass jede Beziehung Sektorgrenzen überschreitet."
    ),
    "Concrete starting points for the coordinator, each with the evidence from the survey.": (
        "Konkrete Ansatzpunkte für die Koordination, jeweils mit den Belegen aus der Befragung."
    ),
    ("%(counter)s hint", "%(counter)s hints"): ("%(counter)s Hinweis", "%(counter)s Hinweise"),
    "Sector pairs without ties": "Sektorpaare ohne Beziehungen",
    "Single points of failure": "Schlüsselakteure (einzelne Ausfallpunkte)",
    "Bridges": "Brücken",
    "Central but one-sided": "Zentral, aber einseitig",
    "Isolated actors": "Isolierte Akteure",
    "One-sided actors": "Einseitig eingebundene Akteure",
    "page": "Seite",
    "No hints: every sector is linked, nobody is isolated.": (
        "Keine Hinweise: Alle Sektoren sind verbunden, niemand ist isoliert."
    ),
    "Ties between sectors": "Beziehungen zwischen den Sektoren",
    "Many ties on the diagonal and few elsewhere point to silos (Versäulung); empty cells are "
    "sector pairs without any cooperation.": (
        "Viele Beziehungen auf der Diagonale und wenige daneben deuten auf Versäulung hin; "
        "leere Zellen sind Sektorpaare ohne jede Zusammenarbeit."
    ),
    "Ties by sector of the reporter (rows) and of the partner (columns)": (
        "Beziehungen nach Sektor der meldenden Organisation (Zeilen) und des Partners (Spalten)"
    ),
    "Reporter \\ partner": "Gemeldet von \\ Partner",
    "Who cooperates with whom: colour shows the sector, shape the level, size the number of "
    "ties. Solid lines are named by both sides, dashed lines by one side only.": (
        "Wer arbeitet mit wem zusammen: Die Farbe zeigt den Sektor, die Form die Ebene, die "
        "Größe die Zahl der Beziehungen. Durchgezogene Linien nennen beide Seiten, gestrichelte "
        "nur eine Seite."
    ),
    "%(n_nodes)s organisations are too many for one drawing; choose an area or a sector.": (
        "%(n_nodes)s Organisationen sind zu viele für eine Zeichnung; bitte ein Gebiet oder "
        "einen Sektor wählen."
    ),
    "No ties for this choice.": "Keine Beziehungen für diese Auswahl.",
    "%(n_nodes)s organisations, %(n_ties)s reported ties.": (
        "%(n_nodes)s Organisationen, %(n_ties)s gemeldete Beziehungen."
    ),
    "Ties as a table": "Beziehungen als Tabelle",
    "Reported ties (reporter → partner)": (
        "Gemeldete Beziehungen (meldende Organisation → Partner)"
    ),
    "Reported by": "Gemeldet von",
    "Partner": "Partner",
    "Both sides?": "Beidseitig?",
    "reciprocated": "gegenseitig",
    "one-sided": "einseitig",
    "No ties.": "Keine Beziehungen.",
    "Legal basis": "Rechtsgrundlage",
    "Address": "Anschrift",
    "Located in": "Liegt in",
    "Areas served": "Versorgte Gebiete",
    ("Runs %(counter)s facility.", "Runs %(counter)s facilities."): (
        "Betreibt %(counter)s Einrichtung.",
        "Betreibt %(counter)s Einrichtungen.",
    ),
    "Cooperation ties": "Kooperationsbeziehungen",
    "Ties it reported": "Von ihr gemeldete Beziehungen",
    "registry": "Register",
    "None reported.": "Keine gemeldet.",
    "Named as partner by": "Als Partner genannt von",
    "Nobody named it yet.": "Noch von niemandem genannt.",
    "Organisation registry": "Organisationsregister",
    "Facilities, providers and services of the prevention network with sector, level and legal "
    "basis.": (
        "Einrichtungen, Träger und Dienste des Präventionsnetzes mit Sektor, Ebene und "
        "Rechtsgrundlage."
    ),
    "Name contains": "Name enthält",
    ("%(counter)s organisation", "%(counter)s organisations"): (
        "%(counter)s Organisation",
        "%(counter)s Organisationen",
    ),
    "No organisation matches.": "Keine passende Organisation.",
    "Pages": "Seiten",
    "previous": "vorherige",
    "Page %(n)s of %(total)s": "Seite %(n)s von %(total)s",
    "next": "nächste",
    "Answering for <strong>%(org)s</strong> in %(area)s. Tick the organisations you cooperate "
    "with and say how. It takes about ten minutes; you can change your answer with the same "
    "link until the survey closes.": (
        "Sie antworten für <strong>%(org)s</strong> in %(area)s. Kreuzen Sie die Organisationen "
        "an, mit denen Sie zusammenarbeiten, und geben Sie an, wie. Das dauert etwa zehn "
        "Minuten; mit demselben Link können Sie Ihre Antwort ändern, bis die Befragung endet."
    ),
    "Find an organisation": "Organisation suchen",
    "Known organisations": "Bekannte Organisationen",
    "We cooperate with": "Wir arbeiten zusammen mit",
    "Kind of cooperation": "Art der Zusammenarbeit",
    "How often": "Wie oft",
    "Trust (1–4)": "Vertrauen (1–4)",
    "Value for us (1–4)": "Nutzen für uns (1–4)",
    "Partners missing from the list (one per line)": (
        "Partner, die in der Liste fehlen (einer pro Zeile)"
    ),
    "Send answer": "Antwort senden",
    "This link does not work": "Dieser Link funktioniert nicht",
    "Please use the personal link your organisation received, or ask the coordinator of your "
    "area for a new one.": (
        "Bitte verwenden Sie den persönlichen Link, den Ihre Organisation erhalten hat, oder "
        "bitten Sie die Koordination Ihres Gebiets um einen neuen."
    ),
    "Thank you": "Vielen Dank",
    "Thank you!": "Vielen Dank!",
    ("%(name)s: %(counter)s cooperation saved.", "%(name)s: %(counter)s cooperations saved."): (
        "%(name)s: %(counter)s Kooperation gespeichert.",
        "%(name)s: %(counter)s Kooperationen gespeichert.",
    ),
    "You can use the same link to change your answer until the survey closes.": (
        "Mit demselben Link können Sie Ihre Antwort ändern, bis die Befragung endet."
    ),
    "open": "offen",
    "closed": "abgeschlossen",
    "%(answered)s of %(total)s organisations have answered (%(percent)s %%).": (
        "%(answered)s von %(total)s Organisationen haben geantwortet (%(percent)s %%)."
    ),
    "Note a reminder for those who have not answered": (
        "Erinnerung für alle vermerken, die noch nicht geantwortet haben"
    ),
    "Close the survey": "Befragung abschließen",
    "Show the network of this survey": "Netzwerk dieser Befragung anzeigen",
    "Who answered": "Wer geantwortet hat",
    "Answered": "Geantwortet",
    "Reminded": "Erinnert",
    "Personal link": "Persönlicher Link",
    "not yet": "noch nicht",
    "Link for %(name)s": "Link für %(name)s",
    "Start a survey": "Befragung starten",
    "Start and create the links": "Starten und Links erzeugen",
    "Network surveys": "Netzwerkbefragungen",
    "In a survey wave every organisation of an area gets a personal link and names its "
    "partners: kind and frequency of the cooperation, trust and value. No login is needed to "
    "answer.": (
        "In einer Befragungswelle erhält jede Organisation eines Gebiets einen persönlichen Link "
        "und nennt ihre Partner: Art und Häufigkeit der Zusammenarbeit, Vertrauen und Nutzen. "
        "Zum Antworten ist keine Anmeldung nötig."
    ),
    "Survey waves": "Befragungswellen",
    "Status": "Status",
    "No survey yet.": "Noch keine Befragung.",
    # Keyed by (context, msgid) for msgids that need another word in one place.
    ("network", "Components"): "Teilnetze",
    "Change between surveys": "Veränderung zwischen Befragungen",
    "Position in the network": "Stellung im Netzwerk",
    "In the survey “%(wave)s”:": "In der Befragung „%(wave)s“:",
    "Names": "Nennt",
    "Named by": "Genannt von",
    "Betweenness": "Betweenness (Vermittlungsposition)",
    "Single point of failure": "Schlüsselakteur",
    "yes: without it the network falls apart": "ja: ohne sie zerfällt das Netzwerk",
    "Brokerage roles": "Vermittlerrollen",
    "Earlier survey": "Frühere Befragung",
    "Later survey": "Spätere Befragung",
    "Compare": "Vergleichen",
    "Measures of the whole network": "Kennzahlen des ganzen Netzwerks",
    "Measure": "Kennzahl",
    "Change": "Veränderung",
    ("%(counter)s tie gained", "%(counter)s ties gained"): (
        "%(counter)s Beziehung hinzugekommen",
        "%(counter)s Beziehungen hinzugekommen",
    ),
    ("%(counter)s tie lost", "%(counter)s ties lost"): (
        "%(counter)s Beziehung weggefallen",
        "%(counter)s Beziehungen weggefallen",
    ),
    "Two different surveys are needed for a comparison.": (
        "Für einen Vergleich braucht es zwei verschiedene Befragungen."
    ),
    "Possible duplicates": "Mögliche Dubletten",
    "Pairs with the same name and address or nearly the same name. Merging moves ties, "
    "facilities, members and survey invitations to the organisation that is kept.": (
        "Paare mit gleichem Namen und gleicher Anschrift oder fast gleichem Namen. Beim "
        "Zusammenführen gehen Beziehungen, Einrichtungen, Mitglieder und Befragungslinks auf "
        "die Organisation über, die bleibt."
    ),
    ("%(counter)s pair", "%(counter)s pairs"): ("%(counter)s Paar", "%(counter)s Paare"),
    "Keep": "Behalten",
    "Merge into it": "Hineinführen",
    "Why": "Warum",
    "Merge": "Zusammenführen",
    "No possible duplicates found.": "Keine möglichen Dubletten gefunden.",
    "Import organisations": "Organisationen importieren",
    "Upload a CSV or XLSX file with one organisation per row. You see every faulty row and "
    "possible duplicates first; nothing is saved until you confirm, and then all or "
    "nothing.": (
        "Laden Sie eine CSV- oder XLSX-Datei mit einer Organisation je Zeile hoch. Sie sehen "
        "zuerst jede fehlerhafte Zeile und mögliche Dubletten; gespeichert wird erst nach "
        "Ihrer Bestätigung, und dann alles oder nichts."
    ),
    "Columns:": "Spalten:",
    "only “name” is required; kind, sector and level as code or German name": (
        "nur „name“ ist Pflicht; Art, Sektor und Ebene als Kürzel oder deutscher Name"
    ),
    "%(c)s organisations ready to import.": "%(c)s Organisationen bereit zum Import.",
    "Record a cooperation": "Zusammenarbeit erfassen",
    ("Show %(counter)s more", "Show %(counter)s more"): (
        "%(counter)s weiteren anzeigen",
        "%(counter)s weitere anzeigen",
    ),
    "Find offers": "Angebote finden",
    "Pregnancy": "Schwangerschaft",
    "0–1 years": "0–1 Jahre",
    "1–3 years": "1–3 Jahre",
    "3–6 years": "3–6 Jahre",
    "6–10 years": "6–10 Jahre",
    "10–14 years": "10–14 Jahre",
    "14–18 years": "14–18 Jahre",
    "18–27 years": "18–27 Jahre",
    "Parents": "Eltern",
    "Family → day care": "Familie → Kita",
    "Day care → primary school": "Kita → Grundschule",
    "Primary → secondary school": "Grundschule → weiterführende Schule",
    "School → work": "Schule → Beruf",
    "Open access, just come": "Offen, einfach vorbeikommen",
    "By appointment": "Mit Termin",
    "Only with a referral": "Nur mit Überweisung oder Vermittlung",
    "Draft": "Entwurf",
    "Waiting for review": "Wartet auf Prüfung",
    "Published": "Veröffentlicht",
    "No longer offered": "Nicht mehr im Angebot",
    "taxonomy": "Taxonomie",
    "topic": "Thema",
    "topics": "Themen",
    "status": "Status",
    "who it is for": "für wen",
    "free of charge": "kostenlos",
    "costs": "Kosten",
    "languages": "Sprachen",
    "ISO 639-1 codes, e.g. de, en, ar": "ISO-639-1-Kürzel, z. B. de, en, ar",
    "accessibility": "Barrierefreiheit",
    "how to get it": "so bekommen Sie es",
    "life phases": "Lebensphasen",
    "transitions": "Übergänge",
    "access": "Zugang",
    "places": "Plätze",
    "contact (role)": "Kontakt (Funktion)",
    "phone": "Telefon",
    "e-mail": "E-Mail",
    "website": "Website",
    "last verified on": "zuletzt geprüft am",
    "offer": "Angebot",
    "offers": "Angebote",
    "location": "Standort",
    "locations": "Standorte",
    "offer at location": "Angebot am Standort",
    "offers at locations": "Angebote an Standorten",
    "weekday": "Wochentag",
    "opens at": "öffnet um",
    "closes at": "schließt um",
    "opening hours": "Öffnungszeiten",
    "Back to the search": "Zurück zur Suche",
    "Print": "Drucken",
    "At a glance": "Auf einen Blick",
    "Who it is for": "Für wen",
    "Access": "Zugang",
    "Costs": "Kosten",
    "with costs": "kostenpflichtig",
    "Languages": "Sprachen",
    "Topics": "Themen",
    "How to get it": "So bekommen Sie es",
    "Contact": "Kontakt",
    "Last checked": "Zuletzt geprüft",
    "Opening hours": "Öffnungszeiten",
    "Map of the location; the address is written beside it": (
        "Karte des Standorts; die Adresse steht daneben"
    ),
    "Find offers for families": "Angebote für Familien finden",
    "Find help and offers for your family": "Hilfe und Angebote für Ihre Familie finden",
    "Counselling, child care, meeting places and more near you. Free of charge and without "
    "registration.": (
        "Beratung, Kinderbetreuung, Treffpunkte und mehr in Ihrer Nähe. Kostenlos und ohne "
        "Anmeldung."
    ),
    "What are you looking for?": "Was suchen Sie?",
    "e.g. Kita, Erziehungsberatung, Hebamme": "z. B. Kita, Erziehungsberatung, Hebamme",
    "Age of the child (years)": "Alter des Kindes (Jahre)",
    "Near (street, district or coordinates)": (
        "In der Nähe von (Straße, Stadtteil oder Koordinaten)"
    ),
    "Within": "Umkreis",
    "any distance": "beliebige Entfernung",
    "Topic": "Thema",
    "Language": "Sprache",
    "Free of charge only": "Nur kostenlose Angebote",
    "Search": "Suchen",
    ("%(counter)s offer found", "%(counter)s offers found"): (
        "%(counter)s Angebot gefunden",
        "%(counter)s Angebote gefunden",
    ),
    "sorted by distance from %(place)s": "sortiert nach Entfernung von %(place)s",
    "Results": "Ergebnisse",
    "Opening hours:": "Öffnungszeiten:",
    "Nothing found. Try fewer or other words, or a larger distance.": (
        "Nichts gefunden. Versuchen Sie weniger oder andere Wörter oder einen größeren Umkreis."
    ),
    "Map of the offers found; the list names the same offers": (
        "Karte der gefundenen Angebote; die Liste nennt dieselben Angebote"
    ),
    "ISO 639-1 codes separated by commas, e.g. de, en, ar": (
        "Sprachkürzel nach ISO 639-1, durch Kommas getrennt, z. B. de, en, ar"
    ),
    "Not a two-letter language code: %(codes)s": "Kein zweibuchstabiges Sprachkürzel: %(codes)s",
    "New offer": "Neues Angebot",
    "Keep offers up to date": "Angebote pflegen",
    "After saving, the coordinator of the area checks the offer and publishes it.": (
        "Nach dem Speichern prüft die Koordination des Gebiets das Angebot und veröffentlicht es."
    ),
    "Save and send for review": "Speichern und zur Prüfung geben",
    "Offers of %(org)s": "Angebote von %(org)s",
    "Your organisation's offers": "Die Angebote Ihrer Organisation",
    "Offer": "Angebot",
    "No offers yet.": "Noch keine Angebote.",
    "Waiting for your review": "Warten auf Ihre Prüfung",
    "Offers sent for review": "Zur Prüfung gegebene Angebote",
    "Publish": "Veröffentlichen",
    "Nothing to review.": "Nichts zu prüfen.",
    "Not checked for twelve months": "Seit zwölf Monaten nicht geprüft",
    "last checked": "zuletzt geprüft",
    "All your offers were checked within the last twelve months.": (
        "Alle Ihre Angebote wurden in den letzten zwölf Monaten geprüft."
    ),
    "coordinates": "Koordinaten",
    "Latitude, longitude, e.g. 51.0504, 13.7373; needed for the map and the distance": (
        "Breitengrad, Längengrad, z. B. 51.0504, 13.7373; nötig für die Karte und die Entfernung"
    ),
    "Please give latitude and longitude as two numbers, e.g. 51.0504, 13.7373.": (
        "Bitte geben Sie Breitengrad und Längengrad als zwei Zahlen an, z. B. 51.0504, 13.7373."
    ),
    "Note on the opening hours": "Hinweis zu den Öffnungszeiten",
    "e.g. not in the school holidays": "z. B. nicht in den Schulferien",
    "What should be changed?": "Was soll geändert werden?",
    "Notes from the review": "Hinweise aus der Prüfung",
    "Places and opening hours": "Orte und Öffnungszeiten",
    "Where the offer takes place": "Wo das Angebot stattfindet",
    "Place": "Ort",
    "no coordinates: not on the map": "keine Koordinaten: nicht auf der Karte",
    "none given": "keine angegeben",
    "Remove %(name)s": "%(name)s entfernen",
    "No place yet: families cannot find the offer on the map.": (
        "Noch kein Ort: Familien finden das Angebot nicht auf der Karte."
    ),
    "Add a place": "Ort hinzufügen",
    "Address": "Adresse",
    "A new or changed place of a published offer sends it to review. A place that other offers share is copied, so they keep theirs.": (
        "Ein neuer oder geänderter Ort gibt ein veröffentlichtes Angebot zur Prüfung. Ein Ort, "
        "den andere Angebote mitnutzen, wird kopiert; dort bleibt er unverändert."
    ),
    "A note belongs to opening hours: please give at least one time as well.": (
        "Ein Hinweis gehört zu Öffnungszeiten: Bitte geben Sie auch mindestens eine Zeit an."
    ),
    "Save the place": "Ort speichern",
    "Write the times as you would on a door sign, e.g. 9–12, 14:30–18. Leave a day empty when closed. Opening hours are shown at once.": (
        "Schreiben Sie die Zeiten wie auf ein Türschild, z. B. 9–12, 14:30–18. Lassen Sie "
        "geschlossene Tage leer. Öffnungszeiten sind sofort sichtbar."
    ),
    "Weekly opening hours": "Öffnungszeiten in der Woche",
    "Save the opening hours": "Öffnungszeiten speichern",
    "Publish %(name)s": "%(name)s veröffentlichen",
    "Send back with a note": "Mit Hinweis zurückgeben",
    "Send back": "Zurückgeben",
    "Sent back:": "Zurückgegeben:",
    "Coverage of the prevention chain": "Abdeckung der Präventionskette",
    "Offers per 1,000 children of the age band, for every life phase and area. A cell is a gap when there is no offer at all or fewer than the threshold.": (
        "Angebote je 1.000 Kinder der Altersgruppe, für jede Lebensphase und jedes Gebiet. "
        "Eine Zelle ist eine Lücke, wenn es gar kein Angebot gibt oder weniger als die Schwelle."
    ),
    "Some children's figures are demo data (marked below) until the city imports real figures per age band. Births are real.": (
        "Einige Kinderzahlen sind Demodaten (unten markiert), bis die Stadt echte Zahlen je "
        "Altersgruppe importiert. Die Geburten sind echt."
    ),
    "Where the number of children comes from": "Woher die Zahl der Kinder stammt",
    "Children per life phase": "Kinder je Lebensphase",
    "Life phase": "Lebensphase",
    "Threshold per 1,000": "Schwelle je 1.000",
    "no figures": "keine Zahlen",
    "Change the thresholds": "Schwellen ändern",
    "Map: %(phase)s": "Karte: %(phase)s",
    "Map of the coverage; the table lists the same figures": (
        "Karte der Abdeckung; die Tabelle enthält dieselben Zahlen"
    ),
    "Life phase × area": "Lebensphase × Gebiet",
    ("%(gaps)s gap in all.", "%(gaps)s gaps in all."): (
        "%(gaps)s Lücke insgesamt.",
        "%(gaps)s Lücken insgesamt.",
    ),
    "Offers per 1,000 children (number of offers in brackets); “Lücke” marks a gap": (
        "Angebote je 1.000 Kinder (Zahl der Angebote in Klammern); „Lücke“ markiert eine Lücke"
    ),
    "Transitions without an offer": "Übergänge ohne Angebot",
    "Areas where no offer accompanies a transition": (
        "Gebiete, in denen kein Angebot einen Übergang begleitet"
    ),
    "Every transition has at least one offer in every area.": (
        "Jeder Übergang hat in jedem Gebiet mindestens ein Angebot."
    ),
    "Prevention chain in %(name)s": "Präventionskette in %(name)s",
    "Area profile": "Gebietsprofil",
    "The life course from pregnancy to 27, left to right, with the offers that reach this area. Empty steps are holes in the chain.": (
        "Der Lebenslauf von der Schwangerschaft bis 27, von links nach rechts, mit den "
        "Angeboten, die dieses Gebiet erreichen. Leere Stufen sind Lücken in der Kette."
    ),
    "Holes in the chain": "Lücken in der Kette",
    "No offer for %(phase)s": "Kein Angebot für %(phase)s",
    "No offer accompanies the transition %(transition)s": (
        "Kein Angebot begleitet den Übergang %(transition)s"
    ),
    "Every life phase and every transition has at least one offer here.": (
        "Jede Lebensphase und jeder Übergang hat hier mindestens ein Angebot."
    ),
    "Life course": "Lebenslauf",
    ("%(n)s offer", "%(n)s offers"): ("%(n)s Angebot", "%(n)s Angebote"),
    ("and %(n)s more", "and %(n)s more"): ("und %(n)s weiteres", "und %(n)s weitere"),
    "no offer": "kein Angebot",
    "Transition": "Übergang",
    "no offer accompanies it": "kein Angebot begleitet ihn",
    "Thresholds for gaps": "Schwellen für Lücken",
    "Per life phase: with fewer offers per 1,000 children of the age band, an area counts as a gap. An area without any offer is always a gap.": (
        "Je Lebensphase: Mit weniger Angeboten je 1.000 Kinder der Altersgruppe gilt ein "
        "Gebiet als Lücke. Ein Gebiet ohne jedes Angebot ist immer eine Lücke."
    ),
    "Offers per 1,000 children": "Angebote je 1.000 Kinder",
    "Save the thresholds": "Schwellen speichern",
    "life phase": "Lebensphase",
    "offers per 1,000 children": "Angebote je 1.000 Kinder",
    "coverage threshold": "Schwelle der Abdeckung",
    "coverage thresholds": "Schwellen der Abdeckung",
    "Prevention chain": "Präventionskette",
    "Prevention chain of this area": "Präventionskette dieses Gebiets",
    "threshold %(threshold)s": "Schwelle %(threshold)s",
    "Offers as HSDS 3.0": "Angebote als HSDS 3.0",
    "Upload an Open Referral HSDS 3.0 datapackage as a zip file (CSV files with datapackage.json). You first see what would change and every faulty row; nothing is saved until you confirm, and then all or nothing. Organisations are matched with the registry and never added twice.": (
        "Laden Sie ein Datenpaket nach Open Referral HSDS 3.0 als ZIP-Datei hoch (CSV-Dateien "
        "mit datapackage.json). Sie sehen zuerst, was sich ändern würde, und jede fehlerhafte "
        "Zeile; gespeichert wird erst nach Ihrer Bestätigung, und dann alles oder nichts. "
        "Organisationen werden mit dem Verzeichnis abgeglichen und nie doppelt angelegt."
    ),
    "Rows": "Zeilen",
    "removed": "entfernt",
    "Notes": "Hinweise",
    "Nothing would change: the directory already holds this package.": (
        "Nichts würde sich ändern: Das Verzeichnis enthält dieses Paket bereits."
    ),
    "City of new organisations": "Stadt neuer Organisationen",
    "Used when the package does not say which city an organisation belongs to.": (
        "Gilt, wenn das Paket nicht angibt, zu welcher Stadt eine Organisation gehört."
    ),
    "Datapackage (zip)": "Datenpaket (ZIP)",
    "Download": "Herunterladen",
    "The offer directory as an HSDS 3.0 datapackage (zip): organisations, offers, locations, opening hours, languages, topics and our own fields.": (
        "Das Angebotsverzeichnis als Datenpaket nach HSDS 3.0 (ZIP): Organisationen, Angebote, "
        "Orte, Öffnungszeiten, Sprachen, Themen und unsere eigenen Felder."
    ),
    "Also offers that are not published": "Auch nicht veröffentlichte Angebote",
    "Download datapackage": "Datenpaket herunterladen",
    "Please choose a file.": "Bitte wählen Sie eine Datei.",
    "The file is larger than 20 MB.": "Die Datei ist größer als 20 MB.",
    "The preview has expired. Please upload the file again.": (
        "Die Vorschau ist abgelaufen. Bitte laden Sie die Datei erneut hoch."
    ),
    "HSDS import of “%(name)s” saved: %(summary)s.": (
        "HSDS-Import von „%(name)s“ gespeichert: %(summary)s."
    ),
    "Offers as HSDS 3.0 (import and export)": "Angebote als HSDS 3.0 (Import und Export)",
}
