"""Uploaded files kept between an import preview and its confirmation.

The preview stores the bytes under a random token (`upload_store`); the confirmation claims
them inside its own transaction (`upload_claim`). A claim locks the row and marks it
consumed, so two confirmations of one preview — a double click, two tabs — import once:
the second waits for the first and then finds the preview consumed. When the import fails,
its transaction rolls the claim back and the preview can be confirmed again.

Uploads older than `KEEP` are deleted on every new upload and by `manage.py uploads_clean`;
a consumed upload keeps only its row (without content) until then, so that a late second
confirmation hears that the import was already done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import Upload

MAX_UPLOAD = 20 * 1024 * 1024
KEEP = dt.timedelta(days=1)


class UploadGone(DomainError):
    """The preview is unknown or expired."""

    def __init__(self) -> None:
        super().__init__(_("The preview has expired. Please upload the file again."))


class UploadConsumed(DomainError):
    """The preview was already imported."""

    def __init__(self) -> None:
        super().__init__(_("This import has already been saved."))


def upload_store(content: bytes, file_name: str, *, kind: str, by=None) -> str:
    """Keep the bytes for a confirmation of `kind`; returns the token for the form."""
    uploads_clean()
    token = secrets.token_urlsafe(32)
    Upload.objects.create(
        token=token,
        kind=kind,
        file_name=file_name[:255],
        content=content,
        created_at=timezone.now(),
        created_by=by if by is not None and by.is_authenticated else None,
    )
    return token


def upload_check(token: str, *, kind: str) -> Upload:
    """The upload (without its content), or UploadGone or UploadConsumed as a claim would
    raise them, without claiming: a view checks before it starts the task that claims."""
    upload = (
        Upload.objects.filter(token=token or "", kind=kind, created_at__gte=timezone.now() - KEEP)
        .defer("content")
        .first()
    )
    if upload is None:
        raise UploadGone
    if upload.consumed_at is not None:
        raise UploadConsumed
    return upload


def upload_claim(token: str, *, kind: str) -> Upload:
    """The upload, marked consumed; call inside the transaction that imports it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("upload_claim() belongs inside the import's transaction")
    upload = (
        Upload.objects.select_for_update()
        .filter(token=token or "", kind=kind, created_at__gte=timezone.now() - KEEP)
        .first()
    )
    if upload is None:
        raise UploadGone
    if upload.consumed_at is not None:
        raise UploadConsumed
    content = bytes(upload.content)
    upload.consumed_at = timezone.now()
    upload.content = b""
    upload.save(update_fields=["consumed_at", "content"])
    upload.content = content
    return upload


def uploads_clean(*, now: dt.datetime | None = None) -> int:
    """Delete uploads older than `KEEP`; returns how many."""
    before = (now or timezone.now()) - KEEP
    deleted, _by_model = Upload.objects.filter(created_at__lt=before).delete()
    return deleted


# --- Files kept in private storage (receipts, meeting files) ---------------------------------


def upload_sha256(upload) -> str:
    """The SHA-256 of an uploaded file, read in chunks; the file is left at its start."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def private_download(stored_file, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download, never shown inline (a crafted file cannot run in the
    site's origin) and never kept in a shared cache."""
    response = FileResponse(
        stored_file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
