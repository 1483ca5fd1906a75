"""A caller's answer to "电来了吗？" asked after a step of an outage still open
(``power_back_part``): the outage is not over, so nothing of the outage is settled by it.

- "1": the caller's own order (one of the outage's joined orders that is theirs alone, not the
  crew's job for the outage) is resolved — their power is back — and its callback is the answer,
  reached by text; the outage's own order, shared with other callers, only gets a note.
- "2": their house is dark though power came back to its area: a fault of its own, or a fuse
  below. Their own order is kept (reopened if it was resolved) and taken out of the outage (its
  restore must not resolve it); a caller with no order of their own gets one; the call is
  logged; the outage's history (folded out on the board) and the order's say so.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.outages.history import outage_history_add
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.notifications.models import InboundSms, SmsQuestion
    from powerdesk.outages.models import Outage, OutageCallback
    from powerdesk.servicedesk.models import WorkOrder

__all__ = ["STILL_DARK", "step_power_back", "step_still_dark"]

# The outage's history line of a caller still dark after power came back to their area.
STILL_DARK = "still_dark_said"


def own_order(outage: Outage, customer_id: int) -> WorkOrder | None:
    """The caller's own order joined to ``outage``: theirs alone (no other household's call on
    it) and not the outage's own order, which the crew works on for everyone."""
    from powerdesk.outages.joined import outage_link
    from powerdesk.servicedesk.models import Call, WorkOrder

    link = outage_link(outage)
    for order in (
        WorkOrder.objects.select_for_update(of=("self",))
        .filter(outage_links__outage=outage, customer_id=customer_id)
        .order_by("-pk")
    ):
        shared = (
            Call.objects.filter(work_order=order)
            .exclude(customer_id=customer_id)
            .exclude(customer=None, caller_number="")
            .exists()
        )
        if order.pk != link.order_id and not shared:
            return order
    return None


def step_power_back(
    question: SmsQuestion, message: InboundSms, *, listed: OutageCallback | None = None
) -> None:
    """ "1" after a step: the caller's own order resolved and called back by text; else a
    note on the order their call joined. ``listed``: the household's place on the outage's
    list the same answer settled (the call counted there once: ``callback_by_text``)."""
    from powerdesk.notifications.power_back_answers import callback_by_text, sms_call_id
    from powerdesk.outages.aftercare import Cause, order_resolve, promises_settle
    from powerdesk.servicedesk.models import WorkOrder
    from powerdesk.servicedesk.models import WorkOrderStatus as S
    from powerdesk.servicedesk.models.core import CAUSE_RESTORED
    from powerdesk.servicedesk.services import work_order_note

    outage = question.outage
    said = note_said(
        "sms_power_back_step",
        device=str(outage.device),
        number=message.from_e164,
        id=sms_call_id(message.message_id),
        time=f"{timezone.localtime(message.received_at):%m-%d %H:%M}",
    )
    order = own_order(outage, question.customer_id)
    if order is None or order.status not in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE):
        shared = (
            WorkOrder.objects.filter(
                outage_links__outage=outage, calls__customer_id=question.customer_id
            )
            .order_by("-pk")
            .first()
        )
        if shared is not None:
            work_order_note(work_order=shared, note="", user=None, said=said)
        return
    cause = Cause(outage.cause_kind or CAUSE_RESTORED, outage.cause)
    order_resolve(
        order, user=None, at=message.received_at, cause=cause, device=outage.device, said=said
    )
    promises_settle([order], user=None, at=message.received_at)
    # The answer is the callback: reached by text, with no score (as after a restore).
    callback_by_text(order, said, listed=listed)


def step_still_dark(message: InboundSms, question: SmsQuestion) -> str:
    """ "2" after a step: the caller's order kept (reopened if resolved) and taken out of the
    outage, or one opened; the call logged; the outage's history and the order's say so."""
    from powerdesk.notifications.power_back_answers import still_off_logged
    from powerdesk.outages.joined import outage_link
    from powerdesk.servicedesk.models import WorkOrderEvent
    from powerdesk.servicedesk.order_again import work_order_reopen

    outage = question.outage
    customer = question.customer
    when = _back_at(outage, question.asked_at)
    step = {
        "device": str(outage.device),
        "time": f"{timezone.localtime(when):%H:%M}" if when else "",
    }
    # Their own order is taken out of the outage; one opened for them was never in it.
    said = note_said("sms_still_dark_step", **step)
    order = own_order(outage, customer.pk)
    if order is not None:
        if not order.is_open:
            order = work_order_reopen(work_order=order, reason=said["note"], user=None, said=said)
        else:
            WorkOrderEvent.objects.create(
                work_order=order, at=timezone.now(), by=None, kind=WorkOrderEvent.Kind.NOTE, **said
            )
        # Its power is not back with the outage's: the outage's restore must not resolve it.
        outage_link(outage).work_orders.remove(order)
    taken = still_off_logged(
        message,
        question,
        gettext_lazy(
            "Still no power (replied 2 to the text message after power came back in part)"
        ),
        join=order,
        open_order=None if order is not None else True,
    )
    if order is None and taken is not None:
        order = taken  # opened for them (a retry of the message is logged already: None)
        WorkOrderEvent.objects.create(
            work_order=order,
            at=timezone.now(),
            by=None,
            kind=WorkOrderEvent.Kind.NOTE,
            **note_said("sms_still_dark_step_opened", **step),
        )
    who = {"name": customer.name, "account": customer.account_number, "customer": customer.pk}
    outage_history_add(
        outage,
        None,
        STILL_DARK,
        # No order named when none resulted (the call was logged already).
        said=note_said(STILL_DARK, number=order.number, **who)
        if order is not None
        else note_said("still_dark_said_no_order", **who),
    )
    return _(
        "Your report is taken: power is back in your area, so the fault may be at your house "
        "or on a fuse nearby; the crew will come."
    )


def _back_at(outage: Outage, asked_at: dt.datetime) -> dt.datetime | None:
    """When power came back to the caller's area: the last step before they were asked."""
    last = outage.restore_steps.filter(recorded_at__lte=asked_at).order_by("-at", "-pk").first()
    return last.at if last is not None else None
