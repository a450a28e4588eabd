from django.urls import path

from praeventionsnetz.network.views import analysis, maintenance, registry, survey

app_name = "network"

urlpatterns = [
    path("netzwerk/", analysis.network_map, name="network-map"),
    path("netzwerk/matrix/", analysis.sector_matrix, name="matrix"),
    path("netzwerk/hinweise/", analysis.improvements, name="improvements"),
    path("netzwerk/vergleich/", analysis.wave_compare, name="wave-compare"),
    path("netzwerk/organisationen/", registry.organisation_list, name="organisation-list"),
    path("netzwerk/organisationen/<int:pk>/beziehung/", registry.tie_create, name="tie-create"),
    path("netzwerk/organisationen/import/", maintenance.registry_upload, name="import"),
    path(
        "netzwerk/organisationen/import/bestaetigen/",
        maintenance.registry_confirm,
        name="import-confirm",
    ),
    path("netzwerk/organisationen/dubletten/", maintenance.duplicate_list, name="duplicates"),
    path(
        "netzwerk/organisationen/zusammenfuehren/",
        maintenance.organisation_merge_view,
        name="merge",
    ),
    path(
        "netzwerk/organisationen/<int:pk>/",
        registry.organisation_detail,
        name="organisation-detail",
    ),
    path("netzwerk/befragungen/", survey.wave_list, name="wave-list"),
    path("netzwerk/befragungen/neu/", survey.wave_create, name="wave-create"),
    path("netzwerk/befragungen/<int:pk>/", survey.wave_detail, name="wave-detail"),
    path("netzwerk/befragungen/<int:pk>/erinnern/", survey.wave_remind, name="wave-remind"),
    path("netzwerk/befragungen/<int:pk>/links/", survey.wave_links_export, name="wave-links"),
    path("netzwerk/befragungen/<int:pk>/abschliessen/", survey.wave_close, name="wave-close"),
    path(
        "netzwerk/befragungen/<int:pk>/neue-namen/",
        survey.suggestion_list,
        name="suggestion-list",
    ),
    path("befragung/<str:token>/", survey.survey_answer, name="survey"),
    path("befragung/<str:token>/suche/", survey.survey_search, name="survey-search"),
    path("befragung/<str:token>/entwurf/", survey.survey_draft, name="survey-draft"),
]
