"""A village liaison's report of power back under a wider outage still off, checked by the
station and found wrong (``liaison_checks``; fix46a's leftover): the report leaves the board's
"to check", each outage's history says who checked it and when, and the report itself stays in
the record (the rows keep a line of it). The other answer, "power is indeed back", is a partial
restore of the wider outage (``restoration.outage_restore_part``): the board's link leads there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, NotAllowed, require
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.liaison_checks import (
    UNDER,
    WRONG,
    Check,
    liaison_checks,
    reports_marked_wrong,
)
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["HELD_HERE", "HELD_INSIDE", "liaison_report_to_check", "liaison_report_wrong"]

# The lines of a report marked wrong where the inner outage itself holds the place dark (the
# wider one's partial restore gave power back above it: ``Check.inner_holds``): on the inner
# outage, and on the wider one.
HELD_HERE = "liaison_report_wrong_held"
HELD_INSIDE = "liaison_inside_wrong_held"


def liaison_report_to_check(*, report: OutageEvent, user: User | None) -> Check:
    """What the station is asked before marking ``report`` wrong (``liaison_report_wrong``): the
    board's line of it still to check. Refused as the mark is: not a person who may record power
    back, not a report said under a wider outage, or nothing left to check."""
    _may_mark(report, user)
    return _still_to_check(report, report.outage)


def _may_mark(report: OutageEvent, user: User | None) -> None:
    require(user, report.outage.station_id, Do.OUTAGE_RESTORE)
    if user is None:
        raise NotAllowed(_("A person checks a village liaison's report, not the system."))
    if report.what != "liaison_on" or report.note_code != UNDER:
        raise OutageError(_("That is not a village liaison's report to check."))


def _still_to_check(report: OutageEvent, inner: Outage) -> Check:
    checks = liaison_checks([inner]).get(inner.pk, [])
    check = next((c for c in checks if c.report == report.pk), None)
    if check is None:
        raise OutageError(
            _(
                "Nothing is left to check: the outage's record has power back there, or the "
                "outage is over."
            )
        )
    return check


@transaction.atomic
def liaison_report_wrong(*, report: OutageEvent, user: User | None) -> OutageEvent:
    """Mark ``report`` (a liaison's ``liaison_on`` line on the inner outage, said while a wider
    outage was recorded as off) checked and wrong: a line in the inner outage's history and in
    the wider one's. Those who may record power back on an outage do it (``outage.restore``),
    a person; a second press returns the first mark. Refused once nothing is left to check.
    It cannot be taken back: the board asks first (``liaison_report_to_check``)."""
    _may_mark(report, user)
    # The row held: a double click, or two dispatchers at once, mark it once.
    inner = Outage.objects.select_for_update().select_related("device").get(pk=report.outage_id)
    earlier = reports_marked_wrong([inner]).get(report.pk)
    if earlier is not None:
        return earlier
    check = _still_to_check(report, inner)
    args = report.note_args if isinstance(report.note_args, dict) else {}
    where = str(args.get("where", ""))
    above_id = args.get("above")
    above = (
        Outage.objects.select_related("device").filter(pk=above_id).first()
        if isinstance(above_id, int)
        else None
    )
    if check.inner_holds:
        # The wider outage's record has power back there; this outage itself holds the place
        # dark (review46, 5): its histories, and the liaison's page, name this one.
        held = {"where": where, "device": str(inner.device), "report": report.pk, "held": True}
        event = outage_history_add(inner, user, WRONG, said=note_said(HELD_HERE, **held))
        if above is not None:
            outage_history_add(above, user, WRONG, said=note_said(HELD_INSIDE, **held))
        return event
    device = str(above.device) if above is not None else str(args.get("device", ""))
    event = outage_history_add(
        inner,
        user,
        WRONG,
        said=note_said("liaison_report_wrong", where=where, device=device, report=report.pk),
    )
    if above is not None:
        outage_history_add(
            above,
            user,
            WRONG,
            said=note_said(
                "liaison_inside_wrong", where=where, device=str(inner.device), report=report.pk
            ),
        )
    return event
