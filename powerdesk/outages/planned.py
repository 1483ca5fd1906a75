"""Planned outages: cancelled or rescheduled with a reason, and moved along by the clock.

A planned outage is announced (recorded by ``services.outage_declare`` at least
the station's notice period ahead), goes off at its start and comes back at its end by itself
(``planned_outages_advance``, run by the outage service every half minute), or earlier when
someone records power back (``services.outage_restore``). Until it starts it may be called off
or moved; every change is a line of the outage's history with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.accounts.permissions import Do, require
from powerdesk.customers.models import Customer
from powerdesk.lib.form_text import text_typed
from powerdesk.lib.language import station_language
from powerdesk.network.models import GridNode
from powerdesk.network.selectors import downstream_summary, subtree_ids
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.models import NoticeSource, Outage, OutageEvent
from powerdesk.outages.planned_notice import notice_after_move, window_notice
from powerdesk.outages.services import OutageError, notice_too_short, planned_notice_days
from powerdesk.servicedesk.history_notes import note_part, note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "PlannedReach",
    "event_label",
    "planned_outage_cancel",
    "planned_outage_notice",
    "planned_outage_reach",
    "planned_outage_reschedule",
    "planned_outages_advance",
    "planned_overlap_refuse",
]


# An outage's history in words (``OutageEvent.what``: a status, or a change of a planned one).
EVENT_LABELS = {
    **dict(Outage.Status.choices),
    "rescheduled": gettext_lazy("moved"),
    "short_notice": gettext_lazy("moved at short notice"),
    "short_announce": gettext_lazy("announced at short notice (the chief accepted)"),
    "notice": gettext_lazy("what to tell callers changed"),
    "reminder_skipped": gettext_lazy("day-before reminder"),
}


def event_label(what: str) -> str:
    return str(EVENT_LABELS.get(what, what))


def _when(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M}"


def _lock(outage: Outage) -> None:
    """Lock the outage's row and read it again: a change made meanwhile is seen, not undone;
    the caller's object is the one updated."""
    Outage.objects.select_for_update().filter(pk=outage.pk).first()
    outage.refresh_from_db()


def _announced_planned(outage: Outage) -> None:
    if outage.kind != Outage.Kind.PLANNED:
        raise OutageError(_("Only a planned outage can be cancelled or rescheduled."))
    if outage.status != Outage.Status.ANNOUNCED:
        raise OutageError(
            _("This planned outage is %(status)s: only one not yet started can be changed.")
            % {"status": outage.get_status_display()}
        )
    if outage.starts_at <= timezone.now():
        # Its start has come even if the clock's step has not moved it yet: the power is off.
        raise OutageError(
            _("This planned outage has started: record power back when the work is done.")
        )


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise OutageError(_("Give the reason."), field="reason")
    return reason[:200]


@transaction.atomic
def planned_outage_cancel(*, outage: Outage, user: User | None, reason: str) -> Outage:
    """Call off a planned outage that has not started; it counts in no reliability figure."""
    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    _lock(outage)
    _announced_planned(outage)
    reason = _reason(reason)
    outage.status = Outage.Status.CANCELLED
    outage.save(update_fields=["status"])
    OutageEvent.objects.create(
        outage=outage, at=timezone.now(), by=user, what="cancelled", note=reason
    )
    from powerdesk.outages.planned_work import planned_work_called_off

    planned_work_called_off(outage, user, reason)
    from powerdesk.notifications.planned_changes import notify_planned_cancelled

    notify_planned_cancelled(outage, reason=reason)  # those told of it would wait for it
    return outage


