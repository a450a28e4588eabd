"""Importing statistics in the web: upload, preview with every row error, then confirm."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import LEVEL_PLURALS, Level
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
from praeventionsnetz.monitoring import tasks
from praeventionsnetz.monitoring.forms import ImportForm
from praeventionsnetz.monitoring.selectors.batches import batches_recent
from praeventionsnetz.monitoring.services import imports

PREVIEW_ROWS = 200
UPLOAD_KIND = tasks.UPLOAD_KIND


def _form(request: HttpRequest, data=None, files=None) -> ImportForm:
    cities = list(selectors.cities())
    levels = [(lvl, str(LEVEL_PLURALS[Level(lvl)])) for lvl in Level.values if lvl != Level.CITY]
    return ImportForm(data, files, cities=cities, levels=levels)


def _options(data: dict) -> imports.ImportOptions:
    return tasks.import_options(data)


@requires("monitoring.import_observations")
@require_http_methods(["GET", "POST"])
def observation_import(request: HttpRequest) -> HttpResponse:
    """Step 1 and 2: the form, then the preview of what the file would change."""
    if request.method == "GET":
        return render(
            request,
            "monitoring/import.html",
            {"form": _form(request), "batches": batches_recent()},
        )
    form = _form(request, request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "monitoring/import.html", {"form": form}, status=400)
    upload = form.cleaned_data["datei"]
    if upload.size > MAX_UPLOAD:
        form.add_error("datei", _("The file is larger than 20 MB."))
        return render(request, "monitoring/import.html", {"form": form}, status=400)
    content = upload.read()
    city = selectors.city_get(list(selectors.cities()), form.cleaned_data["stadt"])
    try:
        preview = imports.observations_preview(
            content=content,
            file_name=upload.name,
            city=city,
            level=form.cleaned_data["ebene"],
            options=_options(form.cleaned_data),
        )
    except DomainError as exc:
        form.add_error("datei", str(exc))
        return render(request, "monitoring/import.html", {"form": form}, status=400)
    stored_name = upload_store(content, upload.name, kind=UPLOAD_KIND, by=request.user)
    return render(
        request,
        "monitoring/import.html",
        {
            "form": form,
            "preview": preview,
            "shown_rows": preview.rows[:PREVIEW_ROWS],
            "stored_name": stored_name,
        },
    )


@requires("monitoring.import_observations")
@require_POST
def observation_import_confirm(request: HttpRequest) -> HttpResponse:
    """Step 3: import the previewed file, all or nothing, and only once, in the background.

    The task page shows how far it is and its outcome (monitoring.tasks.observation_import).
    """
    form = _form(request, request.POST, {})
    form.fields["datei"].required = False
    stored, _file_name = StoredUploadForm(request.POST).upload()
    if not form.is_valid():
        messages.error(request, _("The preview has expired. Please upload the file again."))
        return redirect("monitoring:import")
    try:
        upload = upload_check(stored, kind=UPLOAD_KIND)
    except UploadGone as exc:
        messages.error(request, str(exc))
        return redirect("monitoring:import")
    except UploadConsumed as exc:
        messages.info(request, str(exc))
        return redirect("monitoring:indicator-list")
    data = {k: v for k, v in form.cleaned_data.items() if k != "datei"}
    job = job_start(
        tasks.observation_import,
        user=request.user,
        title=_("Import of “%(file)s”") % {"file": upload.file_name},
        stored=stored,
        data=data,
    )
    return redirect("core:job-detail", pk=job.pk)
