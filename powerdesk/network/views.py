from __future__ import annotations

from collections import Counter

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.search import search_kept
from powerdesk.network.models import (
    Feeder,
    GridNode,
    NodeKind,
)
from powerdesk.network.schematic import layout, render_svg
from powerdesk.network.selectors import (
    FeederTree,
    defects_listed,
    downstream_summary,
    elements_listed,
    feeders_listed,
)
from powerdesk.outages.selectors import open_devices, recent_callers, section_states


@station_page("network:feeders")
def feeder_list(request: StationRequest) -> HttpResponse:
    feeders = feeders_listed(request.station)
    return render(request, "network/feeder_list.html", {"feeders": feeders})


@station_page("network:feeder")
def feeder_detail(request: StationRequest, pk: int) -> HttpResponse:
    feeder = get_for_user(request, Feeder, pk=pk)
    tree = FeederTree.load(feeder)
    return render(request, "network/feeder_detail.html", {"feeder": feeder, "rows": tree.outline()})


@station_page("network:schematic")
def feeder_schematic(request: StationRequest, pk: int) -> HttpResponse:
    """The feeder's single-line diagram with what is off now and who called about it."""
    feeder = get_for_user(request, Feeder, pk=pk)
    tree = FeederTree.load(feeder)
    everywhere = open_devices(request.station)
    opened = {k: v for k, v in everywhere.items() if k in tree.nodes}
    states = section_states(tree.children, opened)
    callers = recent_callers(request.station)
    svg = render_svg(tree, layout(tree), states=states, opened=opened, callers=callers)
    # The counts are this feeder's; the feeders' buttons say where else devices are open.
    open_by_feeder = Counter(
        GridNode.objects.filter(pk__in=[k for k in everywhere if k not in opened]).values_list(
            "feeder_id", flat=True
        )
    )
    feeders = list(station_queryset(request, Feeder))
    for f in feeders:
        f.open_count = open_by_feeder.get(f.pk, 0)  # type: ignore[attr-defined]
    return render(
        request,
        "network/feeder_schematic.html",
        {
            "feeder": feeder,
            "svg": svg,
            "feeders": feeders,
            "open_elsewhere": sum(open_by_feeder.values()),
            "open_count": len(opened),
            "dark_areas": sum(
                1 for k in states if k not in opened and tree.nodes[k].kind == NodeKind.TRANSFORMER
            ),
            "callers": sum(n for k, n in callers.items() if k in tree.nodes),
        },
    )


@station_page("network:node")
def node_detail(request: StationRequest, pk: int) -> HttpResponse:
    node = get_for_user(
        request, GridNode.objects.select_related("feeder", "village", "parent"), pk=pk
    )
    children = node.children.exclude(kind=NodeKind.POLE).order_by("code")
    return render(
        request,
        "network/node_detail.html",
        {
            "node": node,
            "path": list(reversed(node.ancestors())),
            "children": children,
            "downstream": downstream_summary(node),
            "defects": node.defects.all(),
            "outages": node.outages.select_related("link").order_by("-starts_at")[:20],
            "customers": node.customers.order_by("account_number")[:200]
            if node.kind == NodeKind.TRANSFORMER
            else None,
        },
    )


# One view for network:transformers, :devices and :poles, whose lines of the matrix are alike.
# Its search is kept as every list's is (``lib/search.py``), so that its CSV and Excel hold what
# it lists (walk51, F12: the export read no search and wrote every element).
@station_page("network:transformers")
@search_kept("q")
def element_list(request: StationRequest, kind: str) -> HttpResponse:
    """Transformer areas, protective devices or poles, with search and filters."""
    nodes = elements_listed(station=request.station, kind=kind, params=request.GET)
    query = request.GET.get("q", "").strip()
    feeder = request.GET.get("feeder", "")
    page = Paginator(nodes, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "network/element_list.html",
        {
            "page": page,
            "kind": kind,
            "query": query,
            "feeder": feeder,
            "lightning": request.GET.get("lightning") == "1",
            "feeders": station_queryset(request, Feeder),
        },
    )


@station_page("network:defects")
def defect_list(request: StationRequest) -> HttpResponse:
    show_resolved = request.GET.get("resolved") == "1"
    defects = defects_listed(station=request.station, params=request.GET)
    page = Paginator(defects, 50).get_page(request.GET.get("page"))
    return render(
        request, "network/defect_list.html", {"page": page, "show_resolved": show_resolved}
    )
