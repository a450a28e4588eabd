from django.urls import path

from praeventionsnetz.areas.views import areas

app_name = "areas"

urlpatterns = [
    path("gebiete/<int:pk>/", areas.area_detail, name="area-detail"),
]
