"""Login through a real OpenID Connect provider (see conftest.py)."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from praeventionsnetz.core.models import Role, User
from praeventionsnetz.sso import provider as sso_provider

pytestmark = pytest.mark.django_db


def logged_in_user(client):
    user = get_user(client)
    return user if user.is_authenticated else None


def test_first_login_creates_the_user_with_role_and_areas(browser, sso, district, quarter):
    sso.set_claims(groups=["pn-koordination"], areas=["teststadt:01", "teststadt:stadtteil:11"])

    response = browser.log_in()

    assert response.status_code == 302
    assert response["Location"] == reverse("site:home")
    user = logged_in_user(browser.client)
    assert user is not None
    assert user.username == sso.username
    assert user.role == Role.COORDINATOR
    assert set(user.areas.all()) == {district, quarter}
    assert (user.email, user.first_name, user.last_name) == ("anna@stadt.example", "Anna", "Planer")
    assert not user.has_usable_password()
    record = user.history.earliest()
    assert record.history_type == "+"
    assert record.history_change_reason.startswith("single sign-on")
    assert record.role == Role.COORDINATOR


def test_the_login_goes_on_to_the_page_asked_for(browser, sso, district):
    sso.set_claims(groups=["pn-planung"])

    response = browser.log_in(next_url="/protokoll/")

    assert response.status_code == 302
    assert response["Location"] == "/protokoll/"
    assert browser.client.get("/protokoll/").status_code == 200


def test_a_second_login_takes_role_and_areas_from_the_new_claims(
    browser, sso, district, other_district
):
    sso.set_claims(groups=["pn-koordination"], areas=["teststadt:01"])
    browser.log_in()
    user = User.objects.get(username=sso.username)
    assert list(user.areas.all()) == [district]
    browser.client.logout()

    sso.set_claims(groups=["pn-koordination"], areas=["teststadt:02"])
    browser.log_in()
    assert list(user.areas.all()) == [other_district]

    sso.set_claims(groups=["pn-steuerung"], areas=["teststadt:02"])
    browser.log_in()
    user.refresh_from_db()
    assert user.role == Role.STEERING
    assert not user.areas.exists()  # areas are a coordinator's
    changes = list(
        user.history.filter(history_change_reason__startswith="single sign-on")
        .order_by("history_date", "pk")
        .values_list("history_change_reason", "role")
    )
    assert changes == [
        ("single sign-on: areas 01", "coordinator"),
        ("single sign-on: areas 02", "coordinator"),
        ("single sign-on: areas ", "steering"),
    ]


def test_unmapped_claims_give_no_role(browser, sso, district):
    User.objects.create_user(sso.username, role=Role.PLANNING)
    sso.set_claims(groups=["someone-else"], areas=["teststadt:01"])

    browser.log_in()

    user = logged_in_user(browser.client)
    assert user is not None
    assert user.role == ""
    assert not user.areas.exists()
    assert browser.client.get("/protokoll/").status_code == 403


def test_unknown_area_codes_are_left_out_with_a_warning(browser, sso, district, caplog):
    sso.set_claims(
        groups=["pn-koordination"], areas=["teststadt:01", "teststadt:99", "nirgendwo:01", "::"]
    )

    with caplog.at_level(logging.WARNING, logger="praeventionsnetz.sso"):
        response = browser.log_in()

    assert response.status_code == 302
    user = logged_in_user(browser.client)
    assert list(user.areas.all()) == [district]
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert "teststadt:99" in warned
    assert "nirgendwo:01" in warned


def test_a_wrong_state_is_refused(browser, sso):
    sso.set_claims(groups=["pn-planung"])
    callback = browser.log_in_at_provider(browser.start())
    parts = urlsplit(callback)
    code = parse_qs(parts.query)["code"][0]

    response = browser.client.get(reverse("sso:callback"), {"code": code, "state": "forged"})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:login")
    assert logged_in_user(browser.client) is None
    assert not User.objects.filter(username=sso.username).exists()


def test_a_callback_without_a_login_started_here_is_refused(client, sso):
    response = client.get(reverse("sso:callback"), {"code": "abc", "state": "xyz"})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:login")
    assert logged_in_user(client) is None


def test_a_code_is_good_for_one_login_only(browser, sso):
    sso.set_claims(groups=["pn-planung"])
    callback = browser.log_in_at_provider(browser.start())
    assert browser.back_at_platform(callback)["Location"] == reverse("site:home")
    browser.client.logout()

    response = browser.back_at_platform(callback)

    assert response["Location"] == reverse("core:login")
    assert logged_in_user(browser.client) is None


def test_a_refusal_by_the_provider_shows_the_login_page_with_a_message(client, sso):
    client.get(reverse("sso:login"))
    state = next(iter(client.session["oidc_states"]))

    response = client.get(
        reverse("sso:callback"), {"error": "access_denied", "state": state}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("core:login")
    assert "sso-login" in response.content.decode()
    assert len(list(response.context["messages"])) == 1


def test_an_unreachable_provider_shows_the_login_page(client, sso, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/nothing"
    sso_provider.forget()

    response = client.get(reverse("sso:login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("core:login")


def test_the_login_page_offers_the_button_above_the_local_login(client, sso, settings):
    settings.OIDC_LOGIN_LABEL = "Mit dem Stadtkonto anmelden"
    page = client.get(reverse("core:login"), {"next": "/protokoll/"}).content.decode()

    assert "Mit dem Stadtkonto anmelden" in page
    assert f'href="{reverse("sso:login")}?next=/protokoll/"' in page
    assert page.index("sso-login") < page.index('name="password"')


def test_local_login_still_works(client, sso, planner):
    planner.set_password("lokales-passwort-123")
    planner.save()

    response = client.post(
        reverse("core:login"), {"username": "planerin", "password": "lokales-passwort-123"}
    )

    assert response.status_code == 302
    assert logged_in_user(client) == planner


def test_logout_ends_the_session_at_the_provider_too(browser, sso):
    sso.set_claims(groups=["pn-planung"])
    browser.log_in()

    response = browser.client.post(reverse("core:logout"))

    assert logged_in_user(browser.client) is None
    location = response["Location"]
    assert location.startswith(sso.issuer + "/end-session")
    query = parse_qs(urlsplit(location).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    # The provider ends its session and sends the browser back to the platform.
    at_provider = browser.at_provider.get(location, allow_redirects=False)
    assert at_provider.status_code == 302
    assert at_provider.headers["Location"] == "http://testserver/"
    again = browser.at_provider.get(browser.start(), allow_redirects=False)
    assert "/login/" in again.headers["Location"]


def test_logout_of_a_local_login_stays_local(client, sso, planner):
    client.force_login(planner)

    response = client.post(reverse("core:logout"))

    assert response["Location"] == reverse("site:home")


def test_explicit_endpoints_override_the_discovered_ones(client, sso, settings):
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/own-authorize"

    response = client.get(reverse("sso:login"))

    assert response["Location"].startswith("https://idp.example/own-authorize?")


def test_a_discovery_document_for_another_issuer_is_refused(client, sso, settings):
    settings.OIDC_ISSUER = sso.issuer.replace("127.0.0.1", "localhost")

    response = client.get(reverse("sso:login"))

    assert response["Location"] == reverse("core:login")


def test_the_button_and_the_notice_are_german_by_default(client, sso):
    page = client.get(reverse("core:login")).content.decode()
    assert "Mit dem Konto der Stadt anmelden" in page

    response = client.get(reverse("sso:callback"), {"code": "a", "state": "b"}, follow=True)
    assert "Die Anmeldung mit dem Konto der Stadt ist nicht gelungen" in response.content.decode()


def test_pages_of_a_session_from_the_provider_let_the_logout_go_there(browser, sso, planner):
    sso.set_claims(groups=["pn-planung"])
    browser.log_in()

    policy = browser.client.get(reverse("site:home"))["Content-Security-Policy"]

    form_action = next(d for d in policy.split(";") if d.strip().startswith("form-action"))
    assert "'self'" in form_action
    assert "http://127.0.0.1:" in form_action
    local = Client()
    local.force_login(planner)
    assert "127.0.0.1" not in local.get(reverse("site:home"))["Content-Security-Policy"]


def test_a_deactivated_account_cannot_log_in_through_the_provider(browser, sso):
    User.objects.create_user(sso.username, role=Role.PLANNING, is_active=False)
    sso.set_claims(groups=["pn-planung"])

    response = browser.log_in()

    assert response["Location"] == reverse("core:login")
    assert logged_in_user(browser.client) is None


def test_an_idle_logout_goes_to_the_login_page_not_to_the_provider(browser, sso, settings):
    sso.set_claims(groups=["pn-planung"])
    browser.log_in()
    session = browser.client.session
    session["last_activity"] = 0
    session.save()

    response = browser.client.get("/protokoll/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_the_secret_may_go_to_the_token_endpoint_by_http_basic(browser, sso, settings):
    settings.OIDC_TOKEN_USE_BASIC_AUTH = True
    sso.set_claims(groups=["pn-planung"])

    response = browser.log_in()

    assert response["Location"] == reverse("site:home")
    assert logged_in_user(browser.client).role == Role.PLANNING


def test_claims_without_a_user_name_are_refused(browser, sso, settings):
    settings.OIDC_USERNAME_CLAIM = "employee_number"
    sso.set_claims(groups=["pn-planung"])

    response = browser.log_in()

    assert response["Location"] == reverse("core:login")
    assert logged_in_user(browser.client) is None
    assert not User.objects.exists()


def test_an_administrator_account_is_never_taken_over(browser, sso):
    admin = User.objects.create_user(sso.username, is_staff=True, is_superuser=True)
    sso.set_claims(groups=["pn-planung"])

    response = browser.log_in()

    assert response["Location"] == reverse("core:login")
    assert logged_in_user(browser.client) is None
    admin.refresh_from_db()
    assert admin.role == ""


def test_the_account_page_offers_no_password_change_to_accounts_from_the_provider(browser, sso):
    sso.set_claims(groups=["pn-planung"])
    browser.log_in()

    page = browser.client.get(reverse("core:account")).content.decode()

    assert reverse("core:password-change") not in page
    assert "account-sso" in page
