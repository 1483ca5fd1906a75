"""Photos staff upload (from a crew's phone, from a village visit), made safe to keep and show.

The browser's Content-Type and the file's name are the sender's word and prove nothing: an
``.html`` or ``.svg`` sent as ``image/png`` would otherwise be stored and shown on our origin.
So the bytes themselves are decoded (JPEG, PNG, WebP or HEIC/HEIF), and what is kept is a new
JPEG drawn from the decoded pixels: upright (the EXIF orientation applied), no larger than
``PHOTO_MAX_SIDE``, with no metadata (a phone's EXIF carries the GPS position of the house and
the phone's serial number), under a random name. Nothing of the upload but its pixels is kept.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import warnings
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.lib.user_text import without_bidi

if TYPE_CHECKING:
    from django.core.files import File
    from django.db.models.fields.files import FieldFile
    from PIL import Image

__all__ = [
    "PHOTOS_PER_RECORD",
    "PHOTO_CONTENT_TYPE",
    "PHOTO_FREE_PIXELS",
    "PHOTO_MAX_BYTES",
    "PHOTO_MAX_PIXELS",
    "PHOTO_MAX_SIDE",
    "PHOTO_PIXELS_PER_BYTE",
    "PhotoError",
    "hold_for_photos",
    "is_prepared",
    "photo_prepare",
    "photo_reencode_stored",
    "photo_response",
    "photo_rules_said",
    "photo_too_big_said",
    "photos_full",
    "pixels_said",
    "upload_hash",
]

PHOTO_MAX_BYTES = 15 * 1024 * 1024
# A 64-megapixel phone camera makes about 60 million pixels; far more from a small file is a
# decompression bomb (a few KB that would take gigabytes to decode).
PHOTO_MAX_PIXELS = 80_000_000
# Pixels are also bounded by the bytes sent (probe 36, F3: a 68 KB PNG of 70 million pixels took
# 7 s and 440 MB to decode): up to PHOTO_FREE_PIXELS whatever the file's size (a screenshot, a
# scan, a 12 MP phone photo of a plain wall), and past them at most PHOTO_PIXELS_PER_BYTE pixels
# for each byte (a camera's 50 MP photo is ten megabytes or more, 3 to 5 pixels a byte; 64 a byte
# is far below any camera's JPEG). Judged from the picture's header, before anything is decoded.
PHOTO_FREE_PIXELS = 12_000_000
PHOTO_PIXELS_PER_BYTE = 64
# Enough to read a nameplate on a transformer; a phone's 4000 px photo takes ~4 MB otherwise.
PHOTO_MAX_SIDE = 2560
# Photos one record (a work order, a visit) keeps: each is a new file on the station's disk, so a
# loop sending new pictures must end; a repair or a visit is told in far fewer.
PHOTOS_PER_RECORD = 50
PHOTO_CONTENT_TYPE = "image/jpeg"
# The formats taken, as staff know them (Pillow's names below): said beside every photo input.
PHOTO_TYPES_SHOWN = ("JPEG", "PNG", "WebP", "HEIC")
PHOTO_EXTENSION = ".jpg"

# Pillow's names for the formats a phone or camera produces; anything else is refused.
_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
_PREPARED = re.compile(r"(^|/)[0-9a-f]{32}\.jpg$")


class PhotoError(ValueError):
    """The upload is not a photo we take; the message names the file and what is wrong."""


def photo_too_big_said(name: str) -> str:
    """A file over ``PHOTO_MAX_BYTES``, said by the server and, before sending, by the page."""
    return _("%(name)s is larger than %(mb)s MB.") % {
        "name": name,
        "mb": PHOTO_MAX_BYTES // (1024 * 1024),
    }


def pixels_said(pixels: int) -> str:
    """A count of pixels as the reader's language says it: "80 megapixels", "8000 万像素"
    (walk64 L1: "80 百万像素", the English millions with a unit glued on). The number is
    counted in the unit its language groups large numbers by (``LARGE_COUNT_UNIT`` of its
    format module, ``powerdesk.formats``: ten thousands, 万, in Chinese; millions otherwise),
    and said in that unit's own translated words. Whole units, rounded down: "more than 80
    megapixels" of the bound, "7056 万像素" of a picture of 70.56 million."""
    unit = _large_count_unit()
    n = pixels // unit
    if unit == 10_000:
        return pgettext("a count of pixels in ten thousands (万)", "%(n)s × 10,000 pixels") % {
            "n": n
        }
    return ngettext("%(n)s megapixel", "%(n)s megapixels", n) % {"n": n}


