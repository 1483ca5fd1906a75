"""The station's calls: the log of every call, one call's page, and linking an unknown caller to
their customer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from powerdesk.accounts.pages import PAGES
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.arrears.from_calls import cases_of_calls
from powerdesk.community.models import Village
from powerdesk.customers.models import Customer
from powerdesk.customers.selectors import customer_search
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.params import month_or_none
from powerdesk.lib.search import SEARCH_CHARS, search_kept
from powerdesk.servicedesk.call_order import (
    CALL_CATEGORIES,
    call_may_open_order,
    call_open_order,
)
from powerdesk.servicedesk.call_urgent import urgent_call_told
from powerdesk.servicedesk.calls import call_link_customer
from powerdesk.servicedesk.models import Call, Category
from powerdesk.servicedesk.second_order import (
    call_may_open_fault_order,
    call_may_say_power_off,
    call_open_fault_order,
)
from powerdesk.servicedesk.selectors import calls_listed
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.web.drill import drill_summary


@station_page("servicedesk:calls")
@search_kept("q")
def call_list(request: StationRequest) -> HttpResponse:
    show = request.GET.get("show", "all")
    query = request.GET.get("q", "").strip()[:SEARCH_CHARS]
    calls = calls_listed(station=request.station, params=request.GET)
    page = Paginator(calls, 50).get_page(request.GET.get("page"))
    page.object_list = _with_arrears_cases(request, list(page.object_list))
    month = month_or_none(request.GET)
    village = id_or_none(request.GET.get("village"))
    category = request.GET.get("category", "")
    filters = {
        "show": show,
        "q": query,
        "month": f"{month[0]:04d}-{month[1]:02d}" if month else "",
        "village": village or "",
        "category": category if category in Category.values else "",
    }
    return render(
        request,
        "servicedesk/call_list.html",
        {
            "page": page,
            "show": show,
            "query": query,
            "filters": filters,
            "villages": Village.objects.for_station(request.station).order_by("name"),
            "categories": Category.choices,
            "drilled": drill_summary(request.GET, request.station),
        },
    )


@station_page("servicedesk:call")
@search_kept("q", check=lambda request, pk: get_for_user(request, Call, pk=pk))
def call_detail(request: StationRequest, pk: int) -> HttpResponse:
    call = get_for_user(
        request,
        Call.objects.select_related(
            "customer",
            "village",
            "group",
            "work_order",
            "fault_order",
            "taken_by",
            "liaison__village",
            "liaison__group",
        ),
        pk=pk,
    )
    query = request.GET.get("q", "").strip()[:SEARCH_CHARS]
    candidates = list(customer_search(station=request.station, query=query)[:10]) if query else []
    return render(
        request,
        "servicedesk/call_detail.html",
        {
            "call": call,
            "query": query,
            "candidates": candidates,
            "may_open_order": call_may_open_order(call, request.user),
            # The note's second matter, the power off (``second_order``).
            "may_open_fault_order": call_may_open_fault_order(call, request.user),
            # Or on the clerk's word, the note not saying it (review61, L1).
            "may_say_power_off": call_may_say_power_off(call, request.user),
            "order_categories": [
                (value, label) for value, label in Category.choices if value in CALL_CATEGORIES
            ],
            # Who was told of it, when (an urgent call kept without its order: ``call_urgent``).
            "told": urgent_call_told(call) if call.urgent else [],
            # The household's arrears case its words were recorded on (``arrears.from_calls``).
            "arrears_case": _arrears_cases(request, [call]).get(call.pk),
        },
    )


def _arrears_cases(request: StationRequest, calls: list[Call]) -> dict[int, Any]:
    """The household's arrears case each call's words were recorded on (``arrears.from_calls``),
    by call id, for a role that may open the case's page; none for another."""
    if not PAGES["arrears:case"].view & request.roles:
        return {}
    return cases_of_calls((call.pk for call in calls), station_id=request.station.pk)


def _with_arrears_cases(request: StationRequest, calls: list[Call]) -> list[Call]:
    """The calls, each with ``arrears_case`` (``_arrears_cases``; None)."""
    cases = _arrears_cases(request, calls)
    for call in calls:
        call.arrears_case = cases.get(call.pk)  # type: ignore[attr-defined]
    return calls


@require_POST
@station_page("servicedesk:call_order")
def call_order(request: StationRequest, pk: int) -> HttpResponse:
    call = get_for_user(request, Call, pk=pk)
    try:
        order = call_open_order(
            call=call, user=request.user, category=request.POST.get("category", "")[:20]
        )
    except WorkOrderError as exc:
        messages.error(request, str(exc))
        return redirect("servicedesk:call", pk=call.pk)
    messages.success(
        request, _("Work order %(number)s opened from the call.") % {"number": order.number}
    )
    return redirect(order)


@require_POST
@station_page("servicedesk:call_fault_order")
def call_fault_order(request: StationRequest, pk: int) -> HttpResponse:
    """The fault repair order of the call's second matter, beside its own (``second_order``)."""
    call = get_for_user(request, Call, pk=pk)
    said = request.POST.get("power_off_said") == "1"  # the clerk's word (``second_order``)
    try:
        order, opened = call_open_fault_order(call=call, user=request.user, power_off_said=said)
    except WorkOrderError as exc:
        messages.error(request, str(exc))
        return redirect("servicedesk:call", pk=call.pk)
    if opened:
        messages.success(
            request,
            _("Fault repair order %(number)s opened for the call: tell the caller its number.")
            % {"number": order.number},
        )
    else:
        messages.info(
            request,
            _("The call's fault repair order is %(number)s, opened before: none was added.")
            % {"number": order.number},
        )
    return redirect(order)


@require_POST
@station_page("servicedesk:call_link")
def call_link(request: StationRequest, pk: int) -> HttpResponse:
    call = get_for_user(request, Call, pk=pk)
    customer_id = id_or_none(request.POST.get("customer"))
    if customer_id is None:
        messages.error(request, _("Choose the customer from the list."))
        return redirect("servicedesk:call", pk=call.pk)
    customer = get_for_user(request, Customer, pk=customer_id)
    try:
        call_link_customer(
            call=call,
            customer=customer,
            user=request.user,
            add_phone=request.POST.get("add_phone") == "1",
        )
    except WorkOrderError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The call is linked to %(name)s.") % {"name": customer.name})
    return redirect("servicedesk:call", pk=call.pk)
