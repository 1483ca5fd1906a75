"""What a village liaison is told of power coming back in their village, outage by outage: how
many of the village's households (and of their own group's) have power back after the
dispatcher's steps (``outages.restoration``) and how many are still off, and whether they said
power is back themselves (``community.liaison.liaison_power_back``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from powerdesk.community.models import Liaison, Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.outages.models import Outage, OutageEvent, OutageRestoreStep

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.notifications.nested_times import LaterWider

__all__ = [
    "Reported",
    "VillageBack",
    "held_by_wider",
    "liaison_group",
    "liaison_reported",
    "power_back_offer",
    "restored_said",
    "village_back",
    "within_wider",
]


@dataclass(frozen=True)
class Reported:
    """The liaison said power is back in ``where`` (a group's name, else the village's); said
    under a wider outage still off, how the station's check ended (walk47, 1): ``wrong``
    (marked wrong: the liaison may say it again), else ``outcome`` says what the record holds
    now (the wider outage restored); "" while it is to check."""

    where: str
    at: dt.datetime
    wrong: bool = False
    outcome: str = ""


@dataclass(frozen=True)
class VillageBack:
    """One outage with the power off over the village, as the liaison is told of it."""

    back: int  # the village's households below the outage with power back
    off: int  # ... still off (from this outage or another one in progress over them)
    step_at: dt.datetime | None  # the dispatcher's latest step; None: none yet
    group: VillageGroup | None = None  # the liaison's own group, when below the outage
    group_back: int = 0
    group_off: int = 0
    reported: list[Reported] = field(default_factory=list)  # the liaison's own words, oldest first
    village: str = ""  # the village's name

    @property
    def places(self) -> list[tuple[str, int, int]]:
        """The village's counts, then the liaison's group's: (name, back, still off)."""
        found = [(self.village, self.back, self.off)]
        if self.group is not None:
            found.append((self.group.name, self.group_back, self.group_off))
        return found

    @property
    def partly(self) -> bool:
        return self.back > 0 and self.off > 0


def liaison_group(user: User, village: Village) -> VillageGroup | None:
    """The group ``user`` leads in ``village`` (their liaison record's), else None: the
    committee speaks for the whole village."""
    record = (
        Liaison.objects.filter(user=user, village=village, active=True, group__isnull=False)
        .select_related("group")
        .order_by("pk")
        .first()
    )
    return record.group if record is not None else None


def liaison_reported(user: User, outages: list[Outage]) -> dict[int, list[Reported]]:
    """For each of ``outages`` (by pk), where ``user`` said power is back, oldest first, with
    how the station's check of a report said under a wider outage ended (one query; one more
    for the wider outages when there are such reports)."""
    from django.db.models import Q
    from django.utils.translation import gettext as _

    from powerdesk.outages.liaison_checked import HELD_HERE, HELD_INSIDE
    from powerdesk.outages.liaison_checks import (
        UNDER,
        WRONG,
        moment,
        note_id,
        reports_marked_wrong,
    )

    found: dict[int, list[Reported]] = {o.pk: [] for o in outages}
    events = list(
        OutageEvent.objects.filter(outage__in=outages)
        .filter(Q(what="liaison_on", by=user) | Q(what=WRONG))
        .order_by("at", "pk")
        .only("pk", "outage_id", "at", "what", "note_code", "note_args")
    )
    wrong = reports_marked_wrong(outages, events)  # by the report's pk
    mine = [e for e in events if e.what == "liaison_on"]
    above_ids = {note_id(e, "above") for e in mine if e.note_code == UNDER} - {0}
    above = (
        {o.pk: o for o in Outage.objects.filter(pk__in=above_ids).select_related("device")}
        if above_ids
        else {}
    )

    for e in mine:
        args = e.note_args if isinstance(e.note_args, dict) else {}
        where = str(args.get("where", ""))
        wider = above.get(note_id(e, "above")) if e.note_code == UNDER else None
        device = str(wider.device) if wider is not None else str(args.get("device", ""))
        marked = wrong.get(e.pk)
        if marked is not None and marked.note_code in (HELD_HERE, HELD_INSIDE):
            # The outage itself holds the place, not the wider one (review46, 5).
            held = str(marked.note_args.get("device", ""))
            outcome = _(
                "Checked by the station at %(at)s: the outage on %(device)s is still off, so "
                "power is not back in %(where)s yet. Say it again once it really is."
            ) % {"at": moment(marked.at), "device": held, "where": where}
            found[e.outage_id].append(Reported(where, e.at, wrong=True, outcome=outcome))
            continue
        if marked is not None:
            outcome = _(
                "Checked by the station at %(at)s: the outage on %(device)s above is still "
                "off, so power is not back in %(where)s yet. Say it again once it really is."
            ) % {"at": moment(marked.at), "device": device, "where": where}
            found[e.outage_id].append(Reported(where, e.at, wrong=True, outcome=outcome))
            continue
        outcome = ""
        if wider is not None and wider.status == Outage.Status.RESTORED and wider.restored_at:
            outcome = _(
                "The outage on %(device)s above was recorded restored at %(at)s; the station "
                "confirms power is back here when it records this outage restored."
            ) % {"at": moment(wider.restored_at), "device": device}
        found[e.outage_id].append(Reported(where, e.at, outcome=outcome))
    return found


