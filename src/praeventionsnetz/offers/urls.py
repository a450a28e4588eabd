from django.urls import path

from praeventionsnetz.offers import views

app_name = "offers"

urlpatterns = [
    path("angebote/", views.offer_search, name="search"),
    path("angebote/<int:pk>/", views.offer_detail, name="detail"),
    path("angebote/pflege/", views.offer_workspace, name="workspace"),
    path("angebote/neu/", views.offer_edit, name="create"),
    path("angebote/<int:pk>/bearbeiten/", views.offer_edit, name="edit"),
    path("angebote/<int:pk>/veroeffentlichen/", views.offer_publish, name="publish"),
]
