from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.community.liaison_calls import household_liaisons, liaisons_found
from powerdesk.community.models import Village
from powerdesk.customers.activity import customer_activity
from powerdesk.customers.models import Customer
from powerdesk.customers.selectors import customers_listed
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.search import search_kept

# The customer page shows the latest changes (a re-import can add many).
HISTORY_ROWS = 100


@station_page("customers:list")
@search_kept("q")
def customer_list(request: StationRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    village_id = id_or_none(request.GET.get("village"))
    flag = request.GET.get("flag", "")
    customers = customers_listed(station=request.station, params=request.GET)
    page = Paginator(customers, 50).get_page(request.GET.get("page"))
    template = "customers/_customer_rows.html" if request.htmx else "customers/customer_list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "query": query,
            "village_id": village_id,
            "flag": flag,
            "villages": Village.objects.for_station(request.station),
            # A liaison is no customer account, but is looked for here too (walk74, M1).
            "liaisons": liaisons_found(request.station, query),
        },
    )


@station_page("customers:detail")
def customer_detail(request: StationRequest, pk: int) -> HttpResponse:
    customer = get_for_user(
        request,
        Customer.objects.select_related("village", "group", "transformer__feeder"),
        pk=pk,
    )
    supply_path = customer.transformer.ancestors() if customer.transformer else []
    activity = customer_activity(customer=customer, supply_path=supply_path)
    return render(
        request,
        "customers/customer_detail.html",
        {
            "customer": customer,
            "phones": customer.phones.order_by("pk"),
            "supply_path": [p for p in supply_path if p.is_protective],
            "history": customer.history.select_related("by")[:HISTORY_ROWS],
            "activity": activity,
            "group_liaisons": household_liaisons(customer),
        },
    )
