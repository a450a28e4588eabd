"""Without OIDC_ISSUER and OIDC_CLIENT_ID nothing changes."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sso_is_off_without_configuration():
    assert not settings.OIDC_ISSUER
    assert "praeventionsnetz.sso.backends.SSOBackend" not in settings.AUTHENTICATION_BACKENDS


def test_the_login_page_has_no_button(client):
    page = client.get(reverse("core:login")).content.decode()
    assert "sso-login" not in page


@pytest.mark.parametrize("name", ["sso:login", "sso:callback"])
def test_its_urls_are_not_found(client, name):
    assert client.get(reverse(name), {"code": "a", "state": "b"}).status_code == 404
