from tests.sso.fixtures import browser, oidc_provider, sso  # noqa: F401
