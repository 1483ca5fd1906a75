"""The steps a crew takes on a job from its phone: accept, on the way, on site, cause found,
restored — each with what it must ask (``crew_step_asks``), each answering what was saved —
and, on patrol, where the fault was found ("found here"). Whether the job was accepted:
``crew_accepted``.

One entry, ``crew_step_take``, serves the phone page's forms and the offline queue sent later
(``crew_sync``). A job joined to an outage with the power off is the outage's: its cause found
and its restore are the outage's (``outages.estimates.outage_cause_found``,
``outages.services.outage_restore``, allowed to a crew only on its own crew's outage), and the
time power is expected back is the outage's (``outages.estimates.outage_estimate``).
How a step moves the job: ``crew_step_move``; the job finished ("restored"):
``crew_step_restored``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do
from powerdesk.lib.forms import InputError
from powerdesk.servicedesk.crew_accepted import ACCEPTED_NOTE, is_accepted
from powerdesk.servicedesk.crew_nothing_found import (
    nothing_found_again,
    step_nothing_found,
    step_nothing_here,
)
from powerdesk.servicedesk.crew_step_again import step_taken_already
from powerdesk.servicedesk.crew_step_asks import (
    Saved,
    device_named,
    expected_back,
    fields_read,
    hm,
    note_within,
    order_cause,
    outage_cause,
    time_dropped_on_arrival,
)
from powerdesk.servicedesk.crew_step_move import job_outage, joined_follow, step_move
from powerdesk.servicedesk.crew_step_restored import step_restored
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderStatus
from powerdesk.servicedesk.workflow import WorkOrderError, require_on_order

if TYPE_CHECKING:
    import datetime as dt

    from powerdesk.accounts.models import User

__all__ = ["CrewStep", "NotTheJobError", "crew_step_take", "job_outage"]

S = WorkOrderStatus


class NotTheJobError(WorkOrderError):
    """The order is one of an outage's joined orders but not the one its crew's job stands on:
    the outage's steps are taken once, on its job, never on another of its orders."""


class CrewStep(StrEnum):
    ACCEPT = "accept"
    ON_THE_WAY = "on_the_way"
    ON_SITE = "on_site"
    CAUSE_FOUND = "cause_found"
    RESTORED = "restored"
    FOUND_HERE = "found_here"  # not a stage: said on the way or on site, as often as needed
    # No fault found on site: an order's own job closed so, an outage's power on at arrival
    # (``crew_nothing_found``).
    NOTHING_FOUND = "nothing_found"
    NOTHING_HERE = "nothing_here"  # not a stage: a place of the patrol walked, nothing there


def crew_step_take(
    *,
    work_order: WorkOrder,
    step: str,
    user: User | None,
    fields: Mapping[str, str],
    at: dt.datetime | None = None,
) -> Saved:
    """Take ``step`` on the crew's job at ``at`` (now by default); returns what was saved, in
    words, for the phone to confirm, with any warnings (``Saved``). Raises ``WorkOrderError``
    (the job's state does not allow it; ``NotTheJobError``: an outage's order other than its
    job's), ``InputError`` (a field), ``NotAllowed`` (not the crew's job) or ``OutageError``."""
    with transaction.atomic():
        order = WorkOrder.objects.select_for_update().get(pk=work_order.pk)
        require_on_order(user, order, Do.ORDER_FIELD_STEP)
        job = _require_the_job(order)
        if job is not None:
            # The job's order was read with its acceptance: not asked again (``is_accepted``).
            order.accepted = job.accepted  # type: ignore[attr-defined]
        if step not in CrewStep.__members__.values():
            raise InputError(_("“%(step)s” is not a step of a job.") % {"step": str(step)[:40]})
        values = fields_read(fields)
        again = step_taken_already(order, step, values, user)
        if again is None and step == CrewStep.NOTHING_FOUND:
            again = nothing_found_again(order, user)
        if again is not None:
            # A double tap or a retry: the same step, taken once; an arrival's time dropped is
            # said again, as the first answer (maybe lost) said it.
            dropped = time_dropped_on_arrival(order, values) if step == CrewStep.ON_SITE else ""
            return Saved(tuple(again), (dropped,) if dropped else ())
        now = timezone.now()
        at = min(at or now, now)
        taken = _STEPS[CrewStep(step)](order, user, values, at)
        return taken if isinstance(taken, Saved) else Saved(tuple(taken))


def _require_the_job(order: WorkOrder) -> WorkOrder | None:
    """An order joined to an outage with the power off is stepped only as the outage's job: on
    the one order the crew's phone shows for it (``crew_job_orders.outage_job_order``). Another of
    its orders, named by hand (a made-up request, an old page), is refused: it would move that
    order alone to on the way or on site, apart from its outage. Returns the job's order (its
    ``accepted`` read with it), None for an order joined to no such outage."""
    from powerdesk.servicedesk.crew_job_orders import outage_job_order
    from powerdesk.servicedesk.workflow import joined_step_refused

    found = outage_job_order(order)
    if found is None:
        return None
    outage, job = found
    if job is None:
        raise NotTheJobError(joined_step_refused(order, outage))
    if job.pk != order.pk:
        raise NotTheJobError(
            _(
                "Work order %(number)s is one of the outage's on %(device)s: its crew's steps "
                "are taken on the outage's job, work order %(job)s, not on this order."
            )
            % {"number": order.number, "device": outage.device, "job": job.number}
        )
    return job


