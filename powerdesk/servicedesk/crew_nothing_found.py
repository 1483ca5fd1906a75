"""A crew that finds nothing wrong says so from its phone (``crew_steps``' "nothing found" and
"nothing here"), instead of recording a fault it did not find (walk64, M1).

- An order's own job, on site: closed as "no fault found / power on at arrival", no device
  found, the crew's words (required, a short note: walk67 L4) kept as what was done; its
  callers have power as far as the crew knows (``order_steps``: the order resolved with no
  device tells the engine so).
- An outage's job, on site: the power was already on at arrival. The outage is restored at the
  arrival and marked so, counted as an interruption until the dispatcher or the chief confirms
  it was none (``outages.power_found_on``); its orders are resolved and its callbacks due as
  for any restore.
- On patrol, a place of the outage's list walked with nothing found there: a line of the
  outage's history, never a place where a fault was found (``FoundPlace``), so no later
  patrol's ranking counts it (``outages.patrol.FaultHistory``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.lib.form_text import says_too_little
from powerdesk.lib.forms import InputError
from powerdesk.servicedesk.crew_step_asks import FieldRefused, hm, note_within
from powerdesk.servicedesk.crew_step_move import job_outage, step_move
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderStatus
from powerdesk.servicedesk.models.core import CAUSE_NONE_FOUND
from powerdesk.servicedesk.workflow import FIELD_CATEGORIES, WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["nothing_found_again", "step_nothing_found", "step_nothing_here"]

S = WorkOrderStatus
NOTHING_FOUND = "nothing_found"
NOTHING_HERE = "nothing_here"
_DONE = (S.RESOLVED, S.CALLBACK_DONE, S.CLOSED)
# The crew's words kept with a place walked (as a place found: ``patrol.FOUND_NOTE_CHARS``).
HERE_NOTE_CHARS = 150
# The crew's words of a job closed with nothing found, required on an order's own job (what
# was found: the callback reads them), bounded as a place walked is.
NOTHING_NOTE_CHARS = 150


def step_nothing_found(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    if order.status != S.ON_SITE:
        raise WorkOrderError(_("Record the arrival first: nothing found is said on site."))
    if order.category not in FIELD_CATEGORIES:
        raise WorkOrderError(_("Only a fault or a hazard is looked for: mark the work done."))
    note_within(values, NOTHING_NOTE_CHARS)
    note = values["note"].strip()
    outage = job_outage(order)
    if outage is None and says_too_little("", note):
        # What the crew saw is all the order keeps of a job closed with no fault: the callback
        # reads it (walk67 L4: closed with an empty note; walk68 L2: with "x").
        raise FieldRefused(
            _("Say in a few words what you found on site (power on, the meter box checked…)."),
            field="note",
        )
    if outage is not None:
        from powerdesk.outages.power_found_on import outage_power_found_on

        outage = outage_power_found_on(
            outage=outage, user=user, arrived_at=order.arrived_at or at, note=note, at=at
        )
        assert outage.power_on_found_at is not None
        return [
            _("Power on at arrival (%(time)s): the outage's orders are resolved.")
            % {"time": hm(outage.power_on_found_at)}
        ]
    # No fault and no device: the card's device given is set aside (never "found" there).
    order.cause, order.cause_kind, order.device_found = "", CAUSE_NONE_FOUND, None
    order.save(update_fields=["cause", "cause_kind", "device_found"])
    WorkOrderEvent.objects.create(
        work_order=order,
        at=at,
        by=user,
        kind=WorkOrderEvent.Kind.NOTE,
        **note_said(NOTHING_FOUND, words=note),
    )
    step_move(order, S.RESOLVED, user, at, note=note or order.cause_shown)
    return [_("No fault found: resolved at %(time)s.") % {"time": hm(at)}]


def nothing_found_again(order: WorkOrder, user: User | None) -> list[str] | None:
    """ "Nothing found" sent again (a double tap, a retry) once the job is closed by it: the
    words of the first time, nothing stored twice; None when it was not."""
    if order.status not in _DONE or user is None:
        return None
    line = (
        WorkOrderEvent.objects.filter(work_order=order, note_code=NOTHING_FOUND, by=user)
        .order_by("-at", "-pk")
        .first()
    )
    if line is not None and order.cause_kind == CAUSE_NONE_FOUND:
        return [_("No fault found: resolved at %(time)s.") % {"time": hm(line.at)}]
    from powerdesk.outages.models import Outage

    found_on = (
        Outage.objects.filter(link__work_orders=order, power_on_found_by=user)
        .exclude(power_on_found_at=None)
        .order_by("-pk")
        .first()
    )
    if found_on is not None:
        assert found_on.power_on_found_at is not None
        return [
            _("Power on at arrival (%(time)s): the outage's orders are resolved.")
            % {"time": hm(found_on.power_on_found_at)}
        ]
    return None


def step_nothing_here(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    """A place of the outage's patrol list walked, nothing found there ("the fuse is closed,
    the line is fine"): a line of the outage's history, once a place however often sent."""
    if order.status not in (S.ON_THE_WAY, S.ON_SITE):
        raise WorkOrderError(_("Set out first: places are patrolled on the way or on site."))
    outage = job_outage(order)
    if outage is None:
        raise WorkOrderError(_("Only an outage's job has a patrol list."))
    from powerdesk.outages.crew import require_find_on_outage
    from powerdesk.outages.history import outage_history_add
    from powerdesk.outages.models import Outage, OutageEvent
    from powerdesk.outages.stretch import Grid, place_label, place_said, stretch_of

    require_find_on_outage(user, outage)
    note_within(values, HERE_NOTE_CHARS)
    if outage.kind != Outage.Kind.UNPLANNED:
        raise WorkOrderError(_("Only a fault outage with the power off is patrolled."))
    grid = Grid.load(station_id=outage.station_id, feeder_ids=[outage.device.feeder_id])
    key = values["place"].strip()
    spot = next((p for p in stretch_of(grid, outage.device_id) if p.key == key), None)
    if spot is None:
        raise InputError(_("Choose the place from the patrol list of this outage."))
    said_before = OutageEvent.objects.filter(
        outage=outage, note_code=NOTHING_HERE, note_args__key=spot.key
    ).exists()
    if not said_before:
        said = note_said(NOTHING_HERE, key=spot.key, place=place_said(spot), words=values["note"])
        outage_history_add(outage, user, NOTHING_HERE, at=at, said=said)
    return [_("Patrolled %(place)s: nothing found there.") % {"place": place_label(spot)}]
