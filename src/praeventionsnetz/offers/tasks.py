"""Background tasks of offers: the HSDS import of a confirmed upload (core.jobs)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.jobs import JobFailed, Outcome, job_progress, job_task
from praeventionsnetz.core.models import Job
from praeventionsnetz.core.uploads import UploadConsumed, UploadGone, upload_claim
from praeventionsnetz.offers.hsds.apply import hsds_import_apply
from praeventionsnetz.offers.hsds.files import files_from_zip
from praeventionsnetz.offers.hsds.plan import HsdsImportRejected, ImportPlan
from praeventionsnetz.offers.hsds.planning import hsds_import_plan
from praeventionsnetz.offers.hsds.problems import PackageError
from praeventionsnetz.offers.hsds.texts import message_text

UPLOAD_KIND = "offers-hsds"


def hsds_plan(content: bytes, file_name: str, city) -> ImportPlan:
    """What importing the datapackage would do; DomainError when it cannot be read."""
    try:
        files = files_from_zip(content)
    except PackageError as exc:
        raise DomainError(message_text(exc.message)) from exc
    return hsds_import_plan(files, city=city, name=file_name)


@job_task
def hsds_import(job: Job, *, stored: str, city_id: int) -> Outcome:
    """Claim the stored datapackage and import it, all or nothing, and only once."""
    back = reverse("offers:hsds-import")
    again = _("Back to the HSDS import")
    city = area_selectors.cities().filter(pk=city_id).first()
    try:
        with transaction.atomic():
            upload = upload_claim(stored, kind=UPLOAD_KIND)
            job_progress(job, message=_("Checking the datapackage"))
            # Planned again: the registry may have changed since the preview.
            plan = hsds_plan(upload.content, upload.file_name, city)
            total = len(plan.entries)
            job_progress(
                job,
                done=0,
                total=total,
                message=_("%(count)s rows checked, saving them") % {"count": total},
            )
            hsds_import_apply(plan, by=job.owner)
    except UploadGone as exc:
        raise JobFailed(str(exc), url=back, label=again) from exc
    except UploadConsumed as exc:
        return Outcome(message=str(exc), url=back, label=again)
    except HsdsImportRejected as exc:
        lines = [str(exc), *exc.plan.error_texts]
        raise JobFailed("\n".join(lines), url=back, label=again) from exc
    except DomainError as exc:
        raise JobFailed(str(exc), url=back, label=again) from exc
    return Outcome(
        message=_("HSDS import of “%(name)s” saved: %(summary)s.")
        % {"name": upload.file_name, "summary": plan.summary()},
        url=back,
        label=again,
    )
