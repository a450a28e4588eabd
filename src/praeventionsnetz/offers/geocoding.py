"""A city's own geocoder (Photon or Nominatim through geopy), asked first by the family
search when GEOCODER_URL is set. Any failure (server down, timeout, a page that is not the
geocoder's JSON) answers "nothing" and the search goes on with the offline lookup."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from geopy.exc import GeopyError
from geopy.geocoders import Nominatim, Photon

log = logging.getLogger(__name__)
USER_AGENT = "praeventionsnetz"
# How many answers are checked against the city's boundary before giving up.
CANDIDATES = 5


@dataclass(frozen=True)
class Geocoded:
    lon: float
    lat: float
    label: str


def _geocoder(url: str, kind: str, timeout: float):
    parts = urlsplit(url if "//" in url else f"https://{url}")
    cls = Nominatim if kind == "nominatim" else Photon
    geocoder = cls(
        scheme=parts.scheme or "https",
        domain=parts.netloc,
        timeout=timeout,
        user_agent=USER_AGENT,
    )
    # A server behind a path prefix (https://example.org/photon) keeps it.
    prefix = parts.path.rstrip("/")
    if prefix:
        geocoder.api = f"{geocoder.scheme}://{geocoder.domain}{prefix}{cls.geocode_path}"
    return geocoder


def geocode(
    text: str,
    *,
    city_name: str,
    bounds: tuple[float, float, float, float] | None = None,
) -> list[Geocoded]:
    """The configured geocoder's answers for ``text`` in ``city_name``, best first; [] when
    none is configured or it fails. ``bounds`` (west, south, east, north) narrows the search
    where the server supports it; the caller still checks that a point lies in the city."""
    url = settings.GEOCODER_URL.strip()
    if not url:
        return []
    kind = settings.GEOCODER_KIND.strip().lower()
    query = f"{text}, {city_name}" if city_name.casefold() not in text.casefold() else text
    try:
        geocoder = _geocoder(url, kind, settings.GEOCODER_TIMEOUT)
        if kind == "nominatim":
            extra = {"country_codes": "de"}
            if bounds:
                west, south, east, north = bounds
                extra["viewbox"] = [(south, west), (north, east)]
            found = geocoder.geocode(query, exactly_one=False, limit=CANDIDATES, **extra)
        else:
            extra = {}
            if bounds:
                west, south, east, north = bounds
                extra["bbox"] = [(south, west), (north, east)]
            found = geocoder.geocode(query, exactly_one=False, limit=CANDIDATES, **extra)
    except (GeopyError, OSError, ValueError, KeyError, TypeError) as exc:
        # geopy wraps most failures in GeopyError; a broken answer can raise the others.
        log.warning("geocoder %s failed for the family search: %s", url, exc)
        return []
    return [
        Geocoded(lon=float(p.longitude), lat=float(p.latitude), label=str(p.address or text))
        for p in found or []
    ]
