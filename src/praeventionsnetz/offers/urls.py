from django.urls import path

from praeventionsnetz.offers import coverage_views, hsds_views, views

app_name = "offers"

urlpatterns = [
    path("angebote/", views.offer_search, name="search"),
    path("angebote/<int:pk>/", views.offer_detail, name="detail"),
    path("angebote/pflege/", views.offer_workspace, name="workspace"),
    path("angebote/neu/", views.offer_edit, name="create"),
    path("angebote/<int:pk>/bearbeiten/", views.offer_edit, name="edit"),
    path("angebote/<int:pk>/veroeffentlichen/", views.offer_publish, name="publish"),
    path("angebote/<int:pk>/zurueckgeben/", views.offer_return, name="return"),
    path("angebote/abdeckung/", coverage_views.coverage_page, name="coverage"),
    path("angebote/kette/<int:pk>/", coverage_views.chain_page, name="chain"),
    path(
        "angebote/abdeckung/schwellen/", coverage_views.thresholds_page, name="coverage-thresholds"
    ),
    path("angebote/<int:pk>/orte/neu/", views.offer_place, name="place-create"),
    path("angebote/<int:pk>/orte/<int:at_pk>/", views.offer_place, name="place"),
    path(
        "angebote/<int:pk>/orte/<int:at_pk>/entfernen/",
        views.offer_place_remove,
        name="place-remove",
    ),
    path("angebote/hsds/", hsds_views.hsds_import, name="hsds-import"),
    path("angebote/hsds/bestaetigen/", hsds_views.hsds_import_confirm, name="hsds-import-confirm"),
    path("angebote/hsds/export/", hsds_views.hsds_export_download, name="hsds-export"),
]