def _large_count_unit() -> int:
    """``LARGE_COUNT_UNIT`` of the active language's format module: 10,000 or 1,000,000."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    for module in formats.get_format_modules(language):
        unit = getattr(module, "LARGE_COUNT_UNIT", None)
        if unit in (10_000, 1_000_000):
            return int(unit)
    return 1_000_000


def photo_rules_said() -> str:
    """What a photo input takes, said beside it before anything is chosen (walk46, 8)."""
    return _("%(types)s, at most %(mb)s MB each") % {
        "types": "/".join(PHOTO_TYPES_SHOWN),
        "mb": PHOTO_MAX_BYTES // (1024 * 1024),
    }


def photos_full(kept: int) -> None:
    """Refuse one more photo for a record that keeps ``kept`` already, at the bound."""
    if kept >= PHOTOS_PER_RECORD:
        raise PhotoError(
            _("This record already has %(n)s photos, as many as it keeps.")
            % {"n": PHOTOS_PER_RECORD}
        )


def hold_for_photos(record: models.Model) -> None:
    """Hold ``record``'s row (a work order, a visit) until the transaction ends, before its
    photos are counted for one more and it is stored: two uploads at once are then counted one
    after the other, and the second sees the first's photo (``PHOTOS_PER_RECORD`` holds; the same
    picture is the one kept). PostgreSQL locks the row; SQLite's transactions (``IMMEDIATE``)
    take one writer at a time already. Inside a transaction."""
    list(
        type(record)
        ._default_manager.select_for_update()
        .filter(pk=record.pk)
        .values_list("pk", flat=True)
    )


def upload_hash(upload: File) -> str:
    """SHA-256 of the bytes sent (read from the start, left at the start): the same photo sent
    again for a record (a double click, a retry on a weak signal) is known by it and stored once
    (``photo_once.photo_store_once``, for an order's and a visit's)."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def photo_prepare(upload: File) -> ContentFile[bytes]:
    """The upload decoded and re-encoded as a plain JPEG under a random name.

    Raises ``PhotoError`` for anything that is not a whole JPEG, PNG, WebP or HEIC picture
    (HTML, SVG, a picture's header followed by something else, a truncated file, a picture of
    more than ``PHOTO_MAX_PIXELS``, or more pixels than its bytes could hold as a camera's
    photo: ``PHOTO_PIXELS_PER_BYTE``) or a file over 15 MB. Decoding takes seconds for a big
    picture: call it before any transaction opens, never with the database's write lock held
    (probe 36, F3).
    """
    name = without_bidi(str(upload.name or "")).rsplit("/", 1)[-1] or _("the file")
    if (upload.size or 0) > PHOTO_MAX_BYTES:
        raise PhotoError(photo_too_big_said(name))
    try:
        picture = _decode(upload)
    except _TooDense as dense:
        raise PhotoError(
            _(
                "%(name)s is refused: %(pixels)s in a file of only %(kb)s KB is not a photo as "
                "a camera saves it (one that large takes at least %(need)s KB). Send the photo "
                "as the camera or phone saved it."
            )
            % {
                "name": name,
                "pixels": pixels_said(dense.pixels),
                "kb": max(dense.size // 1024, 1),
                "need": dense.pixels // PHOTO_PIXELS_PER_BYTE // 1024,
            }
        ) from None
    except _TooLarge:
        raise PhotoError(
            _("%(name)s has too many pixels (more than %(pixels)s).")
            % {"name": name, "pixels": pixels_said(PHOTO_MAX_PIXELS)}
        ) from None
    except Exception:
        # Decoders of untrusted bytes fail in many ways (OSError, SyntaxError, struct.error,
        # ValueError, ...); every one of them means the same to the sender.
        raise PhotoError(
            _("%(name)s is not a photo (JPEG, PNG, WebP or HEIC).") % {"name": name}
        ) from None
    out = io.BytesIO()
    # No exif= argument: the new file carries no metadata at all. The colour profile stays (a
    # phone's Display P3 photo would look washed out without it) and says nothing of anyone.
    picture.save(
        out,
        "JPEG",
        quality=85,
        optimize=True,
        icc_profile=picture.info.get("icc_profile"),
    )
    return ContentFile(out.getvalue(), name=uuid.uuid4().hex + PHOTO_EXTENSION)


def is_prepared(stored_name: str) -> bool:
    """Whether a stored file name is one ``photo_prepare`` gave (older uploads kept theirs)."""
    return bool(_PREPARED.search(stored_name))


def photo_reencode_stored(stored: FieldFile) -> bool:
    """Put a photo kept before re-encoding through ``photo_prepare``; False if it is no photo.

    The record then points to the new file and the old one is deleted. A file that is not a
    photo stays as it was (``photo_response`` does not show it), for someone to look at.
    """
    if not stored.name or is_prepared(stored.name):
        return True
    old_name = stored.name
    try:
        with stored.open("rb"):
            prepared = photo_prepare(stored)
    except (PhotoError, FileNotFoundError):
        return False
    stored.save(prepared.name or "", prepared, save=True)
    stored.storage.delete(old_name)
    return True


def photo_hashes_fill(photos: Any, owner: str) -> int:
    """Give photos kept before their hash was (``content_hash`` empty) that of their stored file,
    for the data migrations: the same picture sent again re-encodes to those very bytes and is
    known by it. ``photos``: the historical model; ``owner``: its field naming the record the
    photos are of (one hash a record). A file gone from the disk is left without one; of two
    stored files alike for one record (repeats kept before), the first is known by it and both
    stay. Returns how many were filled."""
    taken = set(photos.objects.exclude(content_hash="").values_list(f"{owner}_id", "content_hash"))
    filled = 0
    for photo in photos.objects.filter(content_hash="").order_by("pk").iterator():
        digest = hashlib.sha256()
        try:
            with photo.image.open("rb") as stored:
                for chunk in stored.chunks():
                    digest.update(chunk)
        except (OSError, ValueError):
            continue  # no file (gone from the disk, or never named)
        key = (getattr(photo, f"{owner}_id"), digest.hexdigest())
        if key in taken:
            continue
        taken.add(key)
        photos.objects.filter(pk=photo.pk).update(content_hash=key[1])
        filled += 1
    return filled


def photo_response(stored: FieldFile, *, filename: str) -> HttpResponse:
    """A stored photo as an image a browser shows and never runs.

    The content type is fixed to the JPEG we stored, never guessed from the file; ``nosniff``
    and a CSP that allows nothing stop a browser from treating it as a page even if an older
    upload is not what its name says. Only staff who may see the record get here, so caches
    outside the browser must not keep it.
    """
    if not is_prepared(stored.name or ""):
        # An upload from before photos were re-encoded that could not be converted: its bytes
        # are unknown, so it is not shown at all.
        raise Http404("Photo not converted")
    try:
        with stored.open("rb") as handle:
            # At most PHOTO_MAX_SIDE px as JPEG: well under a few MB, read at once.
            content = handle.read()
    except FileNotFoundError:
        raise Http404("Photo file missing") from None
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", filename).strip("-") or "photo"
    response = HttpResponse(content, content_type=PHOTO_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{safe}{PHOTO_EXTENSION}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, max-age=86400"
    return response


class _TooLarge(Exception):
    pass


class _TooDense(Exception):
    """More pixels than the file's bytes could hold as a camera's photo."""

    def __init__(self, pixels: int, size: int) -> None:
        super().__init__(pixels, size)
        self.pixels, self.size = pixels, size


def _decode(upload: File) -> Image.Image:
    """Open, verify and load the picture, upright, as RGB and at most PHOTO_MAX_SIDE."""
    # Imported on first use: Pillow and libheif take ~0.2 s, which every start of the site
    # and of each command would otherwise pay.
    from PIL import Image, ImageFile, ImageOps
    from pillow_heif import register_heif_opener

    register_heif_opener()  # idempotent
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that: refuse there too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Another library in the process (WeasyPrint, on import) may have told Pillow to accept
        # truncated files; an upload never is.
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            upload.seek(0)
            with Image.open(upload, formats=_FORMATS) as probe:
                # From the header alone: nothing is decompressed before it is judged.
                _check_pixels(probe, upload.size or 0)
                probe.verify()  # checksums and structure, without decoding the pixels
            # verify() leaves the image unusable; decoding needs a fresh open.
            upload.seek(0)
            with Image.open(upload, formats=_FORMATS) as image:
                _check_pixels(image, upload.size or 0)
                if image.format == "JPEG":
                    # Decode at a reduced scale straight away: far less memory for a big photo.
                    image.draft("RGB", (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
                image.load()  # a truncated file fails here
                icc_profile = image.info.get("icc_profile")
                picture = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _TooLarge from None
    picture = _flatten(picture)
    picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    picture.info = {"icc_profile": icc_profile} if icc_profile else {}
    return picture


def _check_pixels(image: Image.Image, size: int) -> None:
    pixels = image.width * image.height
    if pixels > PHOTO_MAX_PIXELS:
        raise _TooLarge
    if pixels > PHOTO_FREE_PIXELS and pixels > size * PHOTO_PIXELS_PER_BYTE:
        raise _TooDense(pixels, size)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG; a transparent background becomes white, not black."""
    from PIL import Image

    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
