"""Calls kept without a work order that want one: taken by someone who may take calls but not
open orders (the administrator answering the phone at night), they wait, marked, for the desk
(``Call.needs_order``), who opens the order from the call's page. Never lost to a refusal,
never two orders for one call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may, require
from powerdesk.servicedesk.call_orders import order_from_call
from powerdesk.servicedesk.models import Call, Category, WorkOrder
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

__all__ = ["CALL_CATEGORIES", "call_may_open_order", "call_open_order", "calls_waiting_for_order"]

# What a caller's matter may be (not the station's own planned work).
CALL_CATEGORIES = tuple(value for value in Category.values if value != Category.PLANNED_WORK)


def calls_waiting_for_order(station: Station) -> QuerySet[Call]:
    """The station's calls marked as waiting for a work order and still without one, the
    urgent first, then the oldest."""
    return (
        Call.objects.for_station(station)
        .filter(needs_order=True, work_order=None)
        .order_by("-urgent", "received_at", "pk")
    )


def call_may_open_order(call: Call, user: User) -> bool:
    """Whether the call's page offers ``user`` to open a work order from it."""
    return (
        call.work_order_id is None
        and (call.category in Category.values or not call.category)
        and may(user, call.station, Do.ORDER_CREATE)
    )


@transaction.atomic
def call_open_order(*, call: Call, user: User, category: str = "") -> WorkOrder:
    """Open the call's work order (recorded in the order's history as opened by ``user``).
    A second press, or another clerk's meanwhile, gets the order already opened. A call taken
    with no category (no model loaded, nobody chose) is given ``category`` here, chosen by
    the clerk who opens its order."""
    require(user, call.station, Do.ORDER_CREATE)
    locked = Call.objects.select_for_update().select_related("station").get(pk=call.pk)
    if locked.work_order_id is not None:
        return WorkOrder.objects.get(pk=locked.work_order_id)
    if not locked.category and category in CALL_CATEGORIES:
        locked.category = category
        locked.save(update_fields=["category"])
    if locked.category not in Category.values:
        raise WorkOrderError(_("Give the call a category before a work order is opened for it."))
    order = order_from_call(locked, user)
    Call.objects.filter(pk=locked.pk).update(needs_order=False)
    return order
