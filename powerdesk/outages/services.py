"""Recording known and planned outages, and finding those that affect a customer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.forms import FieldError, refuse_all
from powerdesk.network.models import GridNode
from powerdesk.network.selectors import downstream_summary
from powerdesk.outages.intake import signal_record
from powerdesk.outages.models import (
    NoticeSource,
    Outage,
    OutageEvent,
    Signal,
    SignalSource,
    SignalType,
)
from powerdesk.outages.time_bounds import fault_start_problem, restore_bounds
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from collections.abc import Iterable

    from powerdesk.accounts.models import Station, User


def planned_notice_days(station_id: int) -> int:
    """How many days ahead the station announces a planned outage (its commitment)."""
    from powerdesk.servicedesk.deadlines import policy_for

    return policy_for(station_id).planned_notice_days


class OutageError(FieldError):
    """Why an outage cannot be recorded or changed. ``field``: the form field it is about, when
    one is (the page shows the message next to it, the rest above the form)."""


def notice_too_short(days: int) -> OutageError:
    """The refusal of a planned outage's start (announced, moved, or asked for) within the
    station's notice period of ``days`` without the chief's shorter notice."""
    return OutageError(
        ngettext(
            "A planned outage is announced at least %(days)d day before it starts; "
            "only the chief may accept a shorter notice, with the reason.",
            "A planned outage is announced at least %(days)d days before it starts; "
            "only the chief may accept a shorter notice, with the reason.",
            days,
        )
        % {"days": days},
        field="starts_at",
    )


@transaction.atomic
def outage_declare(
    *,
    station: Station,
    user: User | None,
    device: GridNode,
    kind: str,
    starts_at: dt.datetime | None = None,
    expected_restore_at: dt.datetime | None = None,
    cause: str = "",
    notice: str = "",
    short_notice_reason: str = "",
    notify: bool = True,
) -> Outage:
    """Record an outage on ``device`` (now, or planned for later).

    ``notify=False``: the caller tells the households itself once it has recorded what goes
    with the outage (``patrol.prediction_found_here``: the cause, so that the one text carries
    the estimate that holds).

    A planned outage is announced the station's notice period ahead, unless the chief accepts
    a shorter notice with ``short_notice_reason``, which its history keeps. A fault outage has
    begun (``fault_start_problem``: no start later than now, bar the clocks' few minutes) and
    is never expected back at a time already past (``restore_bounds``). Without a
    ``notice``, what to tell callers about a planned outage is written from its window.
    """
    require(user, station, Do.OUTAGE_DECLARE)
    if device.station_id != station.pk:
        raise OutageError(_("That device belongs to another station."))
    now = timezone.now()
    starts_at = starts_at or now
    short_notice_reason = short_notice_reason.strip()[:200]
    short = False
    if kind != Outage.Kind.PLANNED:
        problem = fault_start_problem(starts_at, now)
        if problem:
            raise OutageError(problem, field="starts_at")
        # A few minutes ahead is the clock of the machine it was typed on: it is on now.
        starts_at = min(starts_at, now)
    if kind == Outage.Kind.PLANNED:
        days = planned_notice_days(station.pk)
        if starts_at <= now:
            raise OutageError(_("A planned outage starts later than now."), field="starts_at")
        short = starts_at < now + dt.timedelta(days=days)
        if short and not short_notice_reason:
            raise notice_too_short(days)
        if short:
            require(user, station, Do.OUTAGE_SHORT_NOTICE)
    if kind == Outage.Kind.PLANNED and expected_restore_at is None:
        # The window is what the villages are told, and what ends the outage by itself.
        raise OutageError(
            _("A planned outage needs the time power is back (its end)."),
            field="expected_restore_at",
        )
    if expected_restore_at is not None:
        bounds = restore_bounds(starts_at=starts_at, now=now, planned=kind == Outage.Kind.PLANNED)
        refused = bounds.problem(expected_restore_at)
        if refused:
            raise OutageError(refused, field="expected_restore_at")
    if kind == Outage.Kind.PLANNED:
        if not cause.strip():
            # Villagers and the crew are told what the work is; an empty one tells nobody.
            raise OutageError(_("Write what the work is."), field="cause")
        from powerdesk.outages.planned import planned_overlap_refuse

        assert expected_restore_at is not None  # checked above
        planned_overlap_refuse(device=device, starts_at=starts_at, ends_at=expected_restore_at)
    # Texted to households and shown on the public page: plain words only, refused at the
    # field whoever sends them (the page's form says it first; walkthrough 36, #8).
    from powerdesk.lib.plain import not_plain

    for name, label, text in (
        ("cause", _("cause"), cause),
        ("notice", _("what to tell callers"), notice),
    ):
        refused = not_plain(label, text)
        if refused:
            raise OutageError(refused, field=name)
    status = Outage.Status.ANNOUNCED if starts_at > now else Outage.Status.ACTIVE
    notice = notice.strip()
    notice_source = NoticeSource.STAFF
    if kind == Outage.Kind.PLANNED and not notice:
        from powerdesk.outages.planned_notice import window_notice

        assert expected_restore_at is not None  # checked above
        notice = window_notice(starts_at=starts_at, ends_at=expected_restore_at, cause=cause)
        notice_source = NoticeSource.WINDOW
    outage = Outage.objects.create(
        station=station,
        device=device,
        kind=kind,
        status=status,
        starts_at=starts_at,
        expected_restore_at=expected_restore_at,
        cause=cause,
        notice=notice,
        notice_source=notice_source,
        customers=downstream_summary(device)["customers"],
        created_by=user,
    )
    OutageEvent.objects.create(outage=outage, at=now, by=user, what=status, note=cause)
    if short:
        said = note_said(
            "short_announce",
            ahead=round((starts_at - now).total_seconds() / 86400, 1),
            days=days,
            reason=short_notice_reason,
        )
        OutageEvent.objects.create(
            outage=outage,
            at=now,
            by=user,
            what="short_announce",
            note=said["note"][:300],
            note_code=said["note_code"],
            note_args=said["note_args"],
        )
    from powerdesk.notifications.outage_known import notify_outage_known
    from powerdesk.notifications.planned_changes import notify_planned_announced

    if not notify:
        return outage
    if kind == Outage.Kind.PLANNED:
        notify_planned_announced(outage)
    else:
        notify_outage_known(outage)
    return outage


def cause_asked_at_restore(outage: Outage, *, cause_kind: str | None = None) -> bool:
    """Whether power back on ``outage`` asks for its cause: a fault outage with none yet.
    ``cause_kind``: the kind its crew found, when read already with other outages' (the
    board's rows), else read from its link."""
    kind = outage.cause_kind if cause_kind is None else cause_kind
    return outage.kind == Outage.Kind.UNPLANNED and not (kind or outage.cause)


@transaction.atomic
def outage_restore(
    *,
    outage: Outage,
    user: User | None,
    note: str = "",
    at: dt.datetime | None = None,
    cause: str = "",
    how: str | None = None,
) -> Outage:
    """Power is back at ``at`` (now by default; never before the start, never in the future).

    ``how``: how power came back (``power_back_how``). A person restoring a fault outage no crew
    was ever sent to says it, whatever form it came from (None is none said), or nothing is
    recorded and the refusal is at its field; "another way" is said in ``note``, refused there
    when empty. It is kept as a line of the outage's history. With a crew sent (a crew
    restoring from its phone was) it is not asked, and ignored; nor is it of the system.
    Every field wrong (the time, the cause, how) is refused at once.

    The device closing is a ``restore`` signal for the engine; for a fault outage, the joined
    work orders are resolved, their promises settled and the callbacks made due (``aftercare``).

    They are resolved with the outage's cause: a person restoring a fault outage whose cause
    nobody recorded yet says it (``cause``, "unknown" being one of the causes), from the office
    as from the crew's phone, or nothing is recorded and the refusal is at the cause's field
    (walkthrough 28, finding 3; review 28, M1: the check was in the office's form only). A
    planned outage has its reason; the system (``user`` None) has nobody to ask.
    """
    # aftercare and estimates build on this module
    from powerdesk.outages.aftercare import aftercare_due, outage_aftercare
    from powerdesk.outages.crew import require_on_outage
    from powerdesk.outages.estimates import outage_cause_found
    from powerdesk.outages.power_back_how import HOW_STEP
    from powerdesk.outages.restoration import open_device_ids
    from powerdesk.outages.restore_checks import restore_refusals, restore_status_checked

    # The office restores any outage; a crew only the one it was sent to (outages.crew).
    require_on_outage(user, outage, Do.OUTAGE_RESTORE)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    restore_status_checked(outage)
    now = timezone.now()
    if outage.starts_at > now:
        # Restored before it began would be a negative interruption in the reliability figures.
        raise OutageError(
            _("This outage has not started yet (it starts at %(time)s): power cannot be back.")
            % {"time": f"{timezone.localtime(outage.starts_at):%Y-%m-%d %H:%M}"}
        )
    at = at or now
    # Every field refused at once (walkthrough 38, 6: the cause, then "how" on a second try).
    checked = restore_refusals(outage=outage, user=user, at=at, cause=cause, how=how, note=note)
    wrong, cause_asked, how_said = checked.wrong, checked.cause_asked, checked.how
    at = min(at, now)
    refuse_all(OutageError, wrong)
    if cause_asked:
        outage = outage_cause_found(outage=outage, user=user, cause=cause, at=at, power_back=True)
    outage.status = Outage.Status.RESTORED
    outage.restored_at = at
    outage.save(update_fields=["status", "restored_at"])
    OutageEvent.objects.create(outage=outage, at=at, by=user, what="restored", note=note)
    if how_said:
        from powerdesk.outages.history import outage_history_add

        outage_history_add(
            outage, user, "power_back_how", at=at, said=note_said(HOW_STEP, how=how_said)
        )
    # After a partial restore, the devices closed last are those still open, not the first.
    still_open = open_device_ids(outage)
    # The places a crew found the fault at were reported open ("found here"): closed with it.
    from powerdesk.outages.patrol import found_device_ids

    still_open += [pk for pk in found_device_ids(outage) if pk not in still_open]
    heard_at = restore_heard_at(outage.station, still_open, at)
    for device in GridNode.objects.filter(pk__in=still_open).order_by("pk"):
        signal_record(
            station=outage.station,
            type=SignalType.RESTORE,
            at=heard_at[device.pk],
            source=SignalSource.STAFF,
            device=device,
            source_id=(
                f"restore:{outage.pk}"
                if device.pk == outage.device_id
                else f"restore:{outage.pk}:{device.pk}"
            ),
        )
    from powerdesk.notifications.power_back import notify_callbacks_due, notify_power_back
    from powerdesk.notifications.told import still_out

    # Who below it is still dark from another outage: reckoned once, for the orders kept open
    # and for the texts alike.
    dark = still_out(outage)
    if aftercare_due(outage):
        outage_aftercare(outage=outage, user=user, restored_at=at, dark=dark)
    notify_power_back(outage, out=dark)
    notify_callbacks_due(outage, outage.callbacks.filter(done_at=None).count())
    from powerdesk.outages.still_dark_said import inner_still_on_recorded

    inner_still_on_recorded(outage, user)
    return outage


# How long after the last report of a device open the engine hears its restore, when the time
# power came back was entered as earlier than that report.
RESTORE_AFTER_REPORT = dt.timedelta(milliseconds=1)


def restore_heard_at(
    station: Station, device_ids: Iterable[int], at: dt.datetime
) -> dict[int, dt.datetime]:
    """The time each device's ``restore`` signal carries: ``at``, the time power came back,
    unless the device was reported open (confirmed on the board, found by a crew) later than
    that — the office confirms a prediction at 14:00, the crew then phones that power was back
    at 13:50. The engine takes signals in time order: a restore before the report would leave
    the device open in its picture for good. The restore answers every report made before it
    was recorded, so it is heard just after the last of them."""
    ids = list(device_ids)
    heard = dict.fromkeys(ids, at)
    reports = (
        Signal.objects.filter(
            station=station, type=SignalType.CONFIRM_OPEN, device_id__in=ids, event_at__gte=at
        )
        .values("device_id")
        .annotate(latest=Max("event_at"))
        .values_list("device_id", "latest")
    )
    for device_id, latest in reports:
        heard[device_id] = latest + RESTORE_AFTER_REPORT
    return heard
