from django.urls import path

from praeventionsnetz.monitoring.views import (
    batches,
    clusters,
    imports,
    indices,
    monitoring,
    selection,
    typology,
)

app_name = "monitoring"

urlpatterns = [
    path("monitoring/", monitoring.indicator_map, name="indicator-map"),
    path("monitoring/kennzahlen/", monitoring.indicator_list, name="indicator-list"),
    path("monitoring/zeitreihen/", monitoring.indicator_series, name="indicator-series"),
    path("monitoring/vergleich/", monitoring.indicator_compare, name="indicator-compare"),
    path("monitoring/import/", imports.observation_import, name="import"),
    path(
        "monitoring/import/bestaetigen/", imports.observation_import_confirm, name="import-confirm"
    ),
    path("monitoring/import/<int:pk>/rueckgaengig/", batches.batch_undo, name="import-undo"),
    path("monitoring/indizes/", indices.index_list, name="index-list"),
    path("monitoring/indizes/<int:pk>/", indices.index_detail, name="index-detail"),
    path("monitoring/cluster/", clusters.clusters, name="clusters"),
    path("monitoring/typen/", typology.typology_view, name="typology"),
    path("monitoring/typen/zuordnen/", typology.type_assign, name="type-assign"),
    path("monitoring/kennzahlen/neu/", monitoring.indicator_edit, name="indicator-create"),
    path("monitoring/kennzahlen/<int:pk>/", monitoring.indicator_edit, name="indicator-edit"),
    path("monitoring/modellgebiete/", selection.selection_list, name="selection-list"),
    path("monitoring/modellgebiete/neu/", selection.selection_create, name="selection-create"),
    path("monitoring/modellgebiete/<int:pk>/", selection.selection_detail, name="selection-detail"),
]
