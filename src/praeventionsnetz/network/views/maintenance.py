"""Registry upkeep for planning: import with preview, possible duplicates, merging."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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
from praeventionsnetz.network import dedup, registry_import, selectors, tasks
from praeventionsnetz.network.forms import MergeForm, city_asked
from praeventionsnetz.network.i18n import translated
from praeventionsnetz.network.merge import organisation_merge
from praeventionsnetz.network.models import Organisation

UPLOAD_KIND = tasks.REGISTRY_UPLOAD_KIND
MAX_PAIRS = 200


@requires("network.change_organisation")
@require_http_methods(["GET", "POST"])
def registry_upload(request: HttpRequest) -> HttpResponse:
    city, cities = city_asked(request.POST, request.GET)
    context = {"cities": cities, "city": city, "columns": registry_import.COLUMNS}
    if request.method == "GET":
        return render(request, "network/import.html", context)
    upload = request.FILES.get("datei")
    if upload is None:
        context["error"] = _("Please choose a file.")
        return render(request, "network/import.html", context, status=400)
    if upload.size > MAX_UPLOAD:
        context["error"] = _("The file is larger than %(megabytes)s MB.") % {
            "megabytes": MAX_UPLOAD // (1024 * 1024)
        }
        return render(request, "network/import.html", context, status=400)
    content = upload.read()
    try:
        preview = registry_import.registry_preview(
            content=content, file_name=upload.name, city=city
        )
    except DomainError as exc:
        context["error"] = str(exc)
        return render(request, "network/import.html", context, status=400)
    stored = upload_store(content, upload.name, kind=UPLOAD_KIND, by=request.user)
    context.update(preview=preview, stored=stored)
    return render(request, "network/import.html", context)


@requires("network.change_organisation")
@require_POST
def registry_confirm(request: HttpRequest) -> HttpResponse:
    """Import the previewed list in the background (network.tasks.registry_import_task); the
    task page shows how far it is and its outcome."""
    city, _cities = city_asked(request.POST)
    stored, _file_name = StoredUploadForm(request.POST).upload()
    try:
        upload = upload_check(stored, kind=UPLOAD_KIND)
    except UploadGone:
        messages.error(request, _("The preview has expired. Please load the file again."))
        return redirect("network:import")
    except UploadConsumed as exc:
        messages.info(request, str(exc))
        return redirect(f"{reverse('network:organisation-list')}?stadt={city.code}")
    job = job_start(
        tasks.registry_import_task,
        user=request.user,
        title=_("Import of the organisations from “%(name)s”") % {"name": upload.file_name},
        stored=stored,
        city_id=city.pk,
    )
    return redirect("core:job-detail", pk=job.pk)


def _keep_first(first: Organisation, second: Organisation) -> dict[str, Organisation]:
    """The pair with the record that says more (address, phone) as the one to keep; the
    older one when both say as much."""

    def known(o: Organisation) -> int:
        return sum(1 for value in (o.street, o.postcode, o.town, o.phone) if value)

    if known(second) > known(first):
        first, second = second, first
    return {"a": first, "b": second}


@requires("network.change_organisation")
@require_GET
def duplicate_list(request: HttpRequest) -> HttpResponse:
    city, cities = city_asked(request.GET)
    organisations = {
        o.pk: o
        for o in Organisation.objects.filter(city=city).only(
            "name", "street", "postcode", "town", "phone", "provider_id", "is_demo"
        )
    }
    found = dedup.candidates(
        (
            dedup.Record(o.pk, o.name, o.street, o.postcode, o.town, o.phone, o.provider_id)
            for o in organisations.values()
        ),
        places=selectors.place_names(city),
    )[:MAX_PAIRS]
    pairs = [
        {
            **_keep_first(organisations[c.first], organisations[c.second]),
            "score": c.score,
            "reason": translated(c.reason),
            "evidence": [translated(e) for e in c.evidence],
        }
        for c in found
    ]
    return render(
        request, "network/duplicates.html", {"pairs": pairs, "city": city, "cities": cities}
    )


@requires("network.change_organisation")
@require_POST
def organisation_merge_view(request: HttpRequest) -> HttpResponse:
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, MergeForm.CHOOSE_PAIR)
        return redirect("network:duplicates")
    keep = get_object_or_404(Organisation, pk=form.cleaned_data["behalten"])
    remove = get_object_or_404(Organisation, pk=form.cleaned_data["entfernen"])
    name = remove.name
    try:
        organisation_merge(keep=keep, remove=remove, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("network:duplicates")
    messages.success(
        request,
        _("“%(removed)s” was merged into “%(kept)s”.") % {"removed": name, "kept": keep.name},
    )
    return redirect("network:organisation-detail", pk=keep.pk)
