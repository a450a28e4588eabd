"""Files of a meeting (invitation, presentation, signed minutes), checked by their content.

A file's type is what its bytes say, not its name or what the browser claims: PDF, JPEG
and PNG by their first bytes; Word, Excel and PowerPoint files (Office Open XML) and
OpenDocument files are ZIP archives, recognised by the parts inside (only the list of
names and the small “mimetype” entry are read, nothing is unpacked). The name's ending
must fit the content. Files are stored under a random name outside the web root.
"""

from __future__ import annotations

import secrets
import zipfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.uploads import upload_sha256
from praeventionsnetz.steering.meetings import _save, _user
from praeventionsnetz.steering.models import AgendaItem, Meeting, MeetingFile

MAX_BYTES = 20 * 1024 * 1024

# content type → (label, allowed name endings)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/pdf": ("PDF", (".pdf",)),
    "image/jpeg": ("JPEG", (".jpg", ".jpeg")),
    "image/png": ("PNG", (".png",)),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "Word (DOCX)",
        (".docx",),
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (
        "Excel (XLSX)",
        (".xlsx",),
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint (PPTX)",
        (".pptx",),
    ),
    "application/vnd.oasis.opendocument.text": ("OpenDocument (ODT)", (".odt",)),
    "application/vnd.oasis.opendocument.spreadsheet": ("OpenDocument (ODS)", (".ods",)),
    "application/vnd.oasis.opendocument.presentation": ("OpenDocument (ODP)", (".odp",)),
}
MAGIC = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
# The part that makes an Office Open XML package a document, a workbook or a presentation.
OOXML_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
ACCEPT = ",".join(ending for _label, endings in KINDS.values() for ending in endings)


def _unknown() -> DomainError:
    return DomainError(
        _(
            "Meeting files can be PDF, JPEG, PNG, Word, Excel, PowerPoint or OpenDocument "
            "files; this file's content is none of them."
        )
    )


def _zip_kind(upload: Any) -> str:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_PARTS.items():
                    if part in names:
                        return kind
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared in ODF_TYPES:
                    return declared
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError) as exc:
        raise _unknown() from exc
    finally:
        upload.seek(0)
    raise _unknown()


def file_kind(upload: Any, file_name: str) -> str:
    """The content type by the file's content, checked against its name's ending."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = next((k for magic, k in MAGIC.items() if head.startswith(magic)), None)
    if kind is None and head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
    if kind is None:
        raise _unknown()
    label, endings = KINDS[kind]
    if not file_name.lower().endswith(endings):
        raise DomainError(
            _(
                "The file's content is %(kind)s, but its name “%(name)s” says otherwise. "
                "Please check the file."
            )
            % {"kind": label, "name": file_name}
        )
    return kind


@transaction.atomic
def meeting_file_add(
    *,
    meeting: Meeting,
    by: Any,
    upload: Any,
    name: str = "",
    agenda_item: AgendaItem | None = None,
    is_public: bool = False,
) -> MeetingFile:
    """Store a file of the meeting; refused (nothing stored) when too large or of a type
    that is not accepted by its content."""
    if upload.size > MAX_BYTES:
        raise DomainError(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if upload.size == 0:
        raise DomainError(_("The file is empty."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise DomainError(_("The agenda item belongs to another meeting."))
    original = Path(upload.name or "").name[:200]
    kind = file_kind(upload, original)
    meeting_file = MeetingFile(
        meeting=meeting,
        agenda_item=agenda_item,
        name=(" ".join(name.split()) or original)[:200],
        original_name=original,
        content_type=kind,
        size=upload.size,
        sha256=upload_sha256(upload),
        is_public=is_public,
        uploaded_at=timezone.now(),
        uploaded_by=_user(by),
    )
    # A random stored name: the uploader's file name never becomes a path.
    ending = KINDS[kind][1][0]
    meeting_file.file.save(f"{secrets.token_hex(16)}{ending}", upload, save=False)
    _save(meeting_file, by)
    return meeting_file