# -- the steps --------------------------------------------------------------------------------
def _accept(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    if order.status != S.DISPATCHED:
        raise WorkOrderError(
            _("This job is %(now)s: there is nothing to accept.")
            % {"now": order.get_status_display()}
        )
    if order.is_paused:
        raise WorkOrderError(_("The clock is paused: resume the work order first."))
    if not is_accepted(order):
        # The stored words stay the marker the job list looks for (``is_accepted``); the
        # history draws the line in the reader's language by its code.
        WorkOrderEvent.objects.create(
            work_order=order,
            at=at,
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            note=ACCEPTED_NOTE,
            note_code="accepted",
        )
    return [_("Accepted at %(time)s.") % {"time": hm(at)}]


def _on_the_way(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    step_move(order, S.ON_THE_WAY, user, at)
    outage = job_outage(order)
    if outage is not None:
        joined_follow(outage, order, user, at)
        # The outage's history says so too, as it says "on site": the board reads it there.
        from powerdesk.outages.estimates import outage_crew_on_the_way

        outage_crew_on_the_way(outage=outage, user=user, at=at)
    return [_("On the way since %(time)s.") % {"time": hm(at)}]


def _on_site(order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime) -> Saved:
    from powerdesk.outages.estimate_moved import estimate_watched, on_site_why

    outage = job_outage(order)
    crew = order.crew.name if order.crew is not None else ""
    # The model's estimate the arrival moves is said why (``estimate_moved``).
    with estimate_watched(outage, user, *on_site_why(crew), at=at):
        step_move(order, S.ON_SITE, user, at)
        arrived = _("Arrived at %(time)s.") % {"time": hm(at)}
        # An old card's time on a hazard with nobody off: the arrival kept, the time dropped.
        dropped = time_dropped_on_arrival(order, values)
        if outage is not None:
            joined_follow(outage, order, user, at)
            from powerdesk.outages.estimates import outage_crew_on_site

            outage_crew_on_site(outage=outage, user=user, at=at)
    saved = [arrived, *expected_back(order, user, values, at)]
    if outage is not None:
        from powerdesk.outages.estimates import outage_crew_arrived

        outage_crew_arrived(outage=outage)
    return Saved(tuple(saved), (dropped,) if dropped else ())


def _cause_found(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    if order.status != S.ON_SITE:
        raise WorkOrderError(_("Record the arrival first: the cause is found on site."))
    outage = job_outage(order)
    if outage is not None:
        saved = outage_cause(outage, user, values, at)
    else:
        saved = order_cause(order, user, values, at)
    return saved + expected_back(order, user, values, at)


def _found_here(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    """Where the fault was: on an outage's job a place of its patrol list and the cause
    (``outages.patrol.outage_found_here``); on an order's own job the device found open
    (``work_order_found_open``). Either way the engine takes a ``confirm_open``."""
    if order.status not in (S.ON_THE_WAY, S.ON_SITE):
        raise WorkOrderError(_("Set out first: the fault is found on the way or on site."))
    from powerdesk.outages.patrol import FOUND_NOTE_CHARS

    note_within(values, FOUND_NOTE_CHARS)
    outage = job_outage(order)
    if outage is not None:
        from powerdesk.outages.models import OutageCause
        from powerdesk.outages.patrol import outage_found_here
        from powerdesk.outages.stretch import Grid, place_label, stretch_of

        if not values["place"]:
            raise InputError(_("Choose the place from the patrol list of this outage."))
        found = outage_found_here(
            outage=outage,
            user=user,
            place=values["place"],
            cause=values["cause"],
            note=values["note"],
            at=at,
        )
        grid = Grid.load(station_id=outage.station_id, feeder_ids=[outage.device.feeder_id])
        spot = next(p for p in stretch_of(grid, outage.device_id) if p.key == found.place)
        return [
            _("Found at %(place)s at %(time)s: %(cause)s.")
            % {
                "place": place_label(spot),
                "time": hm(found.found_at),
                "cause": OutageCause(found.cause).label,
            }
        ]
    from powerdesk.servicedesk.order_field import work_order_found_open

    # Any device found open is news for the engine, on the job's line or not.
    device = device_named(order, values, on_line=False)
    if device is None:
        raise InputError(_("Device (code or name): say which device was found open."))
    work_order_found_open(work_order=order, device=device, user=user, at=at)
    return [
        _("Found open at %(time)s: %(device)s.")
        % {"time": hm(at), "device": device.name or device.code}
    ]


# A step's words, or its words and warnings (``Saved``).
_STEPS: dict[
    CrewStep, Callable[[WorkOrder, User | None, dict[str, str], dt.datetime], list[str] | Saved]
] = {
    CrewStep.ACCEPT: _accept,
    CrewStep.ON_THE_WAY: _on_the_way,
    CrewStep.ON_SITE: _on_site,
    CrewStep.CAUSE_FOUND: _cause_found,
    CrewStep.RESTORED: step_restored,
    CrewStep.FOUND_HERE: _found_here,
    CrewStep.NOTHING_FOUND: step_nothing_found,
    CrewStep.NOTHING_HERE: step_nothing_here,
}
