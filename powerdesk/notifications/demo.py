"""Demo: the planned work already announced is told to the households and liaisons under it,
so that the demo SMS gateway (``make run``) has its texts to show and to be answered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.notifications.planned_changes import notify_planned_announced
from powerdesk.outages.models import Outage

if TYPE_CHECKING:
    from powerdesk.demo.builder import DemoContext


def build(ctx: DemoContext) -> None:
    for outage in Outage.objects.filter(
        station=ctx.station, kind=Outage.Kind.PLANNED, status=Outage.Status.ANNOUNCED
    ).select_related("device", "station"):
        notify_planned_announced(outage)
