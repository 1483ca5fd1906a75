"""Telling households that the expected restoration of a fault outage moved (or was first
given), without a burst of texts: a revision is told when it moves what households were last
told by ``ETR_MOVE`` or more, at most one in ``ETR_QUIET`` unless it moved by
``ETR_MOVE_AT_ONCE``; a smaller one within the quiet time is held, and ``etr_held_scan`` sends
it when the quiet time is over. Later or earlier alike: a household told 21:10 plans by it either
way. Meanwhile the board shows the new time beside the one texted, and says whether and from when
the new one is texted (``told_restorations``), so it never contradicts a text without saying so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from powerdesk.notifications.models import Event
from powerdesk.notifications.outage_notices import outage_notice

if TYPE_CHECKING:
    from powerdesk.outages.etr import Etr
    from powerdesk.outages.models import Outage

# Households are told again when the expected restoration moves by this much or more from what
# they were last told...
ETR_MOVE = dt.timedelta(minutes=30)
# ...but at most one estimate text in ``ETR_QUIET`` (counted from the last text that told a
# time: the first notice or a revision), unless it moved by ``ETR_MOVE_AT_ONCE`` or more. A
# crew's steps sent together from a phone, or staff correcting a slip, revise the time two or
# three times in a few minutes; three texts in four minutes (03:00, 02:30, 01:30) tell a
# household nothing but that nobody knows. A smaller revision within the quiet time is held
# (a line in the outage's history) and ``etr_held_scan`` sends it when the quiet time is over,
# if the power is still off and the time still differs from what was told by ``ETR_MOVE``.
ETR_QUIET = dt.timedelta(minutes=30)
ETR_MOVE_AT_ONCE = dt.timedelta(hours=1)


def notify_etr_moved(
    outage: Outage, before: dt.datetime | None, *, now: dt.datetime | None = None
) -> bool:
    """The expected restoration moved by half an hour or more (or was first given): staff's
    time, or without one the model's estimate, revised when the crew arrives and when the cause
    is found. At most one text in ``ETR_QUIET`` unless it moved by ``ETR_MOVE_AT_ONCE``. The
    households told are those its first text told, or never told of any outage keeping them
    dark, and still dark from it (``told.left_out_of_estimates``); those told of a wider outage
    only, once its time is later than theirs, are texted that it is still off (``inner_later``);
    so are those an outage within it keeps dark until later than its new time, texted a
    different time by it (fix54d). True when a text was raised."""
    from powerdesk.notifications.inner_later import told_later_than_wider
    from powerdesk.notifications.nested_times import earlier_wider, later_inner, later_wider
    from powerdesk.notifications.restoration import restoration_of
    from powerdesk.notifications.told import estimates_left_out

    if outage.status != outage.Status.ACTIVE or _not_told_yet(outage):
        return False
    now = now or timezone.now()
    now_told = restoration_of(outage, now=now)
    if now_told is None:
        return False
    after = now_told.at
    told_at, last_text_at, count = _last_told(outage, before)
    moved = abs(after - told_at) if told_at is not None else None
    # Where its first text went, and to those under it never told of any outage keeping them
    # dark; not to those told of another one instead, nor to those with power back at a step.
    left = estimates_left_out(outage)
    skip = left.customers
    # Those told of a wider outage only hear its time once it is later than theirs by
    # ``ETR_MOVE`` or more (``inner_later``, fix53e): then even a smaller move of its own.
    own = moved is None or moved >= ETR_MOVE
    later = earlier_wider(outage, after, left.wider_only)
    if not own and not later[0]:
        return False
    quiet_until = last_text_at + ETR_QUIET if last_text_at is not None else None
    held = moved is not None and moved < ETR_MOVE_AT_ONCE
    if quiet_until is not None and now < quiet_until and held:
        _etr_held(outage, after, until=quiet_until)
        return False
    raised = told_later_than_wider(outage, after, *later)
    if not own:
        return raised
    key = f"etr_moved:{outage.pk}:{after.astimezone(dt.UTC):%Y%m%d%H%M}:{count + 1}"
    # Nor to those inside a wider outage ending later: never an earlier time than its; nor to
    # their village's liaisons, unless other households of the village are told (fix43b's
    # leftover: the liaisons were told the inner outage's earlier time).
    spare, wider = later_wider(outage, after)
    # Nor to those an outage within it keeps dark until later than the new time, texted its
    # later time (review46, 2): the wider one's earlier time is not when their power is back.
    spare_inner, inner = later_inner(outage, after)
    notice = outage_notice(
        outage, Event.ETR_MOVED, key, "etr_moved", skip=skip, spare=spare | spare_inner
    )
    if notice is None:
        return raised
    above, within = spare - skip, spare_inner - spare - skip
    liaisons = _liaisons_spared(outage, spare | spare_inner, [above, within])
    if above:
        _spared_line(outage, after, sorted(above), wider, liaisons[0])
    if within:
        _spared_line(outage, after, sorted(within), inner, liaisons[1], within=True)
        # Those of them holding its time (or an older one) other than the inner one's by
        # ``ETR_MOVE`` are texted the inner one's, once, under its quiet time (fix54d).
        for inside in inner:
            notify_etr_moved(inside, inside.expected_restore_at, now=now)
    return True


def _liaisons_spared(
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


def _spared_line(
    outage: Outage,
    at: dt.datetime,
    customers: list[int],
    keeping: list[Outage],
    liaisons: list[int],
    *,
    within: bool = False,
) -> None:
    """The outage's history names the households and the village liaisons (``liaisons``: those
    left out with them, ``_liaisons_spared``) not texted its revised time, a wider outage
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


