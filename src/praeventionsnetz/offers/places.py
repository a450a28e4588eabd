"""Where a family searches: the city of the search, the place typed as "near", and the
place and language words of a query, which act as filters rather than as words that must
appear in an offer's text ("Kita Pieschen", "Elternberatung türkisch")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from praeventionsnetz.areas import geo
from praeventionsnetz.areas.models import LEVEL_ORDER, Area, Level
from praeventionsnetz.areas.postcodes import postcode_book, postcode_in
from praeventionsnetz.areas.selectors import cities, city_get, locator_for
from praeventionsnetz.offers.forms import parse_coordinates
from praeventionsnetz.offers.geocoding import geocode
from praeventionsnetz.offers.languages import language_name, language_of_word
from praeventionsnetz.offers.models import Location
from praeventionsnetz.offers.placenames import (
    GENERIC,
    find_phrases,
    fold,
    name_variants,
    nearest,
    words,
)
from praeventionsnetz.offers.selectors.search import published

# The levels whose names families use for where they live; the city itself is the scope.
PLACE_LEVELS = [level for level in Level.values if level != Level.CITY]
# "Beratung auf Türkisch": the little word before a language goes with it.
LANGUAGE_PREPOSITIONS = {"auf", "in", "on"}
_HOUSE_NUMBER = re.compile(r"\s+\d+\s*[a-zA-Z]?(?:\s*[-–/]\s*\d+\s*[a-zA-Z]?)?\s*$")


@dataclass(frozen=True)
class Near:
    """What the "near" field found: a point (lon, lat) with a label; or nothing, with the
    nearest known spellings and, for a postcode of another city, that city."""

    point: tuple[float, float] | None = None
    label: str = ""
    suggestions: list[str] = field(default_factory=list)
    other_city: Area | None = None


@dataclass(frozen=True)
class QueryFilters:
    """A query with its place and language words taken out as filters."""

    q: str
    area: Area | None = None
    language: str = ""

    @property
    def notes(self) -> list[str]:
        notes = []
        if self.area is not None:
            notes.append(_("Filtered by place: %(place)s") % {"place": self.area.name})
        if self.language:
            notes.append(
                _("Filtered by language: %(language)s") % {"language": language_name(self.language)}
            )
        return notes


def _areas(city: Area) -> list[Area]:
    return list(
        Area.objects.current()
        .filter(city=city, level__in=PLACE_LEVELS)
        .only("pk", "name", "level", "code", "city_id")
    )


def _area_phrases(areas: list[Area]) -> dict[str, Area]:
    """Folded name → area. A whole name beats a part of a longer name ("Pieschen" is the
    Stadtbezirk, not the Stadtraum "Leipziger Vorstadt, Pieschen"), a coarser level a finer
    one of the same name."""
    ranked: dict[str, tuple[tuple[int, int], Area]] = {}
    for area in areas:
        name = re.sub(r"\([^)]*\)", " ", area.name)  # "Strehlen (ohne Sternhäuser)"
        shortened = name != area.name
        name = " ".join(name.split())
        parts = {p.strip() for p in re.split(r"[/,]", name)}
        for i, variant in enumerate(name_variants(name)):
            key = fold(variant)
            if len(key) < 3:
                continue
            # 0 the whole name, 1 a part, 2 a piece of a hyphenated part.
            kind = 0 if i == 0 else 1 if variant in parts else 2
            if (kind or shortened) and key in GENERIC:
                continue
            rank = (kind, LEVEL_ORDER[area.level])
            if key not in ranked or rank < ranked[key][0]:
                ranked[key] = (rank, area)
    return {key: area for key, (_rank, area) in ranked.items()}


class Districts:
    """A city's district names, read and folded once per request however often they are
    asked for (the query's place filter and "near" both need them)."""

    def __init__(self, city: Area) -> None:
        self.city = city

    @functools.cached_property
    def areas(self) -> list[Area]:
        return _areas(self.city)

    @functools.cached_property
    def phrases(self) -> dict[str, Area]:
        return _area_phrases(self.areas)


def query_filters(q: str, *, city: Area | None, districts: Districts | None = None) -> QueryFilters:
    """Take a place of ``city`` ("Pieschen") and a language ("türkisch", "auf Arabisch") out
    of the query; the rest are the words searched for in the offers' text."""
    typed = words(q)
    if not typed:
        return QueryFilters(q=q)
    drop: set[int] = set()
    area = None
    if city is not None:
        districts = districts or Districts(city)
        for found in find_phrases(typed, districts.phrases):
            if area is None:
                area = found.value
                drop |= set(range(found.start, found.end))
    language = ""
    for i, word in enumerate(typed):
        if i in drop:
            continue
        code = language_of_word(word)
        if code and not language:
            language = code
            drop.add(i)
            if i > 0 and typed[i - 1].casefold() in LANGUAGE_PREPOSITIONS:
                drop.add(i - 1)
    if not drop:
        return QueryFilters(q=q)
    rest = " ".join(word for i, word in enumerate(typed) if i not in drop)
    return QueryFilters(q=rest, area=area, language=language)


def _in_city(city: Area, lon: float, lat: float) -> dict[str, int]:
    """{level: area pk} of the city's areas that contain the point; {} when outside."""
    return locator_for(city).locate(lon, lat)


def _city_bounds(city: Area) -> tuple[float, float, float, float] | None:
    if not city.geometry:
        return None
    return tuple(geo.parse_area_geometry(city.geometry).bounds)  # type: ignore[return-value]


def _street(text: str) -> str:
    """ "Kesselsdorfer Straße 12" → "Kesselsdorfer Straße"."""
    return _HOUSE_NUMBER.sub("", text).strip()


def near_resolve(text: str, *, city: Area | None, districts: Districts | None = None) -> Near:
    """The point a family means by "near": coordinates, an answer of the city's geocoder
    (when configured) inside the city, a postcode, a district's name, or a street of a stored
    offer location of the city; else the nearest known spellings."""
    text = text.strip()
    if not text:
        return Near()
    point = parse_coordinates(text)
    if point is not None:
        lat, lon = point
        return Near((lon, lat), f"{lat:.4f}, {lon:.4f}")
    if city is None:
        return Near()
    for answer in geocode(text, city_name=city.name, bounds=_city_bounds(city)):
        if _in_city(city, answer.lon, answer.lat):
            return Near((answer.lon, answer.lat), answer.label)
    code = postcode_in(text)
    book = postcode_book(settings.POSTCODES_FILE)
    if code is not None:
        postcode = book.get(code)
        if postcode is not None and postcode.city == city.code:
            return Near((postcode.lon, postcode.lat), f"{code} {city.name}")
        other = (
            Area.objects.current().cities().filter(code=postcode.city).first()
            if postcode is not None
            else None
        )
        return Near(suggestions=nearest(code, book.of_city(city.code), n=5), other_city=other)
    districts = districts or Districts(city)
    areas = districts.areas
    key = fold(text)
    area = districts.phrases.get(key)
    if area is not None:
        geometry = Area.objects.filter(pk=area.pk).values_list("geometry", flat=True).first()
        if geometry:
            point = geo.parse_area_geometry(geometry).representative_point()
            return Near((point.x, point.y), area.name)
    streets = list(
        Location.objects.filter(organisation__city=city, lon__isnull=False, lat__isnull=False)
        .exclude(street="")
        .values_list("street", "lon", "lat")
    )
    wanted = fold(_street(text))
    if len(wanted) >= 3:
        on_street = [(s, lon, lat) for s, lon, lat in streets if fold(_street(s)) == wanted]
        if not on_street:
            on_street = [(s, lon, lat) for s, lon, lat in streets if fold(s).startswith(wanted)]
        if on_street:
            # The middle of the stored places on that street.
            lon = sum(row[1] for row in on_street) / len(on_street)
            lat = sum(row[2] for row in on_street) / len(on_street)
            return Near((lon, lat), f"{_street(on_street[0][0])}, {city.name}")
    known = [a.name for a in areas] + [_street(s) for s, _lon, _lat in streets]
    return Near(suggestions=nearest(text, known, n=5))


def unknown_place_message(text: str, near: Near, city: Area | None) -> str:
    if near.other_city is not None:
        return _("The postcode %(place)s belongs to %(city)s, not to %(current)s.") % {
            "place": text,
            "city": near.other_city.name,
            "current": city.name if city else "",
        }
    if city is None:
        return _(
            "We do not know “%(place)s”. Try a street, a district or coordinates like 51.05, 13.74."
        ) % {"place": text}
    return _(
        "We do not know “%(place)s” in %(city)s. Try a postcode, a district, a street or "
        "coordinates like 51.05, 13.74."
    ) % {"place": text, "city": city.name}


def languages_offered(city: Area | None) -> list[str]:
    """The language codes of the city's published offers (every city's without one)."""
    offers = published(city)
    codes: dict[str, None] = {}
    # Few distinct lists (["de"], ["de", "ar"], …), however many offers.
    for languages in offers.order_by().values_list("languages", flat=True).distinct():
        codes.update(dict.fromkeys(languages or []))
    return list(codes)


CITY_COOKIE = "stadt"


def search_city(asked: str, remembered: str) -> tuple[Area | None, list[Area]]:
    """The city of the search: the one asked for (?stadt=), else the remembered one (cookie),
    else the site's DEFAULT_CITY, else the first; and all cities, for the switch."""
    all_cities = list(cities().only("code", "name", "level", "parent_id"))
    for code in (asked, remembered, settings.DEFAULT_CITY):
        city = city_get(all_cities, code) if code else None
        if city is not None:
            return city, all_cities
    return (all_cities[0] if all_cities else None), all_cities
