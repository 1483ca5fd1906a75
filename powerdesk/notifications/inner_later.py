"""A fault outage found within a wider one its households were texted first (a fuse blown below
the feeder's breaker): they hold the wider one's time, never texted of this one
(``told.left_out_of_estimates``). When this one's time is, or is revised to, one ``ETR_MOVE`` or
more later than theirs, it is the one keeping them dark longer: they are texted that its power
is still off with its time (a "still open" text of it: "左门（1号台区） is still off ... expected
back about 16:00"), once, with its revision (``estimate_texts.notify_etr_moved``, under its
quiet time). From then on they count as told of it (``told.told_of``): its revisions reach them,
the wider one's earlier than its do not (``nested_times.later_inner``), and the wider one being
restored texts them nothing more. The mirror of ``outage_known._later_time_told`` (a wider one
found over an inner one texted first); a time given at its first text is told there
(``outage_known.texted_later_than_wider``, walk47, 2).

Those the wider one texted a later time than this one's, when the wider one is revised to one
earlier than this one's (the revision spares them: ``nested_times.later_inner``), are texted this
one's time alike, if it differs by ``ETR_MOVE`` or more from the one they hold (their last text,
not the wider one's newest time: ``estimate_texts.households_told``), fix54d.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.notifications.models import Audience, Event

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

LATER_TIME_TOLD = "later_time_told"  # the outage's history step (as ``outage_known``'s)


def told_later_than_wider(
    outage: Outage, at: dt.datetime, customers: frozenset[int], wider: list[Outage]
) -> bool:
    """Text ``customers`` (households below ``outage`` told of the wider outages ``wider`` only,
    ending ``ETR_MOVE`` or more before ``at`` as they were texted: ``nested_times.earlier_wider``)
    that ``outage`` is still off and when it is expected back; its history names them. True
    when a text was raised."""
    if not customers:
        return False
    from powerdesk.notifications import audience
    from powerdesk.notifications.outage_notices import outage_facts
    from powerdesk.notifications.services import audiences, notice_raise

    # A revised time (the station's setting for revisions), sent as an "outage is off" notice
    # of the inner outage (so its setting too: review53, 3).
    if any(
        Audience.HOUSEHOLDS not in audiences(outage.station_id, event)
        for event in (Event.ETR_MOVED, Event.OUTAGE_KNOWN)
    ):
        return False
    recipients = [
        r
        for r in audience.households_below(outage.device, "still_open")
        if r.who.get("customer_id") in customers
    ]
    if not recipients:
        return False
    facts = outage_facts(outage)
    facts["inapp"] = {"kind": "outage"}
    told = sorted({r.who["customer_id"] for r in recipients})
    # An "outage is off" notice of it (``told.told_of`` counts them told of it from then on).
    notice = notice_raise(
        station=outage.station,
        event=Event.OUTAGE_KNOWN,
        key=f"inner_later:{outage.pk}:{at.astimezone(dt.UTC):%Y%m%d%H%M}:{told[0]}",
        recipients=recipients,
        facts=facts,
        subject=outage,
    )
    if notice is None:
        return False  # told already
    _line(outage, at, told, wider)
    return True


def _line(outage: Outage, at: dt.datetime, customers: list[int], wider: list[Outage]) -> None:
    from powerdesk.notifications.estimate_texts import households_told
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    # Told a later time than this one's by a wider outage revised since to an earlier one
    # (``nested_times.later_inner`` spared them: fix54d), or an earlier one (fix53e).
    held = households_told(customers, [o.pk for o in wider]).values()
    said = note_said(
        "inner_time_told_above" if any(t > at for t in held) else "later_time_told_above",
        n=len(customers),
        at=f"{timezone.localtime(at):%H:%M}",
        devices=note_part("items", items=[o.device.name or o.device.code for o in wider]),
        outages=[o.pk for o in wider],
        customers=customers,
    )
    outage_history_add(outage, None, LATER_TIME_TOLD, said=said)
