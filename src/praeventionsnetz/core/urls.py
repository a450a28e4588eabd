from django.contrib.auth import views as auth_views
from django.urls import path

from praeventionsnetz.core import views
from praeventionsnetz.core.access import public
from praeventionsnetz.core.forms import LoginForm

app_name = "core"

urlpatterns = [
    path("konto/", views.account, name="account"),
    path("protokoll/", views.audit_log, name="audit-log"),
    path("health/", views.health, name="health"),
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
