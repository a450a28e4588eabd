"""The REST API (django-ninja): the same selectors and suppression as the pages, OpenAPI at
/api/openapi.json. It sits on top and may use every feature app."""
