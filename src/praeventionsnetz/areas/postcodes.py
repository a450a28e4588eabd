"""Postcodes (Postleitzahlen) with a centre point, read from data/postcodes/postcodes.csv.

GeoNames, CC BY 4.0: pages that locate a postcode show POSTCODE_ATTRIBUTION.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

POSTCODE = re.compile(r"^\s*(?:D-?\s*)?(\d{5})\s*$", re.IGNORECASE)
POSTCODE_ATTRIBUTION = "Postleitzahlen: GeoNames (geonames.org), CC BY 4.0"
POSTCODE_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Postcode:
    code: str
    city: str  # the platform's city code, e.g. "dresden"
    lon: float
    lat: float


def postcode_in(text: str) -> str | None:
    """The five digits of "01127" or "D-01127", or None for anything else."""
    match = POSTCODE.match(text)
    return match.group(1) if match else None


class PostcodeBook:
    """Every known postcode; one postcode belongs to one city."""

    def __init__(self, postcodes: list[Postcode]) -> None:
        self._by_code = {p.code: p for p in postcodes}

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Postcode | None:
        return self._by_code.get(code)

    def of_city(self, city: str) -> list[str]:
        return sorted(code for code, p in self._by_code.items() if p.city == city)


@functools.cache
def postcode_book(path: Path) -> PostcodeBook:
    """The postcodes of ``path`` (read once per process); empty when the file is missing."""
    if not path.exists():
        return PostcodeBook([])
    with path.open(encoding="utf-8", newline="") as f:
        return PostcodeBook(
            [
                Postcode(
                    code=row["postcode"],
                    city=row["city"],
                    lon=float(row["longitude"]),
                    lat=float(row["latitude"]),
                )
                for row in csv.DictReader(f)
            ]
        )
