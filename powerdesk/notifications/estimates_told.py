"""What households and village liaisons were told of when power is back, from the texts that
reached them, and when a new time is told to them: the margin (``ETR_MOVE``) and the quiet time
(``ETR_QUIET``) the estimate texts keep (``estimate_texts``). The board, the liaison's page, the
public page and the nested outages' texts (``nested_times``, ``inner_later``) read what was told
here (``told_restorations``, ``back_as_told``, ``households_told``), never work it out again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from powerdesk.notifications.models import Event

if TYPE_CHECKING:
    from powerdesk.outages.etr import Etr
    from powerdesk.outages.models import Outage

# Households are told again when the expected restoration moves by this much or more from what
# they were last told...
ETR_MOVE = dt.timedelta(minutes=30)
# ...but at most one estimate text in ``ETR_QUIET`` (counted from the last text that told the
# household a time: the first notice or a revision, a wider outage's for those told of it
# only), unless it moved by ``ETR_MOVE_AT_ONCE`` or more. A
# crew's steps sent together from a phone, or staff correcting a slip, revise the time two or
# three times in a few minutes; three texts in four minutes (03:00, 02:30, 01:30) tell a
# household nothing but that nobody knows. A smaller revision within the quiet time is held
# (a line in the outage's history) and ``estimate_held.etr_held_scan`` sends it when the
# quiet time is over, if the power is still off and the time still differs from what was told
# by ``ETR_MOVE``.
ETR_QUIET = dt.timedelta(minutes=30)
ETR_MOVE_AT_ONCE = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Told:
    """What the households of a fault outage (or one household or liaison: ``households_told``)
    were last texted of its restoration: the time (``at``), and when that text was raised
    (``texted_at``). ``quiet_until``: when a revision held back by ``ETR_QUIET`` is sent, if
    the time now said differs by ``ETR_MOVE`` or more (before that, and below that margin,
    pages say the new time beside the one texted)."""

    at: dt.datetime
    texted_at: dt.datetime

    def differs(self, now_at: dt.datetime | None) -> bool:
        """The time now said is not the one texted (to the minute)."""
        return now_at is not None and abs(now_at - self.at) >= dt.timedelta(minutes=1)

    def texted_later(self, now_at: dt.datetime) -> bool:
        """The time now said differs enough to be texted: when the quiet time is over."""
        return abs(now_at - self.at) >= ETR_MOVE

    @property
    def quiet_until(self) -> dt.datetime:
        return self.texted_at + ETR_QUIET


def still_quiet(held: dict[int, Told], at: dt.datetime, now: dt.datetime) -> dict[int, dt.datetime]:
    """Of those holding ``held`` (households or liaisons, by pk: ``households_told``,
    ``liaisons_told``), each not texted ``at`` yet for its quiet time (its last text less than
    ``ETR_QUIET`` before ``now``, and ``at`` less than ``ETR_MOVE_AT_ONCE`` from the time it
    holds), with when that quiet time is over. The one rule every estimate text keeps for each
    person: its own revision (``own_quiet``), the inner outage's time to those holding a wider
    one's (``estimate_texts``, ``inner_later``)."""
    return {
        pk: t.quiet_until
        for pk, t in held.items()
        if now < t.quiet_until and abs(at - t.at) < ETR_MOVE_AT_ONCE
    }


def told_restorations(outages: Iterable[Outage]) -> dict[int, Told]:
    """What the households of each of ``outages`` were last texted of the restoration (the
    notice that told a time: the first, or the last revision), in one query; an outage whose
    texts told no time is left out. The board, the liaison's page and the public page say it
    beside the time they show when the two differ."""
    from powerdesk.notifications.models import Notice

    pks = [o.pk for o in outages]
    if not pks:
        return {}
    known = {f"outage_known:{pk}": pk for pk in pks}
    rows = (
        Notice.objects.filter(
            Q(key__in=list(known)) | Q(event=Event.ETR_MOVED, subject_id__in=pks),
            subject_id__in=pks,
        )
        .order_by("created_at", "pk")
        .values_list("key", "facts", "created_at")
    )
    told: dict[int, Told] = {}
    for key, facts, created_at in rows:
        if key in known:
            etr = facts.get("etr") if isinstance(facts, dict) else ""
            if etr and known[key] not in told:
                told[known[key]] = Told(dt.datetime.fromisoformat(etr), created_at)
            continue
        parts = key.split(":")
        if len(parts) < 3 or parts[0] != "etr_moved" or not parts[1].isdigit():
            continue
        stamp = dt.datetime.strptime(parts[2], "%Y%m%d%H%M").replace(tzinfo=dt.UTC)
        told[int(parts[1])] = Told(stamp, created_at)
    return told


def back_as_told(outages: Iterable[Outage]) -> dict[int, dt.datetime]:
    """When power should be back for each fault outage with the power off, as its households
    were texted (``told_restorations``), else as the texts would say it now (the staff's time,
    else the model's: ``restoration_of``); a planned outage's end. Left out: nothing to say."""
    from powerdesk.notifications.restoration import restoration_of

    outages = list(outages)
    told = told_restorations(o for o in outages if o.kind == o.Kind.UNPLANNED)
    back: dict[int, dt.datetime] = {}
    rest = [o for o in outages if not (o.pk in told and o.status == o.Status.ACTIVE)]
    etrs = model_estimates(rest)  # the model's, for all at once (review37, 9)
    for outage in outages:
        if outage.pk in told and outage.status == outage.Status.ACTIVE:
            back[outage.pk] = told[outage.pk].at
            continue
        now_told = restoration_of(outage, etr=etrs.get(outage.pk))
        if now_told is not None:
            back[outage.pk] = now_told.at
    return back


