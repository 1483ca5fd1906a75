"""A work order's photos judged each on its own: the photos a crew sends from the site with the
step "restored", online (``views_crew``) or kept by the phone with a step made without signal
(``views_crew_photos``), sent once the station has the step.

An office form's photos are stored all or none (``order_photos``): whoever chose them is there
to choose again. A crew's are not: the phone's kept photos have nobody to choose again (the step
is taken and the job has left the phone: walk64 M5), and online one file that is not a picture
refused the power back with the good photo beside it, on a weak signal (walk67 M1). Here each
photo is stored or refused on its own, the refused ones named with why: not a picture, or past
the order's bound (in the order they were chosen: a new one past it is not even decoded, and it
is counted again with the order's row held). The same picture is stored once; one line of the
order's history tells how many were added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.html import format_html
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
    from django.utils.safestring import SafeString

    from powerdesk.accounts.models import User

__all__ = [
    "PhotosJudged",
    "PhotosSorted",
    "photos_discarded",
    "work_order_photos_each",
    "work_order_photos_keep",
    "work_order_photos_sort",
]


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


@dataclass(frozen=True)
class PhotosSorted:
    """Photos judged before any transaction opens (``work_order_photos_sort``): ``prepared``,
    each upload with its picture decoded, to be stored; ``refused``, each upload not a picture
    or past the order's bound, as (its name as chosen, why)."""

    prepared: PreparedPhotos
    refused: list[tuple[str, str]]


def work_order_photos_sort(
    *, work_order: WorkOrder, uploads: list[UploadedFile], user: User | None
) -> PhotosSorted:
    """Each of ``uploads`` decoded, or refused with why, on its own, before the transaction
    that stores them opens (probe 36, F3): by whoever may note the order (a crew member only on
    their own crew's orders). A new picture past the order's bound (counted in the order they
    were chosen) is refused without being decoded. ``PhotosRefused`` only when nothing was
    sent."""
    require_on_order(user, work_order, Do.ORDER_NOTE)
    if not uploads:
        raise PhotosRefused(_("Choose at least one photo."))
    on_order = WorkOrderPhoto.objects.filter(work_order=work_order)
    kept = set(on_order.values_list("content_hash", flat=True))
    room = PHOTOS_PER_RECORD - on_order.count()
    prepared: PreparedPhotos = []
    refused: list[tuple[str, str]] = []
    for upload in uploads:
        digest = upload_hash(upload)
        if digest not in kept and room <= 0:
            refused.append((_name(upload), _no_room(upload)))
            continue
        try:
            prepared.append((upload, photo_prepare(upload)))
        except PhotoError as exc:
            refused.append((_name(upload), str(exc)))
            continue
        if digest not in kept:
            kept.add(digest)
            room -= 1
    return PhotosSorted(prepared, refused)


def work_order_photos_keep(
    *,
    work_order: WorkOrder,
    sorted_photos: PhotosSorted,
    user: User | None,
    each_line: bool = False,
) -> PhotosJudged:
    """The photos ``work_order_photos_sort`` decoded, each stored once, in a short
    transaction (inside the caller's when it has one: a crew's step and its photos), the
    order's bound counted again with its row held; those refused named with why. One line of
    the order's history tells how many were added (``each_line``: a line names each photo,
    as a crew's step with its photos always said them)."""
    refused = list(sorted_photos.refused)
    stored: list[WorkOrderPhoto] = []
    taken: list[UploadedFile] = []
    if not sorted_photos.prepared:
        return PhotosJudged(stored, taken, refused)
    on_order = WorkOrderPhoto.objects.filter(work_order=work_order)
    with photos_stored_atomic(work_order=work_order, user=user, stored=stored, line=not each_line):
        # Counted with the order's row held: photos stored meanwhile count.
        hold_for_photos(work_order)
        room = PHOTOS_PER_RECORD - on_order.count()
        kept = set(on_order.values_list("content_hash", flat=True))
        for upload, image in sorted_photos.prepared:
            digest = upload_hash(upload)
            if digest not in kept and room <= 0:
                refused.append((_name(upload), _no_room(upload)))
                continue
            photo, is_new = work_order_photo_once(
                work_order=work_order, upload=upload, user=user, image=image, line=each_line
            )
            taken.append(upload)
            kept.add(digest)
            if is_new:
                stored.append(photo)
                room -= 1
    return PhotosJudged(stored, taken, refused)


def work_order_photos_each(
    *, work_order: WorkOrder, uploads: list[UploadedFile], user: User | None
) -> PhotosJudged:
    """Each of ``uploads`` stored on the order, or refused with why, on its own
    (``work_order_photos_sort``, then ``work_order_photos_keep``). ``PhotosRefused`` only when
    nothing was sent."""
    sorted_photos = work_order_photos_sort(work_order=work_order, uploads=uploads, user=user)
    return work_order_photos_keep(work_order=work_order, sorted_photos=sorted_photos, user=user)


def photos_discarded(order: WorkOrder, refused: list[tuple[str, str]]) -> SafeString:
    """What the crew's phone says of the photos of a step not taken, each named with why, and
    where photos can still be added later (the order's page, linked): in the words the phone
    says them in after a step made without signal (``crew_photos.js``), so a crew reads the
    same either way (walk67 M1)."""
    reasons = " ".join(reason for _name, reason in refused)
    return format_html(
        '{} {} <a href="{}" data-testid="crew-photos-where">{}</a>',
        _("Job %(number)s: discarded: %(reason)s") % {"number": order.number, "reason": reasons},
        _("Photos can still be added later on the order’s page, “Add the photos”:"),
        reverse("servicedesk:work_order", args=[order.pk]),
        _("order %(number)s") % {"number": order.number},
    )


def _name(upload: UploadedFile) -> str:
    """The upload's name as chosen (the bidi controls taken out), for the phone to say."""
    return without_bidi(str(upload.name or "")).rsplit("/", 1)[-1][:100] or "?"


def _no_room(upload: UploadedFile) -> str:
    return _("%(name)s was not stored: an order keeps at most %(n)s photos.") % {
        "name": _name(upload),
        "n": PHOTOS_PER_RECORD,
    }
