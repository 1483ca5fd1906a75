"""A promise said kept with the time it was done (walk74 finding 7): a clerk who phoned the
customer at 20:49 for a promise due 20:50 and clicked at 20:52 could only record it not kept,
and a minute later the escalation job recorded it broken. Kept at or before its time is kept on
time, even after the job broke it (the correction is a line of the order's history, below the
broken one, with who said it and when); kept after its time is kept late, counted apart."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, NotAllowed, may, require
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Promise, WorkOrderEvent
from powerdesk.servicedesk.notices import notices_promise_settled
from powerdesk.servicedesk.promises import PromisePowerOffError, orders_power_off
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "PromiseKeptAtError",
    "month_start",
    "past_month_closed",
    "promise_kept_at",
    "require_correct_past",
]


class PromiseKeptAtError(WorkOrderError):
    """The time a promise was kept is not one it could have been kept at."""

    field = "kept_at"


def _hm(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%m-%d %H:%M}"


def month_start(now: dt.datetime) -> dt.datetime:
    """The first moment of the station's month that ``now`` is in."""
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def past_month_closed(promise: Promise, user: User | None, now: dt.datetime) -> bool:
    """Whether ``promise`` fell due in a month already past (its figures reported) and ``user``
    may not record it kept now (only the chief, a person who is recorded: never a system's
    token, ``Do.PROMISE_CORRECT_PAST``). Said beforehand where kept is asked, the page's form
    and the API's hint not offered (review77 L11)."""
    return promise.due_at < month_start(now) and (
        user is None or not may(user, promise.station_id, Do.PROMISE_CORRECT_PAST)
    )


def require_correct_past(promise: Promise, user: User | None, now: dt.datetime) -> None:
    """Raise ``NotAllowed`` (403) when the system (a station's API token, ``user=None``) would
    record kept a promise of a month already past: correcting a reported month's figure is a
    decision that must be a person's who is recorded, the chief's (desk79)."""
    if user is None and promise.due_at < month_start(now):
        raise NotAllowed(
            _(
                "This promise fell due in %(month)s, a month already past whose figures are "
                "reported: it is recorded kept by a person, the station chief, on the promises "
                "page or with their session, who is recorded as having done it: not through a "
                "system's API token."
            )
            % {"month": f"{timezone.localtime(promise.due_at):%Y-%m}"}
        )


@transaction.atomic
def promise_kept_at(*, promise: Promise, user: User | None, at: dt.datetime) -> Promise:
    """Record ``promise`` kept at ``at`` (not in the future, not before it was made): kept when
    ``at`` is by its time, kept late after it. An open promise, or one recorded broken (by the
    escalation job or by hand): the correction keeps who said it and when, and the broken line
    stays in the order's history. A promise of an order whose power is still off is kept by
    power back, as ``promise_settle`` says."""
    require(user, promise.station_id, Do.PROMISE_SETTLE)
    require_correct_past(promise, user, timezone.now())
    promise = Promise.objects.select_for_update().get(pk=promise.pk)  # (no join: PostgreSQL)
    if promise.state not in (Promise.State.OPEN, Promise.State.BROKEN):
        raise WorkOrderError(_("This promise is already settled."))
    now = timezone.now()
    if at > now:
        raise PromiseKeptAtError(
            _("The time it was kept (%(time)s) is later than now.") % {"time": _hm(at)}
        )
    if past_month_closed(promise, user, now):
        # A month already reported: its kept rate is not rewritten by the desk (probe76, 7).
        raise PromiseKeptAtError(
            _(
                "This promise fell due in %(month)s, a month already past: its figures are "
                "reported, and only the station chief may record it kept now."
            )
            % {"month": f"{timezone.localtime(promise.due_at):%Y-%m}"}
        )
    # The form says minutes: kept in the minute it was made is not before it (probe76, 10).
    if at < promise.made_at.replace(second=0, microsecond=0):
        raise PromiseKeptAtError(
            _("The time it was kept (%(time)s) is before the promise was made (%(made)s).")
            % {"time": _hm(at), "made": _hm(promise.made_at)}
        )
    if promise.work_order_id is not None and orders_power_off().filter(pk=promise.work_order_id):
        assert promise.work_order is not None
        raise PromisePowerOffError(
            _(
                "The power is still off for work order %(number)s (%(status)s): a promise of "
                "power back is settled by itself when the power is back. If what was promised "
                "was something else (a call back, a visit), say what was done."
            )
            % {
                "number": promise.work_order.number,
                "status": promise.work_order.get_status_display(),
            }
        )
    was_broken = promise.state == Promise.State.BROKEN
    on_time = at <= promise.due_at
    promise.state = Promise.State.KEPT if on_time else Promise.State.KEPT_LATE
    promise.settled_at = now
    promise.settled_note = ""
    promise.kept_at = max(at, promise.made_at)
    promise.kept_said_by = user
    promise.save(update_fields=["state", "settled_at", "settled_note", "kept_at", "kept_said_by"])
    notices_promise_settled(promise, at=now)
    if promise.work_order is not None:
        args = {"text": promise.text, "time": _hm(at), "due": _hm(promise.due_at)}
        if was_broken:
            code = "promise_kept_corrected"
        else:
            code = "promise_kept_at" if on_time else "promise_kept_late"
        WorkOrderEvent.objects.create(
            work_order=promise.work_order,
            at=now,
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            **note_said(code, **args),
        )
    return promise
