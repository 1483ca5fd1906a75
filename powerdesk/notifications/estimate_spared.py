"""The outage's history line of the households and village liaisons a revision of its expected
restoration is not texted (``estimate_texts.notify_etr_moved``): a wider outage keeps them dark
until later than its new time, or an outage within it does (review46, 2; fix43b's leftover: the
liaisons of a village with no other household told are left out with them), named so that staff
see who holds which time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.notifications.models import Event

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = ["SPARED", "liaisons_spared", "spared_line"]


def liaisons_spared(
    outage: Outage, spare: frozenset[int], lines: list[frozenset[int]]
) -> list[list[int]]:
    """The village liaisons a revision's text left out with the households ``spare``
    (``outage_notices.device_recipients``: those of a village or group with no other household
    below ``outage`` told), by the line of those spared (``lines``) their villages' households
    are on: the first that has one."""
    from powerdesk.notifications import audience
    from powerdesk.notifications.models import Audience
    from powerdesk.notifications.services import audiences

    if not spare or Audience.LIAISONS not in audiences(outage.station_id, Event.ETR_MOVED):
        return [[] for _line in lines]

    def liaisons(places: tuple[list[int], list[int]]) -> set[int]:
        return {r.who["liaison_id"] for r in audience.liaisons_of(outage.station, *places)}

    left = liaisons(audience.villages_below(outage.device)) - liaisons(
        audience.villages_below(outage.device, leaving=spare)
    )
    found = []
    for customers in lines:
        on_line = left & liaisons(audience.villages_of(customers)) if customers and left else set()
        left -= on_line
        found.append(sorted(on_line))
    return found


SPARED = "estimate_spared"  # the outage's history line of those not texted an earlier time


def spared_line(
    outage: Outage,
    at: dt.datetime,
    customers: list[int],
    keeping: list[Outage],
    liaisons: list[int],
    *,
    within: bool = False,
) -> None:
    """The outage's history names the households and the village liaisons (``liaisons``: those
    left out with them, ``liaisons_spared``) not texted its revised time, a wider outage
    (``within``: one within it) keeping them dark until later."""
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    said = note_said(
        "not_texted_earlier_within" if within else "not_texted_earlier",
        n=len(customers),
        at=f"{timezone.localtime(at):%H:%M}",
        devices=note_part("items", items=[o.device.name or o.device.code for o in keeping]),
        outages=[o.pk for o in keeping],
        customers=customers,
        liaisons=liaisons,
    )
    outage_history_add(outage, None, SPARED, said=said)
