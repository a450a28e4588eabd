from django.urls import path

from praeventionsnetz.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("gebiete/<int:pk>/", views.area_detail, name="area-detail"),
]