def model_estimates(outages: Iterable[Outage]) -> dict[int, Etr]:
    """The model's estimate of each fault outage with the power off and no time from staff
    among ``outages`` (those ``restoration_of`` asks it for), in a fixed number of queries a
    station (``etr.etrs_for``), not one estimate an outage."""
    from powerdesk.outages.etr import etrs_for

    wanted: dict[int, list[Outage]] = {}
    for o in outages:
        if (
            o.expected_restore_at is None
            and o.kind == o.Kind.UNPLANNED
            and o.status == o.Status.ACTIVE
        ):
            wanted.setdefault(o.station_id, []).append(o)
    found: dict[int, Etr] = {}
    for same_station in wanted.values():
        found.update(etrs_for(same_station))
    return found


def household_told(customer_id: int, outage_ids: Iterable[int]) -> Told | None:
    """What one household was last texted of the restoration of any of ``outage_ids`` (outages
    one inside another above it: the inner one's first text, the wider one's later time, either
    one's revisions), from the texts that reached it; None when none told it a time. Pages say
    it beside the time they show (``public.selectors.area_outages``), never another household's."""
    return households_told([customer_id], outage_ids).get(customer_id)


def households_told(customers: Iterable[int], outage_ids: Iterable[int]) -> dict[int, Told]:
    """``household_told`` for each of ``customers`` (left out: none told it a time), in one
    query however many: a revision that spared some (``nested_times.later_inner``) left them
    the time they were texted before it, not its newer one (fix54d); when they were texted it
    is when their quiet time began (``estimate_texts``: no second text within ``ETR_QUIET`` of
    the last one a household got)."""
    return _last_texted("customer_id", customers, outage_ids)


def liaisons_told(liaisons: Iterable[int], outage_ids: Iterable[int]) -> dict[int, Told]:
    """``households_told`` for village liaisons (by their pks)."""
    return _last_texted("liaison_id", liaisons, outage_ids)


def _last_texted(field: str, who: Iterable[int], outage_ids: Iterable[int]) -> dict[int, Told]:
    """The last time each of ``who`` (customers or liaisons, by ``field``) was texted of the
    restoration of any of ``outage_ids`` (an outage's first text, a "still open" one, a
    revision), and when; a delivery that failed for good, or was withdrawn, told nobody."""
    from django.contrib.contenttypes.models import ContentType

    from powerdesk.notifications.models import Channel, Delivery, DeliveryState
    from powerdesk.outages.models import Outage

    wanted, ids = list(who), list(outage_ids)
    if not wanted or not ids:
        return {}
    rows = (
        Delivery.objects.filter(
            **{f"{field}__in": wanted},
            channel=Channel.SMS,
            notice__event__in=[Event.OUTAGE_KNOWN, Event.ETR_MOVED],
            notice__subject_type=ContentType.objects.get_for_model(Outage),
            notice__subject_id__in=ids,
        )
        .exclude(state__in=[DeliveryState.FAILED_PERMANENT, DeliveryState.WITHDRAWN])
        .order_by("notice__created_at", "notice__pk")
        .values_list(field, "notice__facts", "notice__created_at")
    )
    found: dict[int, Told] = {}
    for pk, facts, created_at in rows:
        etr = facts.get("etr") if isinstance(facts, dict) else ""
        if etr:
            found[pk] = Told(dt.datetime.fromisoformat(etr), created_at)
    return found


def last_told(
    outage: Outage, before: dt.datetime | None
) -> tuple[dt.datetime | None, dt.datetime | None, int]:
    """What households were last told of the restoration, when that text was raised, and how
    many revisions were sent. Measured from what households were last told (not from the last
    time typed): two moves of 20 minutes the same way are a move of 40, and a move back to what
    they were told is none. The key counts the texts, so a time told before may be told again
    after a change."""
    from powerdesk.notifications.models import Notice

    prefix = f"etr_moved:{outage.pk}:"
    told = Notice.objects.filter(station_id=outage.station_id, key__startswith=prefix)
    last = told.order_by("-created_at", "-pk").values_list("key", "created_at").first()
    if last is not None:
        stamp = last[0][len(prefix) :].split(":")[0]
        told_at = dt.datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=dt.UTC)
        return told_at, last[1], told.count()
    # The first text told the model's estimate when staff had set no time: that is what
    # households have in hand.
    known = (
        Notice.objects.filter(station_id=outage.station_id, key=f"outage_known:{outage.pk}")
        .values_list("facts", "created_at")
        .first()
    )
    if known is None:
        return before, None, 0
    etr = known[0].get("etr") if isinstance(known[0], dict) else ""
    return (dt.datetime.fromisoformat(etr) if etr else before), (known[1] if etr else None), 0
