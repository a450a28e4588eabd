"""Import batches: the list on the import page and undoing one as a whole."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from praeventionsnetz.core.access import get_for, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.monitoring.models import ImportBatch
from praeventionsnetz.monitoring.services.batches import import_batch_undo


@requires("monitoring.import_observations")
@require_POST
def batch_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo one import: its figures go, earlier ones come back, totals are recomputed."""
    batch = get_for(request, ImportBatch, pk, perm="monitoring.import_observations")
    try:
        batch = import_batch_undo(batch=batch, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Import of “%(file)s” undone.") % {"file": batch.file_name})
    return redirect("monitoring:import")
