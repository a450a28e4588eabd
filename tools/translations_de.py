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
}
