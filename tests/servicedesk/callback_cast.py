"""An order ready for its callback, as the callback tests make one (base.py's station)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_transition


def resolved_complaint(case: Any) -> WorkOrder:
    """The cast's customer's complaint about the meter reader (抄表员态度差), opened and resolved
    by the clerk ("已上门道歉"): its callback is due."""
    order = work_order_create(
        station=case.station_a,
        user=case.clerk,
        category="complaint",
        summary="抄表员态度差",
        customer=case.customer,
    )
    return work_order_transition(
        work_order=order, to_status="resolved", user=case.clerk, note="已上门道歉"
    )


def fault_order(case: Any) -> WorkOrder:
    """The cast's customer's fault (哔叭停电), opened by the clerk."""
    return work_order_create(
        station=case.station_a,
        user=case.clerk,
        category="fault_repair",
        summary="哔叭停电",
        customer=case.customer,
    )


def resolved_fault_order(case: Any, order: WorkOrder | None = None) -> WorkOrder:
    """``order`` (a new ``fault_order`` when none is given) walked on its page by the chief, who
    stays logged in: the crew dispatched, on the way, on site, resolved at the fuse ZM-B01-F
    (熔断器熔断). Its callback is due."""
    order = order if order is not None else fault_order(case)
    case.login(case.chief)
    url = reverse("servicedesk:work_order_action", args=[order.pk])
    case.client.post(url, {"action": "dispatch", "crew": str(case.crew.pk)})
    for status in ("on_the_way", "on_site"):
        case.client.post(url, {"action": "status", "to": status})
    case.client.post(
        url, {"action": "status", "to": "resolved", "cause": "熔断器熔断", "device": "ZM-B01-F"}
    )
    order.refresh_from_db()
    return order
