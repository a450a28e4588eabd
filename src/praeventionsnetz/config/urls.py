from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from praeventionsnetz.api.api import api
from praeventionsnetz.core.access import public

urlpatterns = [
    path("", include("praeventionsnetz.core.urls")),
    path("", include("praeventionsnetz.site.urls")),
    path("", include("praeventionsnetz.monitoring.urls")),
    path("", include("praeventionsnetz.network.urls")),
    path("", include("praeventionsnetz.offers.urls")),
    path("", include("praeventionsnetz.funding.urls")),
    path("", include("praeventionsnetz.steering.urls")),
    path("oidc/", include("praeventionsnetz.sso.urls")),
    path("api/", api.urls),
    path("oparl/v1.1/", include("praeventionsnetz.api.oparl")),
    path("i18n/setlang/", public(set_language), name="set-language"),
    path("admin/", admin.site.urls),
]

handler403 = "praeventionsnetz.core.views.permission_denied"
handler404 = "praeventionsnetz.core.views.page_not_found"