@transaction.atomic
def planned_outage_reschedule(
    *,
    outage: Outage,
    user: User | None,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
    short_notice: bool = False,
    notice: str | None = None,
) -> Outage:
    """Move a planned outage that has not started to a new window.

    The new start needs the same notice as a new announcement, unless the chief accepts a
    shorter one (``short_notice``), which the history records with the reason. What to tell
    callers follows the window (``planned_notice.notice_after_move``; ``notice``: the text
    staff gave with the move, None for none).
    """
    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    _lock(outage)
    _announced_planned(outage)
    reason = _reason(reason)
    now = timezone.now()
    if starts_at <= now:
        raise OutageError(_("The new start is in the past."), field="starts_at")
    if ends_at <= starts_at:
        raise OutageError(_("Power is expected back after the outage starts."), field="ends_at")
    days = planned_notice_days(outage.station_id)
    short = starts_at < now + dt.timedelta(days=days)
    if short and not short_notice:
        raise notice_too_short(days)
    if short:
        require(user, outage.station_id, Do.OUTAGE_SHORT_NOTICE)
    was_starts = outage.starts_at
    was_ends = outage.expected_restore_at or outage.starts_at
    if (starts_at, ends_at) == (was_starts, was_ends):
        # A form sent twice would otherwise text every household a "change" that is none.
        raise OutageError(_("The new window is the one it already has."), field="starts_at")
    planned_overlap_refuse(
        device=outage.device, starts_at=starts_at, ends_at=ends_at, moving=outage
    )
    before = f"{_when(was_starts)}–{_when(was_ends)}"
    outage.starts_at = starts_at
    outage.expected_restore_at = ends_at
    outage.customers = downstream_summary(outage.device)["customers"]
    outage.notice, outage.notice_source = notice_after_move(outage, typed=notice)
    outage.save(
        update_fields=["starts_at", "expected_restore_at", "customers", "notice", "notice_source"]
    )
    # The windows, then the reason after the language's label separator ("：" in Chinese).
    line = {"sep": "label", "parts": [f"{before} → {_when(starts_at)}–{_when(ends_at)}", reason]}
    said = note_said("parts", **line)
    if outage.notice_source == NoticeSource.BEFORE_MOVE:
        said = note_said(
            "parts", sep="space", parts=[note_part("parts", **line), note_part("notice_kept")]
        )
    moved = outage_history_add(
        outage, user, "short_notice" if short else "rescheduled", at=now, said=said
    )
    from powerdesk.notifications.planned_changes import notify_planned_moved
    from powerdesk.outages.planned_work import planned_work_moved

    planned_work_moved(outage, user)  # the crew's job keeps the window as its deadlines
    # Told as a change of the window they know, not as a second outage.
    notify_planned_moved(outage, was_starts=was_starts, was_ends=was_ends, occasion=moved.pk)
    return outage


def planned_overlap_refuse(
    *,
    device: GridNode,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    moving: Outage | None = None,
    lock: bool = True,
) -> None:
    """Refuse a planned window on ``device`` that overlaps one already announced or under way:
    the villages would be told twice of one day's work. The device's row is locked so that two
    announcements at the same moment cannot both pass (``lock=False``: only asking, outside a
    transaction, before anything is done)."""
    if lock:
        GridNode.objects.select_for_update().filter(pk=device.pk).first()
    overlapping = Outage.objects.filter(
        station_id=device.station_id,
        device=device,
        kind=Outage.Kind.PLANNED,
        status__in=[Outage.Status.ANNOUNCED, Outage.Status.ACTIVE],
        starts_at__lt=ends_at,
        expected_restore_at__gt=starts_at,
    )
    if moving is not None:
        overlapping = overlapping.exclude(pk=moving.pk)
    first = overlapping.order_by("starts_at").first()
    if first is not None:
        assert first.expected_restore_at is not None  # the filter's
        raise OutageError(
            _(
                "%(device)s already has a planned outage %(window)s (%(cause)s) that overlaps "
                "this window: move or cancel that one, or choose another time."
            )
            % {
                "device": device.name or device.code,
                "window": f"{_when(first.starts_at)}–{_when(first.expected_restore_at)}",
                "cause": first.cause or "—",
            },
            field="starts_at",
        )


