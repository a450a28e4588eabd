"""Background tasks of monitoring: the import of a confirmed upload (core.jobs)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas import selectors
from praeventionsnetz.core import tabular
from praeventionsnetz.core.jobs import JobFailed, Outcome, job_progress, job_task
from praeventionsnetz.core.models import Job
from praeventionsnetz.core.uploads import UploadConsumed, UploadGone, upload_claim
from praeventionsnetz.monitoring.services import imports

UPLOAD_KIND = "monitoring-observations"
# Row errors named on the task page when an import is refused; the rest are counted.
ERRORS_SHOWN = 20


def import_options(data: dict) -> imports.ImportOptions:
    """The import's options from the import form's cleaned data."""
    return imports.ImportOptions(
        layout=data["format"],
        decimal=data["dezimal"],
        long_mapping=tabular.LongMapping(
            area=data["spalte_gebiet"],
            period=data.get("spalte_periode") or "periode",
            indicator=data.get("spalte_indikator") or "indikator",
            value=data.get("spalte_wert") or "wert",
        ),
        wide_mapping=tabular.WideMapping(
            area=data["spalte_gebiet"],
            period=data.get("spalte_periode") or "",
            fixed_period=data.get("feste_periode") or "",
            columns=data.get("spalten") or {},
        ),
    )


def rejection_text(exc: imports.ImportRejected) -> str:
    """Why an import was refused, with its first row errors, one per line."""
    errors = exc.preview.errors
    lines = [str(exc), *(str(e) for e in errors[:ERRORS_SHOWN])]
    rest = len(errors) - ERRORS_SHOWN
    if rest > 0:
        lines.append(
            ngettext("… and %(count)s more row error.", "… and %(count)s more row errors.", rest)
            % {"count": rest}
        )
    return "\n".join(lines)


@job_task
def observation_import(job: Job, *, stored: str, data: dict) -> Outcome:
    """Claim the stored upload and import it, all or nothing, and only once."""
    import_url = reverse("monitoring:import")
    again = _("Back to the import")
    city = selectors.city_get(list(selectors.cities()), data["stadt"])
    try:
        with transaction.atomic():
            upload = upload_claim(stored, kind=UPLOAD_KIND)
            job_progress(job, message=_("Checking the rows of the file"))
            batch = imports.observations_import(
                content=upload.content,
                file_name=upload.file_name,
                city=city,
                level=data["ebene"],
                options=import_options(data),
                by=job.owner,
                progress=lambda done, total, message: job_progress(
                    job, done=done, total=total, message=message
                ),
            )
    except UploadGone as exc:
        raise JobFailed(str(exc), url=import_url, label=again) from exc
    except UploadConsumed as exc:
        return Outcome(
            message=str(exc),
            url=reverse("monitoring:indicator-list"),
            label=_("Show the indicators"),
        )
    except IntegrityError as exc:
        # Another import saved the same figures at the same moment; this one rolled back whole.
        raise JobFailed(
            _(
                "Another import saved figures for the same areas at the same moment, so nothing "
                "was saved. Please check the figures and upload the file again if needed."
            ),
            url=import_url,
            label=again,
        ) from exc
    except imports.ImportRejected as exc:
        raise JobFailed(rejection_text(exc), url=import_url, label=again) from exc
    return Outcome(
        message=_(
            "Import of “%(file)s” saved: %(created)s new, %(updated)s changed, "
            "%(unchanged)s unchanged."
        )
        % {
            "file": batch.file_name,
            "created": batch.created,
            "updated": batch.updated,
            "unchanged": batch.unchanged,
        },
        url=reverse("monitoring:indicator-list"),
        label=_("Show the indicators"),
    )
