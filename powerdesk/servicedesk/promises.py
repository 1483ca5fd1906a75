"""Promises made to customers: made (on an order's page, at intake), settled kept or not kept
by the station's rules, and the why of one the escalation job broke added afterwards."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.form_text import text_typed
from powerdesk.lib.forms import FieldError
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Promise, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.notices import notices_promise_explained, notices_promise_settled
from powerdesk.servicedesk.promises_late import late_said
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.accounts.models import Station, User
    from powerdesk.customers.models import Customer


# -- promises ---------------------------------------------------------------------------------
# A promise is kept within days; one a year ahead is already a different promise.
PROMISE_LATEST = dt.timedelta(days=366)


class PromiseNobodyError(WorkOrderError, FieldError):
    """A promise with neither a work order to follow nor a known customer to call back: nobody
    to keep it to (said at the work order's field: ``work_order``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="work_order")


class PromiseFieldError(WorkOrderError, FieldError):
    """A promise's text or time refused, said with its field (``text``, ``due_at``)."""


class PromiseOrderFinishedError(WorkOrderError, FieldError):
    """A promise attached to a finished work order (resolved, called back, closed): nothing is
    left on it to keep a promise by, and the promises page would follow an order nobody works
    on. Said at the work order's field (``work_order``): reopen the order, or make the promise
    to the customer alone."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="work_order")


@transaction.atomic
def promise_make(
    *,
    station: Station,
    user: User | None,
    text: str,
    due_at: dt.datetime,
    work_order: WorkOrder | None = None,
    customer: Customer | None = None,
) -> Promise:
    require(user, station, Do.PROMISE_MAKE)
    if work_order is not None and work_order.station_id != station.pk:
        raise WorkOrderError(_("That work order is not this station's."))
    if work_order is not None:
        # Read as it is now, locked until the promise is recorded (an order resolved meanwhile
        # is refused, whatever the instance passed in says).
        work_order = WorkOrder.objects.select_for_update().get(pk=work_order.pk)
    if work_order is not None and not work_order.is_open:
        # Whoever sends it (a page drawn before the order was resolved, the API): the order's
        # page offers no promise once it is finished (``order_actions``), one rule.
        raise PromiseOrderFinishedError(
            _(
                "Work order: %(number)s is %(status)s, so no promise is attached to it: reopen "
                "it if the work goes on, or make the promise to the customer alone."
            )
            % {"number": work_order.number, "status": work_order.get_status_display()}
        )
    if customer is not None and customer.station_id != station.pk:
        raise WorkOrderError(_("That customer is not this station's."))
    if not text.strip():
        raise PromiseFieldError(_("Say what was promised."), field="text")
    limit = Promise._meta.get_field("text").max_length or 0
    if len(text.strip()) > limit:
        # Refused, never cut: the promise is what the customer was told, whole.
        raise PromiseFieldError(
            _("What was promised is %(length)d characters long; at most %(limit)d fit.")
            % {"length": len(text.strip()), "limit": limit},
            field="text",
        )
    now = timezone.now()
    if due_at <= now:
        raise PromiseFieldError(_("A promise is for a time still to come."), field="due_at")
    if due_at > now + PROMISE_LATEST:
        raise PromiseFieldError(
            _("A promise is kept within %(days)d days; %(date)s is further off.")
            % {"days": PROMISE_LATEST.days, "date": f"{timezone.localtime(due_at):%Y-%m-%d}"},
            field="due_at",
        )
    if work_order is None and customer is None:
        # Nobody to keep it to: it would sit on the promises page with no order to follow and
        # no one to call back (the intake form refuses it too: ``intake_promise``), whoever
        # calls the service (the API: review 33, finding 3).
        raise PromiseNobodyError(
            _(
                "A promise needs a work order or a known customer to be kept to: name the work"
                " order it is about, or the customer it was made to."
            )
        )
    same = _same_open_promise(work_order, customer, text.strip(), due_at)
    if same is not None:
        # A double click, a retry, the page sent again: the promise is recorded once.
        return same
    if work_order is not None:
        customer = customer or work_order.customer
        WorkOrderEvent.objects.create(
            work_order=work_order,
            at=now,
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            **note_said(
                "promise_made", text=text.strip(), time=f"{timezone.localtime(due_at):%m-%d %H:%M}"
            ),
        )
    return Promise.objects.create(
        station=station,
        work_order=work_order,
        customer=customer,
        text=text.strip(),
        due_at=due_at,
        made_at=now,
        made_by=user,
    )


def _same_open_promise(
    work_order: WorkOrder | None, customer: Customer | None, text: str, due_at: dt.datetime
) -> Promise | None:
    """The open promise of the same words and time to the same order (or customer), if one is
    recorded: its row is locked first, so that of two requests at once the second sees the
    first's promise."""
    from powerdesk.customers.models import Customer

    if work_order is not None:
        WorkOrder.objects.select_for_update().filter(pk=work_order.pk).first()
        found = Promise.objects.filter(work_order=work_order)
    else:
        assert customer is not None
        Customer.objects.select_for_update().filter(pk=customer.pk).first()
        found = Promise.objects.filter(work_order=None, customer=customer)
    return found.filter(state=Promise.State.OPEN, text=text, due_at=due_at).first()


class PromiseEarlyError(WorkOrderError):
    """A promise marked not kept before its time: it can still be kept."""


class PromiseLateError(WorkOrderError):
    """A promise said kept after its time, without when it was kept: "kept" now is no longer
    true. Recorded kept with the time it was done (``promises_kept_at``: by its time kept on
    time, after it kept late), or not kept with why. ``kept_at``: whether the time it was kept
    may be said (not for a promise of an order whose power is still off: power back settles
    it), for the page's link to its form and the API's field (desk76)."""

    def __init__(self, message: str, *, kept_at: bool = True) -> None:
        super().__init__(message)
        self.kept_at = kept_at


class PromiseBrokenMeanwhileError(PromiseLateError):
    """A promise said kept from a page opened before its time, which the escalation job has
    recorded not kept since, as its time passed: only why it was not kept is left to say."""


class PromiseReasonError(WorkOrderError):
    """A promise marked not kept without saying why, or one of an order whose power is still off
    said kept without what was done (said at the reason's field)."""

    field = "reason"


class PromisePowerOffError(PromiseReasonError):
    """A promise of an order whose power is still off said kept without what was done (a
    conflict with the order's state, not a mistake in what was typed)."""


def orders_power_off() -> QuerySet[WorkOrder]:
    """The orders whose power is still off: not yet resolved, and a fault repair or joined to an
    outage still off. A promise of theirs is most often of power back, which their resolution
    (the outage's restore) settles by itself (``outages.aftercare.promises_settle``)."""
    from django.db.models import Q

    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.models import Category
    from powerdesk.servicedesk.models.status import OPEN_STATUSES

    return WorkOrder.objects.filter(
        Q(category=Category.FAULT_REPAIR) | Q(outage_links__outage__status=Outage.Status.ACTIVE),
        status__in=OPEN_STATUSES,
    )


def promises_power_off(promises: QuerySet[Promise]) -> QuerySet[Promise]:
    """``promises``, each with ``power_off``: whether its order's power is still off."""
    from django.db.models import Exists, OuterRef

    return promises.annotate(
        power_off=Exists(orders_power_off().filter(pk=OuterRef("work_order_id")))
    )


# What was done, said when a promise is kept while its order's power is still off.
PROMISE_REASON_MAX = 200


@transaction.atomic
def promise_settle(*, promise: Promise, kept: bool, user: User | None, reason: str = "") -> Promise:
    """Record whether the promise was kept: kept only by its time, not kept only after it.

    Kept is the station's headline measure, so a promise of an order whose power is still off
    (``orders_power_off``) is not kept by a press: power back settles it, kept if back by its
    time. A promise of something else on such an order (a call back, a visit) is kept only with
    ``reason``, what was done, which the order's history keeps beside the promise. Marked not
    kept by hand, only once its time has passed (before, it can still be kept, and a misclick
    cannot be undone) and with why, which is kept with it and in the order's history
    (walkthrough 31, finding 7)."""
    require(user, promise.station_id, Do.PROMISE_SETTLE)
    # Read again under a lock: a double click, two clerks or the escalation scan at the same
    # moment settle it once, with one line in the order's history (review 32, finding 6).
    promise = Promise.objects.select_for_update().get(pk=promise.pk)  # (no join: PostgreSQL)
    if promise.state == Promise.State.BROKEN and not promise.settled_note:
        # The escalation job recorded it not kept as its time passed, while the page was open
        # (walkthrough 33, finding 2): why it was not kept, typed, is its why, never lost; kept
        # is refused with where to say why.
        if kept:
            message, kept_at = late_said(promise, user, meanwhile=True)
            raise PromiseBrokenMeanwhileError(message, kept_at=kept_at)
        return _why_said(promise, user, reason)
    if promise.state != Promise.State.OPEN:
        raise WorkOrderError(_("This promise is already settled."))
    now = timezone.now()
    if kept and now > promise.due_at:
        # Once late, kept is no longer true: a press must not record it broken without a word
        # and without why (walkthrough 32, finding 1).
        message, kept_at = late_said(promise, user)
        raise PromiseLateError(message, kept_at=kept_at)
    # A NUL (PostgreSQL cannot store it: review 32, finding 3), or invisible characters alone
    # (fix58a), refused; its length is ``_why_said``'s.
    reason, refused = text_typed(_("Reason"), " ".join(reason.split()), len(reason))
    if refused:
        raise PromiseReasonError(refused)
    power_off = (
        kept
        and promise.work_order_id is not None
        and orders_power_off().filter(pk=promise.work_order_id).exists()
    )
    if power_off and not reason:
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
    if power_off and len(reason) > PROMISE_REASON_MAX:
        # What was typed, not the order's state: 422 through the API (review 32, finding 17).
        raise PromiseReasonError(
            _("What was done is %(length)d characters long; at most %(limit)d fit.")
            % {"length": len(reason), "limit": PROMISE_REASON_MAX}
        )
    reason = reason.strip()
    if not kept:
        if now < promise.due_at:
            raise PromiseEarlyError(
                _(
                    "This promise is due by %(time)s and can still be kept: it can be marked "
                    "not kept once that time has passed."
                )
                % {"time": f"{timezone.localtime(promise.due_at):%m-%d %H:%M}"}
            )
        if not reason:
            raise PromiseReasonError(_("Say why the promise was not kept."))
        limit = Promise._meta.get_field("settled_note").max_length or 0
        if len(reason) > limit:
            raise PromiseReasonError(
                _("The reason is %(length)d characters long; at most %(limit)d fit.")
                % {"length": len(reason), "limit": limit}
            )
    promise.state = Promise.State.KEPT if kept else Promise.State.BROKEN
    promise.settled_at = now
    promise.settled_note = "" if kept else reason
    promise.save(update_fields=["state", "settled_at", "settled_note"])
    notices_promise_settled(promise, at=now)
    if promise.work_order is not None:
        if power_off and promise.state == Promise.State.KEPT:
            said = note_said("promise_kept_power_off", text=promise.text, reason=reason)
        elif promise.settled_note:
            said = note_said("promise_broken_why", text=promise.text, reason=reason)
        else:
            said = note_said(f"promise_{promise.state}", text=promise.text)
        WorkOrderEvent.objects.create(
            work_order=promise.work_order,
            at=now,
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            **said,
        )
    return promise


@transaction.atomic
def promise_explain(*, promise: Promise, user: User | None, reason: str) -> Promise:
    """Say why a promise the escalation job broke was not kept (review 32, finding 5: the job
    breaks a promise within minutes of its time, so "not kept, with why" was left for the
    office to say afterwards). Once, on a promise broken without why; kept with it and in the
    order's history, as a broken one said by hand."""
    require(user, promise.station_id, Do.PROMISE_SETTLE)
    promise = Promise.objects.select_for_update().get(pk=promise.pk)  # (no join: PostgreSQL)
    if promise.state != Promise.State.BROKEN or promise.settled_note:
        raise WorkOrderError(_("Only a promise broken without why is said why afterwards."))
    return _why_said(promise, user, reason)


def _why_said(promise: Promise, user: User | None, reason: str) -> Promise:
    """Why ``promise`` (locked, broken without why) was not kept, kept with it and in its
    order's history."""
    limit = Promise._meta.get_field("settled_note").max_length or 0
    reason, said = text_typed(_("Reason"), " ".join(reason.split()), limit)
    if said:
        raise PromiseReasonError(said)
    if not reason:
        raise PromiseReasonError(_("Say why the promise was not kept."))
    promise.settled_note = reason
    promise.save(update_fields=["settled_note"])
    if promise.work_order is not None:
        WorkOrderEvent.objects.create(
            work_order=promise.work_order,
            at=timezone.now(),
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            **note_said("promise_broken_why", text=promise.text, reason=reason),
        )
    notices_promise_explained(promise)
    notices_promise_settled(promise)
    return promise
