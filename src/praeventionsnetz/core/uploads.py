"""Uploaded files kept between a preview and its confirmation, named by their SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings

MAX_UPLOAD = 20 * 1024 * 1024


def _folder() -> Path:
    path = Path(settings.VAR_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def upload_store(content: bytes, file_name: str) -> str:
    """Keep the bytes; returns the stored name to carry through the confirmation form."""
    name = hashlib.sha256(content).hexdigest() + Path(file_name).suffix.lower()
    (_folder() / name).write_bytes(content)
    return name


def upload_path(stored: str) -> Path | None:
    """The stored file, or None when the name is unknown (or tries to leave the folder)."""
    name = Path(stored or "").name
    path = _folder() / name
    return path if name and path.is_file() else None
