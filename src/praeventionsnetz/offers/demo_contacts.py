"""Contact data of the invented Dresden demo offers: plausible, and never a real line.

Addresses use a real street of the Stadtteil the demo organisation lies in (by its point,
which lies inside that Stadtteil) with an invented house number. Phone numbers start with
0351 0: a German subscriber number never begins with 0, so no such number can be called.
E-mail addresses and websites lie under example.org (reserved for examples, RFC 2606).
Everything is shown as demo data on the offer page.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

# Stadtteil number → (postcode, a street of that Stadtteil). From knowledge of the city,
# for the demo only; the house numbers are invented.
STREETS = {
    "01": ("01067", "Wilsdruffer Straße"),
    "02": ("01069", "Ziegelstraße"),
    "03": ("01069", "Lingnerallee"),
    "04": ("01067", "Freiberger Straße"),
    "05": ("01067", "Friedrichstraße"),
    "06": ("01307", "Pfotenhauerstraße"),
    "07": ("01307", "Dürerstraße"),
    "11": ("01099", "Louisenstraße"),
    "12": ("01099", "Bautzner Straße"),
    "13": ("01097", "Königstraße"),
    "14": ("01097", "Leipziger Straße"),
    "15": ("01099", "Stauffenbergallee"),
    "21": ("01127", "Oschatzer Straße"),
    "22": ("01139", "Lommatzscher Straße"),
    "23": ("01139", "Altkaditz"),
    "24": ("01129", "Wilder-Mann-Straße"),
    "25": ("01129", "Großenhainer Straße"),
    "31": ("01109", "Königsbrücker Landstraße"),
    "32": ("01109", "Karl-Liebknecht-Straße"),
    "33": ("01109", "Flughafenstraße"),
    "34": ("01129", "Moritzburger Landstraße"),
    "35": ("01108", "Alte Dresdner Straße"),
    "36": ("01465", "Bahnhofstraße"),
    "41": ("01326", "Grundstraße"),
    "42": ("01324", "Bautzner Landstraße"),
    "43": ("01326", "August-Böckstiegel-Straße"),
    "44": ("01328", "Radeberger Landstraße"),
    "45": ("01328", "Bautzner Landstraße"),
    "46": ("01328", "Dresdner Straße"),
    "47": ("01328", "Am Schloß"),
    "51": ("01309", "Loschwitzer Straße"),
    "52": ("01277", "Bergmannstraße"),
    "53": ("01277", "Schandauer Straße"),
    "54": ("01309", "Borsbergstraße"),
    "55": ("01279", "Wehlener Straße"),
    "56": ("01237", "Pirnaer Landstraße"),
    "57": ("01277", "Zwinglistraße"),
    "61": ("01257", "Stephensonstraße"),
    "62": ("01279", "Laubegaster Ufer"),
    "63": ("01259", "Berthold-Haupt-Straße"),
    "64": ("01259", "Gamigstraße"),
    "71": ("01239", "Prohliser Allee"),
    "72": ("01239", "Georg-Palitzsch-Straße"),
    "73": ("01257", "Bahnhofstraße"),
    "74": ("01257", "Lockwitzgrund"),
    "75": ("01219", "Altleubnitz"),
    "76": ("01219", "Dohnaer Straße"),
    "77": ("01237", "Reicker Straße"),
    "81": ("01069", "Bernhardstraße"),
    "82": ("01069", "Reichenbachstraße"),
    "83": ("01217", "Münzmeisterstraße"),
    "84": ("01217", "Südhöhe"),
    "85": ("01189", "Karlsruher Straße"),
    "86": ("01187", "Chemnitzer Straße"),
    "90": ("01462", "Dresdner Straße"),
    "91": ("01157", "Hamburger Straße"),
    "92": ("01159", "Kesselsdorfer Straße"),
    "93": ("01159", "Tharandter Straße"),
    "94": ("01159", "Saalhausener Straße"),
    "95": ("01169", "Amalie-Dietrich-Platz"),
    "96": ("01169", "Wölfnitzer Ring"),
    "97": ("01169", "Merianplatz"),
    "98": ("01157", "Meißner Landstraße"),
    "99": ("01156", "Otto-Harzer-Straße"),
}


def slug(name: str) -> str:
    """ "Kita 1 Pieschen (Demodaten)" → "kita-1-pieschen"."""
    name = name.replace(" (Demodaten)", "")
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(umlaut, plain).replace(umlaut.upper(), plain.capitalize())
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def address(stadtteil: str | None, rng: np.random.Generator) -> tuple[str, str]:
    """(street with house number, postcode) in this Stadtteil; ("", "") if unknown."""
    if stadtteil not in STREETS:
        return "", ""
    postcode, street = STREETS[stadtteil]
    return f"{street} {int(rng.integers(1, 80))}", postcode


def phone(rng: np.random.Generator) -> str:
    """A Dresden number that cannot exist: the subscriber part begins with 0."""
    digits = f"{int(rng.integers(0, 100_000)):05d}"
    return f"0351 0{digits[:2]} {digits[2:]}"


def email(organisation_name: str) -> str:
    return f"{slug(organisation_name)}@example.org"


def website(organisation_name: str) -> str:
    return f"https://example.org/{slug(organisation_name)}/"
