"""Access checks for views: every view declares what it needs with one of these."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

View = TypeVar("View", bound=Callable[..., HttpResponse])
M = TypeVar("M", bound=Model)


def public(view: View) -> View:
    """Open to everyone, including the public without an account."""
    view.access = "public"  # type: ignore[attr-defined]
    return view


def requires(perm: str) -> Callable[[View], View]:
    """Needs a global permission: anonymous users go to the login, others get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access = perm  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def get_for(request: HttpRequest, model: type[M], pk: Any, *, perm: str, **lookup: Any) -> M:
    """The object, 404 when unknown, 403 (or the login for anonymous users) when forbidden."""
    obj = get_object_or_404(model, pk=pk, **lookup)
    if not request.user.has_perm(perm, obj):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied
    return obj


class LoginRequired(Exception):
    """Raised by get_for for anonymous users; the middleware turns it into a redirect."""


class AccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None
