"""The order page's forms that carry photos (``views_orders.work_order_action``): a step (the
resolution, with its cause, device, note and photos) and "add photos"; and the texts of its
actions, each refused at its field when too long."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from powerdesk.accounts.tenancy import StationRequest
from powerdesk.lib.forms import InputError, too_long
from powerdesk.network.selectors import grid_element_named
from powerdesk.servicedesk.models import WorkOrder, WorkOrderPhoto
from powerdesk.servicedesk.order_field import (
    PhotosRefused,
    work_order_photos_add,
    work_order_photos_check,
    work_order_photos_once,
    work_order_photos_repeated,
)
from powerdesk.servicedesk.services import (
    WorkOrderError,
    work_order_step_check,
    work_order_transition,
)

__all__ = ["TooLong", "add_photos", "order_text", "take_step"]


def add_photos(request: StationRequest, order: WorkOrder) -> None:
    """The photos of the "add photos" form, through the service every photo of an order goes
    through; what was stored, and any picture the order had already, said at the top."""
    uploads = request.FILES.getlist("photos")
    stored = work_order_photos_add(work_order=order, uploads=uploads, user=request.user)
    if stored:
        messages.success(
            request,
            ngettext("%(n)s photo added.", "%(n)s photos added.", len(stored)) % {"n": len(stored)},
        )
    repeated = work_order_photos_repeated(uploads, stored)
    if repeated:
        messages.info(request, repeated)


def take_step(request: StationRequest, order: WorkOrder) -> None:
    """A status change, with the cause, device, note and photos a resolution brings. The
    device where the fault was is checked by the service as the crew's step and the API have
    it checked (``work_order_transition``): one off the line of the order's households is
    refused at the field unless "It is this device" is ticked, which the order's history
    records."""
    post = request.POST
    uploads = request.FILES.getlist("photos")
    to_status = post.get("to", "")[:40]
    confirmed = post.get("other_device", "") not in ("", "0", "false")
    try:
        text = post.get("device", "").strip()
        device = grid_element_named(request.station.pk, text) if text else None
        if text and device is None:
            raise WorkOrderError(
                _("No element of this station has the code or name “%(code)s”.")
                % {"code": text[:100]}
            )
        note, cause = order_text(post, "note", 2000), order_text(post, "cause")
        if uploads:
            # The fields are checked before the photos are stored, and a problem of theirs
            # is said with the photos' (walkthrough 32, finding 11: a bad file was refused
            # first, then the empty device: twelve photos chosen three times).
            work_order_step_check(
                work_order=order,
                to_status=to_status,
                user=request.user,
                note=note,
                cause=cause,
                device=device,
                device_confirmed=confirmed,
            )
    except (WorkOrderError, InputError) as exc:
        if uploads:
            try:
                work_order_photos_check(work_order=order, uploads=uploads, user=request.user)
            except PhotosRefused as refused:
                exc.photos_error = str(refused)  # type: ignore[union-attr]
        raise
    stored: list[WorkOrderPhoto] = []
    try:
        with transaction.atomic():
            # Every photo chosen, up to the order's bound, or none: each file that is not a
            # picture named at the field; the same photo sent again is the one kept.
            stored = work_order_photos_once(work_order=order, uploads=uploads, user=request.user)
            work_order_transition(
                work_order=order,
                to_status=to_status,
                user=request.user,
                note=note,
                cause=cause,
                device=device,
                device_confirmed=confirmed,
            )
    except Exception:
        # The rows are rolled back; their files on disk are not.
        for photo in stored:
            photo.image.delete(save=False)
        raise
    repeated = work_order_photos_repeated(uploads, stored)
    if repeated:
        messages.info(request, repeated)


_FIELD_LABELS = {"note": _lazy("Note"), "reason": _lazy("Reason"), "cause": _lazy("Cause found")}


class TooLong(WorkOrderError):
    """A text longer than its limit: refused at its field (``field``), never cut."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def order_text(post: QueryDict, name: str, limit: int = 200) -> str:
    value = post.get(name, "").strip()
    said = too_long(_FIELD_LABELS.get(name, name), value, limit)
    if said:
        raise TooLong(said, name)
    return value
