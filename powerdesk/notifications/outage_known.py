"""A fault outage on record: everyone under it is told, once (``told``).

When households are told of an unplanned outage: as soon as there is an outage record — staff
confirmed the engine's prediction on the board, or declared it by hand. A prediction alone,
however confident, texts nobody: a wrong one would reach hundreds of households, and the board
puts every prediction before the staff within seconds of the engine making it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.notifications.models import Event
from powerdesk.notifications.outage_notices import outage_notice
from powerdesk.notifications.told import AlreadyTold, outage_already_told

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = ["ALREADY_TOLD", "notify_outage_known"]

ALREADY_TOLD = "already_told"  # the outage's history line of the households not texted again


def notify_outage_known(outage: Outage) -> None:
    """A fault outage is on record with the power off: everyone under it is told, but for the
    households already texted of an open outage below it or above it that still keeps them dark
    (``told.outage_already_told``), whom its history names instead. Every way an outage is
    recorded (the board's confirm, by hand, "found here", intake) comes here."""
    if outage.kind != outage.Kind.UNPLANNED or outage.status != outage.Status.ACTIVE:
        return
    told = outage_already_told(outage.station_id, outage.device, outage_pk=outage.pk)
    notice = outage_notice(
        outage,
        Event.OUTAGE_KNOWN,
        f"outage_known:{outage.pk}",
        "outage_known",
        skip=told.customers,
    )
    if notice is None:
        return
    _already_told_lines(outage, told)


def _already_told_lines(outage: Outage, told: AlreadyTold) -> None:
    """The outage's history names the households not texted of it: those told of an open
    outage below it, and those told of one above it (a line each)."""
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    for code, customers, outages in (
        ("already_told", told.below, told.outages_below),
        ("already_told_above", told.above, told.outages_above),
    ):
        if not customers:
            continue
        devices = [o.device.name or o.device.code for o in outages]
        said = note_said(
            code,
            n=len(customers),
            devices=note_part("items", items=devices),
            outages=[o.pk for o in outages],
            customers=sorted(customers),
        )
        outage_history_add(outage, None, ALREADY_TOLD, said=said)
