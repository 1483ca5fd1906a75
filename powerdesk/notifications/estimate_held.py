"""A revision of a fault outage's expected restoration held back by the quiet time
(``estimates_told.ETR_QUIET``): the outage's history says so and until when (its own households'
and liaisons' time, and those holding a wider outage's), and ``etr_held_scan``, every half
minute, sends it when that time is over, if the power is still off and the time still differs
from what was told (``estimate_texts.notify_etr_moved``, ``held``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.notifications.estimates_told import ETR_QUIET, last_told
from powerdesk.notifications.models import Event

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = ["ETR_HELD", "HELD_GRACE", "etr_held", "etr_held_scan"]


def etr_held(
    outage: Outage,
    at: dt.datetime,
    *,
    own: dt.datetime | None,
    above: dt.datetime | None,
) -> None:
    """The outage's history says the revision to ``at`` is held, and until when: for its own
    households and liaisons (``own``), for those holding a wider outage's time (``above``);
    each its own when both are held at different times (fix58d: the line said the earlier
    only). ``due``: the first, when ``etr_held_scan`` looks again."""
    from powerdesk.notifications.models import Audience
    from powerdesk.notifications.outage_known import texts_to
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_said

    # Where the station texts liaisons and not households, it is they who are held (review58,
    # L1: the line said households).
    households = texts_to(outage.station_id, Audience.HOUSEHOLDS, (Event.ETR_MOVED,))
    only = "" if households else "_liaisons"
    dues = [d for d in (own, above) if d is not None]
    until = min(dues)

    def hhmm(when: dt.datetime) -> str:
        return f"{timezone.localtime(when):%H:%M}"

    apart = {}
    if own is not None and above is not None and hhmm(own) != hhmm(above):
        apart = {"until_above": hhmm(above), "due_above": above.isoformat()}
    said = note_said(
        ("etr_held_apart" if apart else "etr_held") + only,
        at=hhmm(at),
        until=hhmm(own if apart and own is not None else until),
        n=int(ETR_QUIET.total_seconds() // 60),
        due=until.isoformat(),  # when ``etr_held_scan`` sends it
        **apart,
    )
    outage_history_add(outage, None, ETR_HELD, said=said)


ETR_HELD = "estimate_held"  # the outage's history line of a revision held back


def etr_held_scan(*, now: dt.datetime | None = None) -> int:
    """Send the revisions held back by ``ETR_QUIET`` whose quiet time is over (the power still
    off, and the time still moved from what was told); ``notify_tick`` runs it every half
    minute. A held revision's quiet time ends within ``ETR_QUIET`` of its holding, so lines older
    than that (and a few ticks' grace) are done with: the estimate is not asked for again."""
    from powerdesk.notifications.estimate_texts import notify_etr_moved
    from powerdesk.outages.models import Outage, OutageEvent

    now = now or timezone.now()
    held = OutageEvent.objects.filter(
        what=ETR_HELD,
        at__gt=now - ETR_QUIET - HELD_GRACE,
        outage__status=Outage.Status.ACTIVE,
        outage__kind=Outage.Kind.UNPLANNED,
    ).values_list("outage_id", "at", "note_args")
    latest: dict[int, tuple[dt.datetime, dt.datetime | None]] = {}
    for outage_id, at, args in held:
        if outage_id not in latest or at >= latest[outage_id][0]:
            due = args.get("due") if isinstance(args, dict) else None
            latest[outage_id] = (at, dt.datetime.fromisoformat(due) if due else None)
    made = 0
    for outage in Outage.objects.filter(pk__in=latest).select_related("device", "station"):
        held_at, due = latest[outage.pk]
        _told, last_text_at, _count = last_told(outage, outage.expected_restore_at)
        if last_text_at is not None and last_text_at > held_at:
            continue  # told since it was held
        # Still quiet: until the line says (the households' own quiet time, review53, 2), else
        # (a line held before it said) the outage's last text's.
        if due is None and last_text_at is not None:
            due = last_text_at + ETR_QUIET
        if due is not None and now < due:
            continue
        # Its revision, or a text of it to those told a wider one's time only (fix54d).
        made += notify_etr_moved(outage, None, now=now, held=True)
    return made


HELD_GRACE = dt.timedelta(minutes=5)
