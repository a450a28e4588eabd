"""Personal API keys: made once, kept as a hash, used with the owner's rights, revoked."""

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.core import tokens
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import ApiToken

ME = "/api/me"


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_key_is_shown_once_and_only_its_hash_is_kept(planner):
    token, key = tokens.token_create(user=planner, name="Finanzverfahren")
    assert key.startswith("pn_")
    assert len(key) > 40
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.digest, token.prefix, token.name}
    assert key.startswith(token.prefix)
    assert tokens.user_for_key(key) == planner
    # Every change of a key is in the audit trail, without its hash.
    entry = token.history.get()
    assert entry.history_user == planner
    assert not hasattr(entry, "digest")


def test_wrong_revoked_and_inactive_keys_open_nothing(planner, coordinator):
    token, key = tokens.token_create(user=planner, name="Berichtswesen")
    assert tokens.user_for_key(key + "x") is None
    assert tokens.user_for_key("pn_" + "a" * 43) is None
    assert tokens.user_for_key("Bearer " + key) is None
    assert tokens.user_for_key("") is None
    _other, other_key = tokens.token_create(user=coordinator, name="Werkzeug")
    tokens.token_revoke(token=token, by=planner)
    assert tokens.user_for_key(key) is None
    assert tokens.user_for_key(other_key) == coordinator
    coordinator.is_active = False
    coordinator.save()
    assert tokens.user_for_key(other_key) is None


def test_a_key_needs_a_name_and_an_account_has_at_most_ten(planner):
    with pytest.raises(DomainError, match="Namen"):
        tokens.token_create(user=planner, name="   ")
    for n in range(tokens.MAX_ACTIVE):
        tokens.token_create(user=planner, name=f"Schlüssel {n}")
    with pytest.raises(DomainError, match="10"):
        tokens.token_create(user=planner, name="einer zu viel")
    tokens.token_revoke(token=ApiToken.objects.filter(user=planner).first(), by=planner)
    tokens.token_create(user=planner, name="wieder Platz")


def test_last_use_is_written_now_and_then_not_on_every_request(planner, django_assert_num_queries):
    token, key = tokens.token_create(user=planner, name="Finanzverfahren")
    with django_assert_num_queries(2):  # look-up and the first use
        tokens.user_for_key(key)
    token.refresh_from_db()
    assert token.last_used_at is not None
    with django_assert_num_queries(1):  # just the look-up
        tokens.user_for_key(key)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - dt.timedelta(hours=1))
    with django_assert_num_queries(2):
        tokens.user_for_key(key)


def test_the_api_answers_as_the_keys_owner(client, coordinator, district):
    _token, key = tokens.token_create(user=coordinator, name="Werkzeug")
    response = client.get(ME, **bearer(key))
    assert response.status_code == 200
    assert response.json() == {
        "username": "koordinatorin",
        "role": "coordinator",
        "areas": [district.code],
        "organisation": None,
    }


@pytest.mark.parametrize(
    "header",
    [None, "Bearer falsch", "Bearer ", "Basic cGxhbmVyaW46Z2VoZWlt", "Token pn_abc"],
)
def test_the_api_refuses_missing_and_wrong_keys(client, planner, header):
    tokens.token_create(user=planner, name="Finanzverfahren")
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get(ME, **extra).status_code == 401


def test_a_revoked_key_is_refused_by_the_api(client, planner):
    token, key = tokens.token_create(user=planner, name="Finanzverfahren")
    assert client.get(ME, **bearer(key)).status_code == 200
    tokens.token_revoke(token=token, by=planner)
    assert client.get(ME, **bearer(key)).status_code == 401


def test_the_account_page_makes_a_key_shows_it_once_and_revokes_it(client, planner):
    client.force_login(planner)
    response = client.post(reverse("core:account"), {"name": "Finanzverfahren"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert client.get(ME, **bearer(key)).status_code == 200
    page = client.get(reverse("core:account")).content.decode()
    assert key not in page  # shown once
    assert "Finanzverfahren" in page
    token = ApiToken.objects.get(user=planner)
    assert token.prefix in page
    response = client.post(reverse("core:api-token-revoke", args=[token.pk]))
    assert response.status_code == 302
    assert client.get(ME, **bearer(key)).status_code == 401
    page = client.get(reverse("core:account")).content.decode()
    assert "widerrufen am" in page


def test_an_empty_name_is_a_form_error_and_nothing_is_made(client, planner):
    client.force_login(planner)
    response = client.post(reverse("core:account"), {"name": ""})
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_revokes_anothers_key(client, planner, coordinator):
    token, key = tokens.token_create(user=planner, name="Finanzverfahren")
    client.force_login(coordinator)
    assert client.post(reverse("core:api-token-revoke", args=[token.pk])).status_code == 404
    assert tokens.user_for_key(key) == planner


def test_hostile_key_names_stay_text(client, planner):
    client.force_login(planner)
    client.post(reverse("core:account"), {"name": '<script>alert("x")</script>'})
    page = client.get(reverse("core:account")).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_the_command_prints_a_working_key_once(planner):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "planerin", "--name", "Berichtswesen", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert tokens.user_for_key(key) == planner
    assert "nur jetzt" in err.getvalue()
    assert ApiToken.objects.get().name == "Berichtswesen"
    with pytest.raises(CommandError, match="Kein Konto"):
        call_command("create_api_token", "niemand", stdout=StringIO(), stderr=StringIO())
