"""What counts as a photo staff may upload (from a crew's phone, from a village visit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/heic"})
PHOTO_MAX_BYTES = 15 * 1024 * 1024


def photo_problem(upload: UploadedFile) -> str | None:
    """``"type"`` if the file is not a picture, ``"size"`` if it is over 15 MB, else None."""
    if upload.content_type not in PHOTO_TYPES:
        return "type"
    if (upload.size or 0) > PHOTO_MAX_BYTES:
        return "size"
    return None
