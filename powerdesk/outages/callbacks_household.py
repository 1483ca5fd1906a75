"""One callback per household after an outage, never two (walk67 M2).

A household that called about the outage with a work order of its own joined to it is called
back on that order (its card on the callbacks page, with the order's number), not on the
outage's list (``outage_callbacks._callbacks_due`` leaves it out). That callback is the
household's callback for the outage too:

- the outage is not closed while any of them is still due (``life.outage_close``), as it is not
  while a household of its list is (walk67 M2: the outage was closed with two callers' orders
  still to call back, though the callbacks page says every household must be reached first);
- the one call settles both wherever a household is on both (its own order kept open by
  another outage, and listed on that outage for a call on a neighbour's order): the order's
  callback reached settles the household's place on the lists of the order's outages
  (``order_callback_settles_list``), and the list's callback reached (power back, not still
  off) records the order's callback with the same score (``list_callback_settles_order``).

One call is one callback in every figure (review68 M3): the side it settled without being made
there is marked (``OutageCallback.settled_by_order``, ``OutageCallback.order_settled``) and left
out of the counts (``reports.monthly_counts.follow_up_between``,
``dashboards.service._callbacks_made``, ``servicedesk.satisfaction``); a score of 1 or 2 given in
it goes to the chief once, on the order (its owner told too, its history saying it stays done).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.lib.language import station_language
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.models import Outage, OutageCallback, OutageLink
from powerdesk.servicedesk.models import Callback, WorkOrder
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "household_orders_locked",
    "list_callback_settles_order",
    "order_callback_settles_list",
    "orders_callback_due",
    "orders_callback_due_each",
]


def _outage_now_on() -> Subquery:
    """The outage an order is on now: the last it was joined to (``selectors.outage_now_on``)."""
    return Subquery(
        OutageLink.work_orders.through.objects.filter(workorder_id=OuterRef("pk"))
        .order_by("-pk")
        .values("outagelink__outage_id")[:1]
    )


def orders_callback_due(outage: Outage) -> list[WorkOrder]:
    """The orders joined to ``outage`` (and on it now: an order kept open by its restore and
    resolved by another outage's is called back after that one) whose callback is still due:
    resolved, a callback due, none reached yet. Oldest due first."""
    return list(
        WorkOrder.objects.filter(
            outage_links__outage=outage, status=S.RESOLVED, callback_due_at__isnull=False
        )
        .annotate(now_on=_outage_now_on())
        .filter(now_on=outage.pk)
        .order_by("callback_due_at", "pk")
        .distinct()
    )


def orders_callback_due_each(outage_ids: Collection[int]) -> dict[int, list[WorkOrder]]:
    """``orders_callback_due`` for each of the outages at once (one query): by outage id."""
    each: dict[int, list[WorkOrder]] = {pk: [] for pk in outage_ids}
    if not each:
        return each
    due = (
        WorkOrder.objects.filter(
            outage_links__outage__in=each, status=S.RESOLVED, callback_due_at__isnull=False
        )
        .annotate(now_on=_outage_now_on())
        .filter(now_on__in=each)
        .order_by("callback_due_at", "pk")
        .distinct()
    )
    for order in due:
        each[order.now_on].append(order)  # type: ignore[attr-defined]
    return each


def household_orders_locked(outage_id: int, customer_id: int) -> None:
    """The household's own orders joined to the outage, locked before its place on the list is
    (``outage_callback_record``, a text's "1"): a call on the order locks the order and then the
    list's rows (``order_callback_settles_list``); taken in that one order everywhere, two
    clerks calling the same household at once, one from the list and one from the order, wait
    for each other instead of deadlocking on PostgreSQL (review69 M2)."""
    list(
        WorkOrder.objects.select_for_update(of=("self",))
        .filter(outage_links__outage_id=outage_id, customer_id=customer_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def order_callback_settles_list(order: WorkOrder, user: User | None, callback: Callback) -> int:
    """The order's callback reached: the household's callbacks still due on the lists of the
    order's outages are settled by it (reached, the score kept, the order named, marked settled
    by it: the call is counted once, on the order, review68 M3), each a line of its outage's
    history (who, when, which order: review68 L8). How many."""
    if order.customer_id is None or callback.outcome != Callback.Outcome.REACHED:
        return 0
    due = list(
        OutageCallback.objects.select_for_update(of=("self",))
        .filter(outage__link__work_orders=order, customer_id=order.customer_id, done_at=None)
        .select_related("outage", "customer")
        .order_by("pk")
    )
    if not due:
        return 0
    now = timezone.now()
    with station_language():  # stored: in the station's words, whoever's screen it came from
        note = _("Called back on work order %(number)s.") % {"number": order.number}
    from powerdesk.outages.callback_tries import try_add

    for listed in due:
        # Kept as the row's last try (who, when, which order), counted on the order; the row's
        # summary is the one ``try_add`` writes (review73 L2), saved with its settling.
        fields = try_add(
            listed, user=user, outcome=Callback.Outcome.REACHED, at=now,
            satisfaction=callback.satisfaction, note=note[:300], counted=False,
        )  # fmt: skip
        listed.done_at, listed.done_by, listed.settled_by_order = now, user, callback
        listed.save(update_fields=[*fields, "done_at", "done_by", "settled_by_order"])
        outage_history_add(
            listed.outage, user, "callback_by_order", f"{listed.customer.name}: {order.number}"
        )
    return len(due)


def list_callback_settles_order(callback: OutageCallback, user: User | None) -> WorkOrder | None:
    """The household reached on the outage's list, its power back: its own order joined to the
    outage with a callback still due is called back by the same call (the same score), never
    called again. The order, or None."""
    if callback.done_at is None or callback.still_off:
        return None
    order = next(
        (o for o in orders_callback_due(callback.outage) if o.customer_id == callback.customer_id),
        None,
    )
    if order is None:
        return None
    from powerdesk.servicedesk.callbacks import callback_record

    with station_language():  # stored: in the station's words, whoever's screen it came from
        comment = _("Called back on the outage's list.")
    callback_record(
        work_order=order,
        user=user,
        outcome=Callback.Outcome.REACHED,
        satisfaction=callback.satisfaction,
        comment=comment,
        settled_by_list=callback,
    )
    return order