def _not_told_yet(outage: Outage) -> bool:
    """A fault outage whose first notice (``notify_outage_known``) is yet to be raised: being
    recorded with what goes with it (the cause found on patrol), its first text will carry the
    estimate as it stands then; a revision now would be a second text at the same moment."""
    from powerdesk.notifications.models import Notice

    return (
        outage.kind == outage.Kind.UNPLANNED
        and not Notice.objects.filter(
            station_id=outage.station_id, key=f"outage_known:{outage.pk}"
        ).exists()
    )


def _last_told(
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


def _etr_held(outage: Outage, at: dt.datetime, *, until: dt.datetime) -> None:
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_said

    said = note_said(
        "etr_held",
        at=f"{timezone.localtime(at):%H:%M}",
        until=f"{timezone.localtime(until):%H:%M}",
        n=int(ETR_QUIET.total_seconds() // 60),
    )
    outage_history_add(outage, None, ETR_HELD, said=said)


ETR_HELD = "estimate_held"  # the outage's history line of a revision held back


def etr_held_scan(*, now: dt.datetime | None = None) -> int:
    """Send the revisions held back by ``ETR_QUIET`` whose quiet time is over (the power still
    off, and the time still moved from what was told); ``notify_tick`` runs it every half
    minute. A held revision's quiet time ends within ``ETR_QUIET`` of its holding, so lines older
    than that (and a few ticks' grace) are done with: the estimate is not asked for again."""
    from powerdesk.outages.models import Outage, OutageEvent

    now = now or timezone.now()
    held = OutageEvent.objects.filter(
        what=ETR_HELD,
        at__gt=now - ETR_QUIET - HELD_GRACE,
        outage__status=Outage.Status.ACTIVE,
        outage__kind=Outage.Kind.UNPLANNED,
    ).values_list("outage_id", "at")
    latest: dict[int, dt.datetime] = {}
    for outage_id, at in held:
        latest[outage_id] = max(at, latest.get(outage_id, at))
    made = 0
    for outage in Outage.objects.filter(pk__in=latest).select_related("device", "station"):
        _told, last_text_at, _count = _last_told(outage, outage.expected_restore_at)
        if last_text_at is not None and (
            last_text_at > latest[outage.pk] or now - last_text_at < ETR_QUIET
        ):
            continue  # told since it was held, or still quiet
        # Its revision, or a text of it to those told a wider one's time only (fix54d).
        made += notify_etr_moved(outage, None, now=now)
    return made


HELD_GRACE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Told:
    """What the households of a fault outage were last texted of its restoration: the time
    (``at``), and when that text was raised (``texted_at``). ``pending_at``: when a revision
    held back by ``ETR_QUIET`` is sent, if the time now said differs by ``ETR_MOVE`` or more
    (before that, and below that margin, pages say the new time beside the one texted)."""

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
    from django.contrib.contenttypes.models import ContentType

    from powerdesk.notifications.models import Channel, Delivery, DeliveryState
    from powerdesk.outages.models import Outage

    ids = list(outage_ids)
    if not ids:
        return None
    rows = (
        Delivery.objects.filter(
            customer_id=customer_id,
            channel=Channel.SMS,
            notice__event__in=[Event.OUTAGE_KNOWN, Event.ETR_MOVED],
            notice__subject_type=ContentType.objects.get_for_model(Outage),
            notice__subject_id__in=ids,
        )
        .exclude(state__in=[DeliveryState.FAILED_PERMANENT, DeliveryState.WITHDRAWN])
        .order_by("-notice__created_at", "-notice__pk")
        .values_list("notice__facts", "notice__created_at")
    )
    for facts, created_at in rows:
        etr = facts.get("etr") if isinstance(facts, dict) else ""
        if etr:
            return Told(dt.datetime.fromisoformat(etr), created_at)
    return None


def households_told(customers: Iterable[int], outage_ids: Iterable[int]) -> dict[int, dt.datetime]:
    """``household_told``'s time for each of ``customers`` (left out: none told it a time), in
    one query however many: a revision that spared some (``nested_times.later_inner``) left
    them the time they were texted before it, not its newer one (fix54d)."""
    from django.contrib.contenttypes.models import ContentType

    from powerdesk.notifications.models import Channel, Delivery, DeliveryState
    from powerdesk.outages.models import Outage

    wanted, ids = list(customers), list(outage_ids)
    if not wanted or not ids:
        return {}
    rows = (
        Delivery.objects.filter(
            customer_id__in=wanted,
            channel=Channel.SMS,
            notice__event__in=[Event.OUTAGE_KNOWN, Event.ETR_MOVED],
            notice__subject_type=ContentType.objects.get_for_model(Outage),
            notice__subject_id__in=ids,
        )
        .exclude(state__in=[DeliveryState.FAILED_PERMANENT, DeliveryState.WITHDRAWN])
        .order_by("notice__created_at", "notice__pk")
        .values_list("customer_id", "notice__facts")
    )
    found: dict[int, dt.datetime] = {}
    for customer_id, facts in rows:
        etr = facts.get("etr") if isinstance(facts, dict) else ""
        if etr:
            found[customer_id] = dt.datetime.fromisoformat(etr)
    return found
