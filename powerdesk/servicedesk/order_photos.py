"""A work order's photos from the site or its page: only real pictures, decoded before the
transaction that stores them opens, every file of a form stored or none (each bad one named),
the order's bound kept, and the same picture stored once. Keyword-only operations, each writing
a line of the order's history (``services.order_event``); re-exported by ``order_field``.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.photo_once import photo_store_once
from powerdesk.lib.photos import (
    PHOTOS_PER_RECORD,
    PhotoError,
    hold_for_photos,
    photo_prepare,
    upload_hash,
)
from powerdesk.lib.user_text import without_bidi
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderPhoto
from powerdesk.servicedesk.services import order_event
from powerdesk.servicedesk.workflow import WorkOrderError, require_on_order

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import UploadedFile

    from powerdesk.accounts.models import User

__all__ = [
    "PhotosRefused",
    "PreparedPhotos",
    "photos_stored_atomic",
    "work_order_add_photo",
    "work_order_photo_once",
    "work_order_photos_add",
    "work_order_photos_check",
    "work_order_photos_once",
    "work_order_photos_prepare",
    "work_order_photos_repeated",
]


class PhotosRefused(WorkOrderError):
    """Files among a form's photos that are not pictures we take: each named, said at the
    photo field (``field``)."""

    field = "photos"


def work_order_add_photo(
    *, work_order: WorkOrder, upload: UploadedFile, user: User | None
) -> WorkOrderPhoto:
    """Keep a photo from the site: only a real picture, re-encoded without its metadata; the
    same photo sent again for the order is the one kept (``work_order_photo_once``)."""
    return work_order_photo_once(work_order=work_order, upload=upload, user=user)[0]


def work_order_photos_add(
    *, work_order: WorkOrder, uploads: list[UploadedFile], user: User | None
) -> list[WorkOrderPhoto]:
    """Photos added to an order from its page, at any status and of any category (a hazard's
    photo sent before the crew is there, a customer's photo of a complaint, one found after
    the order was resolved): by whoever may note the order (``order.note``; a crew member only
    on their own crew's orders), checked as a crew's photos are (``work_order_photos_once``:
    every file a picture or none stored, each bad one named; the order's bound; the same
    picture once). One line of the order's history says who added how many, when. Returns the
    photos stored now (none when every one was on the order already). The pictures are decoded
    before the transaction that stores them opens (probe 36, F3)."""
    require_on_order(user, work_order, Do.ORDER_NOTE)
    if not uploads:
        raise PhotosRefused(_("Choose at least one photo."))
    prepared = work_order_photos_prepare(work_order=work_order, uploads=uploads, user=user)
    stored: list[WorkOrderPhoto] = []
    with photos_stored_atomic(work_order=work_order, user=user, stored=stored):
        stored += work_order_photos_once(
            work_order=work_order,
            uploads=uploads,
            user=user,
            each_line=False,
            prepared=prepared,
        )
    return stored


@contextmanager
def photos_stored_atomic(
    *, work_order: WorkOrder, user: User | None, stored: list[WorkOrderPhoto], line: bool = True
) -> Iterator[None]:
    """A transaction in which the caller stores photos of the order, each put in ``stored`` as
    it is stored. ``line``: once they are, one line of the order's history says who added how
    many (none when none was new). Should the transaction fail, the rows go with it and the
    files stored for them are deleted too, before the error goes on."""
    try:
        with transaction.atomic():
            yield
            if line and stored:
                order_event(
                    work_order,
                    user,
                    WorkOrderEvent.Kind.NOTE,
                    said=note_said("photos_added", n=len(stored)),
                )
    except BaseException:
        # The rows go with the transaction; the files stored for them must go too.
        for photo in stored:
            photo.image.delete(save=False)
        raise


# Photos of a form, each with its picture decoded and re-encoded (``work_order_photos_prepare``).
PreparedPhotos = list[tuple["UploadedFile", "ContentFile[bytes]"]]


def work_order_photos_once(
    *,
    work_order: WorkOrder,
    uploads: list[UploadedFile],
    user: User | None,
    each_line: bool = True,
    prepared: PreparedPhotos | None = None,
) -> list[WorkOrderPhoto]:
    """The photos of one form (a crew's step), each stored once (``work_order_photo_once``);
    none when any of them is not a picture we take: refused with every such file named
    (``PhotosRefused``), not the first alone. Who may send them and how many the order still
    keeps are judged before a picture is decoded. Returns the photos stored now; a refusal
    part way leaves no file of this form on the disk. ``each_line``: a line of the order's
    history for each photo stored (else the caller writes one for them all).

    The pictures are decoded first, then stored in a short transaction: decoding takes
    seconds, and SQLite's write lock (taken as a transaction opens) would stop every write at
    the station meanwhile (probe 36, F3). A caller inside a transaction of its own passes
    ``prepared`` (``work_order_photos_prepare``, called before it opened)."""
    if prepared is None:
        prepared = work_order_photos_prepare(work_order=work_order, uploads=uploads, user=user)
    if not prepared:
        return []  # (who may send them was judged as they were prepared)
    stored: list[WorkOrderPhoto] = []
    with photos_stored_atomic(work_order=work_order, user=user, stored=stored, line=False):
        # Counted again with the order's row held: photos stored while these were decoded
        # count, and the form is refused whole rather than stored in part.
        hold_for_photos(work_order)
        _photos_room_for(work_order, [upload for upload, _image in prepared])
        for upload, image in prepared:
            photo, is_new = work_order_photo_once(
                work_order=work_order, upload=upload, user=user, image=image, line=each_line
            )
            if is_new:
                stored.append(photo)
    return stored


def work_order_photos_check(
    *, work_order: WorkOrder, uploads: list[UploadedFile], user: User | None
) -> None:
    """Raise ``PhotosRefused`` as ``work_order_photos_once`` would for these photos, storing
    nothing: a form refused for another reason says what is wrong with its photos too, and is
    sent again once, not once for each (walkthrough 32, finding 11)."""
    work_order_photos_prepare(work_order=work_order, uploads=uploads, user=user)


def work_order_photos_prepare(
    *, work_order: WorkOrder, uploads: list[UploadedFile], user: User | None
) -> PreparedPhotos:
    """Each upload with its picture, re-encoded (``photo_prepare``), for
    ``work_order_photos_once``; ``PhotosRefused`` naming every file that is not a picture, or
    for photos past the order's bound (judged before anything is decoded). Call it before any
    transaction opens: it takes seconds for big pictures and holds no lock."""
    require(user, work_order.station_id, Do.ORDER_NOTE)
    _photos_room_for(work_order, uploads)
    prepared: PreparedPhotos = []
    problems: list[str] = []
    for upload in uploads:
        try:
            prepared.append((upload, photo_prepare(upload)))
        except PhotoError as exc:
            problems.append(str(exc))
    if problems:
        raise PhotosRefused(
            _("Photos: %(problems)s Choose the photos again without them.")
            % {"problems": " ".join(problems)}
        )
    return prepared


def _photos_room_for(work_order: WorkOrder, uploads: list[UploadedFile]) -> None:
    """Refuse a form whose new pictures (not on the order already) would pass its bound."""
    on_order = WorkOrderPhoto.objects.filter(work_order=work_order)
    kept = set(on_order.values_list("content_hash", flat=True))
    new = {upload_hash(upload) for upload in uploads} - kept
    if new:
        # Counted by rows: photos kept before their hash was filled share an empty one.
        _photos_room(on_order.count(), len(new))


def _photos_room(kept: int, chosen: int) -> None:
    """Refuse the whole form when its new photos would take the order past the bound: every
    one is kept or none, never the first few alone (walkthrough 31, finding 1)."""
    if kept + chosen <= PHOTOS_PER_RECORD:
        return
    room = max(PHOTOS_PER_RECORD - kept, 0)
    raise PhotosRefused(
        ngettext(
            "%(chosen)s new photo was chosen, but an order keeps at most %(n)s photos and this "
            "one has %(kept)s: choose at most %(room)s. Nothing was saved.",
            "%(chosen)s new photos were chosen, but an order keeps at most %(n)s photos and "
            "this one has %(kept)s: choose at most %(room)s. Nothing was saved.",
            chosen,
        )
        % {"chosen": chosen, "n": PHOTOS_PER_RECORD, "kept": kept, "room": room}
    )


def work_order_photos_repeated(uploads: list[UploadedFile], stored: list[WorkOrderPhoto]) -> str:
    """What to tell of the photos of a form not stored because the order had them already (or
    the form had one twice), each named as it was chosen (walkthrough 32, finding 11: "1 photo
    was already on the order" named no file): "" when every one chosen was stored."""
    new = [photo.content_hash for photo in stored]
    names: list[str] = []
    for upload in uploads:
        digest = upload_hash(upload)
        if digest in new:
            new.remove(digest)  # the first of the form's copies is the one stored
        else:
            names.append(without_bidi(upload.name or "?")[:100])
    if not names:
        return ""
    shown = names[:REPEATED_NAMED]
    if len(names) > len(shown):
        shown.append("…")
    return ngettext(
        "%(n)s photo was already on the order and was not stored again: %(names)s.",
        "%(n)s photos were already on the order and were not stored again: %(names)s.",
        len(names),
    ) % {"n": len(names), "names": pgettext("list separator", ", ").join(shown)}


# The photos not stored again that a message names; past these, "…".
REPEATED_NAMED = 10


def work_order_photo_once(
    *,
    work_order: WorkOrder,
    upload: UploadedFile,
    user: User | None,
    image: ContentFile[bytes] | None = None,
    line: bool = True,
) -> tuple[WorkOrderPhoto, bool]:
    """A photo from the site, stored once for the order: the same bytes sent again (a double
    click on the form, a retry on a weak signal, the page sent twice at once) are the photo
    already kept, with no second line in the order's history. Returns it, and whether it was
    stored now (a caller that rolls back deletes only the files it stored). Only one who may
    add to the order's history (``order.note``, at the order's station) sends one: nothing of
    the upload is read for anyone else. ``image``: the upload already prepared
    (``photo_prepare``; a caller inside a transaction passes it, prepared before the
    transaction opened). ``line``: its own line in the order's history (else the caller's line
    tells of it). The picture is decoded before the transaction that stores it opens, so the
    database's write lock is held only while it is stored (probe 36, F3): stored as a visit's
    photo is (``lib.photo_once``)."""
    require(user, work_order.station_id, Do.ORDER_NOTE)

    def line_said(_photo: WorkOrderPhoto) -> None:
        said = note_said("photo", name=without_bidi(upload.name or ""))
        order_event(work_order, user, WorkOrderEvent.Kind.NOTE, said=said)

    return photo_store_once(
        work_order,
        WorkOrderPhoto.objects.filter(work_order=work_order),
        upload,
        make=lambda picture, digest: WorkOrderPhoto(
            work_order=work_order, image=picture, taken_by=user, content_hash=digest
        ),
        refused=lambda exc: WorkOrderError(str(exc)),
        stored=line_said if line else None,
        image=image,
    )
