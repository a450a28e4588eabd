"""The action budget for residents, without an account: apply, confirm by the e-mail link,
follow the status through the same link, and see per district what was funded.

A wrong or unknown link gets one page (404) that never says whether an application exists.
Submissions are limited per client address (core.ratelimit) and carry a honeypot field.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core import ratelimit
from praeventionsnetz.core.access import public
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding import selectors, services
from praeventionsnetz.funding.forms import ApplicationForm

# Online applications per client address and hour; a district event where several
# residents apply from one network stays well below it.
SUBMISSIONS_PER_HOUR = 10


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _current_line(area_pk: int):
    area = get_object_or_404(Area.objects.current(), pk=area_pk)
    line = services.action_line_for(area, year=timezone.localdate().year)
    if line is None:
        raise Http404
    return line


@public
@require_http_methods(["GET", "POST"])
def action_apply(request: HttpRequest, pk: int) -> HttpResponse:
    line = _current_line(pk)
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_robot:
            # Looks like success to the robot; nothing is stored and nothing is sent.
            return redirect("funding:action-sent", pk=line.area_id)
        wait = (
            ratelimit.hit(
                "funding:action-apply",
                ratelimit.client_address(request),
                limit=getattr(settings, "RATELIMIT_ACTION_APPLICATIONS", SUBMISSIONS_PER_HOUR),
                window=3600,
            )
            if settings.RATELIMIT_ENABLED
            else 0
        )
        if wait:
            form.add_error(
                None,
                _(
                    "Too many applications from your connection. Please try again in "
                    "%(minutes)s minutes."
                )
                % {"minutes": max(1, wait // 60)},
            )
            status = 429
        else:
            try:
                services.application_submit(
                    budget_line=line,
                    base_url=_site_url(request),
                    applicant_email=form.cleaned_data["applicant_email"],
                    **form.service_fields(),
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            except OSError:  # the mail server refused or could not be reached
                form.add_error(
                    None,
                    _(
                        "The confirmation e-mail could not be sent, so the application was "
                        "not saved. Please try again later."
                    ),
                )
            else:
                return redirect("funding:action-sent", pk=line.area_id)
    if form.errors and status == 200:
        status = 400
    return render(request, "funding/action_apply.html", {"line": line, "form": form}, status=status)


@public
@require_GET
def action_sent(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(Area.objects.current(), pk=pk)
    return render(request, "funding/action_sent.html", {"area": area})


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "funding/action_link_invalid.html", status=404)


@public
@never_cache
@require_GET
def action_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail link: confirms the application (once) and shows its status."""
    application = services.application_by_token(token)
    if application is None:
        return _invalid(request)
    services.application_confirm(application=application)
    return redirect("funding:action-status", token=token)


@public
@never_cache
@require_GET
def action_status(request: HttpRequest, token: str) -> HttpResponse:
    application = services.application_by_token(token)
    if application is None:
        return _invalid(request)
    response = render(
        request,
        "funding/action_status.html",
        {"application": application, "area": application.budget_line.area},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@public
@require_GET
def action_district(request: HttpRequest, pk: int) -> HttpResponse:
    """What the district's action budget funded: titles, amounts and dates, no names."""
    area = get_object_or_404(Area.objects.current(), pk=pk)
    years = selectors.action_budget_years(area)
    if not years:
        raise Http404
    line = services.action_line_for(area, year=timezone.localdate().year)
    return render(
        request,
        "funding/action_district.html",
        {"area": area, "years": years, "line": line},
    )
