"""HSDS 3.0 for planning: import a datapackage with preview and confirmation, download one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.core.access import requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.forms import StoredUploadForm
from praeventionsnetz.core.jobs import job_start
from praeventionsnetz.core.uploads import (
    MAX_UPLOAD,
    UploadConsumed,
    UploadGone,
    upload_check,
    upload_store,
)
from praeventionsnetz.network.forms import city_asked
from praeventionsnetz.offers import tasks
from praeventionsnetz.offers.forms import HsdsExportForm
from praeventionsnetz.offers.hsds.export import hsds_export_zip
from praeventionsnetz.offers.hsds.plan import ImportPlan

TEMPLATE = "offers/hsds_import.html"
# The import changes the organisation registry, so it needs the registry's permission.
PERMISSION = "network.change_organisation"
UPLOAD_KIND = tasks.UPLOAD_KIND


def _plan(content: bytes, file_name: str, city) -> ImportPlan:
    return tasks.hsds_plan(content, file_name, city)


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def hsds_import(request: HttpRequest) -> HttpResponse:
    city, cities = city_asked(request.POST, request.GET)
    context = {"cities": cities, "city": city}
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    upload = request.FILES.get("datei")
    if upload is None:
        context["error"] = _("Please choose a file.")
        return render(request, TEMPLATE, context, status=400)
    if upload.size > MAX_UPLOAD:
        context["error"] = _("The file is larger than 20 MB.")
        return render(request, TEMPLATE, context, status=400)
    content = upload.read()
    try:
        plan = _plan(content, upload.name, city)
    except DomainError as exc:
        context["error"] = str(exc)
        return render(request, TEMPLATE, context, status=400)
    context.update(
        plan=plan, stored=upload_store(content, upload.name, kind=UPLOAD_KIND, by=request.user)
    )
    return render(request, TEMPLATE, context, status=200 if plan.is_valid else 400)


@requires(PERMISSION)
@require_POST
def hsds_import_confirm(request: HttpRequest) -> HttpResponse:
    """Import the previewed package in the background (offers.tasks.hsds_import); the task
    page shows how far it is and its outcome."""
    city, _cities = city_asked(request.POST)
    stored, _file_name = StoredUploadForm(request.POST).upload()
    try:
        upload = upload_check(stored, kind=UPLOAD_KIND)
    except UploadGone as exc:
        messages.error(request, str(exc))
        return redirect("offers:hsds-import")
    except UploadConsumed as exc:
        messages.info(request, str(exc))
        return redirect("offers:hsds-import")
    job = job_start(
        tasks.hsds_import,
        user=request.user,
        title=_("HSDS import of “%(name)s”") % {"name": upload.file_name},
        stored=stored,
        city_id=city.pk,
    )
    return redirect("core:job-detail", pk=job.pk)


@requires(PERMISSION)
@require_GET
def hsds_export_download(request: HttpRequest) -> HttpResponse:
    everything = HsdsExportForm(request.GET).everything()
    content = hsds_export_zip(include_unpublished=everything)
    name = f"hsds-angebote-{timezone.localdate():%Y-%m-%d}{'-alle' if everything else ''}.zip"
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
