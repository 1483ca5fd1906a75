"""What "overdue" and "due soon" mean for a work order: one definition, used by the lists, the
home page's panels and the escalation scan alike."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q

from powerdesk.lib.models import StationQuerySet
from powerdesk.servicedesk.models.status import OPEN_STATUSES

if TYPE_CHECKING:
    from powerdesk.servicedesk.models.core import WorkOrder


def _late(now: dt.datetime) -> Q:
    """A deadline already passed: on site too late (not yet arrived) or not resolved in time."""
    return Q(arrive_due_at__lt=now, arrived_at=None) | Q(resolve_due_at__lt=now)


class WorkOrderQuerySet(StationQuerySet["WorkOrder"]):
    def open(self) -> WorkOrderQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def running(self) -> WorkOrderQuerySet:
        """Open orders whose clock runs (not paused): the only ones that can be late."""
        return self.open().filter(paused_at=None)

    def overdue(self, now: dt.datetime) -> WorkOrderQuerySet:
        """Running orders past a deadline at ``now``."""
        return self.running().filter(_late(now))

    def due_by(self, limit: dt.datetime, now: dt.datetime) -> WorkOrderQuerySet:
        """Running orders not yet late at ``now`` whose next deadline falls by ``limit``."""
        return (
            self.running()
            .exclude(_late(now))
            .filter(Q(arrive_due_at__lte=limit, arrived_at=None) | Q(resolve_due_at__lte=limit))
        )


def work_order_is_overdue(order: WorkOrder, now: dt.datetime) -> bool:
    """The same rule as ``WorkOrderQuerySet.overdue`` for one order already loaded."""
    if order.paused_at is not None or order.status not in OPEN_STATUSES:
        return False
    if order.arrive_due_at and order.arrived_at is None and order.arrive_due_at < now:
        return True
    return bool(order.resolve_due_at and order.resolve_due_at < now)


def next_deadline(order: WorkOrder) -> dt.datetime | None:
    """The deadline the order is working towards now (arrival first, then resolution)."""
    if order.arrive_due_at and order.arrived_at is None:
        return order.arrive_due_at
    return order.resolve_due_at
