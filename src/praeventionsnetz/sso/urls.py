from django.urls import path

from praeventionsnetz.sso import views

app_name = "sso"

urlpatterns = [
    path("authenticate/", views.login, name="login"),
    # The redirect URI registered at the provider: https://<host>/oidc/callback/
    path("callback/", views.callback, name="callback"),
]
