from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.core import audit, tokens
from praeventionsnetz.core.access import get_for, public, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.forms import ApiTokenForm
from praeventionsnetz.core.health import health_checks
from praeventionsnetz.core.models import ApiToken, Job


@requires("core.view_account")
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The own account, with the personal API keys: a new key is shown once, here."""
    form = ApiTokenForm(request.POST or None)
    new_key = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = tokens.token_create(user=request.user, name=form.cleaned_data["name"])
        except DomainError as exc:
            form.add_error("name", str(exc))
        else:
            form = ApiTokenForm()
    response = render(
        request,
        "core/account.html",
        {
            "account": request.user,
            "api_tokens": list(request.user.api_tokens.all()),
            "token_form": form,
            "new_key": new_key,
        },
        status=400 if form.errors else 200,
    )
    # The key is in this page only: no cache may keep it.
    add_never_cache_headers(response)
    return response


@requires("core.view_account")
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.token_revoke(token=token, by=request.user)
    messages.success(
        request, _("Key “%(name)s” revoked: it no longer opens the API.") % {"name": token.name}
    )
    return redirect("core:account")


@requires("core.view_audit")
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    return render(request, "core/audit_log.html", {"entries": audit.recent_changes(limit=200)})


@requires("core.view_account")
@require_GET
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    """A background task: its state, progress and outcome. The page asks again every second
    (htmx) until the task has finished; only the state's part of the page is sent then."""
    job = get_for(request, Job, pk, perm="core.view_job")
    template = "core/_job_state.html" if request.htmx else "core/job_detail.html"
    response = render(request, template, {"job": job})
    add_never_cache_headers(response)
    return response


@public
@require_GET
def health_live(request: HttpRequest) -> HttpResponse:
    """The process answers (liveness); the benchmarks' baseline: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


@public
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Ready to serve (readiness): the database answers and the task queue is worked off.

    200 with the checks as JSON when all are fine, 503 when one fails, for load balancers,
    container health checks and monitoring. It names no data, only the state of each check.
    """
    checks = health_checks()
    response = JsonResponse(checks, status=200 if checks["status"] == "ok" else 503)
    add_never_cache_headers(response)
    return response


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
