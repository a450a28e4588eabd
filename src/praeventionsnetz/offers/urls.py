from django.urls import path

from praeventionsnetz.offers import views

app_name = "offers"

urlpatterns = [
    path("angebote/", views.offer_search, name="search"),
    path("angebote/<int:pk>/", views.offer_detail, name="detail"),
]
