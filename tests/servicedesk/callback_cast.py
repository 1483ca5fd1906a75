"""An order ready for its callback, as the callback tests make one (base.py's station)."""

from __future__ import annotations

from typing import Any

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
