"""Set the provider up and serve it: python -m tests.sso.provider.serve

Migrates its SQLite database, makes an RSA signing key, registers the platform as a client
(redirect URI http://testserver/oidc/callback/) and a user, then serves HTTP until ended.
"""

import os

import django
from django.core.management import call_command

CLIENT_ID = "praeventionsnetz"
CLIENT_SECRET = "provider-test-secret"
REDIRECT_URI = "http://testserver/oidc/callback/"
POST_LOGOUT_URI = "http://testserver/"
USERNAME = "anna.planer"
PASSWORD = "provider-password-123"


def set_up() -> None:
    from django.contrib.auth.models import User
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    client = Client.objects.create(
        name="Präventionsnetz",
        client_type="confidential",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
        redirect_uris=[REDIRECT_URI],
        post_logout_redirect_uris=[POST_LOGOUT_URI],
        scope=[],
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    User.objects.create_user(
        USERNAME, "anna@stadt.example", PASSWORD, first_name="Anna", last_name="Planer"
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.sso.provider.settings")
    django.setup()
    set_up()
    call_command(
        "runserver", f"127.0.0.1:{os.environ['PROVIDER_PORT']}", use_reloader=False, verbosity=0
    )
