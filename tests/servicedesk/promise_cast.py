"""A promise made as the promise tests make it: by the counter clerk, to the station's customer,
on a work order of theirs (a new one unless given). ``cast``: a test case, or the browser tests'
cast, with ``station_a``, ``clerk`` and ``customer``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from powerdesk.servicedesk.models import Promise, WorkOrder
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import work_order_create

# An order's summary by its category, as a clerk types it.
SUMMARIES = {"fault_repair": "停电", "business": "过户"}


def promised_order(cast: Any, category: str = "fault_repair", summary: str = "") -> WorkOrder:
    """A new work order of the customer's, opened by the clerk."""
    return work_order_create(
        station=cast.station_a,
        user=cast.clerk,
        category=category,
        summary=summary or SUMMARIES.get(category, category),
        customer=cast.customer,
    )


def promised(
    cast: Any,
    *,
    due_at: dt.datetime,
    text: str = "半小时内回电",
    order: WorkOrder | None = None,
    category: str = "fault_repair",
) -> Promise:
    """A promise of ``text`` due at ``due_at`` on ``order`` (a new order of ``category`` when
    none is given)."""
    return promise_make(
        station=cast.station_a,
        user=cast.clerk,
        work_order=order if order is not None else promised_order(cast, category),
        text=text,
        due_at=due_at,
    )
