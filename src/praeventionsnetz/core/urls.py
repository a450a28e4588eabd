from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from praeventionsnetz.core import views
from praeventionsnetz.core.access import public, requires
from praeventionsnetz.core.forms import LoginForm

app_name = "core"

urlpatterns = [
    path("konto/", views.account, name="account"),
    path("konto/schluessel/<int:pk>/widerrufen/", views.api_token_revoke, name="api-token-revoke"),
    path(
        "konto/passwort/",
        requires("core.view_account")(
            auth_views.PasswordChangeView.as_view(
                template_name="core/password_change.html",
                success_url=reverse_lazy("core:password-change-done"),
            )
        ),
        name="password-change",
    ),
    path(
        "konto/passwort/geaendert/",
        requires("core.view_account")(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="core/password_change_done.html"
            )
        ),
        name="password-change-done",
    ),
    path(
        "passwort-vergessen/",
        public(
            auth_views.PasswordResetView.as_view(
                template_name="core/password_reset.html",
                email_template_name="core/password_reset_email.txt",
                subject_template_name="core/password_reset_subject.txt",
                success_url=reverse_lazy("core:password-reset-done"),
            )
        ),
        name="password-reset",
    ),
    path(
        "passwort-vergessen/gesendet/",
        public(
            auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html")
        ),
        name="password-reset-done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        public(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="core/password_reset_confirm.html",
                success_url=reverse_lazy("core:password-reset-complete"),
            )
        ),
        name="password-reset-confirm",
    ),
    path(
        "passwort-neu/fertig/",
        public(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="core/password_reset_complete.html"
            )
        ),
        name="password-reset-complete",
    ),
    path("aufgaben/<uuid:pk>/", views.job_detail, name="job-detail"),
    path("protokoll/", views.audit_log, name="audit-log"),
    path("health/", views.health, name="health"),
    path("health/live/", views.health_live, name="health-live"),
    path(
        "anmelden/",
        public(
            auth_views.LoginView.as_view(
                template_name="core/login.html",
                authentication_form=LoginForm,
                redirect_authenticated_user=True,
            )
        ),
        name="login",
    ),
    path("abmelden/", public(auth_views.LogoutView.as_view()), name="logout"),
]
