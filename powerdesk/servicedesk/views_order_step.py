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
from powerdesk.lib.form_text import text_typed
from powerdesk.network.selectors import grid_element_named
from powerdesk.servicedesk.models import WorkOrder, WorkOrderPhoto, WorkOrderStatus
from powerdesk.servicedesk.order_field import (
    PhotosRefused,
    work_order_photos_add,
    work_order_photos_check,
    work_order_photos_once,
    work_order_photos_prepare,
    work_order_photos_repeated,
)
from powerdesk.servicedesk.services import (
    WorkOrderError,
    work_order_step_problems,
    work_order_transition,
)

__all__ = ["StepRefused", "TooLong", "add_photos", "order_text", "take_step"]


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


class StepRefused(WorkOrderError):
    """A step's form refused with every problem at once: ``wrong`` by field ("" for the order's
    state), ``confirm`` the box to tick to insist, ``photos_error`` its photos' (said in the
    same answer); ``field`` the first field, as other refusals have it."""

    def __init__(self, wrong: dict[str, str], *, confirm: str = "", photos_error: str = "") -> None:
        self.wrong = {name: said for name, said in wrong.items() if said}
        super().__init__(" ".join(self.wrong.values()))
        self.field = next((name for name in self.wrong if name), "")
        self.confirm, self.photos_error = confirm, photos_error


def take_step(request: StationRequest, order: WorkOrder) -> None:
    """A status change, with the cause, device, note and photos a resolution brings. The
    device where the fault was is checked by the service as the crew's step and the API have
    it checked (``work_order_transition``): one off the line of the order's households is
    refused at the field unless "It is this device" is ticked, which the order's history
    records. Every problem of the form is said at once, each at its field, with its photos'
    (review 33: one field a submit; walkthrough 32, finding 11: the photos before the fields)."""
    post = request.POST
    uploads = request.FILES.getlist("photos")
    to_status = post.get("to", "")[:40]
    confirmed = post.get("other_device", "") not in ("", "0", "false")
    in_house = post.get("in_house", "") not in ("", "0", "false")
    wrong: dict[str, str] = {}
    text = post.get("device", "").strip()
    device = grid_element_named(request.station.pk, text) if text else None
    if text and device is None:
        wrong["device"] = _("No element of this station has the code or name “%(code)s”.") % {
            "code": text[:100]
        }
    note, cause = _text_said(post, "note", 2000, wrong), _text_said(post, "cause", 200, wrong)
    found, confirm = work_order_step_problems(
        work_order=order,
        to_status=to_status,
        user=request.user,
        note=note,
        cause=cause,
        device=device,
        device_confirmed=confirmed,
        in_house=in_house,
    )
    # (a text too long, or a device unknown, is said as such, not as missing)
    wrong = {**found, **wrong}
    if wrong:
        photos_error = ""
        if uploads:
            try:
                work_order_photos_check(work_order=order, uploads=uploads, user=request.user)
            except PhotosRefused as refused:
                photos_error = str(refused)
        raise StepRefused(wrong, confirm=confirm, photos_error=photos_error)
    # Every photo chosen, up to the order's bound, or none: each file that is not a picture
    # named at the field. Decoded before the transaction opens: it holds the station's write
    # lock (probe 36, F3).
    prepared = work_order_photos_prepare(work_order=order, uploads=uploads, user=request.user)
    called_back = order.crew if to_status == WorkOrderStatus.RECEIVED else None
    stored: list[WorkOrderPhoto] = []
    try:
        with transaction.atomic():
            # The same photo sent again is the one kept.
            stored = work_order_photos_once(
                work_order=order, uploads=uploads, user=request.user, prepared=prepared
            )
            work_order_transition(
                work_order=order,
                to_status=to_status,
                user=request.user,
                note=note,
                cause=cause,
                device=device,
                device_confirmed=confirmed,
                in_house=in_house,
            )
    except Exception:
        # The rows are rolled back; their files on disk are not.
        for photo in stored:
            photo.image.delete(save=False)
        raise
    if called_back is not None:
        # Said as a dispatch is (walk39, 6: the page came back with no word of it).
        messages.success(request, _("Dispatch to %(crew)s withdrawn.") % {"crew": called_back.name})
    repeated = work_order_photos_repeated(uploads, stored)
    if repeated:
        messages.info(request, repeated)


_FIELD_LABELS = {"note": _lazy("Note"), "reason": _lazy("Reason"), "cause": _lazy("Cause found")}


class TooLong(WorkOrderError):
    """A text longer than its limit: refused at its field (``field``), never cut."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def _text_said(post: QueryDict, name: str, limit: int, wrong: dict[str, str]) -> str:
    """The text ``name``, or "" with why it is refused put in ``wrong`` at its field."""
    try:
        return order_text(post, name, limit)
    except TooLong as exc:
        wrong[name] = str(exc)
        return ""


def order_text(post: QueryDict, name: str, limit: int = 200) -> str:
    value, said = text_typed(_FIELD_LABELS.get(name, name), post.get(name, ""), limit)
    if said:
        raise TooLong(said, name)
    return value
