"""The day-before reminder of a planned outage: on the day before (from ``REMINDER_HOUR``),
those under it are reminded, once a window; a window told by text less than
``REMINDER_TOLD_WITHIN`` before is not reminded, and the outage's history says why."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.notifications.models import Event
from powerdesk.notifications.outage_notices import outage_facts, outage_notice
from powerdesk.notifications.services import notice_raise

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

# The reminder of a planned outage goes out on the day before, from this hour on...
REMINDER_HOUR = 8
# ...unless its window was told by text (announced, or moved) less than this before: a
# short-notice outage announced for tomorrow would text every household twice within seconds.
# The reminder is then skipped once for that window, and its history says why.
REMINDER_TOLD_WITHIN = dt.timedelta(days=1)


def planned_tomorrow_scan(*, now: dt.datetime | None = None) -> int:
    """On the day before a planned outage (from 08:00), remind those under it; once a window."""
    from powerdesk.outages.models import Outage

    now = timezone.localtime(now or timezone.now())
    if now.hour < REMINDER_HOUR:
        return 0
    tomorrow = now.date() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time()))
    made = 0
    for outage in Outage.objects.filter(
        kind=Outage.Kind.PLANNED,
        status=Outage.Status.ANNOUNCED,
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=1),
    ).select_related("device", "station"):
        key = f"planned_tomorrow:{outage.pk}:{outage.starts_at:%Y%m%d%H%M}"
        told = _window_told_at(outage)
        if told is not None and told > now - REMINDER_TOLD_WITHIN:
            _reminder_skip(outage, key, told)
        elif outage_notice(outage, Event.PLANNED_TOMORROW, key, "planned_tomorrow"):
            made += 1
    return made


def _window_told_at(outage: Outage) -> dt.datetime | None:
    """When the window of ``outage`` was last told by a notice of its own (its announcement or
    a move), None if never."""
    from django.db.models import Max, Q

    from powerdesk.notifications.models import Notice

    return Notice.objects.filter(
        Q(key__startswith=f"planned:{outage.pk}:")
        | Q(key__startswith=f"planned_moved:{outage.pk}:"),
        station_id=outage.station_id,
    ).aggregate(at=Max("created_at"))["at"]


def _reminder_skip(outage: Outage, key: str, told: dt.datetime) -> None:
    """The day-before reminder of a window told less than ``REMINDER_TOLD_WITHIN`` ago is not
    sent: its notice is kept with nobody to send to (so no later run sends it), and the
    outage's history says why, once."""
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_said

    facts = outage_facts(outage)
    facts["skipped"] = "told_recently"
    skipped = notice_raise(
        station=outage.station,
        event=Event.PLANNED_TOMORROW,
        key=key,
        recipients=[],
        facts=facts,
        subject=outage,
    )
    if skipped is not None:
        outage_history_add(
            outage,
            None,
            "reminder_skipped",
            said=note_said("reminder_skipped", time=f"{timezone.localtime(told):%m-%d %H:%M}"),
        )
