"""Background tasks of the network: the maps' layouts computed ahead (core.jobs).

A map's positions and measures are kept per city, wave and filter (network.layouts); a
request that finds none current computes them, which takes seconds for a city's network.
When a survey closes, its network changes: this task computes the maps the pages show first
(the whole city and each Stadtraum, or Bezirk, without a sector or kind chosen) ahead, so
the first visitor need not wait.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.jobs import JobFailed, Outcome, job_progress, job_task
from praeventionsnetz.core.models import Job
from praeventionsnetz.core.uploads import UploadConsumed, UploadGone, upload_claim
from praeventionsnetz.network import analysis, layouts, registry_import
from praeventionsnetz.network.i18n import translated
from praeventionsnetz.network.models import SurveyWave


def layouts_subject(city: Area, wave: SurveyWave | None) -> str:
    """The subject of a refresh (core.models.Job.subject): one at a time per city and wave."""
    return f"network-layouts:city={city.pk}:wave={wave.pk if wave else 'register'}"


def layout_areas(city: Area) -> list[Area | None]:
    """The areas of the map's area filter, after the whole city (None)."""
    areas = list(area_selectors.areas_of_level(city=city, level=Level.STADTRAUM)) or list(
        area_selectors.areas_of_level(city=city, level=Level.BEZIRK)
    )
    return [None, *areas]


@job_task
def layouts_refresh(job: Job, *, city_id: int, wave_id: int | None) -> Outcome:
    city = Area.objects.get(pk=city_id)
    wave = SurveyWave.objects.get(pk=wave_id) if wave_id else None
    areas = layout_areas(city)
    job_progress(job, done=0, total=len(areas), message=_("Computing the network maps"))
    computed = 0
    for done, area in enumerate(areas, start=1):
        view = analysis.network_of(city=city, wave=wave, area=area, measured=False)
        if 0 < len(view.nodes) <= layouts.MAX_DRAWN:
            kept = layouts.map_data(
                city=city,
                wave=wave,
                choice=layouts.choice_key(wave=wave, area=area),
                nodes=view.nodes,
                ties=view.ties,
            )
            computed += kept.computed
        job_progress(job, done=done)
    query = {"stadt": city.code, "welle": wave.pk if wave else "register"}
    return Outcome(
        message=ngettext(
            "%(count)s network map computed anew.",
            "%(count)s network maps computed anew.",
            computed,
        )
        % {"count": computed},
        url=f"{reverse('network:network-map')}?{urlencode(query)}",
        label=_("Show the network map"),
    )


REGISTRY_UPLOAD_KIND = "network-registry"
# Row errors named on the task page when an import is refused; the rest are counted.
ERRORS_SHOWN = 20


def registry_rejection_text(exc: registry_import.RegistryImportRejected) -> str:
    """Why a registry import was refused, with its first row errors, one per line."""
    errors = exc.preview.errors
    lines = [str(exc), *(translated(e.located()) for e in errors[:ERRORS_SHOWN])]
    rest = len(errors) - ERRORS_SHOWN
    if rest > 0:
        lines.append(
            ngettext("… and %(count)s more row error.", "… and %(count)s more row errors.", rest)
            % {"count": rest}
        )
    return "\n".join(lines)


@job_task
def registry_import_task(job: Job, *, stored: str, city_id: int) -> Outcome:
    """Claim the stored organisation list and import it, all or nothing, and only once."""
    city = Area.objects.get(pk=city_id)
    back = reverse("network:import")
    again = _("Back to the import")
    organisations = f"{reverse('network:organisation-list')}?{urlencode({'stadt': city.code})}"
    try:
        with transaction.atomic():
            upload = upload_claim(stored, kind=REGISTRY_UPLOAD_KIND)
            job_progress(job, message=_("Checking the rows"))
            # Checked again: the registry may have changed since the preview.
            result = registry_import.registry_import(
                content=upload.content, file_name=upload.file_name, city=city, by=job.owner
            )
    except UploadGone as exc:
        raise JobFailed(str(exc), url=back, label=again) from exc
    except UploadConsumed as exc:
        return Outcome(message=str(exc), url=organisations, label=_("Show the organisations"))
    except registry_import.RegistryImportRejected as exc:
        raise JobFailed(registry_rejection_text(exc), url=back, label=again) from exc
    created, updated, unchanged = result["created"], result["updated"], result["unchanged"]
    total = created + updated + unchanged
    job_progress(job, done=total, total=total)
    return Outcome(
        message=_("Import of “%(file)s” saved: %(created)s, %(updated)s, %(unchanged)s.")
        % {
            "file": upload.file_name,
            "created": ngettext("%(count)s new", "%(count)s new", created) % {"count": created},
            "updated": ngettext("%(count)s changed", "%(count)s changed", updated)
            % {"count": updated},
            "unchanged": ngettext("%(count)s unchanged", "%(count)s unchanged", unchanged)
            % {"count": unchanged},
        },
        url=organisations,
        label=_("Show the organisations"),
    )
