"""A fault outage whose crew found the power already on at arrival, nothing wrong on the line
(the crew's "power was on at arrival", ``servicedesk.crew_nothing_found``).

What a station expects of it: the outage is restored at the time the power is known on (the
crew's arrival, which is all anybody knows of it), its orders resolved and its callbacks due as
for any restore; it is marked "power found on at arrival", by whom and when; nothing is recorded
as a fault found (no cause but "unknown", no place of the patrol). Whether it was an
interruption at all (a fuse that reclosed, callers whose own breaker had tripped, a wrong
report) is not the crew's to say alone: it counts in the reliability figures (from its start to
the arrival) until the dispatcher or the chief confirms it was none
(``outage_not_interruption``), after which no figure counts it
(``reliability.selectors.interruptions``). A confirmation made in error is undone the same day
by the same roles (``outage_not_interruption_undo``): a line of the history with who and when,
and the figures count the outage again."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.outages.models import Outage, OutageCause
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "outage_not_interruption",
    "outage_not_interruption_undo",
    "outage_power_found_on",
    "undo_open",
]

POWER_FOUND_ON = "power_found_on"  # the outage's history line (``what``)
NOT_INTERRUPTION = "not_interruption"
NOT_INTERRUPTION_UNDONE = "interruption_again"  # (the history column holds 20)


def outage_power_found_on(
    *,
    outage: Outage,
    user: User | None,
    arrived_at: dt.datetime,
    note: str = "",
    at: dt.datetime | None = None,
) -> Outage:
    """The crew found the power on at ``arrived_at``: the outage is restored then (never after
    ``at``, the step's time), marked so with who and when. Only a fault outage with the power
    off, by its own crew or the office (``outage_restore``'s check). Said again (a double tap, a
    retry) it is answered as it was, nothing stored twice."""
    from powerdesk.outages.history import outage_history_add
    from powerdesk.outages.services import outage_restore

    with transaction.atomic():
        current = Outage.objects.select_for_update().get(pk=outage.pk)
        if current.power_on_found_at is not None:
            return current
        if current.kind != Outage.Kind.UNPLANNED or current.status != Outage.Status.ACTIVE:
            raise OutageError(
                _("Only a fault outage with the power off can have its power found on.")
            )
        now = timezone.now()
        at = min(at or now, now)
        known_on = max(min(arrived_at, at), current.starts_at)
        # Nothing found is no cause: "unknown" only when nobody recorded one (the restore asks).
        cause = "" if current.cause_kind else OutageCause.UNKNOWN
        current = outage_restore(outage=current, user=user, note=note, at=known_on, cause=cause)
        current.power_on_found_at = known_on
        current.power_on_found_by = user
        current.save(update_fields=["power_on_found_at", "power_on_found_by"])
        said = note_said(
            POWER_FOUND_ON, time=f"{timezone.localtime(known_on):%H:%M}", words=note.strip()
        )
        outage_history_add(current, user, POWER_FOUND_ON, at=at, said=said)
        return current


def outage_not_interruption(*, outage: Outage, user: User | None) -> bool:
    """The dispatcher or the chief confirms that ``outage``, whose crew found the power on at
    arrival, was no interruption: the reliability figures leave it out from then. Returns False
    when it was confirmed already (nothing stored again)."""
    from powerdesk.outages.history import outage_history_add

    require(user, outage.station_id, Do.OUTAGE_NOT_INTERRUPTION)
    with transaction.atomic():
        current = Outage.objects.select_for_update().get(pk=outage.pk)
        if current.power_on_found_at is None:
            raise OutageError(
                _("Only an outage whose crew found the power on at arrival can be confirmed so.")
            )
        if current.not_interruption_at is not None:
            return False
        current.not_interruption_at = timezone.now()
        current.not_interruption_by = user
        current.save(update_fields=["not_interruption_at", "not_interruption_by"])
        outage_history_add(
            current,
            user,
            NOT_INTERRUPTION,
            at=current.not_interruption_at,
            said=note_said(NOT_INTERRUPTION),
        )
    return True


def undo_open(outage: Outage, *, now: dt.datetime | None = None) -> bool:
    """Whether the confirmation "no interruption" of ``outage`` may still be undone: made
    today (the station's day), so that a month's figures sent on are not changed later."""
    at = outage.not_interruption_at
    if at is None:
        return False
    today = timezone.localdate(now or timezone.now())
    return timezone.localdate(at) == today


def outage_not_interruption_undo(*, outage: Outage, user: User | None) -> bool:
    """Undo the confirmation that ``outage`` was no interruption (made in error), the same day,
    by those who may confirm it: the outage counts in the reliability figures again, and a line
    of its history says who undid it and when. Returns False when it is not confirmed (undone
    already: a double click, a retry), nothing stored."""
    from powerdesk.outages.history import outage_history_add

    require(user, outage.station_id, Do.OUTAGE_NOT_INTERRUPTION)
    with transaction.atomic():
        current = Outage.objects.select_for_update().get(pk=outage.pk)
        if current.not_interruption_at is None:
            return False
        if not undo_open(current):
            raise OutageError(
                _(
                    "A confirmation of no interruption can be undone only on the day it was "
                    "made (%(day)s)."
                )
                % {"day": f"{timezone.localtime(current.not_interruption_at):%Y-%m-%d}"}
            )
        current.not_interruption_at = None
        current.not_interruption_by = None
        current.save(update_fields=["not_interruption_at", "not_interruption_by"])
        outage_history_add(
            current, user, NOT_INTERRUPTION_UNDONE, said=note_said(NOT_INTERRUPTION_UNDONE)
        )
    return True
