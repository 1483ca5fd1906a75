"""The service desk's panels on the home page: open work orders and what is due soon."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.servicedesk.models import OPEN_STATUSES, WorkOrder
from powerdesk.servicedesk.models.status import UNFINISHED
from powerdesk.servicedesk.selectors import (
    callbacks_due,
    due_soon,
    missed_calls,
    open_work_orders,
    overdue_shown,
)
from powerdesk.web.home import Panel, register

# One name for a person's notices, on the home page, the chief's decisions, the menu and
# their page (给您的提醒).
NOTICES_TITLE = _("Notices to you")


def register_panels() -> None:
    register("deadlines", notices_panel)
    register("work_orders", open_orders_panel)
    register("deadlines", deadlines_panel)
    register("satisfaction", satisfaction_panel)


def notices_panel(request: HttpRequest) -> Panel | None:
    """The person's own unread notices, one line per kind (a notice alone shows itself): what
    is late first, never pushed out by routine ones; all of them on their own page."""
    from powerdesk.servicedesk.notices import notice_groups

    groups = notice_groups(user=request.user, station=request.station)  # type: ignore[arg-type, attr-defined]
    if not groups:
        return None
    upto = max(g.upto for g in groups)
    return Panel(
        title=NOTICES_TITLE,
        template="servicedesk/panels/notices.html",
        context={"groups": groups, "upto": upto},
        count=sum(g.notices for g in groups),
        link=reverse("servicedesk:notices"),
    )


def open_orders_panel(request: HttpRequest) -> Panel | None:
    """Open orders, the urgent ones, and those with nobody to answer for them (walk37, 17: an
    order the API opened, a liaison's report, work handed back: the list "without an owner",
    counted as it counts them, callbacks still due too), calls to return and callbacks due."""
    station = request.station  # type: ignore[attr-defined]
    orders = open_work_orders(station)
    is_open = Q(status__in=OPEN_STATUSES)
    counts = (
        WorkOrder.objects.for_station(station)
        .filter(status__in=UNFINISHED)
        .aggregate(
            total=Count("pk", filter=is_open),
            urgent=Count("pk", filter=is_open & Q(urgent=True)),
            unowned=Count("pk", filter=Q(owner=None)),
        )
    )
    missed = missed_calls(station).count()
    callbacks = callbacks_due(station).count()
    if not counts["total"] and not counts["unowned"] and not missed and not callbacks:
        return None
    return Panel(
        title=_("Open work orders"),
        template="servicedesk/panels/open_orders.html",
        context={
            **counts,
            "missed": missed,
            "callbacks": callbacks,
            "latest": orders.select_related("village").order_by("-urgent", "-created_at")[:5],
        },
        link=reverse("servicedesk:work_orders"),
    )


def deadlines_panel(request: HttpRequest) -> Panel | None:
    """Orders already late, then those due within a day (paused clocks are neither)."""
    station = request.station  # type: ignore[attr-defined]
    now = timezone.now()
    late = overdue_shown(station, now)
    soon = list(due_soon(station, now=now).select_related("village")[:8])
    if not late.count and not soon:
        return None
    return Panel(
        title=_("Deadlines"),
        template="servicedesk/panels/deadlines.html",
        context={
            "late": late.orders,
            "late_count": late.count,
            "soon": soon,
            "now": now,
        },
        link=reverse("servicedesk:work_orders") + "?show=overdue",
    )


def satisfaction_panel(request: HttpRequest) -> Panel | None:
    """This month's satisfaction from callbacks and the counter tablet."""
    from powerdesk.servicedesk.satisfaction import satisfaction_between

    station = request.station  # type: ignore[attr-defined]
    now = timezone.localtime()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    month = satisfaction_between(station, start, now)
    if not month.combined.count:
        return None
    return Panel(
        title=_("Satisfaction this month"),
        template="servicedesk/panels/satisfaction.html",
        context={"month": month},
        link=reverse("servicedesk:satisfaction"),
    )
