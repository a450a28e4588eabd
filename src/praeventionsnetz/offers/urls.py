from django.urls import path

from praeventionsnetz.offers.views import coverage, hsds, search, stewardship

app_name = "offers"

urlpatterns = [
    path("angebote/", search.offer_search, name="search"),
    path("angebote/<int:pk>/", search.offer_detail, name="detail"),
    path("angebote/pflege/", stewardship.offer_workspace, name="workspace"),
    path("angebote/neu/", stewardship.offer_edit, name="create"),
    path("angebote/<int:pk>/bearbeiten/", stewardship.offer_edit, name="edit"),
    path("angebote/<int:pk>/veroeffentlichen/", stewardship.offer_publish, name="publish"),
    path("angebote/<int:pk>/zurueckgeben/", stewardship.offer_return, name="return"),
    path("angebote/<int:pk>/aenderungen/", stewardship.offer_revision, name="revision"),
    path(
        "angebote/<int:pk>/aenderungen/freigeben/",
        stewardship.offer_revision_approve,
        name="revision-approve",
    ),
    path(
        "angebote/<int:pk>/aenderungen/zurueckgeben/",
        stewardship.offer_revision_return,
        name="revision-return",
    ),
    path("angebote/abdeckung/", coverage.coverage_page, name="coverage"),
    path("angebote/kette/<int:pk>/", coverage.chain_page, name="chain"),
    path("angebote/abdeckung/schwellen/", coverage.thresholds_page, name="coverage-thresholds"),
    path("angebote/<int:pk>/orte/neu/", stewardship.offer_place, name="place-create"),
    path("angebote/<int:pk>/orte/<int:at_pk>/", stewardship.offer_place, name="place"),
    path(
        "angebote/<int:pk>/orte/<int:at_pk>/entfernen/",
        stewardship.offer_place_remove,
        name="place-remove",
    ),
    path("angebote/hsds/", hsds.hsds_import, name="hsds-import"),
    path("angebote/hsds/bestaetigen/", hsds.hsds_import_confirm, name="hsds-import-confirm"),
    path("angebote/hsds/export/", hsds.hsds_export_download, name="hsds-export"),
]
