from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oidc_provider.models import Client

from tests.sso.provider import serve


@csrf_exempt
@require_POST
def register_platform(request):
    """For the tests only: one more address of the platform (a live server on its port)."""
    base_url = request.POST["base_url"].rstrip("/")
    client = Client.objects.get(client_id=serve.CLIENT_ID)
    client.redirect_uris = [*client.redirect_uris, f"{base_url}/oidc/callback/"]
    client.post_logout_redirect_uris = [*client.post_logout_redirect_uris, f"{base_url}/"]
    client.save()
    return HttpResponse(status=204)


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("test/client/", register_platform),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
]
