"""The REST API (django-ninja); its OpenAPI schema is served at /api/openapi.json."""

from ninja import NinjaAPI

from praeventionsnetz.api.account import router as account_router
from praeventionsnetz.api.areas import router as areas_router
from praeventionsnetz.api.monitoring import router as monitoring_router
from praeventionsnetz.api.offers import router as offers_router

api = NinjaAPI(
    title="Präventionsnetz API",
    version="1",
    description="Gebiete, Kennzahlen und Angebote eines kommunalen Präventionsnetzwerks.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/areas", areas_router)
api.add_router("/", monitoring_router)
api.add_router("/offers", offers_router)
api.add_router("/hsds", "praeventionsnetz.api.hsds.router")
api.add_router("/me", account_router)
api.add_router("/funding", "praeventionsnetz.api.funding.router")