def village_back(village: Village, outages: list[Outage], *, user: User) -> dict[int, VillageBack]:
    """For each of ``outages`` with the power off (by pk): the village's households below it
    with power back and still off, the latest step's time, the liaison's group's counts and
    what the liaison said. A household is still off while any outage in progress over the
    village keeps it dark (planned work at its transformer, a fault below)."""
    from powerdesk.network.selectors import subtree_ids
    from powerdesk.outages.restoration import dark_device_ids_of

    active = [o for o in outages if o.status == Outage.Status.ACTIVE]
    if not active:
        return {}
    dark = dark_device_ids_of(active)
    dark_any: set[int] = set().union(*dark.values())
    last_step: dict[int, dt.datetime] = {}
    for outage_id, at in OutageRestoreStep.objects.filter(outage__in=active).values_list(
        "outage_id", "at"
    ):
        last_step[outage_id] = max(at, last_step.get(outage_id, at))
    group = liaison_group(user, village)
    reported = liaison_reported(user, active)
    households = list(
        Customer.objects.filter(village=village, transformer__isnull=False).values_list(
            "transformer_id", "group_id"
        )
    )
    found: dict[int, VillageBack] = {}
    for outage in active:
        below = set(subtree_ids(outage.device))
        back = off = group_back = group_off = 0
        for transformer_id, group_id in households:
            if transformer_id not in below:
                continue
            is_off = transformer_id in dark_any
            back, off = back + (not is_off), off + is_off
            if group is not None and group_id == group.pk:
                group_back, group_off = group_back + (not is_off), group_off + is_off
        mine = group if group is not None and group_back + group_off else None
        found[outage.pk] = VillageBack(
            back=back,
            off=off,
            step_at=last_step.get(outage.pk),
            group=mine,
            group_back=group_back,
            group_off=group_off,
            reported=reported[outage.pk],
            village=village.name,
        )
    return found


def power_back_offer(under: list[VillageGroup], part: VillageBack | None) -> list[VillageGroup]:
    """The groups the liaison's "power is back" button is still offered for: their own group
    until they said it (a group leader speaks for their group), else each group below the
    outage they have not said it for, or said and the station found wrong (walk47, 1). Empty:
    nothing left to say."""
    if part is None:
        return []
    # A report the station marked wrong is not said any more: it may be said again.
    said = {r.where for r in part.reported if not r.wrong}
    if part.group is not None and part.group in under:
        return [] if part.group.name in said else [part.group]
    return [g for g in under if g.name not in said]


def within_wider(outages: list[Outage]) -> dict[int, Outage]:
    """Of ``outages`` with the power off, each inside a wider one among them that still keeps
    it dark (a transformer area's below a fuse's not given power back at a step), by pk, with
    the widest: its households are counted once, with the wider one's, and it is said within
    it (walk41, 4: 22 + 44 households read as 66 while 44 were off)."""
    from powerdesk.outages.restoration import dark_device_ids_of

    active = [o for o in outages if o.status == Outage.Status.ACTIVE]
    if len(active) < 2:
        return {}
    dark = dark_device_ids_of(active)
    found: dict[int, Outage] = {}
    for inner in active:
        wider = [
            o
            for o in active
            if o.pk != inner.pk
            and inner.device_id in dark[o.pk]
            and dark[inner.pk] <= dark[o.pk]
            and len(dark[inner.pk]) < len(dark[o.pk])
        ]
        if wider:
            found[inner.pk] = max(wider, key=lambda o: len(dark[o.pk]))
    return found


def held_by_wider(
    outages: list[Outage], back: dict[int, dt.datetime], inside: dict[int, Outage]
) -> dict[int, LaterWider]:
    """Of ``outages`` (a village's), each inside a wider one (``inside``: ``within_wider``)
    whose households a wider fault outage still off keeps dark until later than its own time
    (``back``: as the households are texted it, ``back_as_told``; one with no time yet is the
    latest): by pk, the latest of them (``by``) and its time (``at``; None while it has none).
    Read as its texts read it (``nested_times.later_wider_of``, for all at once: an inner
    outage's first text or revision spares the households a later wider one keeps dark), so
    that the liaison never tells a time that cannot be true (walk46, 3: the 台区's 07:19 under
    the fuse's 08:18)."""
    from powerdesk.notifications.nested_times import later_wider_of

    # No time of its own said, or alone: the wider one's row says its own.
    asked = [(o, at) for o in outages if o.pk in inside and (at := back.get(o.pk)) is not None]
    return later_wider_of(asked)


def restored_said(village: Village, outage: Outage) -> str:
    """What a liaison is told who says power is back in their village for an outage the station
    has restored already (a page left open, a press after the restore): when it was recorded
    back, and, if their group is still off, to report it. Said alike by the page and by
    ``liaison_power_back`` (fix58d: the service said the outage did not reach the village).
    Empty when the outage is not restored, or reaches none of the village's households."""
    from django.utils.translation import gettext as _

    from powerdesk.lib.days import day_and_time
    from powerdesk.network.selectors import subtree_ids

    if outage.status != Outage.Status.RESTORED or outage.restored_at is None:
        return ""
    below = subtree_ids(outage.device)
    if not Customer.objects.filter(village=village, transformer_id__in=below).exists():
        return ""  # not this village's: said as any other outage not of it
    return _(
        "The station recorded power back for this outage at %(when)s. Is your group still "
        "without power? Then report it below, and the station will check."
    ) % {"when": day_and_time(outage.restored_at)}
