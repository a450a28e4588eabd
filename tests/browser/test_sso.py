"""Single sign-on in Chromium: login at the real test provider and logout there too.

The browser shows what the test client cannot: that the Content-Security-Policy lets the
logout form's redirect on to the provider (form-action), and that the cookies of both sides
survive the round trips.
"""

from __future__ import annotations

import re

import pytest
from django.core.handlers.wsgi import WSGIHandler
from playwright.sync_api import expect

from praeventionsnetz.core.models import Role, User
from tests.browser.conftest import DESKTOP, _open_page
from tests.sso.fixtures import oidc_provider, sso  # noqa: F401


def _load_middleware(live_server) -> None:
    """Load the middleware anew in the live server's handlers.

    The static and media file handlers are WSGI handlers themselves, each with the middleware
    chain of its start (the media handler answers every path while MEDIA_URL is empty).
    """
    handler = live_server.thread.httpd.get_app()
    while isinstance(handler, WSGIHandler):
        handler.load_middleware()
        handler = getattr(handler, "application", None)


@pytest.fixture
def sso_live(sso, live_server, transactional_db):  # noqa: F811
    """The live server with the single sign-on settings (its middleware loaded anew)."""
    _load_middleware(live_server)
    sso.allow_redirects_to(live_server.url)
    yield sso
    _load_middleware(live_server)  # as the settings are again after the test


def test_login_at_the_provider_and_logout_there_too(chromium, live_server, sso_live, js_errors):
    sso_live.set_claims(groups=["pn-planung"])
    context, page = _open_page(chromium, DESKTOP, js_errors)
    try:
        page.goto(f"{live_server.url}/anmelden/")
        page.locator(".sso-login a").click()

        page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/login/"))
        page.locator("input[name=username]").fill(sso_live.username)
        page.locator("input[name=password]").fill(sso_live.password)
        page.locator("button[type=submit]").click()

        page.wait_for_url(f"{live_server.url}/")
        expect(page.locator(".user-nav__account")).to_contain_text(sso_live.username)
        assert User.objects.get(username=sso_live.username).role == Role.PLANNING

        page.goto(f"{live_server.url}/konto/")
        with page.expect_request(re.compile(r".*/openid/end-session\?.*")):
            page.locator(".user-nav form[action='/abmelden/'] button").click()
        page.wait_for_url(f"{live_server.url}/")
        expect(page.locator(".user-nav__account")).to_have_count(0)

        # The provider's session ended too: the next login asks for the password again.
        page.goto(f"{live_server.url}/oidc/authenticate/")
        page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/login/"))
    finally:
        context.close()
    assert js_errors == []
