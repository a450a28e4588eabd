from django.urls import path

from praeventionsnetz.areas import views

app_name = "areas"

urlpatterns = [
    path("<int:pk>/", views.area_detail, name="area-detail"),
]
