"""A photo stored once for its record (a work order, a visit): the storing both share.

The same bytes sent again (a double click, a retry on a weak signal, the page sent twice at
once) are the photo already kept: no second file, no second line in the record's history. Only
a real picture is kept (``photos.photo_prepare``: decoded, re-encoded without its metadata),
within the record's bound (``photos.photos_full``, counted again with the record's row held).
The picture is decoded before the transaction that stores it opens, so the database's write
lock is held only while it is stored (probe 36, F3). Who may send one, and what else the record
asks of it (a visit's day, a caption), the record's own service judges before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import IntegrityError, models, transaction

from powerdesk.lib.photos import (
    PhotoError,
    hold_for_photos,
    photo_prepare,
    photos_full,
    upload_hash,
)

if TYPE_CHECKING:
    from django.core.files import File
    from django.core.files.base import ContentFile
    from django.db.models import QuerySet

__all__ = ["photo_store_once"]


def photo_store_once[Photo: models.Model](
    record: models.Model,
    photos: QuerySet[Photo],
    upload: File,
    *,
    make: Callable[[ContentFile[bytes], str], Photo],
    refused: Callable[[PhotoError], Exception],
    refused_held: Callable[[PhotoError], Exception] | None = None,
    stored: Callable[[Photo], None] | None = None,
    image: ContentFile[bytes] | None = None,
) -> tuple[Photo, bool]:
    """``upload`` stored once among ``photos`` (the record's, with a ``content_hash`` unique for
    it and an ``image``): returns the photo, and whether it was stored now (a caller that rolls
    back deletes only the files it stored).

    ``make``: the record's photo, not saved, of the picture prepared and the hash of the bytes
    sent. ``refused``: what to raise for a picture refused or a record full (before anything is
    decoded: a full record has nothing decoded); ``refused_held``: for a record found full with
    its row held (a photo stored meanwhile; ``refused`` when not given). ``stored``: told of a
    photo stored now, inside the transaction (the record's history line). ``image``: the upload
    already prepared (``photo_prepare``), by a caller inside a transaction of its own."""
    digest = upload_hash(upload)
    kept = photos.filter(content_hash=digest).first()
    if kept is not None:
        return kept, False
    try:
        photos_full(photos.count())  # a full record has nothing decoded
        if image is None:
            image = photo_prepare(upload)
    except PhotoError as exc:
        raise refused(exc) from None
    with transaction.atomic():
        # Counted again with the record's row held to the end: a photo sent at the same moment
        # (another, or this one again) is counted before this one or after it, never beside it.
        hold_for_photos(record)
        # A photo kept before the hash of the bytes sent has that of its stored file (the data
        # migrations filling it): the same picture sent again re-encodes to those very bytes.
        kept = photos.filter(content_hash__in=(digest, upload_hash(image))).first()
        if kept is not None:
            return kept, False
        try:
            photos_full(photos.count())
        except PhotoError as exc:
            raise (refused_held or refused)(exc) from None
        photo = make(image, digest)
        try:
            with transaction.atomic():
                photo.save()
        except IntegrityError:
            # Sent twice at once: the other request stored it first; only this one's file goes.
            photo.image.delete(save=False)  # type: ignore[attr-defined]
            return photos.get(content_hash=digest), False
        if stored is not None:
            stored(photo)
        return photo, True