@transaction.atomic
def planned_outage_notice(*, outage: Outage, user: User | None, notice: str) -> Outage:
    """Write again what to tell callers about a planned outage not yet over (empty: PowerDesk
    writes it from the window); the history keeps the text it replaces."""
    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    _lock(outage)
    if outage.kind != Outage.Kind.PLANNED or outage.status not in (
        Outage.Status.ANNOUNCED,
        Outage.Status.ACTIVE,
    ):
        raise OutageError(_("Only a planned outage not yet over has its text changed here."))
    before = outage.notice
    # Refused at its field, never cut: what callers are told, whole (walkthrough 28, finding 5).
    notice, said = text_typed(_("What to tell callers"), notice, 300)
    if said:
        raise OutageError(said, field="notice")
    if notice:
        outage.notice, outage.notice_source = notice, NoticeSource.STAFF
    else:
        assert outage.expected_restore_at is not None  # a planned outage has its end
        outage.notice = window_notice(
            starts_at=outage.starts_at, ends_at=outage.expected_restore_at, cause=outage.cause
        )
        outage.notice_source = NoticeSource.WINDOW
    outage.save(update_fields=["notice", "notice_source"])
    outage_history_add(outage, user, "notice", said=note_said("notice_before", text=before or "—"))
    return outage


def planned_outages_advance(*, now: dt.datetime | None = None) -> int:
    """Move every station's planned outages by the clock: announced ones whose start has come go
    off, and those whose end has come are back, at their end. Safe to run again at any time:
    what has moved already is not moved twice. Returns how many changes were made."""
    now = now or timezone.now()
    changes = 0
    with transaction.atomic(), station_language():
        starting = list(
            Outage.objects.select_for_update(skip_locked=True).filter(
                kind=Outage.Kind.PLANNED, status=Outage.Status.ANNOUNCED, starts_at__lte=now
            )
        )
        for outage in starting:
            outage.status = Outage.Status.ACTIVE
            outage.save(update_fields=["status"])
            outage_history_add(
                outage, None, "active", at=outage.starts_at, said=note_said("planned_started")
            )
            changes += 1
        ending = list(
            Outage.objects.select_for_update(skip_locked=True).filter(
                kind=Outage.Kind.PLANNED,
                status=Outage.Status.ACTIVE,
                expected_restore_at__lte=now,
            )
        )
        for outage in ending:
            assert outage.expected_restore_at is not None  # the filter's
            outage.status = Outage.Status.RESTORED
            outage.restored_at = outage.expected_restore_at
            outage.save(update_fields=["status", "restored_at"])
            outage_history_add(
                outage,
                None,
                "restored",
                at=outage.expected_restore_at,
                said=note_said("planned_finished"),
            )
            _planned_over(outage)
            changes += 1
    return changes


def _planned_over(outage: Outage) -> None:
    """Planned work over at its end: the orders kept open by a fault outage restored above it
    are resolved (``aftercare``), and those whose power is back are told, once."""
    from powerdesk.notifications.power_back import notify_callbacks_due, notify_power_back
    from powerdesk.notifications.told import still_out
    from powerdesk.outages.aftercare import aftercare_due, outage_aftercare

    assert outage.restored_at is not None
    dark = still_out(outage)
    if aftercare_due(outage):
        outage_aftercare(outage=outage, user=None, restored_at=outage.restored_at, dark=dark)
        notify_callbacks_due(outage, outage.callbacks.filter(done_at=None).count())
    notify_power_back(outage, out=dark)


@dataclass(frozen=True)
class PlannedReach:
    """Whom a planned outage takes supply from: households by village, and those to call."""

    households: int
    # (place, households), most first: the village, or its group (左门·哔叭) when only some of
    # its groups are below, as the texts name them (``notifications.audience.places_of``).
    villages: list[tuple[str, int]]
    medical_need: int
    elderly_alone: int


def planned_outage_reach(outage: Outage) -> PlannedReach:
    """The households below the outage's device on the grid as it is now."""
    from powerdesk.notifications.audience import places_of

    transformers = subtree_ids(outage.device)
    customers = Customer.objects.filter(
        station_id=outage.station_id, transformer_id__in=transformers
    )
    rows = list(
        customers.values_list("village__name", "group__name", "medical_need", "elderly_alone")
    )
    named = set(places_of(customers)) if rows else set()

    def place(village: str | None, group: str | None) -> str:
        part = f"{village}·{group}"
        return part if group and part in named else village or _("no village")

    villages = Counter(place(v, g) for v, g, _m, _e in rows)
    return PlannedReach(
        households=len(rows),
        villages=sorted(villages.items(), key=lambda item: (-item[1], item[0])),
        medical_need=sum(1 for _v, _g, m, _e in rows if m),
        elderly_alone=sum(1 for _v, _g, _m, e in rows if e),
    )
