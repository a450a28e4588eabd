from django.urls import path

from praeventionsnetz.funding.views import applications, budgets, calls, public

app_name = "funding"

urlpatterns = [
    path("foerderung/", budgets.overview, name="overview"),
    path("foerderung/auslastung/", budgets.utilisation, name="utilisation"),
    path("foerderung/haushaltslinien/<int:pk>/", budgets.ledger, name="ledger"),
    path("foerderung/stellen/", budgets.positions, name="positions"),
    # Calls for expressions of interest.
    path("foerderung/ausschreibungen/", calls.call_list, name="call-list"),
    path("foerderung/ausschreibungen/offen/", calls.open_calls, name="call-open"),
    path("foerderung/ausschreibungen/neu/", calls.call_new, name="call-new"),
    path("foerderung/ausschreibungen/<int:pk>/bearbeiten/", calls.call_edit, name="call-edit"),
    path("foerderung/ausschreibungen/<int:pk>/status/", calls.call_status, name="call-status"),
    path("foerderung/ausschreibungen/<int:pk>/", calls.call_detail, name="call-detail"),
    path("foerderung/ausschreibungen/<int:pk>/bewerbung/", calls.call_apply, name="call-apply"),
    path(
        "foerderung/ausschreibungen/<int:pk>/auswertung/", calls.call_summary, name="call-summary"
    ),
    path(
        "foerderung/ausschreibungen/<int:pk>/entscheidung/", calls.call_decide, name="call-decide"
    ),
    path("foerderung/bewerbungen/<int:pk>/bewertung/", calls.review_form, name="call-review"),
    # The action budget for its coordinators.
    path("foerderung/aktionsbudget/", applications.action_budgets, name="action-budgets"),
    path(
        "foerderung/aktionsbudget/<int:pk>/",
        applications.action_applications,
        name="action-applications",
    ),
    path(
        "foerderung/aktionsbudget/<int:pk>/papierantrag/",
        applications.paper_application,
        name="paper-application",
    ),
    path(
        "foerderung/antraege/<int:pk>/", applications.application_detail, name="application-detail"
    ),
    path(
        "foerderung/antraege/<int:pk>/kriterien/",
        applications.application_criteria,
        name="application-criteria",
    ),
    path(
        "foerderung/antraege/<int:pk>/entscheidung/",
        applications.application_decide,
        name="application-decide",
    ),
    path(
        "foerderung/antraege/<int:pk>/begonnen/",
        applications.application_start,
        name="application-start",
    ),
    path(
        "foerderung/antraege/<int:pk>/zahlung/",
        applications.application_pay,
        name="application-pay",
    ),
    path(
        "foerderung/antraege/<int:pk>/belege/", applications.receipt_upload, name="receipt-upload"
    ),
    path(
        "foerderung/antraege/<int:pk>/abschluss/",
        applications.application_complete,
        name="application-complete",
    ),
    path("foerderung/belege/<int:pk>/", applications.receipt_download, name="receipt-download"),
    # The action budget for residents (no account).
    path("aktionsbudget/<int:pk>/", public.action_district, name="action-district"),
    path("aktionsbudget/<int:pk>/antrag/", public.action_apply, name="action-apply"),
    path("aktionsbudget/<int:pk>/antrag/gesendet/", public.action_sent, name="action-sent"),
    path("aktionsbudget/bestaetigen/<str:token>/", public.action_confirm, name="action-confirm"),
    path("aktionsbudget/status/<str:token>/", public.action_status, name="action-status"),
]
