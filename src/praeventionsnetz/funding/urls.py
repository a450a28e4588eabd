from django.urls import path

from praeventionsnetz.funding import views

app_name = "funding"

urlpatterns = [
    path("foerderung/", views.overview, name="overview"),
    path("foerderung/auslastung/", views.utilisation, name="utilisation"),
    path("foerderung/haushaltslinien/<int:pk>/", views.ledger, name="ledger"),
    path("foerderung/stellen/", views.positions, name="positions"),
]
