from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from praeventionsnetz.core import audit
from praeventionsnetz.core.access import public, requires


@requires("core.view_account")
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "core/account.html", {"account": request.user})


@requires("core.view_audit")
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    return render(request, "core/audit_log.html", {"entries": audit.recent_changes(limit=200)})


@public
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and as the baseline of the benchmarks: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
