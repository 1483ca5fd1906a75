"""When power is expected back for one work order, as the crew or staff said it: the outage's
time for an order joined to one, else the latest time the crew gave on the order's own job
(arriving, or with the cause found: ``crew_step_asks.expected_back``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = ["order_expected_back"]


def order_expected_back(order: WorkOrder, outage: Outage | None = None) -> dt.datetime | None:
    """The time power is expected back for ``order`` (``outage``: the outage it is joined to,
    whose time it is), None when none was given or it has passed."""
    at: dt.datetime | None = None
    if outage is not None:
        at = outage.expected_restore_at
    else:
        said = (
            WorkOrderEvent.objects.filter(work_order=order, note_code="expected_back")
            .order_by("-at", "-pk")
            .values_list("note_args", flat=True)
            .first()
        )
        if isinstance(said, dict) and isinstance(said.get("at"), str):
            try:
                at = dt.datetime.fromisoformat(said["at"])
            except ValueError:
                at = None
    if at is None or at < timezone.now():
        return None
    return at
