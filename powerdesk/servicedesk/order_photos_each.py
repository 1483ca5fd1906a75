"""A work order's photos judged each on its own: the photos the crew's phone kept with a step
made without signal (``views_crew_photos``), sent once the station has the step.

A form's photos are stored all or none (``order_photos``): whoever chose them is there to choose
again. The phone's kept photos have nobody to choose again: the step is taken and the job has
left the phone. Refused whole, one file that is not a picture took the good photo with it
(walk64 M5). Here each photo is stored or refused on its own, the refused ones named with why:
not a picture, or past the order's bound (counted with the order's row held, in the order they
were chosen). The same picture is stored once; one line of the order's history tells how many
were added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do
from powerdesk.lib.photos import (
    PHOTOS_PER_RECORD,
    PhotoError,
    hold_for_photos,
    photo_prepare,
    upload_hash,
)
from powerdesk.lib.user_text import without_bidi
from powerdesk.servicedesk.models import WorkOrder, WorkOrderPhoto
from powerdesk.servicedesk.order_photos import (
    PhotosRefused,
    PreparedPhotos,
    photos_stored_atomic,
    work_order_photo_once,
    work_order_photos_repeated,
)
from powerdesk.servicedesk.workflow import require_on_order

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from powerdesk.accounts.models import User

__all__ = ["PhotosJudged", "work_order_photos_each"]


@dataclass(frozen=True)
class PhotosJudged:
    """``stored``: the photos new to the order; ``taken``: the uploads it has now (stored now
    or before); ``refused``: each upload not stored, as (its name as chosen, why)."""

    stored: list[WorkOrderPhoto]
    taken: list[UploadedFile]
    refused: list[tuple[str, str]]

    @property
    def repeated(self) -> str:
        """The photos taken that the order had already, named (``""`` when none)."""
        return work_order_photos_repeated(self.taken, self.stored)


def work_order_photos_each(
    *, work_order: WorkOrder, uploads: list[UploadedFile], user: User | None
) -> PhotosJudged:
    """Each of ``uploads`` stored on the order, or refused with why, on its own: by whoever may
    note the order (a crew member only on their own crew's orders). The pictures are decoded
    before the transaction that stores them opens (probe 36, F3); an order already full decodes
    nothing. ``PhotosRefused`` only when nothing was sent."""
    require_on_order(user, work_order, Do.ORDER_NOTE)
    if not uploads:
        raise PhotosRefused(_("Choose at least one photo."))
    on_order = WorkOrderPhoto.objects.filter(work_order=work_order)
    kept = set(on_order.values_list("content_hash", flat=True))
    full = on_order.count() >= PHOTOS_PER_RECORD
    prepared: PreparedPhotos = []
    refused: list[tuple[str, str]] = []
    for upload in uploads:
        if full and upload_hash(upload) not in kept:
            refused.append((_name(upload), _no_room(upload)))
            continue
        try:
            prepared.append((upload, photo_prepare(upload)))
        except PhotoError as exc:
            refused.append((_name(upload), str(exc)))
    stored: list[WorkOrderPhoto] = []
    taken: list[UploadedFile] = []
    if not prepared:
        return PhotosJudged(stored, taken, refused)
    with photos_stored_atomic(work_order=work_order, user=user, stored=stored):
        # Counted with the order's row held: photos stored meanwhile count.
        hold_for_photos(work_order)
        room = PHOTOS_PER_RECORD - on_order.count()
        kept = set(on_order.values_list("content_hash", flat=True))
        for upload, image in prepared:
            digest = upload_hash(upload)
            if digest not in kept and room <= 0:
                refused.append((_name(upload), _no_room(upload)))
                continue
            photo, is_new = work_order_photo_once(
                work_order=work_order, upload=upload, user=user, image=image, line=False
            )
            taken.append(upload)
            kept.add(digest)
            if is_new:
                stored.append(photo)
                room -= 1
    return PhotosJudged(stored, taken, refused)


def _name(upload: UploadedFile) -> str:
    """The upload's name as chosen (the bidi controls taken out), for the phone to say."""
    return without_bidi(str(upload.name or "")).rsplit("/", 1)[-1][:100] or "?"


def _no_room(upload: UploadedFile) -> str:
    return _("%(name)s was not stored: an order keeps at most %(n)s photos.") % {
        "name": _name(upload),
        "n": PHOTOS_PER_RECORD,
    }
