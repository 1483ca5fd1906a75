"""The home page's slots and the panels the reference-data areas contribute."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Role
from powerdesk.web.home import Panel, Slot, register

CHIEF = frozenset({Role.CHIEF})
COUNTER = frozenset({Role.COUNTER})
DISPATCHER = frozenset({Role.DISPATCHER})

# The dispatcher's live board: what is off now. The outages slot below leaves out, for them,
# what the board shows (powerdesk/outages/panels.py), so that no outage is listed twice.
BOARD_SLOT = Slot("board", _("Live board: what calls and meters show off"), "", roles=DISPATCHER)

HOME_SLOTS = [
    # Each role's own first (powerdesk/dashboards/panels.py fills them), then what all share.
    Slot("chief_figures", _("This month and the year so far"), "", roles=CHIEF),
    Slot("decisions", _("Needs a decision"), _("Nothing is waiting for a decision."), roles=CHIEF),
    Slot("intake", _("Calls today"), _("No call yet today."), roles=COUNTER),
    # Calls taken by one who may not open work orders (the administrator at night): shown to
    # those who open them until they do (``servicedesk.call_order``); no panel when none waits.
    Slot("calls_waiting", _("Calls waiting for a work order"), "", "servicedesk:call_order"),
    Slot(
        "missed_calls", _("Missed calls"), _("Every missed call has been returned."), roles=COUNTER
    ),
    Slot("callbacks_due", _("Callbacks due"), _("No callback is due."), roles=COUNTER),
    # Two panels about outages: the live board (the dispatcher's, to work on) and what is off
    # now for everyone (recorded and predicted, households out) with the planned ones.
    BOARD_SLOT,
    Slot("crews", _("Crews"), _("The station has no crew yet."), roles=DISPATCHER),
    Slot("stations", _("Your stations side by side"), ""),
    Slot(
        "outages",
        _("Power off now (recorded and predicted) and planned"),
        _("Nothing is known to be off now."),
    ),
    Slot("work_orders", _("Open work orders"), _("No open work order.")),
    Slot("deadlines", _("Deadlines due soon"), _("Nothing is due in the next 24 hours.")),
    Slot("grid", _("Grid"), _("No network has been imported yet.")),
    Slot("customers", _("Customers who need care"), _("No customer has a care flag.")),
    Slot("villages", _("Villages and outreach"), _("No village has been entered yet.")),
    Slot("arrears", _("Arrears"), _("No household is being pursued for arrears."), "arrears:cases"),
    Slot(
        "satisfaction",
        _("Satisfaction this month"),
        _("No rating yet this month."),
        "servicedesk:satisfaction",
    ),
    Slot("training", _("Training this year"), _("There is no training plan for this year.")),
]


def register_builtin_panels() -> None:
    register("grid", grid_panel)
    register("customers", care_panel)


def grid_panel(request: HttpRequest) -> Panel | None:
    from powerdesk.network.models import Defect, Feeder, GridNode, NodeKind

    station = request.station  # type: ignore[attr-defined]
    counts = GridNode.objects.for_station(station).aggregate(
        transformers=Count("pk", filter=Q(kind=NodeKind.TRANSFORMER)),
        fuses=Count("pk", filter=Q(kind=NodeKind.FUSE)),
        lightning=Count("pk", filter=Q(lightning_zone=True, kind=NodeKind.TRANSFORMER)),
    )
    feeders = Feeder.objects.for_station(station).count()
    if not feeders:
        return None
    open_defects = Defect.objects.for_station(station).filter(resolved_on__isnull=True)
    serious = open_defects.exclude(severity="minor").select_related("node")[:5]
    return Panel(
        title=_("Grid"),
        template="web/panels/grid.html",
        context={
            "feeders": feeders,
            **counts,
            "open_defects": open_defects.count(),
            "serious": serious,
        },
        link=reverse("network:feeders"),
    )


def care_panel(request: HttpRequest) -> Panel | None:
    from powerdesk.customers.models import Customer

    station = request.station  # type: ignore[attr-defined]
    counts = Customer.objects.for_station(station).aggregate(
        total=Count("pk"),
        elderly_alone=Count("pk", filter=Q(elderly_alone=True)),
        medical_need=Count("pk", filter=Q(medical_need=True)),
        hardship=Count("pk", filter=Q(hardship=True)),
        important=Count("pk", filter=Q(important=True)),
    )
    if not counts["total"]:
        return None
    return Panel(
        title=_("Customers who need care"),
        template="web/panels/care.html",
        context=counts,
        link=reverse("customers:list"),
    )
