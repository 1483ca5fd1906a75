"""Telling villagers of a planned outage: announced (``notify_planned_announced``), and then
moved or called off.

A household that was texted "no power on the 12th" and hears nothing more stays home for an
outage that never comes, or reads the new date as a second outage. So a move is told as a
change ("改期：原定X，改为Y") to everyone under the device now, and a cancellation goes to every
address that was told of the outage (the announcement, a move, the reminder), even one no
longer under the device. Both are raised under the announcement's event, so the station's
choice of who hears of planned outages holds for their changes too; each is keyed by its
occasion, so a retry sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType

from powerdesk.notifications.models import Channel, Delivery, Event
from powerdesk.notifications.outage_notices import outage_facts, outage_notice, outage_recipients
from powerdesk.notifications.reach import Reach, households_below_count, reach_of
from powerdesk.notifications.services import Recipient, notice_raise

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = [
    "notify_planned_announced",
    "notify_planned_cancelled",
    "notify_planned_moved",
    "planned_told_reach",
]

# The notices of a planned outage that told its window to someone.
_TOLD_PREFIXES = ("planned:", "planned_moved:", "planned_tomorrow:")


def notify_planned_announced(outage: Outage) -> None:
    """A planned outage announced (or moved): the window is told, at least a week ahead."""
    if outage.kind != outage.Kind.PLANNED or outage.status != outage.Status.ANNOUNCED:
        return
    key = f"planned:{outage.pk}:{outage.starts_at:%Y%m%d%H%M}"
    outage_notice(outage, Event.PLANNED_ANNOUNCED, key, "planned_announced")


def notify_planned_moved(
    outage: Outage, *, was_starts: dt.datetime, was_ends: dt.datetime, occasion: int
) -> None:
    """A planned outage not yet started is moved (``occasion``: the history line of the move)."""
    if outage.kind != outage.Kind.PLANNED or outage.status != outage.Status.ANNOUNCED:
        return
    facts = outage_facts(outage)
    facts.update(
        was_starts=was_starts.isoformat(),
        was_ends=was_ends.isoformat(),
        inapp={"kind": "outage"},
    )
    notice_raise(
        station=outage.station,
        event=Event.PLANNED_ANNOUNCED,
        key=f"planned_moved:{outage.pk}:{occasion}",
        recipients=outage_recipients(outage, Event.PLANNED_ANNOUNCED, "planned_moved"),
        facts=facts,
        subject=outage,
    )


def planned_told_reach(outage: Outage) -> Reach:
    """What calling ``outage`` off texts (those told of it: ``_told``, the very list the
    cancellation sends to, once an address): said before staff cancel it."""
    return reach_of(_told(outage), households=households_below_count(outage.device))


def notify_planned_cancelled(outage: Outage, *, reason: str) -> None:
    """A planned outage is called off: everyone told of it hears so, once."""
    from powerdesk.outages.outward import outward_text

    facts = outage_facts(outage)
    # Staff's reason, as it may leave the station (the webhook's facts): masked (``outward``).
    facts.update(reason=outward_text(outage.station, reason), inapp={"kind": "outage"})
    notice_raise(
        station=outage.station,
        event=Event.PLANNED_ANNOUNCED,
        key=f"planned_cancelled:{outage.pk}",
        recipients=_told(outage),
        facts=facts,
        subject=outage,
    )


def _told(outage: Outage) -> list[Recipient]:
    """Everyone a notice of ``outage`` told its window to (not in the app), as they were told."""
    told = (
        Delivery.objects.filter(
            station_id=outage.station_id,
            notice__subject_type=ContentType.objects.get_for_model(outage),
            notice__subject_id=outage.pk,
        )
        .exclude(channel=Channel.IN_APP)
        .order_by("pk")
        .values("notice__key", "channel", "address", "language", "customer_id", "liaison_id")
    )
    recipients = [
        Recipient(
            row["channel"],
            row["address"],
            "planned_cancelled",
            language=row["language"],
            who={k: row[k] for k in ("customer_id", "liaison_id") if row[k] is not None},
        )
        for row in told
        if any(row["notice__key"].startswith(f"{prefix}{outage.pk}:") for prefix in _TOLD_PREFIXES)
    ]
    return recipients
