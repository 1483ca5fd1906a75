"""A crew's job finished from its phone (``crew_steps``' "restored"): an order's own job
resolved with where the fault was, its cause and what was done (every field's problem at once);
an outage's job restores the outage (its cause asked first when it has none); planned work done,
and its power back while the planned outage has it off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.servicedesk.crew_step_asks import (
    FieldRefused,
    day_hm,
    device_confirmed,
    device_named,
    hm,
    in_house,
    outage_cause,
)
from powerdesk.servicedesk.crew_step_move import job_outage, step_move
from powerdesk.servicedesk.models import Category, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.workflow import FIELD_CATEGORIES, WorkOrderError

if TYPE_CHECKING:
    import datetime as dt

    from powerdesk.accounts.models import User
    from powerdesk.network.models import GridNode

__all__ = ["step_restored"]

S = WorkOrderStatus


def step_restored(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    if order.status != S.ON_SITE:
        raise WorkOrderError(_("Record the arrival first: the job is finished on site."))
    if order.category == Category.PLANNED_WORK:
        return _planned_done(order, user, values, at)
    outage = job_outage(order)
    if outage is None:
        # Where the fault was: checked against the order's line by the transition itself.
        # Every field's problem first, all at once (review 33: one a submit).
        device = _restored_fields_checked(order, values)
        step_move(
            order,
            S.RESOLVED,
            user,
            at,
            note=values["note"],
            cause=values["cause"],
            device=device,
            device_confirmed=device_confirmed(values),
            in_house=in_house(values),
        )
        return [_("Resolved at %(time)s.") % {"time": hm(at)}]
    from powerdesk.outages.services import outage_restore

    saved = []
    if not (outage.cause_kind or outage.cause):
        if not values["cause"]:
            # Said at the cause's list of the restore form (the card offers it there while
            # the outage has no cause).
            raise FieldRefused(_("Cause found: choose what caused it."), field="cause")
        # With power back: no revised estimate is texted before "power is back".
        saved = outage_cause(outage, user, values, at, power_back=True)
    outage_restore(outage=outage, user=user, note=values["note"], at=at)
    return [
        *saved,
        _("Power back at %(time)s: the outage's orders are resolved.") % {"time": hm(at)},
    ]


def _restored_fields_checked(order: WorkOrder, values: dict[str, str]) -> GridNode | None:
    """The device named for an order's own job resolved, or ``FieldRefused`` with every
    field's problem at once (the device unknown, off the line or missing, the cause missing,
    nothing said of what was done), each at its field."""
    from powerdesk.servicedesk.crew_device_path import DeviceOffPathError, device_checked
    from powerdesk.servicedesk.workflow import step_problems

    wrong: dict[str, str] = {}
    confirm = ""
    device = None
    inside = in_house(values)  # no grid device: any named is set aside
    try:
        device = None if inside else device_named(order, values, on_line=False)
    except FieldRefused as exc:
        wrong.update(exc.wrong)
    if order.category in FIELD_CATEGORIES and not (
        values["cause"] or order.cause or order.cause_kind
    ):
        # The card asks the cause, and the device where it was, in the cause's form until the
        # cause is recorded; its resolve form does not ask them again (walkthrough 35, 1): a
        # resolve sent before (a page from before, a batch whose cause was refused) waits.
        # "Recorded" as the card (``Job.cause_asked``) and ``workflow.step_problems`` read it:
        # its words, or only its kind.
        raise WorkOrderError(_("Record the cause found first: the job is resolved after it."))
    if device is not None and device.pk != order.device_found_id:
        try:
            device_checked(order, device, confirmed=device_confirmed(values))
        except DeviceOffPathError as exc:
            wrong["device"], confirm = str(exc), exc.confirm
    found = step_problems(
        order,
        S.RESOLVED,
        cause=values["cause"],
        device=device,
        note=values["note"],
        in_house=inside,
    )
    for name, said in found.items():
        if name:  # (the order's state, no field's, is said by the transition)
            wrong.setdefault(name, said)
    if wrong:
        raise FieldRefused(wrong=wrong, confirm=confirm)
    return device


def _planned_done(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    """Planned work done: the order resolved with what was done and, while the planned outage
    has the power off, power back (after its window it came back by itself)."""
    from powerdesk.outages.models import Outage
    from powerdesk.outages.planned_work import planned_outage_of
    from powerdesk.outages.services import outage_restore

    outage = planned_outage_of(order)
    if outage is not None and outage.status == Outage.Status.ANNOUNCED:
        raise WorkOrderError(
            _("The planned outage has not started (it starts at %(time)s): the work is done then.")
            % {"time": day_hm(outage.starts_at)}
        )
    step_move(order, S.RESOLVED, user, at, note=values["note"])
    saved = [_("Work done at %(time)s.") % {"time": hm(at)}]
    if outage is not None and outage.status == Outage.Status.ACTIVE:
        outage_restore(outage=outage, user=user, note=values["note"], at=at)
        saved.append(_("Power back at %(time)s.") % {"time": hm(at)})
    return saved
