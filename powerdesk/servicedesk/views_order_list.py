"""The list of work orders: filters, search, the rows' actions (one order's page:
``views_orders``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.lib.search import search_kept
from powerdesk.servicedesk.models import (
    Category,
    WorkOrder,
    WorkOrderStatus,
)
from powerdesk.servicedesk.second_order import second_matter_pairs
from powerdesk.servicedesk.selectors import (
    repeat_call_counts,
    work_orders_listed,
)
from powerdesk.servicedesk.views_owner import owner_offer, unfinished
from powerdesk.web.drill import drill_summary

S = WorkOrderStatus


@station_page("servicedesk:work_orders")
@search_kept("q")
def work_order_list(request: StationRequest) -> HttpResponse:
    orders = work_orders_listed(station=request.station, user=request.user, params=request.GET)
    show = request.GET.get("show", "open")
    category = request.GET.get("category", "")
    query = request.GET.get("q", "").strip()
    now = timezone.now()
    page = Paginator(orders, 50).get_page(request.GET.get("page"))
    # One query for the page's late rows (as the overdue list: an outage's joined orders as one).
    rows = list(page.object_list)
    late = set(
        WorkOrder.objects.filter(pk__in=[o.pk for o in rows])
        .overdue(now)
        .values_list("pk", flat=True)
    )
    # And how often their callers had to ring again (the badge of the order's calls heading).
    repeats = repeat_call_counts([o.pk for o in rows])
    # And the other order of a call of two matters (``second_order``), one query.
    pairs = second_matter_pairs([o.pk for o in rows])
    for order in rows:
        order.overdue = order.pk in late  # type: ignore[attr-defined]
        order.repeat_calls = repeats.get(order.pk, 0)  # type: ignore[attr-defined]
        order.same_call = pairs.get(order.pk)  # type: ignore[attr-defined]
        order.unowned = order.owner_id is None and unfinished(order)  # type: ignore[attr-defined]
    return render(
        request,
        "servicedesk/work_order_list.html",
        {
            "page": page,
            "show": show,
            "category": category,
            "query": query,
            "categories": Category.choices,
            "drilled": drill_summary(request.GET, request.station),
            # "Take it" and "Give to" on each row without an owner (``_owner_offer.html``).
            "owner_offer": owner_offer(request, "order", False, False),
        },
    )
