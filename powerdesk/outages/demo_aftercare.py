"""The demo's outages after power came back, as a station works them (walk72, 10: about 20
restored outages since October still offered "关闭停电事件", and the service figures said
"停电后回访 0" every month): the households with a medical need or an elderly person alone below
each fault were called back the same day, and the outage closed once they were; the last day's
stay open, their callbacks still to make."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from powerdesk.demo.builder import DemoContext
from powerdesk.outages.below import customers_below
from powerdesk.outages.models import Outage, OutageCallback, OutageCallbackTry, OutageEvent

MOMENTARY = dt.timedelta(minutes=5)  # a recloser's blip: nobody is called back for it
CALLED_BACK_FOR = dt.timedelta(days=400)  # the figures' year and the last one's months
SCORES = (5, 5, 5, 5, 4, 4, 4, 3)


def close_restored(ctx: DemoContext, now: dt.datetime, *, by: Any, clerk: Any) -> None:
    """Each outage restored a day or more before ``now`` closed, after the callbacks of its
    households with a medical need or an elderly person alone (a fault of the last 400 days:
    the figures' months), each reached within a few hours of the restore."""
    assert ctx.station is not None
    rng = ctx.rng_for("outages:aftercare")
    restored = Outage.objects.filter(
        station=ctx.station,
        status=Outage.Status.RESTORED,
        restored_at__isnull=False,
        restored_at__lt=now - dt.timedelta(days=1),
    ).order_by("restored_at", "pk")
    cared: dict[int, list[tuple[int, bool]]] = {}
    callbacks: list[OutageCallback] = []
    events: list[OutageEvent] = []
    for outage in restored:
        assert outage.restored_at is not None
        closed_at = outage.restored_at + dt.timedelta(minutes=rng.randint(30, 90))
        long_enough = outage.restored_at - outage.starts_at >= MOMENTARY
        if (
            outage.kind == Outage.Kind.UNPLANNED
            and long_enough
            and outage.restored_at >= now - CALLED_BACK_FOR
        ):
            if outage.device_id not in cared:
                cared[outage.device_id] = list(
                    customers_below(outage.device)
                    .filter(Q(medical_need=True) | Q(elderly_alone=True))
                    .values_list("pk", "medical_need")
                )
            for customer_id, medical in cared[outage.device_id]:
                at = outage.restored_at + dt.timedelta(minutes=rng.randint(40, 240))
                callbacks.append(
                    OutageCallback(
                        outage=outage,
                        customer_id=customer_id,
                        reason=(
                            OutageCallback.Reason.MEDICAL
                            if medical
                            else OutageCallback.Reason.ELDERLY
                        ),
                        due_at=outage.restored_at + dt.timedelta(hours=24),
                        back_at=outage.restored_at,
                        done_at=at,
                        done_by=clerk,
                        tried_by=clerk,
                        outcome="reached",
                        satisfaction=rng.choice(SCORES),
                        attempts=1,
                        tried_at=at,
                    )
                )
                closed_at = max(closed_at, at + dt.timedelta(minutes=10))
        events.append(OutageEvent(outage=outage, at=min(closed_at, now), by=by, what="closed"))
    OutageCallback.objects.bulk_create(callbacks, batch_size=500, ignore_conflicts=True)
    # Each one's call, kept as its try (who, when, the score), as the callbacks page keeps them.
    OutageCallbackTry.objects.bulk_create(
        [
            OutageCallbackTry(
                callback=row,
                outcome=row.outcome,
                satisfaction=row.satisfaction,
                tried_by_id=row.tried_by_id,
                tried_at=row.tried_at or row.done_at or now,
            )
            for row in OutageCallback.objects.filter(
                outage__station=ctx.station, tries=None, tried_at__isnull=False
            )
        ],
        batch_size=500,
    )
    OutageEvent.objects.bulk_create(events, batch_size=1000)
