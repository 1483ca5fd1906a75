"""A household's answer by text to "电来了吗？回复1已来电，回复2仍停电", asked after a restore
(after a step of an outage still open: ``step_answers``).

"1" is a ``call_on`` signal; it answers the caller's callback on the outage's list, and settles
the callback of a caller whose own work order is the outage's (reached by text, no score). "2"
is a call saying the power is still off, and reopens their order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.lib.language import station_language
from powerdesk.notifications.models import InboundSms, SmsQuestion
from powerdesk.notifications.step_answers import step_power_back, step_still_dark
from powerdesk.outages.models import SignalSource
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from powerdesk.outages.models import OutageCallback
    from powerdesk.servicedesk.models import WorkOrder

__all__ = ["question_answer", "sms_call_id"]

Intent = InboundSms.Intent


def question_answer(
    *, message: InboundSms, question: SmsQuestion, answer: str, now: dt.datetime
) -> str:
    """ "1" or "2" to "电来了吗？": the household's answer, and what it settles or reopens."""
    from powerdesk.outages.aftercare import outage_callback_done
    from powerdesk.outages.callbacks_household import household_orders_locked
    from powerdesk.outages.desk_signals import power_back_reported
    from powerdesk.outages.models import Outage, OutageCallback

    question.answered_at, question.answer = now, answer
    question.save(update_fields=["answered_at", "answer"])
    message.customer = message.customer or question.customer
    customer = question.customer
    # Asked after a step of an outage still open: nothing of the outage is settled by it.
    open_still = question.outage.status == Outage.Status.ACTIVE
    if answer == "1":
        message.intent = Intent.POWER_BACK
        power_back_reported(
            station=question.outage.station,
            customers=[customer],
            at=message.received_at,
            source=SignalSource.API,
            key=f"sms-{message.pk}",
        )
        callback = OutageCallback.objects.filter(
            outage=question.outage, customer=customer, done_at=None
        ).first()
        if callback is not None:
            # Its own order first, then its place on the list, as a call on the order takes them.
            household_orders_locked(question.outage_id, customer.pk)
            with station_language():
                note = _("By text message: power is back.")
            callback = outage_callback_done(callback=callback, user=None, note=note)
        # One answer settling the household's place on the list and its own order is counted
        # once, on the list (review68 M3): the order's callback it makes is marked so.
        if open_still:
            step_power_back(question, message, listed=callback)
        else:
            _settle_own_order(question, message, listed=callback)
        return _("Thank you: your power is back.")
    message.intent = Intent.STILL_OFF
    if open_still:
        return step_still_dark(message, question)
    return _still_off(message, question)


def _settle_own_order(
    question: SmsQuestion, message: InboundSms, *, listed: OutageCallback | None = None
) -> None:
    """A caller whose own order is the outage's is called back on that order: their "1" is
    the callback, reached by text with no satisfaction score (a score is asked by voice, not
    guessed from a digit). An order not waiting for its callback gets the answer as a note."""
    from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus
    from powerdesk.servicedesk.services import work_order_note

    order = (
        WorkOrder.objects.select_for_update(of=("self",))
        .filter(outage_links__outage=question.outage, customer=question.customer)
        .order_by("-pk")
        .first()
    )
    if order is None:
        return
    # Who: the text message itself (its number and the gateway's id), not a person; said as
    # data, in the reader's language (the station's words kept for exports and search).
    said = note_said(
        "sms_power_back",
        number=message.from_e164,
        id=sms_call_id(message.message_id),
        time=f"{timezone.localtime(message.received_at):%m-%d %H:%M}",
    )
    if order.status != WorkOrderStatus.RESOLVED:
        work_order_note(work_order=order, note="", user=None, said=said)
        return
    callback_by_text(order, said, listed=listed)


def callback_by_text(
    order: WorkOrder, said: dict[str, Any], *, listed: OutageCallback | None = None
) -> None:
    """A resolved order's callback made by the caller's text answer: reached, with no score;
    the order's callback done, and its history saying so (``said``: the line, as data).
    ``listed``: the household's place on an outage's list the same answer settled, which
    counts it (``OutageCallback.order_settled``: this callback is left out of the figures)."""
    from powerdesk.servicedesk.models import Callback, WorkOrderEvent, WorkOrderStatus

    now = timezone.now()
    made = Callback.objects.create(
        work_order=order,
        at=now,
        by=None,
        outcome=Callback.Outcome.REACHED,
        satisfaction=None,
        comment=said["note"],
    )
    if listed is not None and listed.done_at is not None and listed.order_settled_id is None:
        listed.order_settled = made
        listed.save(update_fields=["order_settled"])
    order.status = WorkOrderStatus.CALLBACK_DONE
    order.save(update_fields=["status"])
    WorkOrderEvent.objects.create(
        work_order=order,
        at=now,
        by=None,
        kind=WorkOrderEvent.Kind.STATUS,
        from_status=WorkOrderStatus.RESOLVED,
        to_status=WorkOrderStatus.CALLBACK_DONE,
        **said,
    )


def _still_off(message: InboundSms, question: SmsQuestion) -> str:
    """ "2": a call saying the power is still off; the household's order is reopened."""
    from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus
    from powerdesk.servicedesk.order_again import work_order_reopen

    order = (
        WorkOrder.objects.filter(
            outage_links__outage=question.outage,
            customer=question.customer,
            status__in=(WorkOrderStatus.RESOLVED, WorkOrderStatus.CALLBACK_DONE),
        )
        .order_by("-pk")
        .first()
    )
    if order is not None:
        said = note_said("sms_still_off")
        order = work_order_reopen(work_order=order, reason=said["note"], user=None, said=said)
    still_off_logged(
        message,
        question,
        gettext_lazy("Still no power (replied 2 to the text message after the restore)"),
        join=order,
    )
    return _("Your report is taken: the crew will come back.")


def still_off_logged(
    message: InboundSms,
    question: SmsQuestion,
    text: str | Promise,
    *,
    join: WorkOrder | None,
    open_order: bool | None = None,
) -> WorkOrder | None:
    """A "2" logged as the household's fault call (``text``: what came in, in the station's
    language, read as a caller's words), joining ``join`` (``open_order``: as ``call_take``);
    the message is linked to its call. The order the call opened or joined; None when the
    gateway's message was logged already (a retry, another page)."""
    from powerdesk.servicedesk.call_take import CallAlreadyLogged, call_take
    from powerdesk.servicedesk.models import Category

    with station_language():
        said = str(text)
    try:
        taken = call_take(
            station=question.outage.station,
            user=None,
            text=said,
            caller_number=message.from_number,
            customer=question.customer,
            category=Category.FAULT_REPAIR,
            cti_call_id=sms_call_id(message.message_id),
            received_at=message.received_at,
            signal_source=SignalSource.SMS,
            join=join,
            open_order=open_order,
        )
    except CallAlreadyLogged as e:
        message.call = e.call
        return None
    message.call = taken.call
    return taken.work_order


def sms_call_id(message_id: str) -> str:
    """The call id of a text message (the telephone system's field): ``sms:<gateway's id>``."""
    cid = f"sms:{message_id}"
    return cid if len(cid) <= 64 else "sms:" + hashlib.sha1(message_id.encode()).hexdigest()
