"""The events that tell people, each raised by the service that makes it happen, and told in
the module of its domain; this module names them all (older imports keep working).

- an outage's facts and who hears of it: ``outage_notices``;
- a fault outage on record: ``outage_known``; what a change reaches, said before it is made:
  ``reach``;
- power back, in full or in part, and the callbacks due: ``power_back``;
- the revisions of a fault outage's expected restoration: ``estimate_texts``;
- planned outages announced, moved or called off: ``planned_changes``; the day-before
  reminder: ``planned_reminder``;
- crews sent and escalations: ``staff_notices``; the notice of arrears: ``arrears_texts``.
"""

from __future__ import annotations

from powerdesk.notifications.arrears_texts import notify_arrears_notice
from powerdesk.notifications.outage_known import ALREADY_TOLD, notify_outage_known
from powerdesk.notifications.outage_notices import (
    device_recipients,
    outage_facts,
    outage_notice,
    outage_recipients,
)
from powerdesk.notifications.planned_changes import notify_planned_announced
from powerdesk.notifications.power_back import (
    STILL_OPEN_TOLD,
    STILL_OUT,
    notify_callbacks_due,
    notify_power_back,
)
from powerdesk.notifications.reach import (
    Reach,
    households_below_count,
    outage_known_reach,
    planned_reach,
    reach_of,
)
from powerdesk.notifications.staff_notices import notify_crew_dispatched, notify_escalation

__all__ = [
    "ALREADY_TOLD",
    "STILL_OPEN_TOLD",
    "STILL_OUT",
    "Reach",
    "device_recipients",
    "households_below_count",
    "notify_arrears_notice",
    "notify_callbacks_due",
    "notify_crew_dispatched",
    "notify_escalation",
    "notify_outage_known",
    "notify_planned_announced",
    "notify_power_back",
    "outage_facts",
    "outage_known_reach",
    "outage_notice",
    "outage_recipients",
    "planned_reach",
    "reach_of",
]
