"""Intake's save (``views_intake``): the call taken as "Then" says, once however often the
same page is sent (``form_once``), and what the clerk is told of it: the orders opened or
joined, to tell the caller, the outage recorded or joined, the promise made, the note's second
matter (``intake_second``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may
from powerdesk.accounts.tenancy import StationRequest, get_for_user
from powerdesk.network.models import GridNode
from powerdesk.outages.desk_signals import power_said_on
from powerdesk.outages.joined import active_outage_of
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.call_orders import FEEDBACK_CATEGORIES
from powerdesk.servicedesk.call_take import CallTaken, call_take
from powerdesk.servicedesk.forms import IntakeForm
from powerdesk.servicedesk.idempotency import form_once
from powerdesk.servicedesk.intake_arrears import arrears_case_told
from powerdesk.servicedesk.intake_record import action_id, intake_promise
from powerdesk.servicedesk.intake_said import (
    hazard_under_outage_told,
    not_joined_to_the_outage,
    other_open_order_told,
    power_said_on_told,
    signal_said_on,
    what_became_of_the_choice,
)
from powerdesk.servicedesk.intake_second import (
    fault_too_told,
    open_order_with_fault,
    power_off_left_told,
)
from powerdesk.servicedesk.intake_tell_after import outage_script_told
from powerdesk.servicedesk.models import Category, FormSubmission, WorkOrder
from powerdesk.servicedesk.repeats import crew_not_told_at_intake
from powerdesk.servicedesk.second_order import fault_too_or_the_open_one
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.community.models import Liaison

__all__ = ["take_call"]


def take_call(request: StationRequest, form: IntakeForm, *, recording: str = "") -> HttpResponse:
    """Log the call once however often the same page is sent: a repeat shows the first.
    ``recording``: the device whose outage the clerk pressed the button to record."""
    data = form.cleaned_data
    taken: list[CallTaken] = []
    submission, first = form_once(
        station=request.station,
        user=request.user,
        token=data["form_token"],
        kind=FormSubmission.Kind.INTAKE,
        work=lambda: _record_call(request, data, taken, recording=bool(recording)),
    )
    order = submission.work_order
    call = submission.call
    # Said from what the first submission of the page did, not from what a repeat asks
    # (review38, 5: Enter, then "Save and record" before the page came back).
    recorded = submission.outage_id is not None
    if not first and recording and not recorded:
        note = _(
            "This call was already saved without recording the outage (nobody was texted): "
            "record it on the board."
        )
    else:
        note = what_became_of_the_choice(data["action"], call, order)
    if note:
        messages.info(request, note)
    if data.get("promise_due") is not None:
        # Whom it was made to, as the promises page's own messages say (walkthrough 34, 1).
        whom = [str(call.customer)] if call is not None and call.customer_id else []
        if order is not None and order.is_open:
            whom.append(order.number)
        messages.info(
            request,
            _("The promise to %(whom)s is recorded, due %(time)s: it is on the promises page.")
            % {
                "whom": " · ".join(whom),
                "time": timezone.localtime(data["promise_due"]).strftime("%m-%d %H:%M"),
            },
        )
    if data["action"].startswith("outage:") and call is not None:
        note = not_joined_to_the_outage(call, order)
        if note:
            messages.info(request, note)
    if call is not None and signal_said_on(call, taken[0] if taken else None):
        power_said_on_told(request, call)
    if call is not None:
        arrears_case_told(request, call)
        fault_too_told(request, call, asked=data["fault_too"])
        if first and not data["fault_too"]:
            # Kept as another errand (its own order, one joined, or none), the power off told:
            # the caller's open fault order named, else the fault order offered from the call.
            power_off_left_told(request, call)
    if order is not None:
        outage = active_outage_of(order)
        if outage is not None and call is not None and power_said_on(call.text):
            outage = None  # the caller's own order, rung about again: not joined for this call
        if outage is not None and (recorded or data["action"].startswith("predicted:")):
            messages.success(
                request,
                _(
                    "Outage on %(device)s recorded by %(who)s; the call joined it (work order "
                    "%(number)s)."
                )
                % {
                    "device": outage.device,
                    "who": outage.created_by or _("the system"),
                    "number": order.number,
                },
            )
        elif outage is not None:
            messages.success(
                request,
                _("The call joined the outage on %(device)s (work order %(number)s).")
                % {"device": outage.device, "number": order.number},
            )
        if outage is not None:
            outage_script_told(request, call, outage)  # still on the line (walk78 L3)
        elif call is not None and call.is_repeat:
            messages.success(
                request,
                _("The call was added to work order %(number)s as a repeat call.")
                % {"number": order.number},
            )
        else:
            messages.success(
                request, _("Call logged with work order %(number)s.") % {"number": order.number}
            )
            if call is not None and call.work_order_id == order.pk:
                other_open_order_told(request, call, order)
        if call is not None and call.urgent:
            # The call made the order urgent and its crew on the way could not be texted: the
            # clerk rings it (walkthrough 35, 4), as the dispatcher is told when sending one.
            not_told = crew_not_told_at_intake(order, call)
            if not_told:
                messages.warning(request, not_told)
        if order.category == Category.HAZARD:
            hazard_under_outage_told(request, order)
        return redirect(order)
    if call is not None and call.category in FEEDBACK_CATEGORIES:
        messages.success(request, _("Call logged; it is on the feedback page for review."))
    elif call is not None and call.needs_order:
        messages.success(
            request,
            _(
                "Call logged; it waits for the desk to open its work order (Calls › waiting for "
                "a work order)."
            ),
        )
    else:
        # Said outright: a clerk who expected an order (a test call, a note taken as nothing to
        # do) knows there is none, and can open one from the call if it is wanted.
        messages.success(request, _("Call logged; no work order was opened."))
    return redirect("servicedesk:intake")


def _record_call(
    request: StationRequest,
    data: dict[str, Any],
    taken_now: list[CallTaken],
    *,
    recording: bool = False,
) -> dict[str, Any]:
    """Take the call as "Then" says; the prediction chosen is recorded only from the button
    that says so (``recording``), else the call is kept under it. What was made is kept with
    the page's token, the outage only when this call recorded it; the taking is added to
    ``taken_now``."""
    action = data["action"]
    join = join_outage = record_outage_on = keep_for_prediction = repeat_of = None
    if action.startswith("join:"):
        join = get_for_user(request, WorkOrder, pk=action_id(action, "join:"))
    elif action.startswith("outage:"):
        join_outage = get_for_user(
            request, Outage.objects.select_related("device"), pk=action_id(action, "outage:")
        )
    elif action.startswith("predicted:"):
        device = get_for_user(request, GridNode, pk=action_id(action, "predicted:"))
        if recording:
            record_outage_on = device
        else:
            keep_for_prediction = device
    elif action.startswith("repeat:"):
        repeat_of = get_for_user(request, WorkOrder, pk=action_id(action, "repeat:"))
    taken = call_take(
        station=request.station,
        user=request.user,
        caller_number=data["caller_number"],
        text=data["text"],
        category=data["category"],
        # An unticked box leaves urgency to the rules (``calls.call_log``): a danger named, a
        # medical need or a hazard call is urgent; anything else is not.
        urgent=data["urgent"] or None,
        cti_call_id=data["cti_call_id"],
        caller_name=data["caller_name"],
        village=data["village"],
        group=data["group"],
        place=data["place"],
        answer=data["answer"],
        open_order=open_order_with_fault(action, data["fault_too"]),
        # The one click "as its category says" with a fault order too: the caller's order of
        # a few hours ago about the same matter is joined, as the single save joins it (walk67,
        # H2: a second billing order opened beside the open one).
        unless_repeat=bool(data["fault_too"]) and not action,
        join=join,
        join_outage=join_outage,
        record_outage_on=record_outage_on,
        keep_for_prediction=keep_for_prediction,
        repeat_of=repeat_of,
        liaison=_liaison_chosen(request, data),
    )
    if data["fault_too"]:
        # Both matters kept (``second_order``): keyed on the call, with the page's token. A
        # role that opens no orders is refused (the whole call with it), said at the form.
        if not may(request.user, request.station, Do.ORDER_CREATE):
            raise WorkOrderError(_("Your role may not open work orders: save the call alone."))
        fault_too_or_the_open_one(taken.call, request.user)
    if data.get("promise_due") is not None:
        # What was promised, in its own words: required with the time (``promise_problem``).
        text = (data.get("promised") or "").strip()
        intake_promise(taken, user=request.user, text=text, due_at=data["promise_due"])
    taken_now.append(taken)
    return {
        "call": taken.call,
        "work_order": taken.work_order,
        "outage": taken.outage if taken.outage_recorded else None,
    }


def _liaison_chosen(request: StationRequest, data: dict[str, Any]) -> Liaison | None:
    """The village liaison the clerk said is calling, from a number a household has too
    (``IntakeForm.caller_is``): looked up from the number again, never named by the page; None
    (the household, as before) for any other choice or a number that is no serving liaison's."""
    if data.get("caller_is") != "liaison":
        return None
    from powerdesk.community.liaison_calls import liaison_by_phone

    return liaison_by_phone(request.station, data["caller_number"])
