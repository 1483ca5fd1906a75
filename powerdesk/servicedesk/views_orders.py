"""One work order with its history and actions (the list: ``views_order_list``; what its forms
do: ``views_order_action``; the callbacks due: ``views_callbacks``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from powerdesk.accounts.models import Crew
from powerdesk.accounts.permissions import Do, may
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.kept import kept_dict
from powerdesk.lib.photos import PHOTOS_PER_RECORD
from powerdesk.outages.crew import outage_crew
from powerdesk.outages.crew_choice import order_crew_options
from powerdesk.outages.hazards import outages_over_hazard
from powerdesk.outages.joined import outage_in_charge
from powerdesk.outages.selectors import callbacks_on_outage_list, outage_now_on, outages_of_order
from powerdesk.outages.still_dark_said import order_callback_waits
from powerdesk.servicedesk.arrive_said import arrive_kept_said
from powerdesk.servicedesk.deadlines import deadline_names
from powerdesk.servicedesk.models import (
    Category,
    HardProblem,
    WorkOrder,
    WorkOrderStatus,
)
from powerdesk.servicedesk.models.core import SummaryKind
from powerdesk.servicedesk.notices import notices_given_opened
from powerdesk.servicedesk.order_calls import (
    call_filter,
    call_groups,
    calls_counted,
    calls_page,
    chosen_name,
    history_rows,
    history_run,
)
from powerdesk.servicedesk.selectors import (
    is_overdue,
)
from powerdesk.servicedesk.urgent_why import order_urgent_why
from powerdesk.servicedesk.views_order_forms import (
    TYPED_ACTION_KEY,
    callback_form_kept,
    resolve_form_kept,
)
from powerdesk.servicedesk.views_owner import owner_offer, unfinished
from powerdesk.servicedesk.views_promises import (
    TYPED_PROMISE_KEY,
    default_promise_time,
)
from powerdesk.servicedesk.workflow import order_actions

S = WorkOrderStatus


@station_page("servicedesk:work_order")
def work_order_detail(request: StationRequest, pk: int) -> HttpResponse:
    order = get_for_user(
        request,
        WorkOrder.objects.select_related(
            "customer__village",
            "customer__transformer",
            "village",
            "group",
            "crew",
            "owner",
            "device_found",
        ),
        pk=pk,
    )
    # Joined to an outage being worked on: its crew is the outage's, sent from the outage.
    joined_outage = outage_in_charge(order) if order.is_open else None
    # The outage it is on now (the last joined): its heading and badge say it (walk42, 10).
    titled = order.summary_kind == SummaryKind.OUTAGE
    now_on = joined_outage or (outage_now_on(order) if titled else None)
    part = _order_part(request, order)
    if part is not None:
        return part
    # Opened by the person it was given to: their notice of it is put away (one query if none).
    notices_given_opened(user=request.user, station=request.station, work_order=order)
    actions = order_actions(order, request.user, joined_outage=joined_outage)
    outages = outages_of_order(order)
    # No one of its own to call back: its callers are on the outage's list (walk40 5).
    on_outage_list = callbacks_on_outage_list(order, outages)
    if on_outage_list is not None:
        actions["callback"] = False
    counted = calls_counted(order)
    chosen = call_filter(request.GET)
    groups = call_groups(order) if not counted.whole else []
    return render(
        request,
        "servicedesk/work_order_detail.html",
        {
            "order": order,
            "overdue": is_overdue(order),
            # Why it is urgent, said with its badge in the heading.
            "urgent_why": order_urgent_why(order, outage=now_on),
            # An outage's urgent job keeps the fault's time to arrive by: why (walk72, 3).
            "arrive_said": arrive_kept_said(order, outage=now_on),
            "title_outage": now_on if titled else None,
            "events": history_rows(order, opened=request.GET.get("history_run", "")),
            "counted": counted,
            # A few calls: each, oldest first. Many (an outage's order): counted, grouped by
            # village and transformer area, and a page of them at a time, newest first.
            "calls": (list(order.calls.order_by("received_at", "pk")) if counted.whole else None),
            "call_groups": groups,
            "calls_chosen_name": chosen_name(groups, chosen),
            "calls_page": (
                calls_page(order, chosen, request.GET.get("calls_page"))
                if not counted.whole
                else None
            ),
            "calls_chosen": chosen,
            "repeat_calls": counted.repeats,
            "callbacks": order.callbacks.select_related("by", "by_key"),
            "promises": order.promises.all(),
            "photos": list(order.photos.all()),
            "photo_limit": PHOTOS_PER_RECORD,
            "problems": order.hard_problems.all(),
            "open_problems": station_queryset(request, HardProblem).filter(state="open"),
            "promise_default": default_promise_time(),
            # A refusal kept for the address it is drawn for (``lib.kept``).
            "promise_typed": kept_dict(request, TYPED_PROMISE_KEY % order.pk),
            "action_typed": kept_dict(request, TYPED_ACTION_KEY % order.pk),
            "actions": actions,
            "owner_offer": owner_offer(
                request, "order", bool(order.owner_id), not unfinished(order)
            ),
            "deadline_names": deadline_names(order.category),
            "crews": station_queryset(request, Crew),
            # The crew to send, with its reasons, as on the outage board (crew_choice): while
            # none is sent (another crew is chosen from the list).
            "crew_options": (
                order_crew_options(request.station, order)
                if actions["dispatch"] and order.crew_id is None
                else []
            ),
            "resolve_form": resolve_form_kept(request, order),
            "callback_form": callback_form_kept(request, order),
            "outages": outages,
            "callbacks_on_outage": on_outage_list,
            "joined_outage": joined_outage,
            # Its callers still dark under another outage: their callback waits for it.
            "callback_waits": order_callback_waits(order),
            # Its crew as the outage's service names it (sent, or already on a joined order).
            "joined_outage_crew": outage_crew(joined_outage) if joined_outage else None,
            # The outage's crew may be called back from here by those who may from the board.
            "may_recall_outage_crew": joined_outage is not None
            and may(request.user, request.station, Do.ORDER_DISPATCH),
            # A danger in the area of an outage: the outage, what to tell its caller, its crew.
            "over_hazard": outages_over_hazard(order)
            if order.category == Category.HAZARD and order.is_open
            else [],
        },
    )


def _order_part(request: StationRequest, order: WorkOrder) -> HttpResponse | None:
    """What htmx asks of the order's page in place: the next page of its calls ("show more"), or
    the lines of a run of calls joined that the history folds."""
    if not request.htmx:
        return None
    part = request.GET.get("part")
    if part == "calls":
        chosen = call_filter(request.GET)
        return render(
            request,
            "servicedesk/_order_call_rows.html",
            {
                "order": order,
                "calls_page": calls_page(order, chosen, request.GET.get("calls_page")),
                "calls_chosen": chosen,
            },
        )
    if part == "history_run":
        return render(
            request,
            "servicedesk/_order_history_rows.html",
            {"order": order, "events": history_run(order, request.GET.get("history_run", ""))},
        )
    return None
