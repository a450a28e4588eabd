"""The two steps of a login through the provider: off to it, and back from it.

Both answer 404 while single sign-on is not configured. A failed login (the provider
refused, a wrong state, the provider unreachable, a refused token) never shows an error
page: the login page says that it failed, and the log says why.
"""

from __future__ import annotations

import logging

import requests
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc import views as oidc_views

from praeventionsnetz.core.access import public
from praeventionsnetz.sso import provider

logger = logging.getLogger(__name__)

PROBLEMS = (SuspiciousOperation, ImproperlyConfigured, requests.RequestException, ValueError)


def _failed(request) -> HttpResponseRedirect:
    messages.error(
        request, _("The login with the city's account did not succeed. Please try again.")
    )
    return HttpResponseRedirect(reverse("core:login"))


class LoginView(oidc_views.OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        # The endpoint is looked up per request (see provider.py), not at start.
        super(oidc_views.OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not provider.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.endpoints().authorization
        except PROBLEMS as error:
            logger.warning("Single sign-on: the provider cannot be reached: %s", error)
            return _failed(request)
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    def get(self, request):
        if not provider.enabled():
            raise Http404
        try:
            return super().get(request)
        except PROBLEMS as error:
            logger.warning("Single sign-on refused: %s", error)
            return _failed(request)

    def login_failure(self):
        if self.request.GET.get("error"):
            logger.warning(
                "Single sign-on: the provider answered %s (%s)",
                self.request.GET.get("error"),
                self.request.GET.get("error_description", ""),
            )
        return _failed(self.request)


login = public(LoginView.as_view())
callback = public(CallbackView.as_view())
