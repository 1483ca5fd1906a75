from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_queryset, station_view
from powerdesk.community.models import Village
from powerdesk.network.models import NodeKind


@station_view()
def village_list(request: StationRequest) -> HttpResponse:
    villages = station_queryset(request, Village).annotate(
        group_count=Count("groups", distinct=True),
        customer_count=Count("customers", distinct=True),
        remote_group_count=Count("groups", filter=Q(groups__no_road_access=True), distinct=True),
    )
    return render(request, "community/village_list.html", {"villages": villages})


@station_view()
def village_detail(request: StationRequest, pk: int) -> HttpResponse:
    village = get_for_user(request, Village, pk=pk)
    groups = village.groups.annotate(customer_count=Count("customers")).order_by("name")
    transformers = (
        village.grid_nodes.filter(kind=NodeKind.TRANSFORMER)
        .select_related("feeder")
        .annotate(customer_count=Count("customers"))
        .order_by("code")
    )
    customers = village.customers.all()
    care = customers.aggregate(
        total=Count("pk"),
        elderly_alone=Count("pk", filter=Q(elderly_alone=True)),
        hardship=Count("pk", filter=Q(hardship=True)),
        medical_need=Count("pk", filter=Q(medical_need=True)),
        important=Count("pk", filter=Q(important=True)),
    )
    return render(
        request,
        "community/village_detail.html",
        {"village": village, "groups": groups, "transformers": transformers, "care": care},
    )
