"""The mapping from claims to role and areas, and the checks of the ID token's fields."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from praeventionsnetz.sso import claims
from praeventionsnetz.sso.backends import SSOBackend
from praeventionsnetz.sso.provider import Endpoints


def test_role_map_in_the_short_form_keeps_the_order_written():
    assert list(claims.parse_role_map(" a=planning, b = coordinator ,")) == ["a", "b"]


def test_role_map_may_be_json_for_claim_values_with_commas():
    dn = "CN=Planung,OU=Gruppen,DC=stadt,DC=example"
    assert claims.parse_role_map(f'{{"{dn}": "planning"}}') == {dn: "planning"}


def test_role_map_claim_values_may_contain_equals_signs():
    assert claims.parse_role_map("abc==planning") == {"abc=": "planning"}


def test_role_map_entry_without_role_is_an_error():
    with pytest.raises(ValueError, match="without"):
        claims.parse_role_map("planning")


def test_the_first_matching_entry_wins():
    role_map = {"leitung": "steering", "planung": "planning"}
    found = {"groups": ["planung", "leitung"]}
    assert claims.role_from(found, "groups", role_map) == "steering"
    assert claims.role_from({"groups": "planung"}, "groups", role_map) == "planning"
    assert claims.role_from({"groups": []}, "groups", role_map) == ""
    assert claims.role_from({}, "groups", role_map) == ""


def test_nested_claims_by_dotted_path_and_names_with_dots_as_they_are():
    keycloak = {"realm_access": {"roles": ["pn-planung"]}}
    assert claims.claim(keycloak, "realm_access.roles") == ["pn-planung"]
    adfs = {"http://schemas.microsoft.com/ws/2008/06/identity/claims/role": "x"}
    assert claims.claim(adfs, "http://schemas.microsoft.com/ws/2008/06/identity/claims/role") == "x"
    assert claims.claim(keycloak, "realm_access.groups") is None


def test_claim_values_from_lists_and_strings():
    assert claims.values(["a", " b ", ""]) == ["a", "b"]
    assert claims.values("dresden:16, dresden:17 dresden:18") == [
        "dresden:16",
        "dresden:17",
        "dresden:18",
    ]
    assert claims.values(None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dresden:16", claims.AreaCode("dresden", None, "16")),
        ("dresden:stadtteil:16", claims.AreaCode("dresden", "stadtteil", "16")),
        ("dresden", claims.AreaCode("dresden", None, None)),
        ("dresden:", None),
        ("a:b:c:d", None),
    ],
)
def test_area_codes(text, expected):
    assert claims.parse_area_code(text) == expected


def test_an_area_code_used_on_two_levels_needs_the_level(db, city, district):
    from tests.factories import AreaFactory

    AreaFactory(city=city, parent=district, level="stadtteil", code="01")
    assert SSOBackend.area(claims.parse_area_code("teststadt:01")) is None
    assert SSOBackend.area(claims.parse_area_code("teststadt:stadtraum:01")) == district
    assert SSOBackend.area(claims.parse_area_code("teststadt")) == city


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "praeventionsnetz"
    found = SSOBackend()
    found.endpoints = Endpoints("https://idp.example/realms/stadt", "", "", "", "", "")
    found.OIDC_RP_CLIENT_ID = "praeventionsnetz"
    return found


@pytest.mark.parametrize(
    ("payload", "accepted"),
    [
        ({"iss": "https://idp.example/realms/stadt", "aud": "praeventionsnetz"}, True),
        ({"iss": "https://idp.example/realms/stadt", "aud": ["praeventionsnetz", "x"]}, True),
        ({"iss": "https://idp.example/realms/other", "aud": "praeventionsnetz"}, False),
        ({"iss": "https://idp.example/realms/stadt", "aud": "another-app"}, False),
        (
            {
                "iss": "https://idp.example/realms/stadt",
                "aud": ["praeventionsnetz", "x"],
                "azp": "x",
            },
            False,
        ),
    ],
)
def test_the_id_token_must_be_for_this_client_from_this_issuer(
    backend, monkeypatch, payload, accepted
):
    # The signature and nonce are the library's (tested against the provider in test_login).
    monkeypatch.setattr(OIDCAuthenticationBackend, "verify_token", lambda self, t, **kw: payload)
    if accepted:
        assert backend.verify_token("token") == payload
    else:
        with pytest.raises(SuspiciousOperation):
            backend.verify_token("token")


def test_a_local_login_never_asks_the_provider(db, settings, rf):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/unreachable"
    settings.OIDC_RP_CLIENT_ID = "praeventionsnetz"
    request = rf.get("/anmelden/", {"code": "x", "state": "y"})
    assert SSOBackend().authenticate(request, username="a", password="b") is None


def test_a_configuration_that_cannot_work_stops_the_start(settings):
    settings.OIDC_ISSUER = "https://idp.example"
    settings.OIDC_RP_CLIENT_ID = "praeventionsnetz"
    settings.OIDC_RP_CLIENT_SECRET = ""
    settings.OIDC_ROLE_MAP = "pn-admin=superuser"
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    assert "sso.E002" in str(error.value)
    assert "sso.E003" in str(error.value)


def test_endpoints_set_explicitly_need_no_discovery(settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/unreachable"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://idp.example/logout"
    from praeventionsnetz.sso.provider import endpoints

    assert endpoints().token == "https://idp.example/token"
