"""{{ map_data|geojson_script:"map-data" }}: json_script for map data, see core.geojson."""

from django import template
from django.utils.html import escape

from praeventionsnetz.core import geojson

register = template.Library()


@register.filter
def geojson_script(collection, element_id: str):
    return geojson.script(collection, escape(element_id))
