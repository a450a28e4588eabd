"""GeoJSON for the maps, written into the page fast.

A city map carries hundreds of simplified shapes: encoding their coordinates on every request
cost more than the rest of the map's data. A shape served from a cache is wrapped once as an
`EncodedGeometry`, which keeps its JSON text beside it; `script` then writes each feature's
properties with the JSON encoder and splices the geometry's text in unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

COMPACT = (",", ":")
# As django.utils.html.json_script: no "</script>" or "<!--" can end the element early.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class EncodedGeometry(dict):
    """A GeoJSON geometry with its JSON text; treat it as read-only (the text would go
    stale)."""

    __slots__ = ("json",)

    def __init__(self, geometry: dict[str, Any]) -> None:
        super().__init__(geometry)
        # Numbers, brackets and the type's name only: nothing to escape inside <script>.
        self.json = json.dumps(geometry, separators=COMPACT).translate(SCRIPT_ESCAPES)


def _encoded(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, separators=COMPACT).translate(SCRIPT_ESCAPES)


def dumps(collection: dict[str, Any]) -> str:
    """The collection as JSON text that is safe inside a <script> element: the same text
    as Django's json_script, cached geometries spliced in."""
    features = []
    for feature in collection.get("features", ()):
        geometry = feature.get("geometry")
        if not isinstance(geometry, EncodedGeometry):
            features.append(_encoded(feature))
            continue
        rest = _encoded({k: v for k, v in feature.items() if k != "geometry"})
        features.append(f'{rest[:-1]}{"," if len(rest) > 2 else ""}"geometry":{geometry.json}}}')
    head = _encoded({k: v for k, v in collection.items() if k != "features"})
    if "features" not in collection:
        return head
    separator = "," if len(head) > 2 else ""
    return f'{head[:-1]}{separator}"features":[{",".join(features)}]}}'


def script(collection: dict[str, Any], element_id: str) -> SafeString:
    """``<script id=… type="application/json">`` with the collection, like json_script."""
    return mark_safe(
        f'<script id="{element_id}" type="application/json">{dumps(collection)}</script>'
    )
