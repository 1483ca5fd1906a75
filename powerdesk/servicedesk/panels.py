"""The service desk's panels on the home page: open work orders and what is due soon."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.servicedesk.selectors import (
    callbacks_due,
    due_soon,
    missed_calls,
    open_work_orders,
    overdue,
)
from powerdesk.web.home import Panel, register


def register_panels() -> None:
    register("deadlines", notices_panel)
    register("work_orders", open_orders_panel)
    register("deadlines", deadlines_panel)
    register("satisfaction", satisfaction_panel)


def notices_panel(request: HttpRequest) -> Panel | None:
    """The person's own unread notices: what is late or about to be, for them."""
    from powerdesk.servicedesk.models import Notification

    notices = list(
        Notification.objects.for_station(request.station)  # type: ignore[attr-defined]
        .filter(recipient_id=request.user.pk, read_at=None)
        .select_related("work_order", "promise")[:8]
    )
    if not notices:
        return None
    from powerdesk.notifications.inapp import inapp_texts

    shown = list(zip(notices, inapp_texts(notices), strict=True))
    return Panel(
        title=_("For you"), template="servicedesk/panels/notices.html", context={"notices": shown}
    )


def open_orders_panel(request: HttpRequest) -> Panel | None:
    station = request.station  # type: ignore[attr-defined]
    orders = open_work_orders(station)
    counts = orders.aggregate(total=Count("pk"), urgent=Count("pk", filter=Q(urgent=True)))
    missed = missed_calls(station).count()
    callbacks = callbacks_due(station).count()
    if not counts["total"] and not missed and not callbacks:
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
    late = overdue(station, now)
    late_count = late.count()
    soon = list(due_soon(station, now=now).select_related("village")[:8])
    if not late_count and not soon:
        return None
    return Panel(
        title=_("Deadlines"),
        template="servicedesk/panels/deadlines.html",
        context={
            "late": list(late.select_related("village")[:5]),
            "late_count": late_count,
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
